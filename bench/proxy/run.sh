#!/usr/bin/env bash
# Proxy throughput and latency (issue 4). In one run, the same upstream (nginx serving two files of demo `housing`
# records, ~1 KB and ~1 MB, all of district 310104) is driven with wrk:
#   direct        straight to the upstream
#   nginx         nginx as a plain reverse proxy (workers = cores, upstream keep-alive, no buffering, no logs)
#   haproxy       HAProxy as a plain reverse proxy (threads = cores, http-reuse always, no logs)
#   gateway       DataGateway with full enforcement: a district caller (JWT, decision, district rows, masks on
#                 owner_name and address) and a licensed operator (a 5-field grant)
#   gateway, no ledger   the same gateway with DataGateway:Ledger:Enabled=false, to price the call ledger (issue 5):
#                 both also at 128 and 256 connections, and once more with PostgreSQL on a core of its own
# then latency at half the ledger-on gateway's maximum rate: direct, and through the gateway with and without the ledger.
#
#   bench/proxy/run.sh [--seconds 10]
# Prints a Markdown table; also written to bench/proxy/out/latest.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_debian_packages postgresql curl jq nginx haproxy wrk

seconds=10
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift ;;
    *) echo "usage: bench/proxy/run.sh [--seconds N]" >&2; exit 2 ;;
  esac
  shift
done

out="$root/bench/proxy/out"; work="$out/work"
rm -rf "$work"; mkdir -p "$work/www" "$work/tmp"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/origin.pid" ] && kill "$(cat "$work/origin.pid")" 2>/dev/null || true
  [ -f "$work/proxy.pid" ] && kill "$(cat "$work/proxy.pid")" 2>/dev/null || true
}
trap cleanup EXIT
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 20000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
wait_url() { for _ in $(seq 1 300); do curl -fsS -o /dev/null "$@" 2>/dev/null && return 0; sleep 0.2; done; log "not ready: $*"; exit 1; }
cores=$(nproc)

log "building (Release)"
dotnet build DataGateway.sln -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }

log "making the payloads from the demo housing service"
# The demo services take a range of ports from their base: all of it must be free.
range_free() { local p; for p in $(seq "$1" $(( $1 + 60 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 1; done; return 0; }
while :; do demo_base=$(( $(free_port) / 10 * 10 )); range_free "$demo_base" && break; done
dotnet "$(bin demo/DataGateway.Demo)" services --port-base "$demo_base" --rows 100000 > "$work/demo.log" 2>&1 &
demo_pid=$!
wait_url "http://127.0.0.1:$((demo_base + 1))/healthz"
curl -fsS "http://127.0.0.1:$((demo_base + 1))/housing?district_code=310104&size=4" > "$work/www/bench-1k"
curl -fsS "http://127.0.0.1:$((demo_base + 1))/housing?district_code=310104&size=3500" > "$work/www/bench-1m"
kill "$demo_pid"
size_1k=$(stat -c %s "$work/www/bench-1k"); size_1m=$(stat -c %s "$work/www/bench-1m")

origin=$(free_port); nginx_port=$(free_port); haproxy_port=$(free_port)
cat > "$work/origin.conf" <<CONF
worker_processes $cores; pid $work/origin.pid; error_log $work/origin-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; default_type application/json; sendfile on; keepalive_requests 1000000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$origin; root $work/www; location / { try_files \$uri =404; } } }
CONF
cat > "$work/proxy.conf" <<CONF
worker_processes $cores; pid $work/proxy.pid; error_log $work/proxy-error.log; daemon on;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  upstream origin { server 127.0.0.1:$origin; keepalive 64; }
  server { listen 127.0.0.1:$nginx_port;
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_buffer_size 64k; proxy_buffers 4 64k; proxy_busy_buffers_size 128k; } } }
CONF
cat > "$work/haproxy.cfg" <<CONF
global
  nbthread $cores
  maxconn 4000
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  http-reuse always
frontend bench
  bind 127.0.0.1:$haproxy_port
  default_backend origin
backend origin
  server origin 127.0.0.1:$origin maxconn 1000
CONF
nginx -c "$work/origin.conf" -e "$work/origin-error.log"
nginx -c "$work/proxy.conf" -e "$work/proxy-error.log"
haproxy -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
pids+=($!)

log "starting PostgreSQL, the catalog and the gateway"
server="$(bash scripts/pg.sh start)"
psql -q "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/postgres" \
  -c "drop database if exists bench_proxy with (force)" -c "create database bench_proxy" >/dev/null
