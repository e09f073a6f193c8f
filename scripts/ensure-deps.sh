#!/usr/bin/env bash
# Install the npm dependencies on a fresh clone (or when the lock file changed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies (npm ci) ..."
  npm ci --no-audit --no-fund
fi
