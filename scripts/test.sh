#!/usr/bin/env bash
# Runs the whole test suite (unit, integration and the tests over ../shared in place).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked "$@"
