#!/usr/bin/env bash
# npm run test:stress (not part of npm test): the Playwright suite five times over (--repeat-each=5)
# against a clean build, to find tests that pass by luck (a wait for time, a race with an election
# on a busy machine). Extra arguments go to Playwright (a spec, --workers=1, --repeat-each=10 …).
# RAFTLAB_DIST / RAFTLAB_PORT build and serve elsewhere (playwright.config.ts), as for npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
dist="${RAFTLAB_DIST:-dist}"
rm -rf "$dist"
npx vite build --outDir "$dist" --emptyOutDir --logLevel warn
start=$(date +%s)
status=0
npx playwright test --repeat-each=5 "$@" || status=$?
echo "stress run: $(( $(date +%s) - start )) s, exit $status"
exit "$status"
