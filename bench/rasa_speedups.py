"""Run the `rasa` CLI with selected speed-ups applied in-process (for bench/latency.py).

    .venv/bin/python bench/rasa_speedups.py run --model ... (same arguments as `python -m rasa`)

The patches live in rasa_ext/speedups.py (what `make run` starts Rasa with, through
rasa_ext.serve); this wrapper lets the benchmark measure any subset, plus one patch that is only
for measuring: `novalidate` skips validating action-server responses altogether (not adopted).
FV_SPEEDUPS selects them, comma separated (default: all adopted ones).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasa_ext import speedups  # noqa: E402


def patch_novalidate() -> None:
    from rasa.core.actions import action as rasa_action

    rasa_action.RemoteAction._validate_action_result = lambda self, result: True


PATCHES = {**speedups.PATCHES, "novalidate": patch_novalidate}
DEFAULT = list(speedups.PATCHES)


def main() -> None:
    chosen = [p.strip() for p in (os.environ.get("FV_SPEEDUPS") or ",".join(DEFAULT)).split(",") if p.strip()]
    for name in chosen:
        PATCHES[name]()
    print(f"bench/rasa_speedups.py: applied {chosen}", file=sys.stderr, flush=True)
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
