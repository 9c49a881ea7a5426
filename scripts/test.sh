#!/usr/bin/env bash
# Runs the whole test suite (unit, integration and the tests over ../shared in place).
set -euo pipefail
cd "$(dirname "$0")/.."
# The encoder tests need the model and the Python reference (parity); both installs are idempotent.
bash scripts/install-models.sh
bash scripts/python/setup-venv.sh
# A one-off build gains nothing from incremental state, which would take gigabytes of disk beside target/.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
cargo test --workspace --locked "$@"
# The browser tests: `storyweave serve` in headless Chromium (Debian's chromium, playwright-core from
# npm pinned by tests/browser/package-lock.json); screenshots go to target/screenshots/.
bash scripts/install-browser.sh
cargo build -p storyweave --bin storyweave --locked
node tests/browser/run.mjs
