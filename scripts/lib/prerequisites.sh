# Shared by the scripts: make sure what they need is installed. Sourced, not run.

log() { echo "==> $*" >&2; }

apt_updated=""
ensure_debian_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "please install: ${missing[*]} (apt-get install ${missing[*]})"; return 1
  fi
  if [ -z "$apt_updated" ]; then
    log "apt-get update"
    apt-get update -qq >&2
    apt_updated=1
  fi
  log "installing ${missing[*]} from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "the .NET 10 SDK is required (dotnet on PATH); our machines have it preinstalled"; return 1
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
