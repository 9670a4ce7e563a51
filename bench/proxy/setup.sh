# The benchmark's city, shared by run.sh and profile.sh (sourced, from the repository root): one upstream (nginx
# serving two files of demo `housing` records, ~1 KB and ~1 MB, all of district 310104), and in front of it nginx,
# HAProxy and bare YARP 2.3 as plain reverse proxies, and three gateways with full enforcement on PostgreSQL: with the
# call ledger (G), with the ledger acknowledging from its journal (J, DataGateway:Ledger:Acknowledge=Journal), and
# without it (NL). Sets: origin, nginx_port, haproxy_port, yarp_port, G, J, NL, district, operator,
# work, size_1k, size_1m, cores; everything it starts is stopped on exit. runtime_env (an array, if set) is passed to
# the .NET proxies: profile.sh sets DOTNET_PerfMapEnabled there.
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_debian_packages postgresql curl jq nginx haproxy wrk

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
# Bare YARP: the library the gateway is built on, with nothing of ours, on the same upstream and runtime settings.
yarp_port=$(free_port)
env ${runtime_env[@]+"${runtime_env[@]}"} dotnet "$(bin bench/DataGateway.Bench.BareYarp)" --urls "http://127.0.0.1:$yarp_port" --upstream "http://127.0.0.1:$origin" > "$work/bare-yarp.log" 2>&1 &
pids+=($!)
wait_url "http://127.0.0.1:$yarp_port/bench-1k"

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
  Logging__LogLevel__Default=Warning ${runtime_env[@]+"${runtime_env[@]}"} Urls="$G" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway.log" 2>&1 &
pids+=($!)
wait_url "$G/readyz"
nl_port=$(free_port); NL="http://127.0.0.1:$nl_port"
env "${identity[@]}" DataGateway__Gateway__ConnectionString="$connection" DataGateway__Gateway__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Ledger__Enabled=false Logging__LogLevel__Default=Warning ${runtime_env[@]+"${runtime_env[@]}"} Urls="$NL" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway-noledger.log" 2>&1 &
pids+=($!)
wait_url "$NL/readyz"
j_port=$(free_port); J="http://127.0.0.1:$j_port"
env "${identity[@]}" DataGateway__Gateway__ConnectionString="$connection" DataGateway__Gateway__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Ledger__JournalDirectory="$work/journal-first" DataGateway__Ledger__CheckpointKeyFile="$work/keys/issuer.key.pem" \
  DataGateway__Ledger__Acknowledge=Journal DataGateway__Ledger__InstanceName=bench-journal-first \
  Logging__LogLevel__Default=Warning ${runtime_env[@]+"${runtime_env[@]}"} Urls="$J" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway-journal.log" 2>&1 &
pids+=($!)
wait_url "$J/readyz"
district="Authorization: Bearer $(cat "$work/tokens/district-310104.jwt")"
operator="Authorization: Bearer $(cat "$work/tokens/op-bank.jwt")"

# What the gateway returns must be what enforcement says, or the figures mean nothing.
check=$(curl -fsS -H "$district" "$G/api/bench-1k")
echo "$check" | jq -e 'all(.[]; has("owner_id_number") | not) and all(.[]; .owner_name | test("^.\\*+$"))' >/dev/null \
  || { log "gateway answer not filtered as expected: $check"; exit 1; }
curl -fsS -H "$operator" "$G/api/bench-1k" | jq -e 'all(.[]; keys == ["address","area_m2","district_code","id","usage"])' >/dev/null \
  || { log "operator answer not filtered as expected"; exit 1; }

