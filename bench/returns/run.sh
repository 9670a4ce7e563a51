#!/usr/bin/env bash
# Returns at scale (issue 14): the demo city's housing dataset with --rows records (1,000,000 by default) returned to
# the 16 districts by the real returns worker, through the real demo department service, catalog and landing
# receivers (`receivers --keep counts`, so the receiving end does not grow with the data). Prints records/s over the
# job's own running time and the wall clock, and the worker's peak resident memory (VmHWM) before and after.
#
#   bench/returns/run.sh [--rows 1000000] [--batch 1000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_debian_packages postgresql curl jq

rows=1000000; batch=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift ;;
    --batch) batch="$2"; shift ;;
    *) echo "usage: bench/returns/run.sh [--rows N] [--batch N]" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { local p; while :; do p=$(( 20000 + RANDOM % 20000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
wait_for() { until curl -fsS -o /dev/null "$1" 2>/dev/null; do sleep 0.2; done; }
memory() { awk '/VmHWM|VmRSS/ {printf "%s %.0f MB  ", $1, $2 / 1024}' "/proc/$1/status"; }

log "building (Release)"
dotnet build DataGateway.sln -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }

server="$(bash scripts/pg.sh start)"
psql -q "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/postgres" \
  -c "drop database if exists bench_returns with (force)" -c "create database bench_returns" >/dev/null
connection="${server/Database=postgres/Database=bench_returns}"
issuer="https://bench-issuer.datagateway.local"
dotnet "$(bin demo/DataGateway.Demo)" keys --out "$work" --issuer "$issuer" --audience datagateway >/dev/null
admin="Authorization: Bearer $(cat "$work/tokens/admin.jwt")"

log "starting the department services with $rows rows per dataset"
services_base=$(( 30000 + RANDOM % 10000 ))
dotnet "$(bin demo/DataGateway.Demo)" services --port-base "$services_base" --rows "$rows" --manifest "$work/services.json" > "$work/services.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$((services_base + 1))/healthz"

mkdir -p "$work/secrets"
for code in 310101 310104 310105 310106 310107 310109 310110 310112 310113 310114 310115 310116 310117 310118 310120 310151; do
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$work/secrets/landing-$code"
done
receivers_port=$(free_port); R="http://127.0.0.1:$receivers_port"
dotnet "$(bin demo/DataGateway.Demo)" receivers --port "$receivers_port" --secrets "$work/secrets" --keep counts > "$work/receivers.log" 2>&1 &
pids+=($!)
wait_for "$R/healthz"

catalog_port=$(free_port); C="http://127.0.0.1:$catalog_port"
env DataGateway__Catalog__ConnectionString="$connection" DataGateway__Catalog__DemoIssuerJwksFile="$work/keys/jwks.json" \
  DataGateway__Catalog__LandingZones__AllowHttp=true DataGateway__Identity__Issuer="$issuer" DataGateway__Identity__Audience=datagateway \
  DataGateway__Identity__SigningKeyFiles__0="$work/keys/issuer.pub.pem" Urls="$C" dotnet "$(bin catalog/DataGateway.Catalog)" > "$work/catalog.log" 2>&1 &
pids+=($!)
wait_for "$C/readyz"
dotnet "$(bin demo/DataGateway.Demo)" seed --catalog "$C" --token "$work/tokens/admin.jwt" --manifest "$work/services.json" --landing-base "$R" > "$work/seed.log" 2>&1
for code in $(ls "$work/secrets" | sed 's/landing-//'); do
  curl -fsS -o /dev/null -X PUT -H "$admin" -H 'Content-Type: application/json' "$C/v1/organizations/district-$code/landing-zone" \
    -d "{\"url\":\"$R/landing/$code\",\"auth\":{\"kind\":\"bearer\",\"secretRef\":\"landing-$code\"},\"batchSize\":$batch}"
done

worker_port=$(free_port)
env DataGateway__Returns__ConnectionString="$connection" DataGateway__Returns__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Returns__SecretsDirectory="$work/secrets" Urls="http://127.0.0.1:$worker_port" \
  dotnet "$(bin returns/DataGateway.Returns.Worker)" > "$work/worker.log" 2>&1 &
worker=$!; pids+=($worker)
wait_for "http://127.0.0.1:$worker_port/readyz"
echo "worker before: $(memory $worker)"

log "returning housing ($rows rows) to the 16 districts, $batch rows a batch"
started=$(date +%s%3N)
id=$(curl -fsS -H "$admin" -H 'Content-Type: application/json' "$C/v1/returns" -d '{"dataset":"housing"}' | jq -r .id)
while :; do
  job=$(curl -fsS -H "$admin" "$C/v1/returns/$id")
  state=$(jq -r .state <<<"$job")
  [ "$state" = completed ] || [ "$state" = failed ] && break
  sleep 0.5
done
wall=$(( $(date +%s%3N) - started ))
echo "worker after:  $(memory $worker)"
jq -r '"state \(.state), rows read \(.rowsRead), delivered \(.progress.rowsDelivered), held \(.held.total), gaps \(.gaps | length), run \(.progress.rowsPerSecond) rows/s over its running time"' <<<"$job"
delivered=$(jq -r .progress.rowsDelivered <<<"$job")
echo "wall clock: $wall ms, $(awk -v r="$delivered" -v ms="$wall" 'BEGIN {printf "%.0f", r * 1000 / ms}') records/s (job start to completed, as the admin sees it)"
echo "receivers: $(curl -fsS "$R/landing" | jq -c '[.[] | .records] | add') records, $(curl -fsS "$R/landing" | jq -c '[.[] | .duplicates] | add') duplicates"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg)"
