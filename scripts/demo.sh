#!/usr/bin/env bash
# Runs the demo city: PostgreSQL, the departments' data services, the districts' landing receivers, the catalog
# (with the demo identity provider) and the gateway, all on loopback, then prints the URLs and requests to try. Sets
# up what it needs on a fresh Debian machine. Ctrl-C stops everything.
#
#   scripts/demo.sh               start in the foreground
#   scripts/demo.sh --detach      start in the background and return (stop with: scripts/demo.sh stop)
#   scripts/demo.sh --rows 50000  rows per dataset (default 10000)
#   scripts/demo.sh stop          stop a detached demo
#
# Ports (override with the environment): GATEWAY_PORT=8080 CATALOG_PORT=8081 RETURNS_PORT=8082 (the returns worker's
# health and metrics) IDP_PORT=8083 (the demo OpenID Connect provider the console signs in with) CONSENT_PORT=8084 (the demo
# consent issuer, standing in for 随申办's authorization page) SERVICES_PORT_BASE=9100
# RECEIVERS_PORT=9090
# (the returns receivers every district's landing zone points at: http://127.0.0.1:$RECEIVERS_PORT/landing/<district code>)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
source scripts/lib/prerequisites.sh

demo="$root/.data/demo"
gateway_port="${GATEWAY_PORT:-8080}"
catalog_port="${CATALOG_PORT:-8081}"
services_base="${SERVICES_PORT_BASE:-9100}"
receivers_port="${RECEIVERS_PORT:-9090}"
returns_port="${RETURNS_PORT:-8082}"
idp_port="${IDP_PORT:-8083}"
consent_port="${CONSENT_PORT:-8084}"
consent_issuer="https://demo-consent.datagateway.local"
# The 16 districts, in code order: each gets a landing endpoint on the receivers and a token of its own.
districts="310101 310104 310105 310106 310107 310109 310110 310112 310113 310114 310115 310116 310117 310118 310120 310151"
rows=10000
detach=""

stop_demo() {
  [ -f "$demo/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$demo/pids"
  rm -f "$demo/pids"
}

while [ $# -gt 0 ]; do
  case "$1" in
    stop) stop_demo; log "demo stopped"; exit 0 ;;
    --detach) detach=1 ;;
    --rows) rows="$2"; shift ;;
    *) echo "usage: scripts/demo.sh [--detach] [--rows N] | stop" >&2; exit 2 ;;
  esac
  shift
done

ensure_dotnet
ensure_debian_packages postgresql curl
stop_demo
for port in "$gateway_port" "$catalog_port" "$returns_port" "$idp_port" "$consent_port" "$((services_base + 1))" "$receivers_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port is in use; stop what uses it or choose other ports (GATEWAY_PORT, CATALOG_PORT, RETURNS_PORT, IDP_PORT, CONSENT_PORT, SERVICES_PORT_BASE, RECEIVERS_PORT)"; exit 1
  fi
done

log "building (Release)"
dotnet build DataGateway.sln -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null
bin() { echo "$root/$1/bin/Release/net10.0/$(basename "$1").dll"; }

log "starting PostgreSQL"
server="$(bash scripts/pg.sh start)"
database="datagateway_demo"
psql_url="postgresql://postgres@127.0.0.1:$(cat .data/postgres/port)/postgres"
# A fresh catalog for every demo run, so the demo always starts from the same state.
psql -q "$psql_url" -c "drop database if exists $database with (force)" -c "create database $database" >/dev/null
connection="${server/Database=postgres/Database=$database}"

mkdir -p "$demo/logs"
: > "$demo/pids"
start() { # name, then the command; output goes to .data/demo/logs/<name>.log
  local name="$1"; shift
  "$@" > "$demo/logs/$name.log" 2>&1 &
  echo $! >> "$demo/pids"
}
wait_for() { # name, url
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    sleep 0.2
  done
  log "$1 did not start; its log:"; tail -n 40 "$demo/logs/$1.log" >&2; stop_demo; exit 1
}

issuer="https://demo-issuer.datagateway.local"
audience="datagateway"
log "minting the demo identity provider's key and a token per organization"
dotnet "$(bin demo/DataGateway.Demo)" keys --out "$demo" --issuer "$issuer" --audience "$audience" >/dev/null

