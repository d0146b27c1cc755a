"""Masked, rotated logs for both processes (no Rasa imports).

In the process: `install()` puts MaskingFilter on every logging handler that exists and on every
handler made later (Rasa, rasa_sdk, Sanic and structlog create theirs at start), so what any
handler writes has identity numbers, phone numbers, e-mail addresses and diagnoses replaced by
"[skjult]" (rasa_ext.masking) -- the message, its arguments, the traceback and the stack.
rasa_ext.serve (Rasa) and rasa_ext.actions_server (the action server) call it first.

On disk: scripts/run.sh pipes each process's stdout and stderr through
`python -m rasa_ext.logs var/logs/NAME.log`, which masks every line again (a traceback Python
prints itself never passes a handler) and writes the file with a TimedRotatingFileHandler:
a new file every midnight, FV_LOG_KEEP_DAYS old files kept (default and maximum 30), older ones
deleted.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import signal
import sys

from .masking import mask

_formatter = logging.Formatter()
_MAX_LINE = 65536


class MaskingFilter(logging.Filter):
    """Masks the record in place (once; the record is shared by every handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_fv_masked", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not hide the log line
            message = f"{record.msg!s} {record.args!s}"
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = _formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        record._fv_masked = True
        return True


FILTER = MaskingFilter()
_installed = False


def _attach(handler: logging.Handler) -> None:
    if FILTER not in handler.filters:
        handler.addFilter(FILTER)


def install() -> None:
    """Mask what every handler writes, now and for handlers made later (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    original_init = logging.Handler.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        _attach(self)

    logging.Handler.__init__ = __init__
    loggers = [logging.getLogger()] + [l for l in logging.Logger.manager.loggerDict.values()
                                       if isinstance(l, logging.Logger)]
    for logger in loggers:
        for handler in logger.handlers:
            _attach(handler)
    if logging.lastResort is not None:
        _attach(logging.lastResort)


def keep_days() -> int:
    try:
        return max(1, min(30, int(os.environ.get("FV_LOG_KEEP_DAYS", "30"))))
    except ValueError:
        return 30


def pipe(path: str, stream=None) -> None:
    """Copy `stream` (default stdin) line by line into a daily-rotated file, masked."""
    stream = stream or sys.stdin.buffer
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    handler = logging.handlers.TimedRotatingFileHandler(path, when="midnight", backupCount=keep_days(),
                                                        encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    while True:
        line = stream.readline(_MAX_LINE)  # bounded: a huge line is masked in pieces
        if not line:
            break
        text = line.decode("utf-8", errors="replace").rstrip("\n")
        handler.emit(logging.makeLogRecord({"msg": mask(text), "args": None}))
    handler.close()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m rasa_ext.logs var/logs/NAME.log  (reads stdin)", file=sys.stderr)
        return 2
    # Stop when the process writing to us stops (end of input), not on the Ctrl-C or TERM sent to
    # the whole process group: so its last lines, often the error, still reach the file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    pipe(argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
