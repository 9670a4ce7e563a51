#!/usr/bin/env bash
# Proxy throughput and latency (issues 4 and 19). In one run, the same upstream (nginx serving two files of demo
# `housing` records, ~1 KB and ~1 MB, all of district 310104; the whole city is set up by setup.sh) is driven with wrk:
#   direct        straight to the upstream
#   nginx         nginx as a plain reverse proxy (workers = cores, upstream keep-alive, no buffering, no logs)
#   haproxy       HAProxy as a plain reverse proxy (threads = cores, http-reuse always, no logs)
#   bare-yarp     YARP 2.3 with one route and nothing of ours (bench/DataGateway.Bench.BareYarp)
#   gateway       DataGateway with full enforcement: a district caller (JWT, decision, district rows, masks on
#                 owner_name and address) and a licensed operator (a 5-field grant)
#   gateway, no ledger   the same gateway with DataGateway:Ledger:Enabled=false, to price the call ledger (issue 5):
#                 both also at 128 and 256 connections, and once more with PostgreSQL on a core of its own
#   gateway, journal     the ledger acknowledging from its local journal (DataGateway:Ledger:Acknowledge=Journal,
#                 issue 19): PostgreSQL takes the records behind the calls
# then latency at half the ledger-on gateway's maximum rate: direct, nginx, bare YARP, and through the gateway with the
# ledger (both ways of acknowledging) and without, with the ledger's commit stages
# (datagateway_ledger_commit_stage_seconds) over each ledger run.
#
#   bench/proxy/run.sh [--seconds 10]
# Prints a Markdown table; also written to bench/proxy/out/latest.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
seconds=10
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    *) echo "usage: bench/proxy/run.sh [--seconds N]" >&2; exit 2 ;;
  esac
  shift
done

source bench/proxy/setup.sh

# wrk: 2 threads, 32 connections; a warm-up run first (JIT, connection pools), then the measured run.
measure() { # name, url, header (may be empty), connections (default 32)
  local args=(-t2 "-c${4:-32}" --latency)
  [ -n "$3" ] && args+=(-H "$3")
  wrk "${args[@]}" -d3s "$2" >/dev/null 2>&1
  wrk "${args[@]}" -d"${seconds}s" "$2" > "$work/wrk-$1.txt" 2>&1
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk-$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk-$1.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$work/wrk-$1.txt")
  echo "$rps $p50 $p99 ${errors:-none}"
}
# The gateway was just started: tiered compilation and PGO need more than a few seconds of load before the code is
# at its steady state, and whichever path ran first would otherwise pay for it.
log "warming the gateway up (15 s)"
for caller in "$district" "$operator"; do
  wrk -t2 -c32 -d5s -H "$caller" "$G/api/bench-1k" >/dev/null 2>&1
done
wrk -t2 -c32 -d5s -H "$district" "$G/api/bench-1m" >/dev/null 2>&1
for gateway in "$NL" "$J"; do
  wrk -t2 -c32 -d10s -H "$district" "$gateway/api/bench-1k" >/dev/null 2>&1
  wrk -t2 -c32 -d5s -H "$district" "$gateway/api/bench-1m" >/dev/null 2>&1
done

declare -A result
for size in 1k 1m; do
  log "measuring ${size} payloads (${seconds} s per path)"
  result[direct-$size]=$(measure "direct-$size" "http://127.0.0.1:$origin/bench-$size" "")
  result[nginx-$size]=$(measure "nginx-$size" "http://127.0.0.1:$nginx_port/bench-$size" "")
  result[haproxy-$size]=$(measure "haproxy-$size" "http://127.0.0.1:$haproxy_port/bench-$size" "")
  result[bare-yarp-$size]=$(measure "bare-yarp-$size" "http://127.0.0.1:$yarp_port/bench-$size" "")
  result[gateway-district-$size]=$(measure "gateway-district-$size" "$G/api/bench-$size" "$district")
  result[gateway-operator-$size]=$(measure "gateway-operator-$size" "$G/api/bench-$size" "$operator")
  result[gateway-noledger-$size]=$(measure "gateway-noledger-$size" "$NL/api/bench-$size" "$district")
  result[gateway-journal-$size]=$(measure "gateway-journal-$size" "$J/api/bench-$size" "$district")
