#!/usr/bin/env bash
# Checks the Helm chart without Helm (none is served here): renders every template with Helm's own engine (Go's
# text/template + sprig, charts/tools/render), with the defaults plus the required settings and with every optional
# part on; validates each rendered object against the Kubernetes API schemas (kubernetes-models) and strictly for
# unknown fields (TypeScript's excess-property check over the same package's types); checks the security defaults;
# validates the values against values.schema.json and proves a bad values file is refused; lints the YAML; and checks
# that the README's parameter table is the one generated from values.yaml.
#
#   charts/tools/check.sh [OUT_DIR]     rendered manifests are left in OUT_DIR (default: .data/chart)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/prerequisites.sh
ensure_debian_packages golang-go golang-github-masterminds-sprig-dev yamllint
# Our machines come with Node.js and npm; Debian's are the fallback elsewhere.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || ensure_debian_packages nodejs npm

chart=charts/datagateway
tools=charts/tools
out=${1:-.data/chart}
mkdir -p "$out"
out=$(cd "$out" && pwd)
(cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# GOPATH mode over Debian's Go source packages (sprig, yaml.v3): no module download is possible here.
(cd "$tools/render" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$out/gocache" go build -o "$out/render" .)

for values in minimal everything; do
  node "$tools/values.mjs" "$chart" "$chart/ci/$values-values.yaml"
  "$out/render" -f "$chart/ci/$values-values.yaml" "$chart" > "$out/$values.yaml"
  node "$tools/validate.mjs" < "$out/$values.yaml"
  node "$tools/strict.mjs" < "$out/$values.yaml"
  # Rendered blocks that are switched off leave blank lines, as they do under Helm; everything else is linted.
  yamllint -d '{extends: default, rules: {line-length: disable, trailing-spaces: disable, empty-lines: disable, document-start: disable, indentation: {indent-sequences: whatever}, comments-indentation: disable}}' "$out/$values.yaml"
done

for bad in "$chart"/ci/invalid/*.yaml; do
  if node "$tools/values.mjs" "$chart" "$chart/ci/minimal-values.yaml" "$bad" 2>/dev/null; then
    echo "check: $bad was accepted by values.schema.json" >&2; exit 1
  fi
done
if "$out/render" "$chart" > /dev/null 2>&1; then
  echo "check: the chart rendered without the required settings (database.existingSecret, identity.issuer …)" >&2; exit 1
fi

yamllint -d '{extends: default, rules: {line-length: {max: 200}, document-start: disable, truthy: {check-keys: false}}}' "$chart/values.yaml" "$chart/Chart.yaml" "$chart"/ci/*.yaml

# The parameter table in the README is generated from values.yaml's @param comments (bitnami's generator).
cp "$chart/README.md" "$out/README.md"
node "$tools/node_modules/@bitnami/readme-generator-for-helm/bin/index.js" --values "$chart/values.yaml" --readme "$out/README.md" >/dev/null
if ! diff -u "$chart/README.md" "$out/README.md"; then
  echo "check: charts/datagateway/README.md's parameters are not the ones in values.yaml; regenerate them:" >&2
  echo "  node charts/tools/node_modules/@bitnami/readme-generator-for-helm/bin/index.js --values $chart/values.yaml --readme $chart/README.md" >&2
  exit 1
fi
echo "check: chart OK (manifests in $out)"
