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


def pytest_terminal_summary(terminalreporter):
    """The conversation suite's pass count (issue 13), printed at the end of every run."""
    results = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in results:
        for report in terminalreporter.stats.get(outcome, []):
            if "test_conversations.py::test_conversation[" in getattr(report, "nodeid", ""):
                if getattr(report, "when", "call") == "call" or outcome != "passed":
                    results[outcome] += 1
    total = sum(results.values())
    if total:
        terminalreporter.write_line(
            f"Conversation suite: {results['passed']} of {total} conversations passed"
            + (f" ({results['failed']} failed, {results['skipped']} skipped)" if total != results["passed"] else ""))
