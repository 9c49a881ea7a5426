#!/usr/bin/env bash
# Runs the whole test suite (unit, integration and the tests over ../shared in place).
set -euo pipefail
cd "$(dirname "$0")/.."
# The encoder tests need the model and the Python reference (parity); both installs are idempotent.
bash scripts/install-models.sh
bash scripts/python/setup-venv.sh
cargo test --workspace --locked "$@"
