#!/usr/bin/env bash
# Catalog at the seeds' scale (issue 3): imports 17,320 datasets × 20 fields from CSV through the admin API, then
# measures how long a running gateway takes to serve a changed catalog of that size (LISTEN/NOTIFY → snapshot →
# YARP routes). Prints a Markdown table; also written to bench/catalog/out/latest.md.
#
#   bench/catalog/run.sh [--municipal 7896] [--district 9424] [--fields 20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_debian_packages postgresql curl jq

municipal=7896; district=9424; fields=20
while [ $# -gt 0 ]; do
  case "$1" in
    --municipal) municipal="$2"; shift ;;
    --district) district="$2"; shift ;;
    --fields) fields="$2"; shift ;;
    *) echo "usage: bench/catalog/run.sh [--municipal N] [--district N] [--fields N]" >&2; exit 2 ;;
  esac
  shift
done

out="$root/bench/catalog/out"; work="$out/work"
rm -rf "$work"; mkdir -p "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { local p; while :; do p=$(( 20000 + RANDOM % 20000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done; }
now_ms() { date +%s%3N; }

log "building (Release)"
dotnet build DataGateway.sln -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }

server="$(bash scripts/pg.sh start)"
psql -q "postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/postgres" \
  -c "drop database if exists bench_catalog with (force)" -c "create database bench_catalog" >/dev/null
connection="${server/Database=postgres/Database=bench_catalog}"
issuer="https://bench-issuer.datagateway.local"
dotnet "$(bin demo/DataGateway.Demo)" keys --out "$work" --issuer "$issuer" --audience datagateway >/dev/null
identity=(DataGateway__Identity__Issuer="$issuer" DataGateway__Identity__Audience=datagateway DataGateway__Identity__SigningKeyFiles__0="$work/keys/issuer.pub.pem")
admin="Authorization: Bearer $(cat "$work/tokens/admin.jwt")"

catalog_port=$(free_port); C="http://127.0.0.1:$catalog_port"
env "${identity[@]}" DataGateway__Catalog__ConnectionString="$connection" DataGateway__Catalog__CheckpointKeyFile="$work/keys/issuer.key.pem" Urls="$C" dotnet "$(bin catalog/DataGateway.Catalog)" > "$work/catalog.log" 2>&1 &
pids+=($!)
until curl -fsS -o /dev/null "$C/readyz" 2>/dev/null; do sleep 0.2; done

post() { curl -fsS -H "$admin" -H 'Content-Type: application/json' "$C$1" -d "$2" >/dev/null; }
# The admin organization is the catalog's own (created at start); the bench adds the rest.
for d in dept-housing dept-planning dept-credit dept-health dept-market dept-transport dept-grid; do
  post /v1/organizations "{\"id\":\"$d\",\"name\":\"$d\",\"kind\":\"department\"}"
done
post /v1/organizations '{"id":"district-310104","name":"徐汇区人民政府","kind":"district","districtCode":"310104"}'
post /v1/services '{"id":"svc-housing","ownerId":"dept-housing","baseAddress":"http://127.0.0.1:9"}'

dotnet "$(bin demo/DataGateway.Demo)" catalog-csv --out "$work/catalog.csv" --municipal "$municipal" --district "$district" --fields "$fields" >/dev/null
size_mb=$(( $(stat -c %s "$work/catalog.csv") / 1048576 ))
log "importing $((municipal + district)) datasets × $fields fields (${size_mb} MB of CSV)"
import_s=$(curl -fsS -o "$work/import.json" -w '%{time_total}' -H "$admin" -H 'Content-Type: text/csv' --data-binary @"$work/catalog.csv" "$C/v1/import/datasets")
jq -c . "$work/import.json" >&2

