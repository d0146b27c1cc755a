"""Train the model only when the training data, domain or config changed.

The fingerprint covers config.yml, domain/ and data/ (NLU, rules, stories) and the Rasa version;
it is stored next to the model. `--force` trains anyway.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "familieveileder.tar.gz"
STAMP = ROOT / "models" / "familieveileder.fingerprint"
INPUTS = ["config.yml", "domain", "data/nlu", "data/rules", "data/stories", "rasa_ext/nlu"]
DATA = [d for d in ("data/nlu", "data/rules", "data/stories") if (ROOT / d).is_dir()]


def fingerprint() -> str:
    import rasa

    h = hashlib.sha256(rasa.__version__.encode())
    for item in INPUTS:
        path = ROOT / item
        if not path.exists():
            continue
        files = sorted([*path.rglob("*.yml"), *path.rglob("*.py")]) if path.is_dir() else [path]
        for f in files:
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def main() -> int:
    fp = fingerprint()
    if "--force" not in sys.argv and MODEL.exists() and STAMP.exists() and STAMP.read_text().strip() == fp:
        print(f"Model is up to date ({MODEL.relative_to(ROOT)}).")
        return 0
    print("Training the model (data, domain or config changed)...", flush=True)
    start = time.monotonic()
    cmd = [sys.executable, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain",
           "--data", *DATA, "--out", "models",
           "--fixed-model-name", "familieveileder"]
    if subprocess.call(cmd, cwd=ROOT) != 0:
        print("Training failed.", file=sys.stderr)
        return 1
    STAMP.write_text(fp + "\n")
    print(f"Trained in {time.monotonic() - start:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
