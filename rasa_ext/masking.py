"""Masking of identifiers in stored and logged text (no Rasa imports).

Users are told not to type names or national identity numbers; when they do anyway, what looks
like a fødselsnummer, phone number, e-mail address or other long digit string is replaced before
anything is written to the tracker store or a log.
"""
from __future__ import annotations

import re

MASK = "[skjult]"
_PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail
    re.compile(r"(?<!\d)\d{6}\s?\d{5}(?!\d)"),  # fødselsnummer / D-nummer (11 digits)
    re.compile(r"(?<![\d\w])(?:\+47\s?)?\d(?:[ .]?\d){7}(?!\d)"),  # Norwegian phone numbers (8 digits)
    re.compile(r"(?<!\d)\d{6,}(?!\d)"),  # any other long number (account, case number)
]


def mask(text: str | None) -> str | None:
    if not text:
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def mask_event(data: dict) -> dict:
    """Mask the user's text in a serialised Rasa event (in place) and return it."""
    if data.get("event") == "user":
        data["text"] = mask(data.get("text"))
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse["text"] = mask(parse.get("text"))
    return data
