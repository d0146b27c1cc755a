"""`python -m rasa_ext.serve run …`: the Rasa CLI with rasa_ext.speedups applied.

FV_SPEEDUPS=none runs plain Rasa (to compare); FV_SPEEDUPS=a,b applies only those patches.
`--enable-api` (Rasa's HTTP API: read, change and delete any conversation) is refused unless an
`--auth-token` or `--jwt-secret` protects it.
Every log handler masks identifiers and diagnoses (rasa_ext.logs), with or without speed-ups.
"""
from __future__ import annotations

import os
import sys

from rasa_ext import logs, speedups


def _value(argv: list[str], *flags: str) -> str:
    for i, arg in enumerate(argv):
        for flag in flags:
            if arg == flag and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(flag + "="):
                return arg[len(flag) + 1:]
    return ""


def refuse_open_api(argv: list[str]) -> str | None:
    """The reason to refuse these arguments, or None."""
    if "--enable-api" in argv and not (_value(argv, "--auth-token", "-t").strip()
                                       or _value(argv, "--jwt-secret").strip()):
        return ("Refusing --enable-api without --auth-token (or --jwt-secret): Rasa's HTTP API can "
                "read and delete every conversation.")
    return None


def main() -> None:
    reason = refuse_open_api(sys.argv[1:])
    if reason:
        sys.exit(f"ERROR: {reason}")
    logs.install()
    wanted = os.environ.get("FV_SPEEDUPS", "all")
    if wanted != "none":
        speedups.apply(None if wanted == "all" else [w.strip() for w in wanted.split(",") if w.strip()])
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
