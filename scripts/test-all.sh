#!/usr/bin/env bash
# The one command that runs every test (README): npm test. CI runs exactly this (.ci/run).
# Stages: install if needed → typecheck → lint → unit, rule and lab tests (vitest) → build → e2e in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

results=$(mktemp -d)
stage() { printf '\n=== %s ===\n' "$*"; }

# Typecheck and lint side by side (each mostly one core; together ~11 s instead of ~18 s).
stage "typecheck and lint"
npx tsc -p tsconfig.json --noEmit & typecheck=$!
lint_status=0
npx eslint . || lint_status=$?
typecheck_status=0
wait "$typecheck" || typecheck_status=$?
[ "$typecheck_status" -eq 0 ] || { echo "typecheck failed"; exit "$typecheck_status"; }
[ "$lint_status" -eq 0 ] || { echo "lint failed"; exit "$lint_status"; }
stage "unit, rule and lab tests (virtual time)"
unit_status=0
npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json" || unit_status=$?

e2e_status=0
if compgen -G "e2e/*.spec.ts" > /dev/null; then
  stage "build"; npx vite build --logLevel warn
  stage "end-to-end tests (Playwright, Chromium)"
  bash scripts/ensure-chromium.sh
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json || e2e_status=$?
fi

node scripts/summarize-results.mjs "$results"
[ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