done
# With the ledger on, each call also waits for its group commit (about half a millisecond here), so 32 connections
# keep fewer calls doing work at once and the client, not the gateway, sets the pace. The ledger's cost is therefore
# the ratio of the two gateways' maxima over 32, 128 and 256 connections.
log "measuring 1k payloads with 128 and 256 connections (ledger on, journal-first and off)"
for c in 128 256; do
  result[gateway-district-c$c-1k]=$(measure "gateway-district-c$c-1k" "$G/api/bench-1k" "$district" "$c")
  result[gateway-journal-c$c-1k]=$(measure "gateway-journal-c$c-1k" "$J/api/bench-1k" "$district" "$c")
  result[gateway-noledger-c$c-1k]=$(measure "gateway-noledger-c$c-1k" "$NL/api/bench-1k" "$district" "$c")
done

# Means per batch of the ledger's histograms between two scrapes, one "name mean" line each, sorted for join: the
# commit's stages and whole commit in µs, the batch size in records.
stage_means() { # before, after (files in $work)
  awk 'FNR == NR { before[$1] = $2; next } { delta[$1] = $2 - before[$1] }
    END { for (k in delta) if (k ~ /_count/ && delta[k] > 0) {
      s = k; sub(/_count/, "_sum", s); m = delta[s] / delta[k]
      name = k; sub(/_count/, "", name); sub(/^datagateway_ledger_/, "", name)
      if (match(name, /stage="[a-z_]+"/)) name = substr(name, RSTART + 7, RLENGTH - 8)
      printf "%s %s\n", name, name == "batch_size" ? sprintf("%.1f", m) : sprintf("%.0fµs", m * 1e6) } }' \
    "$work/$1.txt" "$work/$2.txt" | LC_ALL=C sort
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
field() { echo "${result[$1]}" | awk -v n="$2" '{print $n}'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }
max_on=$(maxof "$(field gateway-district-1k 1)" "$(field gateway-district-c128-1k 1)" "$(field gateway-district-c256-1k 1)")
max_journal=$(maxof "$(field gateway-journal-1k 1)" "$(field gateway-journal-c128-1k 1)" "$(field gateway-journal-c256-1k 1)")
max_off=$(maxof "$(field gateway-noledger-1k 1)" "$(field gateway-noledger-c128-1k 1)" "$(field gateway-noledger-c256-1k 1)")

# A deployment gives PostgreSQL its own machine. Here it can have one core of its own: PostgreSQL on the last core,
# everything else (wrk with one thread, both gateways, nginx) on the others, so the ratio prices the ledger's work in
# the gateway itself rather than PostgreSQL's CPU taken from the gateway's cores.
pinned=""
if [ "$cores" -ge 2 ] && command -v taskset >/dev/null; then
  log "measuring 1k payloads with PostgreSQL on a core of its own (ledger on and off)"
  pg_core=$((cores - 1)); rest="0-$((cores - 2))"
  pin() { local core="$1"; shift; for pid in "$@"; do taskset -a -p -c "$core" "$pid" >/dev/null 2>&1 || true; done; }
  gateway_pids=$(pgrep -f "DataGateway.Gateway.dll" || true); pg_pids=$(pgrep -f "^postgres" || true); nginx_pids=$(pgrep -f "nginx: " || true)
  pin "$pg_core" $pg_pids; pin "$rest" $gateway_pids $nginx_pids
  pinned_measure() { # name, url
    taskset -c "$rest" wrk -t1 -c64 -d3s -H "$district" "$2" >/dev/null 2>&1
    taskset -c "$rest" wrk -t1 -c64 --latency -d"${seconds}s" -H "$district" "$2" > "$work/wrk-$1.txt" 2>&1
    echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$1.txt") $(awk '$1=="50%" {print $2}' "$work/wrk-$1.txt") $(awk '$1=="99%" {print $2}' "$work/wrk-$1.txt")"
  }
  result[pinned-on]=$(pinned_measure pinned-on "$G/api/bench-1k")
  result[pinned-off]=$(pinned_measure pinned-off "$NL/api/bench-1k")
  pin "0-$((cores - 1))" $pg_pids $gateway_pids $nginx_pids
  pinned=yes
fi

# Latency at half the ledger-on gateway's maximum rate (district caller, 1 KB): 64 connections, each pausing between
# requests. A connection's cycle is its pause plus the response's latency, so each path first runs 3 s to learn its
# latency, and its pause is set so that it runs at the target rate: every path is measured at the same load.
half=$(awk -v m="$max_on" 'BEGIN { printf "%d", m / 2 }')
cycle_ms=$(awk -v h="$half" 'BEGIN { printf "%.3f", 64 * 1000 / h }')
paced() { # name, wrk arguments…
  local delay rate
  delay=$(awk -v c="$cycle_ms" 'BEGIN { printf "%.3f", c * 0.8 }')
  DELAY_MS="$delay" wrk -t2 -c64 -d3s -s bench/proxy/paced.lua "${@:2}" > "$work/paced-$1-calibration.txt" 2>&1
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/paced-$1-calibration.txt")
  delay=$(awk -v d="$delay" -v c="$cycle_ms" -v r="$rate" 'BEGIN { d += c - 64 * 1000 / r; if (d < 0) d = 0; printf "%.3f", d }')
  DELAY_MS="$delay" wrk -t2 -c64 --latency -d"${seconds}s" -s bench/proxy/paced.lua "${@:2}" > "$work/paced-$1.txt" 2>&1
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/paced-$1.txt") $(awk '$1=="50%" {print $2}' "$work/paced-$1.txt") $(awk '$1=="99%" {print $2}' "$work/paced-$1.txt") $delay"
}
paced_direct=$(paced direct "http://127.0.0.1:$origin/bench-1k")
paced_nginx=$(paced nginx "http://127.0.0.1:$nginx_port/bench-1k")
paced_yarp=$(paced bare-yarp "http://127.0.0.1:$yarp_port/bench-1k")
# The commit's parts during the ledger-on run (datagateway_ledger_commit_stage_seconds, means over the run).
stages() { curl -fsS "$1/metrics" | awk '/^datagateway_ledger_(commit_stage_seconds|commit_duration_seconds|batch_size)_(sum|count)/ { print $1, $2 }'; }
stages "$G" > "$work/stages-before.txt"
paced_gateway=$(paced gateway -H "$district" "$G/api/bench-1k")
stages "$G" > "$work/stages-after.txt"
stages "$J" > "$work/stages-journal-before.txt"
paced_journal=$(paced gateway-journal -H "$district" "$J/api/bench-1k")
stages "$J" > "$work/stages-journal-after.txt"
paced_noledger=$(paced gateway-noledger -H "$district" "$NL/api/bench-1k")
ledger_records=$(psql -qtA "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/bench_proxy" -c "select count(*) from ledger_records")
journal_records=$(psql -qtA "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/bench_proxy" -c "select count(*) from ledger_records where chain like 'bench-journal-first.%'")

{
  echo "| path | payload | req/s | p50 | p99 | errors |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for size in 1k 1m; do
    bytes=$([ "$size" = 1k ] && echo "$size_1k" || echo "$size_1m")
    for path in direct nginx haproxy bare-yarp gateway-district gateway-operator gateway-journal gateway-noledger; do
      r="${result[$path-$size]}"
      echo "| $path | $bytes B | $(echo "$r" | awk '{print $1}') | $(echo "$r" | awk '{print $2}') | $(echo "$r" | awk '{print $3}') | $(echo "$r" | cut -d' ' -f4-) |"
    done
  done
  for c in 128 256; do
    for path in gateway-district-c$c gateway-journal-c$c gateway-noledger-c$c; do
      r="${result[$path-1k]}"
      echo "| ${path%-c$c} ($c connections) | $size_1k B | $(echo "$r" | awk '{print $1}') | $(echo "$r" | awk '{print $2}') | $(echo "$r" | awk '{print $3}') | $(echo "$r" | cut -d' ' -f4-) |"
    done
  done
  echo
  echo "| ratio (req/s) | 1 KB | 1 MB | target |"
  echo "| --- | --- | --- | --- |"
  echo "| gateway (district) / nginx | $(ratio "$(field gateway-district-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field nginx-1m 1)") | ≥ 0.5 |"
  echo "| gateway (district) / HAProxy | $(ratio "$(field gateway-district-1k 1)" "$(field haproxy-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field haproxy-1m 1)") | |"
  echo "| gateway (district) / bare YARP | $(ratio "$(field gateway-district-1k 1)" "$(field bare-yarp-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field bare-yarp-1m 1)") | |"
  echo "| gateway, no ledger / bare YARP | $(ratio "$(field gateway-noledger-1k 1)" "$(field bare-yarp-1k 1)") | $(ratio "$(field gateway-noledger-1m 1)" "$(field bare-yarp-1m 1)") | |"
  echo "| gateway (district) / direct | $(ratio "$(field gateway-district-1k 1)" "$(field direct-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field direct-1m 1)") | |"
  echo "| gateway (operator) / nginx | $(ratio "$(field gateway-operator-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-operator-1m 1)" "$(field nginx-1m 1)") | |"
  echo "| gateway, no ledger / nginx | $(ratio "$(field gateway-noledger-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-noledger-1m 1)" "$(field nginx-1m 1)") | ≥ 0.7 (1 KB) |"
  echo "| gateway (district), ledger on / off, 32 connections | $(ratio "$(field gateway-district-1k 1)" "$(field gateway-noledger-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field gateway-noledger-1m 1)") | |"
  echo "| gateway (district), ledger on / off, maximum over 32, 128 and 256 connections | $(ratio "$max_on" "$max_off") | | ≥ 0.9 |"
  echo "| gateway (district), ledger journal-first / off, maximum over 32, 128 and 256 connections | $(ratio "$max_journal" "$max_off") | | ≥ 0.9 |"
  echo "| gateway (district), ledger journal-first / nginx | $(ratio "$(field gateway-journal-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-journal-1m 1)" "$(field nginx-1m 1)") | ≥ 0.5 |"
  if [ -n "$pinned" ]; then
    echo "| gateway (district), ledger on / off, PostgreSQL on a core of its own (64 connections) | $(ratio "$(field pinned-on 1)" "$(field pinned-off 1)") | | ≥ 0.9 |"
  fi
  echo
  if [ -n "$pinned" ]; then
    echo "PostgreSQL on a core of its own (wrk with one thread, 64 connections): ledger on $(field pinned-on 1) req/s (p50 $(field pinned-on 2), p99 $(field pinned-on 3)), off $(field pinned-off 1) req/s (p50 $(field pinned-off 2), p99 $(field pinned-off 3))."
    echo
  fi
  echo "Latency at about half the ledger-on gateway's maximum rate (target ${half} req/s; 64 connections, each pausing so that the path runs at that rate), 1 KB:"
  echo
  echo "| path | req/s | p50 | p99 | pause |"
  echo "| --- | --- | --- | --- | --- |"
  echo "| direct | $(echo "$paced_direct" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| nginx | $(echo "$paced_nginx" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| bare YARP | $(echo "$paced_yarp" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| gateway (district) | $(echo "$paced_gateway" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| gateway (district), ledger journal-first | $(echo "$paced_journal" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| gateway (district), no ledger | $(echo "$paced_noledger" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo
  echo "The ledger's group commits during the paced runs (mean per batch; \`datagateway_ledger_commit_stage_seconds\`, the whole"
  echo "commit, and records per batch). Acknowledging from the journal, a call waits for batch_wait, journal, release and resume"
  echo "only; connect and the copies are the ingestion's, behind the calls, over batches of their own:"
  echo
  echo "| stage | ledger on | journal-first |"
  echo "| --- | --- | --- |"
  LC_ALL=C join -a1 -a2 -e - -o 0,1.2,2.2 <(stage_means stages-before stages-after) <(stage_means stages-journal-before stages-journal-after) \
    | awk '{ print "| " $1 " | " $2 " | " $3 " |" }'
  echo
  echo "Ledger records written by the gateways during the run: $ledger_records (one per call, every call held until its group commit), $journal_records of them by the journal-first gateway."
} | tee "$out/latest.md"
