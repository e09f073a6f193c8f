#!/usr/bin/env bash
# The e2e tests and the runtime benchmark drive Debian's Chromium (/usr/bin/chromium) through
# Playwright; Playwright's own browser downloads are not used. Install it when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get > /dev/null; then
  echo "Installing Chromium (apt-get install chromium) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
  exit 0
fi
echo "Chromium is missing at /usr/bin/chromium. Install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
exit 1
