"""`python -m rasa_ext.serve run …`: the Rasa CLI with rasa_ext.speedups applied.

FV_SPEEDUPS=none runs plain Rasa (to compare); FV_SPEEDUPS=a,b applies only those patches.
TensorFlow is replaced by stand-ins (rasa_ext.notf) when the Rasa version is the one that was
tested and config.yml (FV_CONFIG) names no TensorFlow component; FV_TENSORFLOW=real imports it.
`--enable-api` (Rasa's HTTP API: read, change and delete any conversation) is refused unless an
`--auth-token` or `--jwt-secret` protects it.
Every log handler masks identifiers and diagnoses (rasa_ext.logs), with or without speed-ups.
"""
from __future__ import annotations

import importlib.metadata
import logging
import os
import sys
from pathlib import Path

from rasa_ext import notf

logger = logging.getLogger("rasa_ext.serve")
ROOT = Path(__file__).resolve().parent.parent


def want_notf() -> tuple[bool, str]:
    if os.environ.get("FV_TENSORFLOW", "stub") == "real":
        return False, "FV_TENSORFLOW=real"
    version = importlib.metadata.version("rasa")
    if version != notf.SUPPORTED_RASA:
        return False, f"Rasa {version} is not {notf.SUPPORTED_RASA}"
    config = Path(os.environ.get("FV_CONFIG", ROOT / "config.yml"))
    if notf.pipeline_needs_tensorflow(config):
        return False, f"{config.name} uses a TensorFlow component"
    return True, "the pipeline uses no TensorFlow component"


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
    use_notf, why = want_notf()
    if use_notf:
        notf.install()  # before anything imports Rasa
    from rasa_ext import logs

    logs.install()
    wanted = os.environ.get("FV_SPEEDUPS", "all")
    if wanted != "none":
        from rasa_ext import speedups

        speedups.apply(None if wanted == "all" else [w.strip() for w in wanted.split(",") if w.strip()])
    from rasa.__main__ import main as rasa_main

    print(f"rasa_ext.serve: TensorFlow {'not imported' if use_notf else 'imported'} ({why})",
          file=sys.stderr, flush=True)
    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
