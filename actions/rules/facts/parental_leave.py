"""Parental leave (foreldrepenger): facts -> rules input, and the conditions of
data/interview/parental_leave.yml."""
from __future__ import annotations

from datetime import date
from typing import Any, Mapping

from .. import parental_benefit as pb

# Which side of the quotas the person asking is on.
SIDE = {"mother": "mother", "adoptive": "mother", "father": "father", "co_mother": "father"}


def _iso(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def rights_for(role: str | None, rights: str | None) -> pb.Rights:
    """The rules core's rettighetstype from who asks and what they said ('bare jeg' / 'bare den andre')."""
    father_side = SIDE.get(role or "mother") == "father"
    if rights == "me":
        return pb.Rights.ONLY_FATHER if father_side else pb.Rights.ONLY_MOTHER
    if rights == "other":
        return pb.Rights.ONLY_MOTHER if father_side else pb.Rights.ONLY_FATHER
    if rights == "alone":
        return pb.Rights.FATHER_ALONE if father_side else pb.Rights.MOTHER_ALONE
    return pb.Rights.BOTH


def parental_input(facts: Mapping[str, Any], today: date | None = None) -> pb.ParentalBenefitInput:
    """The rules-core input from the facts (plain data)."""
    event = facts.get("pl_event") or "expected"
    day = _iso(facts.get("pl_date"))
    if day is None:
        raise ValueError("pl_date is required")
    common = dict(coverage=pb.Coverage(int(facts.get("pl_coverage") or 100)),
                  children=int(facts.get("pl_children") or 1),
                  rights=rights_for(facts.get("pl_role"), facts.get("pl_rights")))
    if event == "adoption":
        return pb.ParentalBenefitInput.for_adoption(day, **common)
    if event == "born":
        due = _iso(facts.get("pl_due")) if facts.get("pl_premature") else None
        return pb.ParentalBenefitInput.for_birth(birth_date=day, due_date=due, **common)
    return pb.ParentalBenefitInput.for_birth(due_date=day, **common)
