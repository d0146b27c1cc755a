"""The rule quantities the fixed bot texts state, read from the dated tables for one date.

Responses in domain/*.yml do not write "10 dager" or "49 uker"; they write `{care_days_base}` and
the Rasa server fills it from `figures(...)` (rasa_ext/nlg.py, formatted in actions/lang/figures.py).
A law change is a table change: the responses follow without an edit. See
docs/architecture-numbers.md.

Each `Figure` keeps the value, its unit and the `LegalRef` of the table row. Which date is looked up:
- care days: 1 January of the year in question (as `care_days.compute`);
- foreldrepenger: the date of birth, due date or adoption when the user has given it, else today
  (as `parental_benefit.compute`);
- everything else: today.
The fixed texts are overviews and "why do I ask" texts, so a row that is not in force on the date
gives the nearest version (the first for an earlier date, the last for a later one) rather than no
text; the computed answers check the date themselves and say when a rule does not apply.
Pure Python, no Rasa imports and no Norwegian text.
"""
from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import care_days as cd
from . import intro_programme as ip
from . import kindergarten as kg
from . import parental_benefit as pb
from . import work_leave as wl
from .legal import LegalRef
from .params import FAR_FUTURE, Parameter, ParameterNotInForce, ParameterTable

# A pregnancy is counted as 40 weeks from the last period to the due date (termin): used only to say
# "før uke 33" for "more than 7 weeks before termin".
FULL_TERM_WEEKS = 40


class Unit:
    DAY = "day"  # kalenderdager / virkedager, as the table says
    BENEFIT_DAYS = "benefit_days"  # stønadsdager, 5 a week: shown as weeks and days
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    HOUR = "hour"
    MINUTE = "minute"
    PERCENT = "percent"
    ORDINAL_MONTH = "ordinal_month"  # "den fjerde måneden"
    DATE = "date"
    MONTH_DAY = "month_day"  # (month, day): a yearly date such as 1 March
    PERIOD = "period"  # (first day, last day or None): the dates a rule version covers
    NUMBER = "number"  # a count or a year without unit


@dataclass(frozen=True)
class Figure:
    value: Any
    unit: str
    ref: LegalRef


def nearest(table: ParameterTable, key: Hashable, on: date) -> Parameter:
    """The row in force on `on`, else the nearest version (first before, last after)."""
    try:
        return table.get(key, on)
    except ParameterNotInForce:
        starts = table.starts(key)
        if not starts:
            raise
        return table.get(key, starts[0] if on < starts[0] else starts[-1])


def _from(table: ParameterTable, on: date, spec: dict[str, tuple[Hashable, str]]) -> dict[str, Figure]:
    out = {}
    for name, (key, unit) in spec.items():
        row = nearest(table, key, on)
        out[name] = Figure(row.value, unit, row.ref)
    return out


U = Unit
CARE_DAYS_SPEC = {
    "care_days_base": ("base_days_1_2_children", U.DAY),
    "care_days_base_many": ("base_days_3_plus_children", U.DAY),
    "care_alone_extra": ("alone_extra_1_2_children", U.DAY),
    "care_alone_extra_many": ("alone_extra_3_plus_children", U.DAY),
    "care_chronic_extra": ("chronic_extra_per_child", U.DAY),
    "care_chronic_alone_extra": ("chronic_alone_extra_per_child", U.DAY),
    "care_age_limit": ("age_limit", U.YEAR),
    "care_age_limit_chronic": ("age_limit_chronic", U.YEAR),
    "care_transfer_max": ("transfer_max_days", U.DAY),
    "care_cohabitant_months": ("cohabitant_min_months", U.MONTH),
    "care_employer_days": ("employer_refund_after_days", U.DAY),
    "care_self_employed_waiting": ("self_employed_waiting_days", U.DAY),
    "care_self_cert_days": ("self_certification_days", U.DAY),
    "care_temporarily_alone_months": ("temporarily_alone_min_months", U.MONTH),
}
PARENTAL_BENEFIT_SPEC = {
    "pb_deadline_years": ("deadline_years", U.YEAR),
    "pb_adoption_age_limit": ("adoption_age_limit", U.YEAR),
    "pb_earning_months": ("earning_months_required", U.MONTH),
    "pb_earning_window_months": ("earning_months_window", U.MONTH),
    "pb_premature_threshold": ("premature_threshold_days", U.DAY),
    "pb_father_around_birth": ("father_around_birth", U.BENEFIT_DAYS),
}
WORK_LEAVE_SPEC = {
    "bf_paid_hours": ("breastfeeding_paid_hours", U.HOUR),
    "bf_min_day_hours": ("breastfeeding_min_day_hours", U.HOUR),
    "bf_paid_child_years": ("breastfeeding_paid_child_years", U.YEAR),
    "state_bf_hours": ("state_breastfeeding_paid_hours", U.HOUR),
    "state_bf_child_years": ("state_breastfeeding_child_years", U.YEAR),
    "state_full_day_hours": ("state_full_day_hours", U.HOUR),
    "state_care_leave_years": ("state_care_leave_years", U.YEAR),
    "state_care_leave_child_age": ("state_care_leave_child_age", U.YEAR),
    "unpaid_leave_months": ("parental_extra_months", U.MONTH),
    "unpaid_leave_months_alone": ("parental_extra_months_alone", U.MONTH),
}
_NEW = ip.IntroLaw.INTEGRATION_ACT
INTRO_SPEC = {
    "intro_leave_max_months": (("leave_max_months", _NEW), U.MONTH),
    "intro_adoption_age_below": (("adoption_child_age_below", _NEW), U.YEAR),
    "intro_reserved_days_father": (("reserved_days_father", _NEW), U.DAY),
    "intro_reserved_days_mother": (("reserved_days_mother", _NEW), U.DAY),
    "intro_offer_month": (("offer_from_leave_month", _NEW), U.ORDINAL_MONTH),
    "intro_full_time_hours": ("full_time_hours", U.HOUR),
    "intro_full_time_hours_self_study": ("full_time_hours_self_study", U.HOUR),
    "intro_programme_weeks": ("programme_weeks_per_year", U.WEEK),
    "intro_holiday_weeks": ("holiday_weeks", U.WEEK),
    "intro_lesson_minutes": ("norwegian_lesson_minutes", U.MINUTE),
    "intro_lesson_counted_minutes": ("norwegian_lesson_counted_minutes", U.MINUTE),
    "work_min_hours": ("work_oriented_min_hours", U.HOUR),
    "work_min_hours_part_time": ("work_oriented_min_hours_part_time", U.HOUR),
    "work_part_time_max_percent": ("part_time_max_percent", U.PERCENT),
    "work_from_month": ("work_oriented_from_programme_month", U.ORDINAL_MONTH),
}
KINDERGARTEN_SPEC = {
    "kg_right_age": ("right_age_years", U.YEAR),
    "kg_default_deadline": ("default_deadline_month_day", U.MONTH_DAY),
}


