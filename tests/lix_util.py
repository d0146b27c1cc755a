"""Load the shared readability scorer (shared/tools/lix.py beside the repo)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

LIX_PATH = Path(__file__).resolve().parents[2] / "shared" / "tools" / "lix.py"


def load_lix():
    if not LIX_PATH.exists():
        raise FileNotFoundError(f"{LIX_PATH} is missing: the repo expects shared/ beside it")
    spec = importlib.util.spec_from_file_location("lix", LIX_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