# Keyword search over the published catalog at this size (q= matches titles, descriptions, field names and titles,
# owners and domains): the median of 30 calls per query, one page of 20, as a district reads it.
district_auth="Authorization: Bearer $(cat "$work/tokens/district-310104.jwt")"
# The p50 and p99 (in ms) of curl's own timings (the transfer, not curl's start) read from stdin, one per line.
percentiles() { sort -n | awk '{ a[NR] = $1 } END { printf "%.1f / %.1f", a[int((NR + 1) / 2)] * 1000, a[int(NR * 0.99 + 0.5)] * 1000 }'; }
search_percentiles() {
  local i
  for i in $(seq 30); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -G -H "$district_auth" "$C/v1/datasets" --data-urlencode "q=$1" -d size=20
  done | percentiles
}
search_rows=""
for q in 黄浦 法人 行政区划代码 字段19 dept-credit finance "全市 企业"; do
  total=$(curl -fsS -G -H "$district_auth" "$C/v1/datasets" --data-urlencode "q=$q" -d size=1 | jq .total)
  search_rows+="| search q=$q ($total matches), p50 / p99 of a page of 20 | $(search_percentiles "$q") ms | ≤ 50 ms |"$'\n'
done

# One dataset read by code, as a district's tools read it: 300 reads, of the first and last pages' codes in turn.
mapfile -t codes < <(curl -fsS -G -H "$district_auth" "$C/v1/datasets" -d size=100 | jq -r '.items[].code'
  curl -fsS -G -H "$district_auth" "$C/v1/datasets" -d size=100 -d page=$(( (municipal + district) / 100 )) | jq -r '.items[].code')
read_percentiles=$(for i in $(seq 300); do
  curl -fsS -o /dev/null -w '%{time_total}\n' -H "$district_auth" "$C/v1/datasets/${codes[$(( i % ${#codes[@]} ))]}"
done | percentiles)

gateway_port=$(free_port); G="http://127.0.0.1:$gateway_port"
started=$(now_ms)
env "${identity[@]}" DataGateway__Gateway__ConnectionString="$connection" DataGateway__Gateway__MaskHashKey="$(cat "$work/keys/mask-hash.key")" \
  DataGateway__Ledger__JournalDirectory="$work/journal" \
  Urls="$G" dotnet "$(bin gateway/DataGateway.Gateway)" > "$work/gateway.log" 2>&1 &
pids+=($!)
until curl -fsS -o /dev/null "$G/readyz" 2>/dev/null; do sleep 0.05; done
startup_ms=$(( $(now_ms) - started ))

# One more dataset: the time until the gateway routes it is the time to serve a changed catalog of this size.
reloads=()
for i in 1 2 3; do
  code="reload-probe-$i"
  changed=$(now_ms)
  post /v1/datasets "{\"code\":\"$code\",\"title\":\"重载探针$i\",\"ownerId\":\"dept-housing\",\"serviceId\":\"svc-housing\",\"path\":\"/$code\",\"domain\":\"housing\",\"sharing\":\"unconditional\",\"districtField\":\"district_code\",\"fields\":[{\"name\":\"district_code\",\"title\":\"区划\",\"level\":\"L1\"}]}"
  # 404 dataset_unknown until the new snapshot and routes are in place; then the (unreachable) upstream answers 502.
  while curl -sS -H "$district_auth" "$G/api/$code" | grep -q dataset_unknown; do sleep 0.01; done
  reloads+=($(( $(now_ms) - changed )))
done
load_line=$(grep -o 'Catalog version [0-9]* loaded: [0-9]* datasets, [0-9]* grants in [0-9]* ms' "$work/gateway.log" | tail -1)
rss_mb=$(( $(ps -o rss= -p "${pids[1]}") / 1024 ))

table=$(cat <<TXT
| measure | result | target |
| --- | --- | --- |
| CSV import, $((municipal + district)) datasets × $fields fields (${size_mb} MB), one request | ${import_s} s | ≤ 20 s |
| \`GET /v1/datasets/{code}\` with that catalog, p50 / p99 of 300 | ${read_percentiles} ms | p99 ≤ 10 ms |
| gateway start to ready with that catalog | ${startup_ms} ms | |
| catalog change to new route served (3 changes) | ${reloads[*]} ms | ≤ 1000 ms |
| gateway's own log of the last load | ${load_line} | |
| gateway resident memory with that catalog | ${rss_mb} MB | ≤ 300 MB |
${search_rows%$'\n'}
TXT
)
echo "$table" | tee "$out/latest.md"