connection="${server/Database=postgres/Database=bench_proxy}"
issuer="https://bench-issuer.datagateway.local"
dotnet "$(bin demo/DataGateway.Demo)" keys --out "$work" --issuer "$issuer" --audience datagateway >/dev/null
identity=(DataGateway__Identity__Issuer="$issuer" DataGateway__Identity__Audience=datagateway DataGateway__Identity__SigningKeyFiles__0="$work/keys/issuer.pub.pem")
catalog_port=$(free_port); C="http://127.0.0.1:$catalog_port"
env "${identity[@]}" DataGateway__Catalog__ConnectionString="$connection" DataGateway__Catalog__CheckpointKeyFile="$work/keys/issuer.key.pem" Urls="$C" dotnet "$(bin catalog/DataGateway.Catalog)" > "$work/catalog.log" 2>&1 &
pids+=($!)
wait_url "$C/readyz"
admin="Authorization: Bearer $(cat "$work/tokens/admin.jwt")"
post() { curl -fsS -H "$1" -H 'Content-Type: application/json' "$C$2" -d "$3"; }
# The catalog makes the admin organization itself at start (DataGateway:Catalog:AdminOrganizationId).
post "$admin" /v1/organizations '{"id":"dept-housing","name":"市房屋管理局","kind":"department"}' >/dev/null
post "$admin" /v1/organizations '{"id":"district-310104","name":"徐汇区人民政府","kind":"district","districtCode":"310104"}' >/dev/null
post "$admin" /v1/organizations '{"id":"op-bank","name":"浦江普惠银行","kind":"operator","licensedDomains":["finance"]}' >/dev/null
post "$admin" /v1/services "{\"id\":\"svc-bench\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://127.0.0.1:$origin\"}" >/dev/null
fields='[{"name":"id","title":"房屋编码","level":"L1"},{"name":"address","title":"房屋坐落","level":"L3","personalInformation":true,"mask":"keep:6:0"},
  {"name":"district_code","title":"区划","level":"L1"},{"name":"owner_name","title":"权利人","level":"L3","personalInformation":true,"mask":"keep:1:0"},
  {"name":"owner_id_number","title":"证件号码","level":"L4","personalInformation":true,"mask":"keep:6:4"},{"name":"area_m2","title":"面积","type":"number","level":"L2"},
  {"name":"usage","title":"用途","level":"L1"},{"name":"built_year","title":"建成年份","type":"number","level":"L1"},{"name":"registered_on","title":"登记日期","level":"L2"},
  {"name":"location.lng","title":"经度","type":"number","level":"L2"},{"name":"location.lat","title":"纬度","type":"number","level":"L2"}]'
# maxPageSize 10000: the 1 MB body holds 3,500 records, more than the default page cap the gateway would trim to.
for ds in bench-1k bench-1m; do
  post "$admin" /v1/datasets "{\"code\":\"$ds\",\"title\":\"基准$ds\",\"ownerId\":\"dept-housing\",\"serviceId\":\"svc-bench\",\"path\":\"/$ds\",\"domain\":\"finance\",\"sharing\":\"unconditional\",\"openForOperation\":true,\"districtField\":\"district_code\",\"maxPageSize\":10000,\"queryPrice\":0.1,\"fields\":$fields}" >/dev/null
  app=$(post "Authorization: Bearer $(cat "$work/tokens/op-bank.jwt")" /v1/applications "{\"datasetCode\":\"$ds\",\"scenario\":\"基准\",\"legalBasis\":\"基准测试授权\",\"fields\":[\"id\",\"address\",\"district_code\",\"area_m2\",\"usage\"]}" | jq -r .id)
  post "$admin" "/v1/applications/$app/approve" '{}' >/dev/null
done
gateway_port=$(free_port); G="http://127.0.0.1:$gateway_port"
env "${identity[@]}" DataGateway__Gateway__ConnectionString="$connection" DataGateway__Gateway__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Ledger__JournalDirectory="$work/journal" DataGateway__Ledger__CheckpointKeyFile="$work/keys/issuer.key.pem" \
  Logging__LogLevel__Default=Warning Urls="$G" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway.log" 2>&1 &
pids+=($!)
wait_url "$G/readyz"
nl_port=$(free_port); NL="http://127.0.0.1:$nl_port"
env "${identity[@]}" DataGateway__Gateway__ConnectionString="$connection" DataGateway__Gateway__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Ledger__Enabled=false Logging__LogLevel__Default=Warning Urls="$NL" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway-noledger.log" 2>&1 &
pids+=($!)
wait_url "$NL/readyz"
district="Authorization: Bearer $(cat "$work/tokens/district-310104.jwt")"
operator="Authorization: Bearer $(cat "$work/tokens/op-bank.jwt")"

# What the gateway returns must be what enforcement says, or the figures mean nothing.
check=$(curl -fsS -H "$district" "$G/api/bench-1k")
echo "$check" | jq -e 'all(.[]; has("owner_id_number") | not) and all(.[]; .owner_name | test("^.\\*+$"))' >/dev/null \
  || { log "gateway answer not filtered as expected: $check"; exit 1; }
curl -fsS -H "$operator" "$G/api/bench-1k" | jq -e 'all(.[]; keys == ["address","area_m2","district_code","id","usage"])' >/dev/null \
  || { log "operator answer not filtered as expected"; exit 1; }

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
wrk -t2 -c32 -d10s -H "$district" "$NL/api/bench-1k" >/dev/null 2>&1
wrk -t2 -c32 -d5s -H "$district" "$NL/api/bench-1m" >/dev/null 2>&1

