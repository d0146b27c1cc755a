"""Load the shared readability scorer (shared/tools/lix.py beside the repo)."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

_HERE = Path(__file__).resolve()
# shared/ beside the repo; a git worktree one level deeper (wt/<name>) finds it one level up.
_CANDIDATES = [Path(os.environ["FV_LIX_PATH"])] if os.environ.get("FV_LIX_PATH") else []
_CANDIDATES += [_HERE.parents[i] / "shared" / "tools" / "lix.py" for i in (2, 3)]
LIX_PATH = next((p for p in _CANDIDATES if p.exists()), _CANDIDATES[0])


def load_lix():
    if not LIX_PATH.exists():
        raise FileNotFoundError(f"{LIX_PATH} is missing: the repo expects shared/ beside it")
    spec = importlib.util.spec_from_file_location("lix", LIX_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
