"""Masked, rotated logs (rasa_ext.logs): every handler masks, the stdout pipe masks and rotates."""
from __future__ import annotations

import io
import logging
import os
import time

from rasa_ext import logs
from rasa_ext.masking import MASK

SECRET = "fnr 01.01.99 12345, tlf +47 400 00 000, ola@example.no, barnet har astma"


def test_every_handler_masks_message_arguments_and_traceback():
    logs.install()
    before, after = io.StringIO(), io.StringIO()
    logger = logging.getLogger("fvtest.logs")
    logger.propagate = False
    early = logging.StreamHandler(before)  # made after install: masked through Handler.__init__
    logger.addHandler(early)
    logger.error("user said %s", SECRET)
    try:
        raise ValueError(f"bad input {SECRET}")
    except ValueError:
        logger.exception("failed for %r", SECRET)
    late = logging.StreamHandler(after)
    late.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(late)
    logger.warning("again: %s", SECRET, stack_info=True)
    for out in (before.getvalue(), after.getvalue()):
        for secret in ("12345", "400 00 000", "ola@example.no", "astma"):
            assert secret not in out, out
    assert "Traceback" in before.getvalue() and "ValueError: bad input fnr " + MASK in before.getvalue()
    assert f"again: fnr {MASK}" in after.getvalue()


def test_existing_handlers_get_the_filter_too():
    handler = logging.StreamHandler(io.StringIO())
    logging.getLogger("fvtest.existing").addHandler(handler)
    handler.filters.clear()  # as if it had been made before install()
    logs._installed = False
    original = logging.Handler.__init__
    try:
        logs.install()
        assert logs.FILTER in handler.filters
    finally:
        logging.Handler.__init__ = original
        logs._installed = False


def test_the_pipe_masks_lines_and_keeps_at_most_30_days(tmp_path):
    log = tmp_path / "rasa.log"
    for day in range(1, 36):  # 35 rotated files from earlier days
        (tmp_path / f"rasa.log.2026-10-{day:02d}").write_text("old\n")
    log.write_text("yesterday\n")
    two_days_ago = time.time() - 2 * 86400
    os.utime(log, (two_days_ago, two_days_ago))  # so the first line written rotates the file
    lines = f"Traceback (most recent call last):\nValueError: {SECRET}\n" + "x" * 200_000 + "\n"
    logs.pipe(str(log), io.BytesIO(lines.encode()))
    text = log.read_text()
    assert "Traceback" in text and f"ValueError: fnr {MASK}" in text
    for secret in ("12345", "400 00 000", "ola@example.no", "astma"):
        assert secret not in text
    rotated = sorted(p.name for p in tmp_path.glob("rasa.log.*"))
    assert len(rotated) == 30 and "rasa.log.2026-10-01" not in rotated
