#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against a private PostgreSQL, and end-to-end tests that start the
# real gateway, catalog and demo departments on loopback ports. Installs what it needs on a fresh Debian machine.
#
#   scripts/test.sh                 everything
#   scripts/test.sh --filter X      only tests whose name matches X (dotnet test --filter syntax)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/prerequisites.sh

ensure_dotnet
# chromium and a CJK font for the console's browser tests (the screenshots show Chinese, not boxes).
ensure_debian_packages postgresql prometheus chromium fonts-wqy-zenhei
# One PostgreSQL server for the whole run; each test class makes its own database on it.
bash scripts/pg.sh start >/dev/null

# The Rego beside its _test.rego files (policy/rego). OPA is not installed by this script (no package source here
# serves it); where it is on PATH, its tests run first.
if command -v opa >/dev/null 2>&1; then
  opa test policy/rego -v
else
  echo "test.sh: SKIPPED the Rego tests (opa test policy/rego): no opa on PATH" >&2
fi

configuration=Release
dotnet build DataGateway.sln -c "$configuration" -warnaserror -nologo -clp:ErrorsOnly
dotnet test DataGateway.sln -c "$configuration" --no-build --nologo "$@"
