"""The facts a walkthrough can ask for: the slots that exist today in domain/*.yml, grouped by the
topic whose reader understands them and whose question logic says when they are needed.

A walkthrough step names a fact (a slot) and a question (a response key). The topic decides
whether the fact is needed for this family (e.g. the arrival year only when the permit year alone
does not settle the law), so a script never restates a rule. When the interview engine's specs
(data/interview/<topic>.yml) land, `Topic` is the one place to point at them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from actions.glue.common import today
from actions.glue.engine import read_message
from actions.glue.intro import leave_answer
from actions.interview.spec import spec_for_form
from actions.lang import caseworker_reader
from actions.lang.care_days_reader import read as read_care_days
from actions.lang.intro_reader import date_of, precision_of, read_kindergarten
from actions.lang.reading import Reading
from actions.rules.facts.care_days import as_int

# The facts and their order come from the interview specs (data/interview/*.yml).
_CARE, _INTRO, _KG = (spec_for_form(f) for f in ("care_days_form", "intro_leave_form", "kindergarten_form"))
_OFFERS = spec_for_form("leave_offers_form")
CARE_SLOTS, KG_SLOTS = _CARE.known_slots, _KG.known_slots
# The intro walkthroughs also carry the municipality, which the offers topic asks for.
INTRO_SLOTS = tuple(dict.fromkeys((*_INTRO.known_slots, *_OFFERS.known_slots)))


def read_intro_and_offers(text: str, requested: str | None, known: dict, on: date) -> Reading:
    """The intro reader as the offers form runs it: with the municipality catalogue, so that a
    municipality named at the municipality step is understood."""
    return read_message(_OFFERS, text, requested, known, on, activating=False)


def care_days_questions(known: dict, on: date | None = None) -> list[str]:
    return _CARE.questions(known, on or today())


def intro_leave_questions(known: dict, on: date) -> list[str]:
    return _INTRO.questions(known, on)

Reader = Callable[[str, "str | None", dict, date], Reading]


@dataclass(frozen=True)
class Topic:
    name: str
    facts: tuple[str, ...]
    read: Reader
    needed: Callable[[dict, date], list[str]] | None = None  # None: every fact is needed
    # slots to reset when a fact changes (e.g. a new birth date resets the leave start)
    resets: tuple[tuple[str, tuple[str, ...]], ...] = ()


TOPICS = {
    t.name: t for t in (
        Topic("intro_leave", INTRO_SLOTS, read_intro_and_offers, intro_leave_questions,
              resets=(("intro_date", ("intro_leave_start",)),)),
        Topic("kindergarten", KG_SLOTS, read_kindergarten),
        Topic("care_days", tuple(s for s in CARE_SLOTS if s != "care_year"), read_care_days,
              lambda known, on: care_days_questions(known, on)),
        Topic("caseworker", caseworker_reader.CASEWORKER_FACTS, caseworker_reader.read_caseworker),
    )
}
FACT_TOPIC = {fact: topic for topic in TOPICS.values() for fact in topic.facts}
INT_FACTS = ("children_count", "chronic_count", "intro_child_age")


def topic_of(fact: str) -> Topic | None:
    return FACT_TOPIC.get(fact)


def known_facts(get: Callable[[str], Any]) -> dict[str, Any]:
    """Every fact's current value, from a slot getter (tracker.get_slot)."""
    known = {fact: get(fact) for fact in FACT_TOPIC}
    for name in INT_FACTS:
        known[name] = as_int(known.get(name))
    return known


def needed(fact: str, known: dict, on: date) -> bool:
    topic = topic_of(fact)
    if topic is None or topic.needed is None:
        return True
    return fact in topic.needed(known, on)


def resets_for(fact: str) -> tuple[str, ...]:
    topic = topic_of(fact)
    return dict(topic.resets).get(fact, ()) if topic else ()


def prefill(known: dict, on: date) -> dict[str, Any]:
    """What one topic already tells another: a day-exact birth date is the kindergarten birth date;
    a computed leave end gives the return date (the day after)."""
    out: dict[str, Any] = {}
    value = known.get("intro_date")
    if (known.get("kg_birth_date") is None and known.get("intro_event") == "birth"
            and precision_of(value) == "day" and date_of(value) is not None):
        out["kg_birth_date"] = value
    if known.get("cw_return_date") is None and known.get("intro_permit_year") is not None:
        try:
            answer = leave_answer(known, on)
        except (ValueError, TypeError):
            answer = None
        leave = answer.leave if answer else None
        if leave is not None and leave.latest_end is not None:
            out["cw_return_date"] = {"date": (leave.latest_end + timedelta(days=1)).isoformat(),
                                     "precision": "day"}
    return out
