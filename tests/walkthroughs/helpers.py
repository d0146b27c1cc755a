"""Shared helpers for the walkthrough tests."""
from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from actions.walkthroughs import facts

ON = date(2026, 11, 22)  # the suite's FAMILIEVEILEDER_TODAY


def load_lix():
    here = Path(__file__).resolve()
    for base in (here.parents[3] / "shared", Path("/work/shared")):
        path = base / "tools" / "lix.py"
        if path.exists():
            spec = importlib.util.spec_from_file_location("lix", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise FileNotFoundError("shared/tools/lix.py is missing: the repo expects shared/ beside it")


def blank(**values) -> dict:
    known = {f: None for f in facts.FACT_TOPIC}
    known.update(values)
    return known


def day(iso: str) -> dict:
    return {"date": iso, "precision": "day"}
