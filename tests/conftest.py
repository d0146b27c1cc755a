"""Shared fixtures. Services (PostgreSQL, Redis, the running bot) must exist in CI: a missing one
fails the run loudly; outside CI a test that needs one is skipped with the reason."""
from __future__ import annotations

import os

import pytest

IN_CI = bool(os.environ.get("CI"))


def require(available: bool, what: str) -> None:
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not reachable", pytrace=False)
    pytest.skip(f"{what} not reachable (outside CI)")
