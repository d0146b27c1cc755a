"""Load the shared readability scorer (shared/tools/lix.py beside the repo)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

# shared/ beside the repo; from a git worktree one level deeper (wt/<name>), the nearest one up.
LIX_PATH = next((p / "shared" / "tools" / "lix.py" for p in Path(__file__).resolve().parents[2:]
                 if (p / "shared" / "tools" / "lix.py").exists()),
                Path(__file__).resolve().parents[2] / "shared" / "tools" / "lix.py")


def load_lix():
    if not LIX_PATH.exists():
        raise FileNotFoundError(f"{LIX_PATH} is missing: the repo expects shared/ beside it")
    spec = importlib.util.spec_from_file_location("lix", LIX_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
