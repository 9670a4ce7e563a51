#!/usr/bin/env bash
# Where a proxied call's time goes (issue 19): the benchmark's city (setup.sh), then for each path a wrk load of
# --seconds while (1) every process's CPU time is read from /proc before and after, giving CPU microseconds per call
# for the load generator, the upstream, PostgreSQL, the proxy and the kernel's threads, and (2) `perf record` samples the proxy's stacks
# (software clock; the .NET proxies write perf maps, so JIT-compiled frames have names).
#
#   bench/proxy/profile.sh [--seconds 10] [--connections 32] [--paths "gateway-1k journal-1k noledger-1k gateway-1m noledger-1m yarp-1k yarp-1m nginx-1k nginx-1m"]
# Writes bench/proxy/out/profile/<path>.{cpu.md,perf.data,top.txt}; prints the CPU tables.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
seconds=10
connections=32
paths="gateway-1k noledger-1k yarp-1k nginx-1k gateway-1m noledger-1m yarp-1m nginx-1m"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    --paths) paths="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    *) echo "usage: bench/proxy/profile.sh [--seconds N] [--paths \"...\"]" >&2; exit 2 ;;
  esac
  shift
done
source scripts/lib/prerequisites.sh
ensure_debian_packages linux-perf
# W^X double-maps JIT-compiled code, and perf would then see anonymous memory instead of the perf map's names.
runtime_env=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
source bench/proxy/setup.sh
prof="$out/profile"; rm -rf "$prof"; mkdir -p "$prof"

pid_of_port() { ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
gateway_pid=$(pid_of_port "${G##*:}"); journal_pid=$(pid_of_port "${J##*:}"); noledger_pid=$(pid_of_port "${NL##*:}"); yarp_pid=$(pid_of_port "$yarp_port")
# Every process's CPU ticks (user+system, all threads), one "pid comm ticks" line each.
snapshot() { python3 -c '
import glob
for f in glob.glob("/proc/[0-9]*/stat"):
    try: text = open(f).read()
    except OSError: continue
    pid, rest = text.split(" ", 1); comm, fields = rest.rsplit(") ", 1); fields = fields.split()
    print(pid, comm.lstrip("(").replace(" ", "_"), int(fields[11]) + int(fields[12]))'; }
hz=$(getconf CLK_TCK)

# A path's URL, caller header, the pid to sample (none for nginx, whose workers are many) and wrk's arguments.
path_of() {
  local p="$1"
  case "$p" in
    gateway-*) url="$G/api/bench-${p#*-}"; header="$district"; pid=$gateway_pid ;;
    journal-*) url="$J/api/bench-${p#*-}"; header="$district"; pid=$journal_pid ;;
    noledger-*) url="$NL/api/bench-${p#*-}"; header="$district"; pid=$noledger_pid ;;
    yarp-*) url="http://127.0.0.1:$yarp_port/bench-${p#*-}"; header=""; pid=$yarp_pid ;;
    nginx-*) url="http://127.0.0.1:$nginx_port/bench-${p#*-}"; header=""; pid="" ;;
  esac
  args=(-t2 "-c$connections")
  if [ -n "$header" ]; then args+=(-H "$header"); fi
}

log "warming the proxies up"
for p in $paths; do
  path_of "$p"
  wrk "${args[@]}" -d5s "$url" >/dev/null 2>&1
done

for p in $paths; do
  path_of "$p"
  log "profiling $p (${seconds} s)"
  wrk "${args[@]}" -d3s "$url" >/dev/null 2>&1
  snapshot > "$prof/$p.before"
  idle_before=$(awk '/^cpu / {print $5 + $6}' /proc/stat)
  if [ -n "$pid" ]; then
    perf record -F 499 -g -p "$pid" -o "$prof/$p.perf.data" -- sleep "$seconds" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  # wrk has exited by the second snapshot: its CPU comes from the shell's children times instead.
  wrk_ticks=$( ( wrk "${args[@]}" -d"${seconds}s" --latency "$url" > "$prof/$p.wrk.txt" 2>&1; times ) | tail -1 \
    | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * '"$hz"' }')
  [ -n "$pid" ] && wait "$perf_pid" || true
  snapshot > "$prof/$p.after"
  idle_after=$(awk '/^cpu / {print $5 + $6}' /proc/stat)
  rps=$(awk '/Requests\/sec/ {print $2}' "$prof/$p.wrk.txt")
  # CPU µs per call of each process that used any, named by role where it is one of ours; perf's own is listed too.
  awk -v hz="$hz" -v calls="$(awk -v r="$rps" -v s="$seconds" 'BEGIN { print r * s }')" -v p="$p" -v rps="$rps" \
      -v wrk="$wrk_ticks" -v gw="$gateway_pid" -v jf="$journal_pid" -v nl="$noledger_pid" -v yp="$yarp_pid" -v idle="$(( idle_after - idle_before ))" '
    FNR == NR { before[$1] = $3; next }
    { d = $3 - before[$1]; if (d <= 0) next
      name = $1 == gw ? "gateway" : $1 == jf ? "gateway (journal-first)" : $1 == nl ? "gateway (no ledger)" : $1 == yp ? "bare YARP" : $2
      if (name ~ /^postgres/) name = "PostgreSQL"; if (name ~ /^nginx/) name = "nginx (both)"; if (name ~ /^kworker|^ksoftirqd/) name = "kernel threads"
      used[name] += d }
    END { used["wrk"] = wrk; printf "%s at %s req/s, CPU µs per call:", p, rps
      for (n in used) printf " %s %.0f;", n, used[n] / hz * 1e6 / calls
      printf " idle %.0f\n", idle / hz * 1e6 / calls }' "$prof/$p.before" "$prof/$p.after" | tee "$prof/$p.cpu.md"
  if [ -n "$pid" ]; then
    perf report -i "$prof/$p.perf.data" --no-children -g none --sort dso,symbol --percent-limit 0.5 --stdio 2>/dev/null | grep -v '^$' | head -150 > "$prof/$p.top.txt" || true
  fi
done