log "starting the departments' data services ($rows rows per dataset)"
start services dotnet "$(bin demo/DataGateway.Demo)" services --port-base "$services_base" --rows "$rows" --manifest "$demo/services.json"
wait_for services "http://127.0.0.1:$((services_base + 1))/healthz"

log "starting the districts' landing receivers on 127.0.0.1:$receivers_port"
# Each district's landing endpoint expects its own bearer token, one file each (mode 600), kept across demo runs so a
# landing zone registered with one still works; what the receivers get is in .data/demo/landing/received/<code>.jsonl.
mkdir -p "$demo/landing/secrets"
for code in $districts; do
  secret="$demo/landing/secrets/landing-$code"
  if [ ! -s "$secret" ]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$secret"; echo >> "$secret")
  fi
  chmod 600 "$secret"
done
start receivers dotnet "$(bin demo/DataGateway.Demo)" receivers --port "$receivers_port" \
  --secrets "$demo/landing/secrets" --store "$demo/landing/received"
wait_for receivers "http://127.0.0.1:$receivers_port/healthz"

# The console signs in at the demo's OpenID Connect provider: it issues the keys command's tokens (same key, issuer,
# audience and claims), for one client, the console on the catalog's origin, coming back to /console/callback.
console_origin="http://127.0.0.1:$catalog_port"
log "starting the demo OpenID Connect provider on 127.0.0.1:$idp_port"
start idp dotnet "$(bin demo/DataGateway.Demo)" idp --port "$idp_port" --key "$demo/keys/issuer.key.pem" \
  --issuer "$issuer" --audience "$audience" --client-id datagateway-console \
  --redirect-uri "$console_origin/console/callback" --console-origin "$console_origin"
wait_for idp "http://127.0.0.1:$idp_port/healthz"

log "starting the catalog on 127.0.0.1:$catalog_port"
start catalog env \
  DataGateway__Console__Oidc__Authority="http://127.0.0.1:$idp_port" \
  DataGateway__Console__Oidc__ClientId=datagateway-console \
  DataGateway__Catalog__ConnectionString="$connection" \
  DataGateway__Catalog__DemoIssuerJwksFile="$demo/keys/jwks.json" \
  DataGateway__Catalog__CheckpointKeyFile="$demo/keys/issuer.key.pem" \
  DataGateway__Catalog__LandingZones__AllowHttp=true \
  DataGateway__Identity__Issuer="$issuer" \
  DataGateway__Identity__Audience="$audience" \
  DataGateway__Identity__SigningKeyFiles__0="$demo/keys/issuer.pub.pem" \
  DataGateway__Consent__Issuer="$consent_issuer" \
  DataGateway__Consent__Organization=org-suishenban \
  DataGateway__Consent__SigningKeyFiles__0="$demo/keys/consent.pub.pem" \
  Urls="http://127.0.0.1:$catalog_port" \
  dotnet "$(bin catalog/DataGateway.Catalog)"
wait_for catalog "http://127.0.0.1:$catalog_port/readyz"

log "loading the demo catalog through the admin API"
dotnet "$(bin demo/DataGateway.Demo)" seed --catalog "http://127.0.0.1:$catalog_port" --token "$demo/tokens/admin.jwt" \
  --manifest "$demo/services.json" --landing-base "http://127.0.0.1:$receivers_port" > "$demo/logs/seed.log" 2>&1 || { tail -n 40 "$demo/logs/seed.log" >&2; stop_demo; exit 1; }

# The consent issuer signs with its own key (keys/consent.key.pem) and withdraws consents at the catalog as 随申办.
log "starting the demo consent issuer on 127.0.0.1:$consent_port"
start consent dotnet "$(bin demo/DataGateway.Demo)" consent --port "$consent_port" --key "$demo/keys/consent.key.pem" \
  --issuer "$consent_issuer" --catalog "http://127.0.0.1:$catalog_port" --catalog-token "$demo/tokens/org-suishenban.jwt"
wait_for consent "http://127.0.0.1:$consent_port/healthz"

