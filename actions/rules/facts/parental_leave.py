"""Parental leave (foreldrepenger): facts -> rules input, and the conditions of
data/interview/parental_leave.yml."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from .. import parental_benefit as pb
from .. import work_leave as wl

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


# --- what the plan shows besides the quotas ------------------------------------------------------
@dataclass(frozen=True)
class PlanDetails:
    """Computed by the rules core for the renderer (actions.lang.render_leave.parental_leave): the
    asking parent's own benefit days, the notice to give the employer for them, the care leave at
    birth (father or co-mother only), and the windows around the birth."""

    own_days: int
    notice: wl.NoticeResult
    care: wl.CareLeaveResult | None
    mother_windows: Any = None  # pb.mother_windows(...) when the weeks before birth are reserved
    father_window: Any = None  # pb.father_around_birth_window(...) when that allowance applies


def own_leave_days(result: pb.ParentalBenefitResult, role: str | None) -> int:
    """Stønadsdager the asking parent has for themself (their quota, or all when only they have it)."""
    if result.input.rights is pb.Rights.BOTH:
        if SIDE.get(role or "mother") == "father":
            return result.days(pb.Account.FATHER_QUOTA)
        return result.days(pb.Account.BEFORE_BIRTH) + result.days(pb.Account.MOTHER_QUOTA)
    return result.total


def plan_details(result: pb.ParentalBenefitResult, role: str | None) -> PlanDetails:
    inp = result.input
    own = own_leave_days(result, role)
    w, d = pb.as_weeks(own)
    birth = inp.event is pb.FamilyEvent.BIRTH
    care = None
    if role in ("father", "co_mother") and birth:
        care = wl.care_leave(wl.CareLeaveRole.FATHER_OR_CO_MOTHER, wl.EmployerType.PRIVATE,
                             on=inp.event_date)
    mother = father = None
    if birth and result.note("before_birth_reserved") is not None and (inp.due_date or inp.birth_date):
        mother = pb.mother_windows(inp.due_date or inp.birth_date, inp.birth_date)
    if birth and result.allowance(pb.Allowance.FATHER_AROUND_BIRTH) is not None:
        father = pb.father_around_birth_window(inp.due_date, inp.birth_date)
    return PlanDetails(own, wl.notice_period(w * 7 + d, on=inp.event_date), care, mother, father)
