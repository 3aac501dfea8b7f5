#!/usr/bin/env bash
# Runs every FlowSight test on a fresh machine: installs what the suite needs (idempotently), builds, tests,
# and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# ---- what the suite needs -------------------------------------------------------------------------------------
# Each step is idempotent: it checks before it installs. Later capabilities add PostgreSQL and Redis here.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Node.js and ccxt, for the paper venue's third-party client tests (tests/FlowSight.PaperVenue.Tests/Ccxt).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "install nodejs and npm"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  else
    echo "Node.js and npm are required by the ccxt tests; install them (apt-get install nodejs npm) or run as root." >&2
    exit 1
  fi
fi
ccxt_dir=tests/FlowSight.PaperVenue.Tests/Ccxt
# The install is stale when package-lock.json changed since the last `npm ci` (its hash is kept in node_modules).
lock_hash=$(sha256sum "$ccxt_dir/package-lock.json" | cut -d' ' -f1)
if [ ! -d "$ccxt_dir/node_modules/ccxt" ] || [ "$(cat "$ccxt_dir/node_modules/.flowsight-lock-sha256" 2>/dev/null)" != "$lock_hash" ]; then
  log "npm ci (ccxt for the paper venue tests)"
  (cd "$ccxt_dir" && npm ci --no-audit --no-fund)
  echo "$lock_hash" > "$ccxt_dir/node_modules/.flowsight-lock-sha256"
fi

# Debian's Chromium, for the dashboard's browser tests (tests/FlowSight.Dashboard.Tests): Playwright for .NET drives
# /usr/bin/chromium; its driver (node + playwright core) ships inside the Microsoft.Playwright NuGet package, so no
# browser or driver is ever downloaded (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  log "install chromium"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium is required by the browser tests; install it (apt-get install chromium) or run as root." >&2
    exit 1
  fi
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# ---- build and test -------------------------------------------------------------------------------------------
log "restore and build (Release)"
dotnet build FlowSight.slnx -c Release -nologo -clp:ErrorsOnly

log "test"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
dotnet test --solution FlowSight.slnx -c Release --no-build 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries of Microsoft.Testing.Platform into one plain closing line.
read -r passed failed skipped < <(awk '
  /^[[:space:]]*succeeded:/ { p += $2 }
  /^[[:space:]]*failed:/    { f += $2 }
  /^[[:space:]]*skipped:/   { s += $2 }
  END { printf "%d %d %d\n", p, f, s }' "$out")
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
