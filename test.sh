#!/usr/bin/env bash
# Runs every FlowSight test on a fresh machine: installs what the suite needs (idempotently), builds, tests,
# and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

# ---- what the suite needs -------------------------------------------------------------------------------------
# Each step is idempotent: it checks before it installs. Later capabilities add PostgreSQL, Redis and Chromium here.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

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
