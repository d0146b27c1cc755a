"""Parental leave (foreldrepenger): facts -> rules input, and the conditions of
data/interview/parental_leave.yml."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from dateutil.relativedelta import relativedelta

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


def adopted_age(facts: Mapping[str, Any]) -> int | None:
    """The adopted child's age in years, None when not known ('vet ikke' is stored as -1)."""
    try:
        age = int(facts.get("pl_adopted_age"))
    except (TypeError, ValueError):
        return None
    return age if age >= 0 else None


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
        return pb.ParentalBenefitInput.for_adoption(day, adopted_child_age=adopted_age(facts), **common)
    if event == "born":
        # The termin, when known, decides a premature extension and where far/medmor's days may lie.
        due = _iso(facts.get("pl_due"))
        return pb.ParentalBenefitInput.for_birth(birth_date=day, due_date=due, **common)
    return pb.ParentalBenefitInput.for_birth(due_date=day, **common)


# --- conditions of data/interview/parental_leave.yml (facts, today) ------------------------------
def father_side(facts: Mapping[str, Any], today: date) -> bool:
    """Far or medmor asks: their days around the birth start from the earlier of termin and birth."""
    return SIDE.get(facts.get("pl_role") or "") == "father"


def rules_known(facts: Mapping[str, Any], today: date) -> bool:
    """The rules core has the rule version for the family-event date (or the date is not known yet)."""
    day = _iso(facts.get("pl_date"))
    if day is None:
        return True
    try:
        pb.rule_version(day)
    except pb.EventDateNotSupported:
        return False
    return True


def adopted_child_eligible(facts: Mapping[str, Any], today: date) -> bool:
    """False when the adopted child is at or over the age limit (then no quota questions)."""
    age = adopted_age(facts)
    if facts.get("pl_event") != "adoption" or age is None:
        return True
    on = _iso(facts.get("pl_date")) or today
    try:
        limit = pb.PARENTAL_BENEFIT.value("adoption_age_limit", on)
    except Exception:  # no rules for that date: rules_known() decides
        return True
    return age < limit


def quota_facts_needed(facts: Mapping[str, Any], today: date) -> bool:
    """Coverage, children and rights change the answer: the rules are known and the child is eligible."""
    return rules_known(facts, today) and adopted_child_eligible(facts, today)


def ask_premature(facts: Mapping[str, Any], today: date) -> bool:
    """Mother: whether the child came early (then the termin is asked). Far/medmor are asked the
    termin itself, which their window needs."""
    return (facts.get("pl_event") == "born" and not father_side(facts, today)
            and rules_known(facts, today) and _iso(facts.get("pl_due")) is None)


def ask_due(facts: Mapping[str, Any], today: date) -> bool:
    return (facts.get("pl_event") == "born" and rules_known(facts, today)
            and (bool(facts.get("pl_premature")) or father_side(facts, today)))


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
    # (first day, last day) when all the weeks are taken one after the other from the usual start
    # (mother: the reserved weeks before termin; else the birth or the care takeover) [I].
    continuous: tuple[date, date] | None = None
    last_day: date | None = None  # the last day the weeks can be used (the deadline)


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
    deadline = result.note("deadline")
    last_day = deadline.get("last_day") if deadline is not None else None
    return PlanDetails(own, wl.notice_period(w * 7 + d, on=inp.event_date), care, mother, father,
                       continuous_period(result), last_day)


def _add_working_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def continuous_period(result: pb.ParentalBenefitResult) -> tuple[date, date] | None:
    """All the stønadsdager one after the other (5 a week) from the usual start: 3 weeks before termin
    when the mother is entitled at a birth, else the birth (or termin) or the care takeover."""
    if not result.eligible or not result.total:
        return None
    inp = result.input
    start = inp.event_date
    if inp.event is pb.FamilyEvent.BIRTH and inp.rights in pb.MOTHER_ENTITLED:
        before = pb.PARENTAL_BENEFIT.value("mother_reserved_before_weeks", inp.event_date)
        start = (inp.due_date or inp.event_date) - relativedelta(weeks=before)
        if inp.birth_date is not None and inp.due_date is not None and inp.birth_date < inp.due_date:
            start = inp.birth_date - relativedelta(weeks=before)
    weeks, days = pb.as_weeks(result.total)
    end = start + relativedelta(weeks=weeks) - timedelta(days=1)
    return start, _add_working_days(end, days)


@dataclass(frozen=True)
class EarlyCase:
    """A birth or adoption before the first rule version the tables hold."""

    earliest: date  # the first family-event date the tables know
    years: int  # the weeks had to be used within this many years
    last_day: date  # the last day for this child


def early_case(facts: Mapping[str, Any]) -> EarlyCase | None:
    """For a date before the known rules: what can still be said (None when the rules are known)."""
    day = _iso(facts.get("pl_date"))
    if day is None or day >= pb.V2014:
        return None
    years = pb.PARENTAL_BENEFIT.value("deadline_years", pb.V2014)
    return EarlyCase(pb.V2014, years, day + relativedelta(years=years) - timedelta(days=1))
