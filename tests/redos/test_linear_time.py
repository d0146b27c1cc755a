"""No message can keep a reader busy (issue 12): every regular expression in actions/ and rasa_ext/
is fast on its worst-case input at the length cap, and so is every topic reader at every question.

Patterns are found three ways (tests/pump.py): compiled patterns and pattern strings at module
level, literal patterns passed to re.* anywhere in the source, and every pattern the readers
compile while they run (f-string patterns). Each gets the pump strings built from its own words:
a prefix, one unit repeated to 2000 characters, and a suffix that makes the match fail late.
"""
from __future__ import annotations

import re
import time
from datetime import date

import pytest

from tests import pump

TODAY = date(2026, 11, 22)
LIMIT = 0.05      # seconds per pattern at the cap (issue 12)
READER_LIMIT = 0.25  # seconds per reader call at the cap: one message, all its patterns
HOSTILE = [
    "ja" + " " * 1990 + "\nx",            # issue 12: 11.6 s in the old _YES/_NO
    "nei" + " " * 1990 + "\nx",
    "2 " * 1000,                           # issue 12: > 8 s in care_days_reader.read
    "1" * 1900,
    "1 og " * 400,
    "12, " * 500,
    "født " + "2015 " * 399,
    "<a" * 1000,
    "a@" * 1000,
    "a." * 1000 + "@",
    "1." * 1000,
    "01.01.99 12345 " * 130,
    "." * 1999 + "x",
    "80 " * 666,
    "bare " * 400,
    "æ" * 2000,
    "\n" * 1999 + "x",
    "kom " * 500,
    "3 år " * 400,
    "Jeg har " + "ett barn og " * 165,
]


def _specs():
    """Every topic's interview spec: its reader and its questions (data/interview/*.yml)."""
    from actions.interview.spec import load_specs

    return load_specs()


def _read(spec, text: str, requested: str | None, known: dict) -> None:
    """The topic's reader, called exactly as the interview engine calls it."""
    from actions.glue.engine import read_message

    read_message(spec, text, requested, known, TODAY, activating=False)


def _call_everything(texts: list[str]) -> None:
    """The public readers on texts at every question, and the Rasa-side text functions."""
    from rasa_ext import masking, messaging

    choices = [messaging.Choice("Jeg er alene om omsorgen", "/x"), messaging.Choice("Nei", "/n")]
    for text in texts:
        for spec in _specs().values():
            for requested in (None, *spec.asked_slots):
                _read(spec, text, requested, {"children_count": 3})
        masking.mask(text)
        messaging.resolve_choice(text, choices)
        messaging.split_text(text)


def _all_patterns() -> dict[tuple[str, int], str]:
    found: dict[tuple[str, int], str] = {}
    for package in ("actions", "rasa_ext"):
        for module in pump.modules(package):
            for f in list(pump.module_patterns(module)) + list(pump.source_patterns(module)):
                found.setdefault((f.pattern, f.flags), f.where)
    with pump.recording() as seen:
        _call_everything(["Jeg har 2 barn født 2015 og 2019, 3 år", "ja", "nei takk", "Oslo",
                          "1. mars 2027", "bare jeg", "kom i 2020"])
    for key in seen:
        found.setdefault(key, "compiled at run time")
    return found


PATTERNS = _all_patterns()


def test_the_search_finds_the_patterns_it_should():
    """The discovery itself: module-level, in-function and f-string patterns are all there."""
    from actions.lang import numbers, parse

    assert (parse._YES.pattern, parse._YES.flags) in PATTERNS
    assert any("(?:år|åringen|åring|years?)" in p for p, _ in PATTERNS)                # AGES_RE
    assert any(p.startswith(r"\b(enebarn|ett barn") for p, _ in PATTERNS)              # in a function
    assert any(numbers._NUM_TOKEN in p and "stk" in p for p, _ in PATTERNS)             # f-string
    assert len(PATTERNS) > 150


@pytest.mark.parametrize("key", sorted(PATTERNS), ids=lambda k: PATTERNS[k] + ":" + k[0][:40])
def test_every_pattern_is_fast_on_its_worst_input_at_the_cap(key):
    pattern, flags = key
    seconds, text = pump.worst_case(re.compile(pattern, flags), pump.CAP, LIMIT)
    assert seconds < LIMIT, (f"{PATTERNS[key]}: {seconds * 1000:.0f} ms on {text[:40]!r}…{text[-10:]!r} "
                             f"({len(text)} characters)")


def test_the_pump_catches_a_backtracking_pattern():
    """The test can fail: the old yes pattern and the old ages pattern are caught."""
    old_yes = re.compile(r"^\s*(ja+|jo|ja\W.*)\s*[.!]*\s*$", re.IGNORECASE)
    assert pump.worst_case(old_yes, pump.CAP, LIMIT)[0] > LIMIT
    old_ages = re.compile(r"((?:-?\d{1,2}\s*(?:,|og|and|&)?\s*)+)\s*(?:år|åringer|years?)\b", re.I)
    assert pump.worst_case(old_ages, pump.CAP, LIMIT)[0] > LIMIT


@pytest.mark.parametrize("topic", sorted(_specs()))
def test_every_reader_is_fast_on_hostile_text_at_every_question(topic):
    spec = _specs()[topic]
    slowest = (0.0, "", None)
    assert len(spec.asked_slots) >= 1
    for text in HOSTILE:
        assert len(text) <= pump.CAP + 10
        for requested in (None, *spec.asked_slots):
            start = time.perf_counter()
            _read(spec, text, requested, {"children_count": 3, "children_birth_years": [2015, 2019, 2020]})
            slowest = max(slowest, (time.perf_counter() - start, text[:30], requested))
    assert slowest[0] < READER_LIMIT, slowest


def test_longer_text_is_cut_before_reading():
    from actions.lang import care_days_reader, parse

    start = time.perf_counter()
    care_days_reader.read("2 " * 50_000, "children_birth_years", {"children_count": 3}, TODAY)
    assert time.perf_counter() - start < READER_LIMIT
    assert len(parse.clean("x" * 50_000)) == parse.MAX_TEXT
