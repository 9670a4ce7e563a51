#!/usr/bin/env bash
# The demo's landing receivers under a return's load (issue 14): starts `receivers --keep counts` on a free port with
# a token per district, posts a million housing-like records to the 16 districts (bench landing-throughput), and
# prints records/s and the receivers' peak resident memory before and after (VmHWM), to show it does not grow with
# the data. Add --store to also write the JSON-lines files (into a temporary folder, deleted after).
#
#   bench/receivers/run.sh [--records 1000000] [--batch 1000] [--concurrency 16] [--store]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_debian_packages curl

records=1000000; batch=1000; concurrency=16; store=""
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="$2"; shift ;;
    --batch) batch="$2"; shift ;;
    --concurrency) concurrency="$2"; shift ;;
    --store) store=1 ;;
    *) echo "usage: bench/receivers/run.sh [--records N] [--batch N] [--concurrency N] [--store]" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 10000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
peak() { awk '/VmHWM|VmRSS/ {printf "%s %.0f MB  ", $1, $2 / 1024}' "/proc/$pid/status"; }
# The receivers' CPU time so far (user + system, in clock ticks): on a shared machine, records per CPU-second of the
# receiver says what it can sustain better than the wall clock, which the other processes share.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

log "building (Release)"
dotnet build DataGateway.sln -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }

mkdir -p "$work/secrets"
for code in 310101 310104 310105 310106 310107 310109 310110 310112 310113 310114 310115 310116 310117 310118 310120 310151; do
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$work/secrets/landing-$code"
done
port=$(free_port); R="http://127.0.0.1:$port"
extra=(); [ -n "$store" ] && extra=(--store "$work/received")
dotnet "$(bin demo/DataGateway.Demo)" receivers --port "$port" --secrets "$work/secrets" --keep counts "${extra[@]}" > "$work/receivers.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "$R/healthz" 2>/dev/null; do sleep 0.2; done

# A warm-up of 20,000 records (JIT, pools), then the baseline, then the run.
dotnet "$(bin bench/DataGateway.Bench)" landing-throughput "$R" "$work/secrets" 20000 "$batch" "$concurrency" >/dev/null
curl -fsS -X DELETE -o /dev/null "$R/landing"
echo "receivers before: $(peak)"
ticks=$(cpu_ticks)
dotnet "$(bin bench/DataGateway.Bench)" landing-throughput "$R" "$work/secrets" "$records" "$batch" "$concurrency"
cpu=$(awk -v t="$(( $(cpu_ticks) - ticks ))" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')
echo "receivers after:  $(peak) CPU $cpu s: $(awk -v r="$records" -v c="$cpu" 'BEGIN {printf "%.0f", r / c}') records per CPU-second"
echo "summary: $(curl -fsS "$R/landing" | tr -d '\n' | head -c 400)…"
[ -n "$store" ] && echo "store: $(cat "$work"/received/*.jsonl | wc -l) lines, $(du -sh "$work/received" | cut -f1)"
exit 0
