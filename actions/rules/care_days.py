"""Omsorgsdager (care days for a sick child), folketrygdloven §§ 9-5 to 9-9 and aml. § 12-9.

Pure functions over plain data. Sources: docs/sources/rules.md section 1 and docs/sources/seeds/003.
The numbers live in `CARE_DAYS` (dated, with legal references); nothing here hard-codes a day count.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .legal import (
    PAGE_LOVDATA_FTRL,
    PAGE_NAV_OMSORGSPENGER,
    Evidence,
    Explained,
    LegalRef,
    Note,
)
from .params import ParameterNotInForce, ParameterTable


class CareDaysNote(str, Enum):
    """Care days: the codes of the notes the rules attach to a result. The Norwegian text for
    each (or the mark that it is shown only through its source) is in actions/lang/note_texts.py."""

    CHRONIC_NEEDS_DECISION = "chronic_needs_decision"
    ALONE_MUST_APPLY = "alone_must_apply"
    TRANSFER_POSSIBLE = "transfer_possible"
    NEW_JOINT_CHILD = "new_joint_child"
    TEMPORARILY_ALONE = "temporarily_alone"
    SHARED_RESIDENCE = "shared_residence"
    TOO_OLD = "too_old"
    ABSENCE_UNKNOWN = "absence_unknown"
    ABSENCE_TOO_SHORT = "absence_too_short"
    PAYER_SELF_EMPLOYED = "payer_self_employed"
    PAYER_EMPLOYER = "payer_employer"
    PAYER_NAV_IF_EMPLOYER_DOES_NOT = "payer_nav_if_employer_does_not"
    SELF_CERTIFICATION = "self_certification"
    # The other parent receives uføretrygd: that alone does not double the days (§ 9-6 (3) asks
    # whether the other parent can have tilsyn, for at least 6 months in NAV's practice).
    DISABILITY_BENEFIT = "disability_benefit"


# --- legal references ---------------------------------------------------------------------------
REF_SCOPE = LegalRef("folketrygdloven § 9-5 tredje ledd", PAGE_NAV_OMSORGSPENGER)
REF_BASE = LegalRef("folketrygdloven § 9-6 første ledd", PAGE_NAV_OMSORGSPENGER)
REF_CHRONIC = LegalRef("folketrygdloven § 9-6 andre ledd", PAGE_NAV_OMSORGSPENGER)
REF_ALONE = LegalRef("folketrygdloven § 9-6 første og andre ledd", PAGE_NAV_OMSORGSPENGER)
REF_TEMP_ALONE = LegalRef("folketrygdloven § 9-6 tredje ledd", PAGE_NAV_OMSORGSPENGER)
# § 9-6 (3) says "i lang tid"; the 6 months are NAV's practice, read from NAV's own application
# (sif-brukerdialog `ekstra-omsorgsdager-andre-forelder-ikke-tilsyn`): docs/sources/rules.md 1.4.
REF_TEMP_ALONE_MIN = LegalRef("folketrygdloven § 9-6 tredje ledd (NAVs praksis: minst 6 måneder)",
                              PAGE_NAV_OMSORGSPENGER, Evidence.CONFIRMED)
REF_SHARED = LegalRef("folketrygdloven § 9-6 femte ledd", PAGE_NAV_OMSORGSPENGER)
REF_TRANSFER = LegalRef("folketrygdloven § 9-6 sjette ledd", PAGE_NAV_OMSORGSPENGER,
                        Evidence.CONFIRMED, seed="003_1f8cc6b28f21a225.txt")
# § 9-8: the employer pays the care days and may claim a refund from NAV for the days beyond 10 in
# the calendar year (docs/sources/rules.md 1.6 and "points easy to get wrong" 1).
REF_EMPLOYER = LegalRef("folketrygdloven § 9-8", PAGE_LOVDATA_FTRL)
# § 9-9: payment from the trygd. NAV pays the user directly: self-employed and freelancers after
# their first 10 days, or an employee whose employer does not pay (docs/sources/rules.md 1.1 and 1.6).
REF_NAV_DIRECT = LegalRef("folketrygdloven § 9-9", PAGE_NAV_OMSORGSPENGER)
REF_SELF_EMPLOYED = LegalRef("folketrygdloven § 9-9", PAGE_NAV_OMSORGSPENGER, Evidence.CONFIRMED)
# Egenmelding is documentation (§ 9-7), not payment (§ 9-8): docs/sources/rules.md 1.6.
REF_SELF_CERT = LegalRef("folketrygdloven § 9-7", PAGE_NAV_OMSORGSPENGER)
# Single parents must apply for the doubled days (since June 2022; NAV's calculator asks for the
# decision) - docs/sources/rules.md 1.2.
REF_ALONE_APPLY = LegalRef("folketrygdloven § 9-6", PAGE_NAV_OMSORGSPENGER, Evidence.CONFIRMED)
# A new joint child ends "alone" status; marriage alone does not. Not verified against the
# post-2023 law text (docs/sources/rules.md 1.3): the bot says so and names NAV.
REF_NEW_JOINT_CHILD = LegalRef("folketrygdloven § 9-6", PAGE_NAV_OMSORGSPENGER, Evidence.UNCONFIRMED,
                               seed="003_1f8cc6b28f21a225.txt")

# --- dated parameters ---------------------------------------------------------------------------
# The current version is the one in force since 1 January 2023 (Prop. 7 L (2022–2023)): long-term
# illness counts as chronic, and separated parents may split days freely. Years before 2023 had
# covid rules that are only partly documented (docs/sources/rules.md 1.7), so the table starts there.
V2023 = date(2023, 1, 1)

CARE_DAYS = ParameterTable("omsorgsdager")
(CARE_DAYS
 .add("base_days_1_2_children", 10, V2023, None, REF_BASE)
 .add("base_days_3_plus_children", 15, V2023, None, REF_BASE)
 .add("alone_extra_1_2_children", 10, V2023, None, REF_ALONE)
 .add("alone_extra_3_plus_children", 15, V2023, None, REF_ALONE)
 .add("chronic_extra_per_child", 10, V2023, None, REF_CHRONIC)
 .add("chronic_alone_extra_per_child", 20, V2023, None, REF_CHRONIC)
 .add("age_limit", 12, V2023, None, REF_SCOPE)
 .add("age_limit_chronic", 18, V2023, None, REF_SCOPE)
 .add("transfer_max_days", 10, V2023, None, REF_TRANSFER)
 .add("cohabitant_min_months", 12, V2023, None, REF_TRANSFER)
 .add("employer_refund_after_days", 10, V2023, None, REF_EMPLOYER)
 .add("self_employed_waiting_days", 10, V2023, None, REF_SELF_EMPLOYED)
 .add("self_certification_days", 3, V2023, None, REF_SELF_CERT)
 .add("temporarily_alone_min_months", 6, V2023, None, REF_TEMP_ALONE_MIN))

FIRST_YEAR = V2023.year


class CareSituation(str, Enum):
    TOGETHER = "together"  # lives with the other parent, or both have care the ordinary way
    ALONE = "alone"  # alene om omsorgen: the child lives with you and you don't live with the other parent
    SHARED_RESIDENCE = "shared"  # delt fast bosted: neither parent is alone
    # The other parent cannot have tilsyn with the child. Doubles only when it lasts at least
    # 6 months (CareDaysInput.absence_months; NAV practice).
    TEMPORARILY_ALONE = "temporarily_alone"


class WorkType(str, Enum):
    EMPLOYEE = "employee"
    SELF_EMPLOYED = "self_employed"
    FREELANCER = "freelancer"
    UNKNOWN = "unknown"


DOUBLED = {CareSituation.ALONE, CareSituation.TEMPORARILY_ALONE}


@dataclass(frozen=True)
class Child:
    birth_year: int
    chronic: bool = False  # chronic / long-term ill or disabled, with (or applying for) NAV's decision
    # Alone with the care of this child. None: follows the situation (alone/temporarily alone ->
    # every child). The doubling counts only the children you are alone with (NAV's calculator).
    alone: bool | None = None


@dataclass(frozen=True)
class CareDaysInput:
    children: tuple[Child, ...]
    situation: CareSituation
    year: int
    work_type: WorkType = WorkType.UNKNOWN
    # TEMPORARILY_ALONE only: how long the other parent is expected to be unable to have tilsyn,
    # in months (math.inf: for good). None: not known; then the ordinary days are given and the
    # answer says what it would be with 6 months or more.
    absence_months: float | None = None
    # Care days already used this calendar year (None: not told).
    days_used: int | None = None
    # The other parent (or the mother) receives uføretrygd.
    other_parent_disability: bool = False


@dataclass(frozen=True)
class Part:
    """One addend of the total, with the rule behind it."""

    code: str  # base | alone_extra | chronic_extra
    days: int
    children: int  # how many children this part is computed from
    ref: LegalRef


@dataclass(frozen=True)
class CareDaysResult(Explained):
    input: CareDaysInput
    in_scope: tuple[Child, ...]
    out_of_scope: tuple[Child, ...]
    parts: tuple[Part, ...]
    notes: tuple[Note, ...] = field(default=())

    @property
    def total(self) -> int:
        return sum(p.days for p in self.parts)

    @property
    def situation(self) -> CareSituation:
        """The situation the days are computed for (a short absence counts as together)."""
        return applied_situation(self.input)

    @property
    def days_left(self) -> int | None:
        """The days still to use this calendar year, when the days used are known."""
        if self.input.days_used is None:
            return None
        return max(0, self.total - max(0, self.input.days_used))

    @property
    def doubled(self) -> bool:
        return self.situation in DOUBLED and bool(self.in_scope)

    def _sourced(self):
        return (self.parts, self.notes)


class YearNotSupported(ValueError):
    def __init__(self, year: int):
        super().__init__(f"care-day rules are known from {FIRST_YEAR}; asked for {year}")
        self.year = year


def _on(year: int) -> date:
    return date(year, 1, 1)


def age_in_year(child: Child, year: int) -> int:
    """The age the child turns during `year` (the rules count whole calendar years)."""
    return year - child.birth_year


def in_scope(child: Child, year: int) -> bool:
    """Through the calendar year the child turns 12, or 18 for a chronically ill child (§ 9-5)."""
    on = _on(year)
    limit = CARE_DAYS.value("age_limit_chronic" if child.chronic else "age_limit", on)
    return 0 <= age_in_year(child, year) <= limit


def last_year_in_scope(child: Child, on: date) -> int:
    """The last calendar year the child counts, by the age limit in force on `on`."""
    key = "age_limit_chronic" if child.chronic else "age_limit"
    return child.birth_year + CARE_DAYS.value(key, max(on, V2023))


def long_absence(inp: CareDaysInput) -> bool | None:
    """Whether the other parent is away long enough to double the days (§ 9-6 (3) "i lang tid";
    NAV: at least 6 months). None: not asked (not TEMPORARILY_ALONE) or the duration is unknown."""
    if inp.situation is not CareSituation.TEMPORARILY_ALONE or inp.absence_months is None:
        return None
    return inp.absence_months >= CARE_DAYS.value("temporarily_alone_min_months", _on(inp.year))


def applied_situation(inp: CareDaysInput) -> CareSituation:
    """TEMPORARILY_ALONE doubles only for an absence of at least 6 months; a shorter or unknown
    one is computed as TOGETHER (the answer says so and what 6 months would give)."""
    if inp.situation is CareSituation.TEMPORARILY_ALONE and not long_absence(inp):
        return CareSituation.TOGETHER
    return inp.situation


def compute(inp: CareDaysInput) -> CareDaysResult:
    """Care days per calendar year for one carer."""
    on = _on(inp.year)
    try:
        CARE_DAYS.get("base_days_1_2_children", on)
    except ParameterNotInForce as exc:
        raise YearNotSupported(inp.year) from exc
    situation = applied_situation(inp)

    scope = tuple(c for c in inp.children if in_scope(c, inp.year))
    outside = tuple(c for c in inp.children if c not in scope)
    parts: list[Part] = []
    notes: list[Note] = []
    n = len(scope)
    if n:
        many = n >= 3
        base = CARE_DAYS.get("base_days_3_plus_children" if many else "base_days_1_2_children", on)
        parts.append(Part("base", base.value, n, base.ref))
        doubled = situation in DOUBLED
        alone = [c for c in scope if (c.alone if c.alone is not None else doubled)]
        if alone:
            key = "alone_extra_3_plus_children" if len(alone) >= 3 else "alone_extra_1_2_children"
            extra = CARE_DAYS.get(key, on)
            ref = REF_TEMP_ALONE if situation is CareSituation.TEMPORARILY_ALONE else extra.ref
            parts.append(Part("alone_extra", extra.value, len(alone), ref))
        chronic_alone = sum(1 for c in alone if c.chronic)
        chronic_other = sum(1 for c in scope if c.chronic) - chronic_alone
        if chronic_alone:
            per = CARE_DAYS.get("chronic_alone_extra_per_child", on)
            parts.append(Part("chronic_extra", per.value * chronic_alone, chronic_alone, per.ref))
        if chronic_other:
            per = CARE_DAYS.get("chronic_extra_per_child", on)
            parts.append(Part("chronic_extra", per.value * chronic_other, chronic_other, per.ref))
        if chronic_alone or chronic_other:
            notes.append(Note(CareDaysNote.CHRONIC_NEEDS_DECISION, REF_CHRONIC))
        if situation is CareSituation.ALONE:
            notes.append(Note(CareDaysNote.ALONE_MUST_APPLY, REF_ALONE_APPLY))
            notes.append(Note(CareDaysNote.TRANSFER_POSSIBLE, REF_TRANSFER, (
                ("max_days", CARE_DAYS.value("transfer_max_days", on)),
                ("cohabitant_months", CARE_DAYS.value("cohabitant_min_months", on)))))
            notes.append(Note(CareDaysNote.NEW_JOINT_CHILD, REF_NEW_JOINT_CHILD))
        elif situation is CareSituation.TEMPORARILY_ALONE:
            notes.append(Note(CareDaysNote.TEMPORARILY_ALONE, REF_TEMP_ALONE_MIN, (
                ("min_months", CARE_DAYS.value("temporarily_alone_min_months", on)),)))
        elif situation is CareSituation.SHARED_RESIDENCE:
            notes.append(Note(CareDaysNote.SHARED_RESIDENCE, REF_SHARED))
        notes.extend(_absence_notes(inp, on))
        if inp.other_parent_disability and situation not in DOUBLED:
            notes.append(Note(CareDaysNote.DISABILITY_BENEFIT, REF_TEMP_ALONE_MIN, (
                ("min_months", CARE_DAYS.value("temporarily_alone_min_months", on)),)))
        notes.extend(_payer_notes(inp, scope, on))
    if outside:
        notes.append(Note(CareDaysNote.TOO_OLD, REF_SCOPE, (
            ("count", len(outside)),
            ("age_limit", CARE_DAYS.value("age_limit", on)),
            ("age_limit_chronic", CARE_DAYS.value("age_limit_chronic", on)))))
    return CareDaysResult(inp, scope, outside, tuple(parts), tuple(notes))


def _absence_notes(inp: CareDaysInput, on: date) -> list[Note]:
    """The other parent away for less than 6 months, or for an unknown time: not doubled."""
    long = long_absence(inp)
    if inp.situation is not CareSituation.TEMPORARILY_ALONE or long:
        return []
    min_months = CARE_DAYS.value("temporarily_alone_min_months", on)
    if long is None:  # "vet ikke": the ordinary days, and what 6 months or more would give
        doubled = compute(CareDaysInput(inp.children, inp.situation, inp.year, inp.work_type,
                                        absence_months=min_months)).total
        return [Note(CareDaysNote.ABSENCE_UNKNOWN, REF_TEMP_ALONE_MIN, (
            ("min_months", min_months), ("doubled_total", doubled)))]
    return [Note(CareDaysNote.ABSENCE_TOO_SHORT, REF_TEMP_ALONE_MIN, (
        ("min_months", min_months), ("absence_months", inp.absence_months)))]


def _payer_notes(inp: CareDaysInput, scope: tuple[Child, ...], on: date) -> list[Note]:
    """Who pays (§§ 9-8, 9-9) and the documentation (§ 9-7): docs/sources/rules.md 1.6."""
    age_limit = CARE_DAYS.value("age_limit", on)
    only_chronic_over_limit = all(c.chronic and age_in_year(c, inp.year) > age_limit for c in scope)
    if inp.work_type in (WorkType.SELF_EMPLOYED, WorkType.FREELANCER):
        days = CARE_DAYS.get("self_employed_waiting_days", on)
        return [Note(CareDaysNote.PAYER_SELF_EMPLOYED, days.ref, (
            ("waiting_days", 0 if only_chronic_over_limit else days.value), ("age_limit", age_limit)))]
    refund = CARE_DAYS.get("employer_refund_after_days", on)
    self_cert = CARE_DAYS.get("self_certification_days", on)
    return [Note(CareDaysNote.PAYER_EMPLOYER, refund.ref, (
                ("refund_after_days", refund.value), ("full_refund", only_chronic_over_limit),
                ("age_limit", age_limit))),
            Note(CareDaysNote.PAYER_NAV_IF_EMPLOYER_DOES_NOT, REF_NAV_DIRECT),
            Note(CareDaysNote.SELF_CERTIFICATION, self_cert.ref, (("days", self_cert.value),))]


# --- transfer to a new spouse or cohabitant (§ 9-6 sjette ledd) ----------------------------------
class Partner(str, Enum):
    SPOUSE = "spouse"
    COHABITANT = "cohabitant"
    NONE = "none"  # a boyfriend or girlfriend who is neither spouse nor cohabitant


@dataclass(frozen=True)
class TransferResult:
    allowed: bool
    days: int
    reason: str  # code: ok | not_alone | temporarily_alone | not_partner | cohabitant_too_short | none_left
    ref: LegalRef = REF_TRANSFER
    cohabitant_min_months: int = 0  # for cohabitant_too_short: how long they must have lived together


def transfer(result: CareDaysResult, partner: Partner, months_together: int = 0,
             days_used: int = 0, days_already_shared: int = 0) -> TransferResult:
    """Days a parent alone with the care may transfer to a new spouse (at once) or a cohabitant
    (after 12 months). NAV's formula (omsorgspenger-rammemeldinger `Beregninger.kt`):
    min(max, max(0, total - base - max(0, used - base) - already_shared))."""
    on = _on(result.input.year)
    situation = result.situation
    if situation is CareSituation.TEMPORARILY_ALONE:
        return TransferResult(False, 0, "temporarily_alone")
    if situation is not CareSituation.ALONE or not result.in_scope:
        return TransferResult(False, 0, "not_alone")
    min_months = CARE_DAYS.value("cohabitant_min_months", on)
    if partner is Partner.NONE:
        return TransferResult(False, 0, "not_partner", cohabitant_min_months=min_months)
    if partner is Partner.COHABITANT and months_together < min_months:
        return TransferResult(False, 0, "cohabitant_too_short", cohabitant_min_months=min_months)
    base = next(p.days for p in result.parts if p.code == "base")
    used_beyond_base = max(0, max(0, days_used) - base)
    left = max(0, result.total - base - used_beyond_base - max(0, days_already_shared))
    days = min(CARE_DAYS.value("transfer_max_days", on), left)
    return TransferResult(days > 0, days, "ok" if days else "none_left")


def transfer_period(children: tuple[Child, ...], notified: date) -> tuple[date, date] | None:
    """How long a transfer lasts: from the day NAV is notified to 31 December of the year the
    youngest child you are alone with leaves the age limit (12, or 18 with extended right)
    (NAV rammemeldinger OverordnetPeriodeTest)."""
    alone = [c for c in children if c.alone is not False]
    if not alone:
        return None
    end_year = max(last_year_in_scope(c, notified) for c in alone)
    if end_year < notified.year:
        return None
    return notified, date(end_year, 12, 31)


@dataclass(frozen=True)
class RightsUntil:
    """How long the right lasts (§ 9-5 third paragraph)."""

    year: int | None  # the last calendar year any child counts; None when no child counts
    age_limit: int  # the age limit that sets that year (12, or 18 for a chronically ill child)
    age_limit_chronic: int
    chronic: bool  # the year comes from a chronically ill child


def rights_until(result: CareDaysResult) -> RightsUntil:
    """Through the calendar year the youngest child turns 12, or 18 when chronically ill."""
    on = _on(result.input.year)
    chronic_limit = CARE_DAYS.value("age_limit_chronic", on)
    best: tuple[int, bool] | None = None
    for child in result.in_scope:
        end = last_year_in_scope(child, on)
        if best is None or end > best[0]:
            best = (end, child.chronic)
    if best is None:
        return RightsUntil(None, CARE_DAYS.value("age_limit", on), chronic_limit, False)
    limit = CARE_DAYS.value("age_limit_chronic" if best[1] else "age_limit", on)
    return RightsUntil(best[0], limit, chronic_limit, best[1])