declare -A result
for size in 1k 1m; do
  log "measuring ${size} payloads (${seconds} s per path)"
  result[direct-$size]=$(measure "direct-$size" "http://127.0.0.1:$origin/bench-$size" "")
  result[nginx-$size]=$(measure "nginx-$size" "http://127.0.0.1:$nginx_port/bench-$size" "")
  result[haproxy-$size]=$(measure "haproxy-$size" "http://127.0.0.1:$haproxy_port/bench-$size" "")
  result[gateway-district-$size]=$(measure "gateway-district-$size" "$G/api/bench-$size" "$district")
  result[gateway-operator-$size]=$(measure "gateway-operator-$size" "$G/api/bench-$size" "$operator")
  result[gateway-noledger-$size]=$(measure "gateway-noledger-$size" "$NL/api/bench-$size" "$district")
done
# With the ledger on, each call also waits for its group commit (about half a millisecond here), so 32 connections
# keep fewer calls doing work at once and the client, not the gateway, sets the pace. The ledger's cost is therefore
# the ratio of the two gateways' maxima over 32, 128 and 256 connections.
log "measuring 1k payloads with 128 and 256 connections (ledger on and off)"
for c in 128 256; do
  result[gateway-district-c$c-1k]=$(measure "gateway-district-c$c-1k" "$G/api/bench-1k" "$district" "$c")
  result[gateway-noledger-c$c-1k]=$(measure "gateway-noledger-c$c-1k" "$NL/api/bench-1k" "$district" "$c")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
field() { echo "${result[$1]}" | awk -v n="$2" '{print $n}'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -1; }
max_on=$(maxof "$(field gateway-district-1k 1)" "$(field gateway-district-c128-1k 1)" "$(field gateway-district-c256-1k 1)")
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
paced_gateway=$(paced gateway -H "$district" "$G/api/bench-1k")
paced_noledger=$(paced gateway-noledger -H "$district" "$NL/api/bench-1k")
ledger_records=$(psql -qtA "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/bench_proxy" -c "select count(*) from ledger_records")

{
  echo "| path | payload | req/s | p50 | p99 | errors |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for size in 1k 1m; do
    bytes=$([ "$size" = 1k ] && echo "$size_1k" || echo "$size_1m")
    for path in direct nginx haproxy gateway-district gateway-operator gateway-noledger; do
      r="${result[$path-$size]}"
      echo "| $path | $bytes B | $(echo "$r" | awk '{print $1}') | $(echo "$r" | awk '{print $2}') | $(echo "$r" | awk '{print $3}') | $(echo "$r" | cut -d' ' -f4-) |"
    done
  done
  for c in 128 256; do
    for path in gateway-district-c$c gateway-noledger-c$c; do
      r="${result[$path-1k]}"
      echo "| ${path%-c$c} ($c connections) | $size_1k B | $(echo "$r" | awk '{print $1}') | $(echo "$r" | awk '{print $2}') | $(echo "$r" | awk '{print $3}') | $(echo "$r" | cut -d' ' -f4-) |"
    done
  done
  echo
  echo "| ratio (req/s) | 1 KB | 1 MB | target |"
  echo "| --- | --- | --- | --- |"
  echo "| gateway (district) / nginx | $(ratio "$(field gateway-district-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field nginx-1m 1)") | ≥ 0.5 (1 KB), ≥ 0.8 (1 MB) |"
  echo "| gateway (district) / HAProxy | $(ratio "$(field gateway-district-1k 1)" "$(field haproxy-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field haproxy-1m 1)") | |"
  echo "| gateway (district) / direct | $(ratio "$(field gateway-district-1k 1)" "$(field direct-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field direct-1m 1)") | |"
  echo "| gateway (operator) / nginx | $(ratio "$(field gateway-operator-1k 1)" "$(field nginx-1k 1)") | $(ratio "$(field gateway-operator-1m 1)" "$(field nginx-1m 1)") | |"
  echo "| gateway (district), ledger on / off, 32 connections | $(ratio "$(field gateway-district-1k 1)" "$(field gateway-noledger-1k 1)") | $(ratio "$(field gateway-district-1m 1)" "$(field gateway-noledger-1m 1)") | |"
  echo "| gateway (district), ledger on / off, maximum over 32, 128 and 256 connections | $(ratio "$max_on" "$max_off") | | ≥ 0.9 |"
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
  echo "| gateway (district) | $(echo "$paced_gateway" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo "| gateway (district), no ledger | $(echo "$paced_noledger" | awk '{print $1" | "$2" | "$3" | "$4" ms"}') |"
  echo
  echo "Ledger records written by the gateway during the run: $ledger_records (one per call, every call held until its group commit)."
} | tee "$out/latest.md"