def care_days_figures(year: int) -> dict[str, Figure]:
    out = _from(cd.CARE_DAYS, date(year, 1, 1), CARE_DAYS_SPEC)
    out["care_first_year"] = Figure(cd.CARE_DAYS.earliest().year, U.NUMBER, cd.REF_BASE)
    return out


def parental_benefit_figures(on: date) -> dict[str, Figure]:
    """The standard family (one child, both entitled) on `on`: the totals and the quotas."""
    on = max(on, pb.V2014)
    out = _from(pb.PARENTAL_BENEFIT, on, PARENTAL_BENEFIT_SPEC)
    version = pb.VERSIONS.get("version", on)
    last = None if version.valid_to == FAR_FUTURE else version.valid_to
    out["pb_version_period"] = Figure((version.valid_from, last), U.PERIOD, version.ref)
    for cov, suffix in ((pb.Coverage.FULL, "full"), (pb.Coverage.REDUCED, "reduced")):
        result = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=on, coverage=cov))
        out[f"pb_coverage_{suffix}"] = Figure(int(cov), U.PERCENT, pb.REF_COVERAGE)
        out[f"pb_total_{suffix}"] = Figure(result.total, U.BENEFIT_DAYS, result.version_ref)
        for account, name in ((pb.Account.MOTHER_QUOTA, "mother_quota"),
                              (pb.Account.FATHER_QUOTA, "father_quota")):
            part = next(p for p in result.accounts if p.account is account)
            out[f"pb_{name}_{suffix}"] = Figure(part.days, U.BENEFIT_DAYS, part.ref)
        if cov is pb.Coverage.FULL:
            part = next(p for p in result.accounts if p.account is pb.Account.BEFORE_BIRTH)
            out["pb_before_birth"] = Figure(part.days, U.BENEFIT_DAYS, part.ref)
    premature = out["pb_premature_threshold"]
    weeks = premature.value // 7  # "more than 52 days" is said as "more than 7 weeks"
    out["pb_premature_weeks"] = Figure(weeks, U.WEEK, premature.ref)
    out["pb_premature_before_week"] = Figure(FULL_TERM_WEEKS - weeks, U.NUMBER, premature.ref)
    return out


def today_figures(on: date) -> dict[str, Figure]:
    """Everything looked up on today's date: leave at work, the programme, kindergarten."""
    out = _from(wl.WORK_LEAVE, on, WORK_LEAVE_SPEC)
    out.update(_from(ip.INTRO, on, INTRO_SPEC))
    out.update(_from(kg.KINDERGARTEN, on, KINDERGARTEN_SPEC))
    last = nearest(ip.INTRO, "work_oriented_min_hours", on)
    out["work_rules_known_until"] = Figure(last.valid_to + timedelta(days=1), U.DATE, last.ref)
    return out


def figures(today: date, event_date: date | None = None, care_year: int | None = None
            ) -> dict[str, Figure]:
    """Every figure the fixed texts use. `event_date`: birth, due or adoption date if known;
    `care_year`: the care-days year asked about if known."""
    out = today_figures(today)
    out.update(care_days_figures(care_year or today.year))
    out.update(parental_benefit_figures(event_date or today))
    return out