log "starting the gateway on 127.0.0.1:$gateway_port"
start gateway env \
  DataGateway__Gateway__ConnectionString="$connection" \
  DataGateway__Gateway__MaskHashKey="$(cat "$demo/keys/mask-hash.key")" \
  DataGateway__Ledger__JournalDirectory="$demo/journal" \
  DataGateway__Ledger__CheckpointKeyFile="$demo/keys/issuer.key.pem" \
  DataGateway__Identity__Issuer="$issuer" \
  DataGateway__Identity__Audience="$audience" \
  DataGateway__Identity__JwksUrl="http://127.0.0.1:$catalog_port/.well-known/jwks.json" \
  DataGateway__Identity__JwksCachePath="$demo/jwks-cache.json" \
  DataGateway__Consent__Issuer="$consent_issuer" \
  DataGateway__Consent__Organization=org-suishenban \
  DataGateway__Consent__JwksUrl="http://127.0.0.1:$consent_port/.well-known/jwks.json" \
  Urls="http://127.0.0.1:$gateway_port" \
  dotnet "$(bin gateway/DataGateway.Gateway)"
wait_for gateway "http://127.0.0.1:$gateway_port/readyz"

log "starting the returns worker (health and metrics on 127.0.0.1:$returns_port)"
start returns env \
  DataGateway__Returns__ConnectionString="$connection" \
  DataGateway__Returns__MaskHashKey="$(cat "$demo/keys/mask-hash.key")" \
  DataGateway__Returns__SecretsDirectory="$demo/landing/secrets" \
  DataGateway__Returns__CheckpointKeyFile="$demo/keys/issuer.key.pem" \
  Urls="http://127.0.0.1:$returns_port" \
  dotnet "$(bin returns/DataGateway.Returns.Worker)"
wait_for returns "http://127.0.0.1:$returns_port/readyz"

g="http://127.0.0.1:$gateway_port"
c="http://127.0.0.1:$catalog_port"
cat <<TXT

The demo city is running.
  gateway (data API)      $g        API reference: $g/scalar/   OpenAPI: $g/openapi/v1.json
  catalog (admin API)     $c        API reference: $c/scalar/   OpenAPI: $c/openapi/v1.json
  web console (控制台)    $c/console/   使用统一身份认证登录 (pick an organization), or paste a token from .data/demo/tokens/
  demo identity provider  http://127.0.0.1:$idp_port (OpenID Connect: /.well-known/openid-configuration)   JWKS: $c/.well-known/jwks.json   tokens: .data/demo/tokens/<org>.jwt
  consent issuer (随申办)  http://127.0.0.1:$consent_port/   (POST /consents, POST /consents/{id}/withdraw; see README, 持证主体授权)
  department services     http://127.0.0.1:$((services_base + 1)) …   (see .data/demo/services.json)
  returns worker          http://127.0.0.1:$returns_port/metrics   (runs the jobs of POST $c/v1/returns)
  districts' receivers    http://127.0.0.1:$receivers_port/landing/{district}   tokens: .data/demo/landing/secrets/   received: .data/demo/landing/received/
  logs                    .data/demo/logs/

Try:
  # 属地返还: 徐汇区 reads its own district's housing rows, district fields only
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/district-310104.jwt)" "$g/api/housing?size=3"
  # an operator with no grant: 403 problem+json
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/op-unlicensed.jwt)" "$g/api/housing"
  # no token: 401
  curl -s "$g/api/housing"
  # a licensed operator on its granted fields
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/op-bank.jwt)" "$g/api/enterprises?size=2"
  # 持证主体授权: a person consents (consent issuer), the insurer reads that person's vaccination rows only
  #   (see README, "持证主体授权" for the full walk-through with a real ID number)
  # the published catalog
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/op-bank.jwt)" "$c/v1/datasets?size=3"
  # push housing to every district's landing zone (属地返还), follow it, and see what each district received
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/admin.jwt)" -H 'Content-Type: application/json' "$c/v1/returns" -d '{"dataset":"housing"}'
  curl -s -H "Authorization: Bearer \$(cat .data/demo/tokens/admin.jwt)" "$c/v1/returns?size=1"
  curl -s "http://127.0.0.1:$receivers_port/landing"
TXT

if [ -n "$detach" ]; then
  echo; echo "Running in the background; stop it with: scripts/demo.sh stop"
  exit 0
fi
echo; echo "Press Ctrl-C to stop."
trap 'stop_demo; echo; log "demo stopped"; exit 0' INT TERM
wait
