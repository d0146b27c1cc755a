"""`python -m rasa_ext.serve run …`: the Rasa CLI with rasa_ext.speedups applied.

FV_SPEEDUPS=none runs plain Rasa (to compare); FV_SPEEDUPS=a,b applies only those patches.
Every log handler masks identifiers and diagnoses (rasa_ext.logs), with or without speed-ups.
"""
from __future__ import annotations

import os
import sys

from rasa_ext import logs, speedups


def main() -> None:
    logs.install()
    wanted = os.environ.get("FV_SPEEDUPS", "all")
    if wanted != "none":
        speedups.apply(None if wanted == "all" else [w.strip() for w in wanted.split(",") if w.strip()])
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
