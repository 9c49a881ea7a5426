#!/usr/bin/env bash
# Installs what the browser tests need: Debian's chromium (headless) and playwright-core from npm,
# pinned by tests/browser/package-lock.json. Idempotent: does nothing when both are present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: chromium is missing and installing it needs root (apt-get install chromium)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: node and npm are missing (apt-get install nodejs npm)" >&2
        exit 1
    fi
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

cd tests/browser
if [ ! -d node_modules/playwright-core ]; then
    # `npm ci` installs exactly the lock file's versions; playwright-core downloads no browser.
    npm ci --no-audit --no-fund --loglevel=error
fi
echo "install-browser: $(chromium --version 2>/dev/null | head -1), playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version")"
