"""Foreldrepenger, folketrygdloven kapittel 14: benefit accounts (stønadskontoer) at birth or adoption.

Pure functions over plain data. Sources: docs/sources/rules.md section 2, docs/sources/seeds/001 (the 2019
table only) and NAV's rule engine navikt/fp-stonadskonto (structure of the accounts, minsterett,
premature and closely-spaced rules). Every number lives in `PARENTAL_BENEFIT` (dated, with legal
references); nothing here hard-codes a day count.

Units: stønadsdager = working days, 5 per week. `as_weeks(306) == (61, 1)`.

Which rules apply is decided by the family-event date (familiehendelse): the date of
omsorgsovertakelse for adoption, else the birth date, else the due date (termin) — as NAV's
`BeregnKontoerGrunnlag.getKonfigurasjonsvalgdato()`. Versions: from 1 July 2014, 1 July 2018,
1 January 2019, 1 July 2024. Earlier dates raise `EventDateNotSupported`.

Note codes: `ParentalBenefitNote` below; their Norwegian texts: actions/lang/note_texts.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any, Hashable

import holidays
from dateutil.relativedelta import relativedelta

from .events import FamilyEvent
from .legal import Evidence, Explained, LegalRef, Note
from .params import ParameterNotInForce, ParameterTable

PAGE_NAV_FORELDREPENGER = "nav.no/foreldrepenger"

DAYS_PER_WEEK = 5  # stønadsdager per week

# --- cut-over dates -----------------------------------------------------------------------------
V2014 = date(2014, 7, 1)  # 3 / 10 / 10 / 26 weeks (100 %)
V2018 = date(2018, 7, 1)  # quotas 15 weeks
V2019 = date(2019, 1, 1)  # 80 %: quotas 19 weeks (NAV: DATO_VEDTAK)
V2024 = date(2024, 7, 1)  # 80 %: 61 weeks + 1 day (NAV: DATO_UTLIGNE_80)
PREMATURE_FROM = date(2019, 7, 1)  # § 14-10 a (NAV: DATO_PREMATUR)
WLB1 = date(2022, 8, 2)  # minsterett 40 d, far 10 d rundt fødsel, tette fødsler (NAV: DATO_MINSTERETT_1)
WLB2 = date(2024, 8, 2)  # minsterett bare far rett 50 d (NAV: DATO_MINSTERETT_2)


def _day_before(d: date) -> date:
    return d - timedelta(days=1)

class ParentalBenefitNote(str, Enum):
    """Parental benefit: the codes of the notes the rules attach to a result. The Norwegian text for
    each (or the mark that it is shown only through its source) is in actions/lang/note_texts.py."""

    STEP_CHILD_ADOPTION = "step_child_adoption"
    ADOPTED_CHILD_TOO_OLD = "adopted_child_too_old"
    ADOPTION_AGE_LIMIT = "adoption_age_limit"
    PREMATURE_EXTENSION = "premature_extension"
    PREMATURE_PLEIEPENGER_DEDUCTION = "premature_pleiepenger_deduction"
    PREMATURE_NOT_IN_FORCE = "premature_not_in_force"
    FATHER_AROUND_BIRTH_NOT_IN_FORCE = "father_around_birth_not_in_force"
    NEXT_CHILD_ENDS_PERIOD = "next_child_ends_period"
    CLOSELY_SPACED_NOT_IN_FORCE = "closely_spaced_not_in_force"
    CLOSELY_SPACED = "closely_spaced"
    COVERAGE_CHOICE = "coverage_choice"
    ESTIMATED_FROM_DUE_DATE = "estimated_from_due_date"
    BEFORE_BIRTH_RESERVED = "before_birth_reserved"
    MOTHER_SIX_WEEKS = "mother_six_weeks"
    ACTIVITY_REQUIREMENT = "activity_requirement"
    NO_REQUIREMENTS_ON_FATHER = "no_requirements_on_father"
    EDGE_2019 = "edge_2019"
    DUE_AND_BIRTH_UNDER_DIFFERENT_RULES = "due_and_birth_under_different_rules"
    DEADLINE = "deadline"


# --- legal references ---------------------------------------------------------------------------
_P = PAGE_NAV_FORELDREPENGER
_S, _C, _I, _U = Evidence.STATED, Evidence.CONFIRMED, Evidence.DERIVED, Evidence.UNCONFIRMED

_CH14 = "folketrygdloven kapittel 14 (regler for fødsel/adopsjon fra {})"
REF_VERSION_2014 = LegalRef(_CH14.format("1. juli 2014"), _P, _S)
REF_VERSION_2018 = LegalRef(_CH14.format("1. juli 2018"), _P, _S)
REF_VERSION_2019 = LegalRef(_CH14.format("1. januar 2019"), _P, _C)
REF_VERSION_2024 = LegalRef(_CH14.format("1. juli 2024"), _P, _C)

# Numbers before 1 July 2018 come from nav.no "Foreldrepengeperioden" and secondary sources [S];
# NAV's code back-fills later values there and cannot confirm them (docs/sources/rules.md 2.3).
REF_PERIOD_OLD = LegalRef("folketrygdloven § 14-9", _P, _S)
REF_PERIOD = LegalRef("folketrygdloven § 14-9", _P, _C)
REF_QUOTA_OLD = LegalRef("folketrygdloven § 14-12", _P, _S)
REF_QUOTA = LegalRef("folketrygdloven § 14-12", _P, _C)
REF_BEFORE_BIRTH_OLD = LegalRef("folketrygdloven § 14-10 første ledd", _P, _S)
REF_BEFORE_BIRTH = LegalRef("folketrygdloven § 14-10 første ledd", _P, _C)
REF_ONLY_MOTHER = LegalRef("folketrygdloven § 14-10 (bare mor har rett)", _P, _C)
REF_ONLY_MOTHER_OLD = LegalRef("folketrygdloven § 14-10 (bare mor har rett)", _P, _I)
REF_ALONE = LegalRef("folketrygdloven § 14-15", _P, _C)
REF_ALONE_OLD = LegalRef("folketrygdloven § 14-15", _P, _I)
REF_ONLY_FATHER = LegalRef("folketrygdloven § 14-14 første ledd", _P, _C)
# 40 / 50 weeks when only far/medmor is entitled before 1 July 2018: not in any retrieved source.
REF_ONLY_FATHER_OLD = LegalRef("folketrygdloven § 14-14 første ledd", _P, _U)
REF_MINIMUM_RIGHT = LegalRef("folketrygdloven § 14-14 tredje ledd (minsterett)", _P, _C)
# docs/sources/rules.md 2.5: nav.no and Prop. 85 LS [S], and NAV's DATO_MINSTERETT_2 [C].
REF_MINIMUM_RIGHT_2024 = LegalRef("folketrygdloven § 14-14 tredje ledd (minsterett)", _P, _C)
REF_NO_MINIMUM_RIGHT = LegalRef("folketrygdloven § 14-14 (ingen minsterett før 2. august 2022)", _P, _C)
REF_DISABLED_MOTHER = LegalRef("folketrygdloven § 14-14 (mor mottar uføretrygd)", _P, _C)
# Before 2019 the days for a disabled mother are taken as "as many as the fedrekvote" (docs/sources/rules.md 2.5);
# NAV's code back-fills 75/95 there, which contradicts the 75-day 80 % quota of 2018.
REF_DISABLED_MOTHER_OLD = LegalRef("folketrygdloven § 14-14 (mor mottar uføretrygd)", _P, _U)
REF_MULTIPLES_OLD = LegalRef("folketrygdloven § 14-9 (flerbarnsfødsel/-adopsjon)", _P, _S)
REF_MULTIPLES = LegalRef("folketrygdloven § 14-9 (flerbarnsfødsel/-adopsjon)", _P, _C)
REF_PREMATURE = LegalRef("folketrygdloven § 14-10 a", _P, _C)
REF_PREMATURE_DEDUCTION = LegalRef("folketrygdloven § 14-10 a (fradrag for pleiepenger)", _P, _U)
REF_FATHER_AROUND_BIRTH = LegalRef("folketrygdloven § 14-9 sjette ledd", _P, _C)
REF_CLOSELY_SPACED = LegalRef("folketrygdloven § 14-10 tredje ledd (tette fødsler)", _P, _C)
REF_ACTIVITY = LegalRef("folketrygdloven § 14-13", _P, _S)
REF_MOTHER_WINDOWS = LegalRef("folketrygdloven § 14-10", _P, _C)
REF_FATHER_WINDOW = LegalRef("folketrygdloven § 14-9 sjette ledd (uttak rundt fødsel)", _P, _C)
# The 3-year limit (docs/sources/rules.md 2.9) and the adoption age limit (docs/sources/rules.md 2.9, Prop. 85 LS).
REF_DEADLINE = LegalRef("folketrygdloven § 14-10 tredje ledd (stønadsperioden må brukes innen tre år)",
                        _P, _C)
REF_ADOPTION = LegalRef("folketrygdloven § 14-5 første ledd (adopsjon av barn under 15 år)", _P, _S)
REF_COVERAGE = LegalRef("folketrygdloven § 14-9 (dekningsgrad)", _P, _S)
REF_EARNING = LegalRef("folketrygdloven § 14-6 (opptjening)", _P, _S)
REF_EDGE_2019 = LegalRef("folketrygdloven § 14-12 (overgang 1. januar 2019)", _P, _U)
REF_TRANSITION = LegalRef("folketrygdloven kapittel 14 (regelvalg når termin og fødsel er på hver sin side "
                          "av en lovendring)", _P, _C)

# --- dated parameters ---------------------------------------------------------------------------
_F, _R = 100, 80  # coverage keys (dekningsgrad)
_end2014, _end2018, _end2019 = _day_before(V2018), _day_before(V2019), _day_before(V2024)

PARENTAL_BENEFIT = ParameterTable("foreldrepenger")
_T = PARENTAL_BENEFIT
# Foreldrepenger før fødsel: 3 weeks, reserved for the mother (fødsel only).
for _cov in (_F, _R):
    (_T.add(("before_birth", _cov), 15, V2014, _end2014, REF_BEFORE_BIRTH_OLD)
       .add(("before_birth", _cov), 15, V2018, None, REF_BEFORE_BIRTH))
# Mødrekvote / fedrekvote (medmorkvote).
for _key in ("mother_quota", "father_quota"):
    (_T.add((_key, _F), 50, V2014, _end2014, REF_QUOTA_OLD)
       .add((_key, _F), 75, V2018, None, REF_QUOTA)
       .add((_key, _R), 50, V2014, _end2014, REF_QUOTA_OLD)
       .add((_key, _R), 75, V2018, _end2018, REF_QUOTA)
       .add((_key, _R), 95, V2019, None, REF_QUOTA))
# Fellesperiode.
(_T.add(("shared", _F), 130, V2014, _end2014, REF_PERIOD_OLD)
   .add(("shared", _F), 80, V2018, None, REF_PERIOD)
   .add(("shared", _R), 180, V2014, _end2014, REF_PERIOD_OLD)
   .add(("shared", _R), 130, V2018, _end2018, REF_PERIOD)
   .add(("shared", _R), 90, V2019, _end2019, REF_PERIOD)
   .add(("shared", _R), 101, V2024, None, REF_PERIOD))
# One account "foreldrepenger" when only one parent is entitled (46 w / 56 w, 58 w 1 d from 2024).
for _key, _old, _new in (("only_mother", REF_ONLY_MOTHER_OLD, REF_ONLY_MOTHER),
                         ("mother_alone", REF_ALONE_OLD, REF_ALONE),
                         ("father_alone", REF_ALONE_OLD, REF_ALONE)):
    (_T.add((_key, _F), 230, V2014, _end2014, _old)
       .add((_key, _F), 230, V2018, None, _new)
       .add((_key, _R), 280, V2014, _end2014, _old)
       .add((_key, _R), 280, V2018, _end2019, _new)
       .add((_key, _R), 291, V2024, None, _new))
# Bare far/medmor rett: 40 w / 50 w (52 w 1 d from 2024); minsterett is part of it.
(_T.add(("only_father", _F), 200, V2014, _end2014, REF_ONLY_FATHER_OLD)
   .add(("only_father", _F), 200, V2018, None, REF_ONLY_FATHER)
   .add(("only_father", _R), 250, V2014, _end2014, REF_ONLY_FATHER_OLD)
   .add(("only_father", _R), 250, V2018, _end2019, REF_ONLY_FATHER)
   .add(("only_father", _R), 261, V2024, None, REF_ONLY_FATHER))
# Flerbarnsdager. Before 1 July 2018: per extra child; from then a fixed number for 2 and for 3+.
(_T.add(("multiples_per_extra_child", _F), 25, V2014, _end2014, REF_MULTIPLES_OLD)
   .add(("multiples_per_extra_child", _R), 35, V2014, _end2014, REF_MULTIPLES_OLD)
   .add(("multiples_two", _F), 85, V2018, None, REF_MULTIPLES)
   .add(("multiples_two", _R), 105, V2018, _end2019, REF_MULTIPLES)
   .add(("multiples_two", _R), 106, V2024, None, REF_MULTIPLES)
   .add(("multiples_three_plus", _F), 230, V2018, None, REF_MULTIPLES)
   .add(("multiples_three_plus", _R), 280, V2018, _end2019, REF_MULTIPLES)
   .add(("multiples_three_plus", _R), 288, V2024, None, REF_MULTIPLES))
# Bare far rett: minsterett (days without aktivitetskrav that are never lost), from 2 August 2022.
(_T.add("only_father_minimum", 0, V2014, _day_before(WLB1), REF_NO_MINIMUM_RIGHT)
   .add("only_father_minimum", 40, WLB1, _day_before(WLB2), REF_MINIMUM_RIGHT)
   .add("only_father_minimum", 50, WLB2, None, REF_MINIMUM_RIGHT_2024))
# Mother on uføretrygd: far/medmor's days without aktivitetskrav (uføredager; minsterett from WLB1).
(_T.add(("disabled_mother", _F), 50, V2014, _end2014, REF_DISABLED_MOTHER_OLD)
   .add(("disabled_mother", _F), 75, V2018, _end2018, REF_DISABLED_MOTHER_OLD)
   .add(("disabled_mother", _F), 75, V2019, None, REF_DISABLED_MOTHER)
   .add(("disabled_mother", _R), 50, V2014, _end2014, REF_DISABLED_MOTHER_OLD)
   .add(("disabled_mother", _R), 75, V2018, _end2018, REF_DISABLED_MOTHER_OLD)
   .add(("disabled_mother", _R), 95, V2019, None, REF_DISABLED_MOTHER))
# Far/medmor: 10 days around the birth, taken from his own quota or foreldrepenger.
(_T.add("father_around_birth", 10, WLB1, None, REF_FATHER_AROUND_BIRTH)
   .add("father_window_weeks_before", 2, WLB1, None, REF_FATHER_WINDOW)
   .add("father_window_weeks_after", 6, WLB1, None, REF_FATHER_WINDOW))
# Premature birth (§ 14-10 a): extension if birth + 52 days < termin.
_T.add("premature_threshold_days", 52, PREMATURE_FROM, None, REF_PREMATURE)
# Tette fødsler: minsterett kept for child A when child B comes within 48 weeks (inclusive).
(_T.add("closely_spaced_weeks", 48, WLB1, None, REF_CLOSELY_SPACED)
   .add("closely_spaced_mother_birth", 110, WLB1, None, REF_CLOSELY_SPACED)
   .add("closely_spaced_mother_adoption", 40, WLB1, None, REF_CLOSELY_SPACED)
   .add("closely_spaced_father", 40, WLB1, None, REF_CLOSELY_SPACED))
# Mother's windows around the due date, the 3-year limit, the adoption age limit.
(_T.add("mother_earliest_start_weeks", 12, V2014, None, REF_MOTHER_WINDOWS)
   .add("mother_reserved_before_weeks", 3, V2014, None, REF_MOTHER_WINDOWS)
   .add("mother_reserved_after_weeks", 6, V2014, None, REF_MOTHER_WINDOWS)
   .add("deadline_years", 3, V2014, None, REF_DEADLINE)
   .add("adoption_age_limit", 15, V2014, None, REF_ADOPTION))
# Opptjening: in work for at least 6 of the last 10 months before the leave starts.
(_T.add("earning_months_required", 6, V2014, None, REF_EARNING)
   .add("earning_months_window", 10, V2014, None, REF_EARNING))


# --- enums and data -----------------------------------------------------------------------------
class Coverage(int, Enum):
    """Dekningsgrad: 100 % or 80 % of the benefit base, chosen once for both parents."""

    FULL = 100
    REDUCED = 80


class Rights(str, Enum):
    """Who has the right to foreldrepenger (rettighetstype)."""

    BOTH = "both"  # begge rett
    ONLY_MOTHER = "only_mother"  # bare mor rett (far/medmor har ikke rett)
    ONLY_FATHER = "only_father"  # bare far/medmor rett
    MOTHER_ALONE = "mother_alone"  # mor har aleneomsorg
    FATHER_ALONE = "father_alone"  # far/medmor har aleneomsorg


MOTHER_ENTITLED = frozenset({Rights.BOTH, Rights.ONLY_MOTHER, Rights.MOTHER_ALONE})
FATHER_ENTITLED = frozenset({Rights.BOTH, Rights.ONLY_FATHER, Rights.FATHER_ALONE})


class RuleVersion(str, Enum):
    """The quota table that applies, named by its first day."""

    V2014_07 = "2014-07-01"
    V2018_07 = "2018-07-01"
    V2019_01 = "2019-01-01"
    V2024_07 = "2024-07-01"

    @property
    def starts(self) -> date:
        return date.fromisoformat(self.value)


VERSIONS = ParameterTable("foreldrepenger_regelversjon")
(VERSIONS
 .add("version", RuleVersion.V2014_07, V2014, _end2014, REF_VERSION_2014)
 .add("version", RuleVersion.V2018_07, V2018, _end2018, REF_VERSION_2018)
 .add("version", RuleVersion.V2019_01, V2019, _end2019, REF_VERSION_2019)
 .add("version", RuleVersion.V2024_07, V2024, None, REF_VERSION_2024))
CUT_OVERS = (V2014, V2018, V2019, V2024)
# Every date from which some number of the benefit accounts changed (quota versions and minsterett).
RULE_CHANGES = (V2018, V2019, WLB1, V2024, WLB2)


class Account(str, Enum):
    """Stønadskontoer. MULTIPLE_BIRTHS and PREMATURE are additions to SHARED or PARENTAL_BENEFIT."""

    BEFORE_BIRTH = "before_birth"  # foreldrepenger før fødsel (mother, 3 weeks)
    MOTHER_QUOTA = "mother_quota"  # mødrekvote
    FATHER_QUOTA = "father_quota"  # fedrekvote / medmorkvote
    SHARED = "shared"  # fellesperiode
    PARENTAL_BENEFIT = "parental_benefit"  # foreldrepenger (only one parent entitled)
    MULTIPLE_BIRTHS = "multiple_births"  # flerbarnsdager (tillegg)
    PREMATURE = "premature"  # prematurdager (tillegg, § 14-10 a)


class Allowance(str, Enum):
    """Days inside the accounts with a special status. Not added to the total."""

    FATHER_AROUND_BIRTH = "father_around_birth"  # 10 dager samtidig uttak rundt fødsel
    ACTIVITY_FREE = "activity_free"  # bare far rett: uten aktivitetskrav (minsterett / uføredager)
    MULTIPLE_BIRTHS_ACTIVITY_FREE = "multiple_births_activity_free"  # flerbarnsdager uten aktivitetskrav
    CLOSELY_SPACED_MOTHER = "closely_spaced_mother"  # minsterett tette fødsler, mor
    CLOSELY_SPACED_FATHER = "closely_spaced_father"  # minsterett tette fødsler, far/medmor


@dataclass(frozen=True)
class AccountPart:
    """One addend of the total."""

    account: Account
    days: int
    ref: LegalRef
    added_to: Account | None = None  # for MULTIPLE_BIRTHS / PREMATURE: the account they extend

    @property
    def weeks(self) -> tuple[int, int]:
        return as_weeks(self.days)


@dataclass(frozen=True)
class AllowancePart:
    """Days with a special status inside an account (not added to the total)."""

    allowance: Allowance
    days: int
    ref: LegalRef
    within: tuple[Account, ...]  # the accounts the days are taken from
    minimum_right: bool = False  # minsterett: kept even without aktivitet / after a new child's period
    components: tuple[tuple[str, int], ...] = ()  # e.g. (("disabled_mother", 95), ("multiple_births", 106))

    @property
    def weeks(self) -> tuple[int, int]:
        return as_weeks(self.days)


@dataclass(frozen=True)
class ParentalBenefitInput:
    """Family situation. Use `for_birth` / `for_adoption`.

    event_date (property): omsorgsovertakelse for adoption, else the birth date, else the due date.
    """

    event: FamilyEvent
    coverage: Coverage = Coverage.FULL
    children: int = 1  # children in this birth/adoption (3 means 3 or more from 1 July 2018)
    rights: Rights = Rights.BOTH
    mother_disabled: bool = False  # mor mottar uføretrygd (matters when only far/medmor is entitled)
    birth_date: date | None = None  # fødselsdato
    due_date: date | None = None  # termindato
    care_date: date | None = None  # omsorgsovertakelsesdato (adoption)
    adopted_child_age: int | None = None  # the adopted child's age in whole years at omsorgsovertakelse
    step_child_adoption: bool = False  # stebarnsadopsjon
    next_event_date: date | None = None  # familiehendelse of the next child (tette fødsler)

    def __post_init__(self) -> None:
        object.__setattr__(self, "event", FamilyEvent(self.event))
        object.__setattr__(self, "coverage", Coverage(self.coverage))
        object.__setattr__(self, "rights", Rights(self.rights))
        if self.children < 1:
            raise ValueError("children must be at least 1")
        if self.event is FamilyEvent.BIRTH and self.birth_date is None and self.due_date is None:
            raise ValueError("a birth needs birth_date or due_date")
        if self.event is FamilyEvent.ADOPTION and self.care_date is None:
            raise ValueError("an adoption needs care_date (omsorgsovertakelse)")

    @classmethod
    def for_birth(cls, birth_date: date | None = None, due_date: date | None = None,
                  **kwargs: Any) -> "ParentalBenefitInput":
        return cls(FamilyEvent.BIRTH, birth_date=birth_date, due_date=due_date, **kwargs)

    @classmethod
    def for_adoption(cls, care_date: date, adopted_child_age: int | None = None,
                     **kwargs: Any) -> "ParentalBenefitInput":
        return cls(FamilyEvent.ADOPTION, care_date=care_date, adopted_child_age=adopted_child_age,
                   **kwargs)

    @property
    def event_date(self) -> date:
        if self.event is FamilyEvent.ADOPTION:
            assert self.care_date is not None
            return self.care_date
        day = self.birth_date or self.due_date
        assert day is not None
        return day

    @property
    def born(self) -> bool:
        return self.event is FamilyEvent.ADOPTION or self.birth_date is not None


@dataclass(frozen=True)
class ParentalBenefitResult(Explained):
    input: ParentalBenefitInput
    version: RuleVersion
    version_ref: LegalRef
    eligible: bool
    accounts: tuple[AccountPart, ...]
    allowances: tuple[AllowancePart, ...] = field(default=())
    notes: tuple[Note, ...] = field(default=())

    @property
    def rule_date(self) -> date:
        return self.input.event_date

    @property
    def total(self) -> int:
        return sum(p.days for p in self.accounts)

    @property
    def total_weeks(self) -> tuple[int, int]:
        return as_weeks(self.total)

    def days(self, account: Account) -> int:
        """Days of one account part, without additions."""
        return sum(p.days for p in self.accounts if p.account is account)

    def account_total(self, account: Account) -> int:
        """Days of an account including the additions that extend it (NAV's merged konto)."""
        return self.days(account) + sum(p.days for p in self.accounts if p.added_to is account)

    def allowance(self, allowance: Allowance) -> AllowancePart | None:
        return next((a for a in self.allowances if a.allowance is allowance), None)

    def _sourced(self):
        return ((self.version_ref,), self.accounts, self.allowances, self.notes)


class EventDateNotSupported(ValueError):
    """The family-event date is before 1 July 2014: the tool does not know those rules."""

    def __init__(self, on: date):
        super().__init__(f"foreldrepenger rules are known for births and adoptions from "
                         f"{V2014.isoformat()}; asked for {on.isoformat()}")
        self.on = on
        self.earliest = V2014


# --- helpers ------------------------------------------------------------------------------------
def as_weeks(days: int) -> tuple[int, int]:
    """Stønadsdager as (weeks, days): 306 -> (61, 1)."""
    return divmod(days, DAYS_PER_WEEK)


def rule_version(on: date) -> RuleVersion:
    """The rule version for a family-event date. Raises EventDateNotSupported before 1 July 2014."""
    try:
        return VERSIONS.value("version", on)
    except ParameterNotInForce as exc:
        raise EventDateNotSupported(on) from exc


def _maybe(key: Hashable, on: date):
    try:
        return PARENTAL_BENEFIT.get(key, on)
    except ParameterNotInForce:
        return None


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Norway(years=year, include_sundays=False).keys())


def is_public_holiday(day: date) -> bool:
    """Norwegian public holiday (helligdag or 1 and 17 May), from the `holidays` package."""
    return day in _holidays(day.year)


def working_days(start: date, end: date, *, exclude_holidays: bool = True) -> int:
    """Working days (Mon–Fri, minus Norwegian public holidays) from start through end, inclusive."""
    if end < start:
        return 0
    count = 0
    day = start
    one = timedelta(days=1)
    while day <= end:
        if day.weekday() < 5 and not (exclude_holidays and is_public_holiday(day)):
            count += 1
        day += one
    return count


def premature_qualifies(birth_date: date, due_date: date) -> bool:
    """§ 14-10 a as NAV applies it: birth on/after 1 July 2019 and birth + 52 days < termin."""
    threshold = _maybe("premature_threshold_days", birth_date)
    return threshold is not None and birth_date + timedelta(days=threshold.value) < due_date


def premature_extra_days(birth_date: date, due_date: date, *, exclude_holidays: bool = False) -> int:
    """Working days (Monday to Friday) from the birth date through the day before termin.

    Public holidays are counted too: § 14-10 a extends the period so that it ends when it would
    have ended with a birth at termin, and NAV counts Monday to Friday only
    (fp-stonadskonto `rettighet/PrematurukerUtil.java`, `beregnAntallVirkedager`;
    docs/sources/rules.md 2.7). `exclude_holidays=True` is kept for comparison only."""
    if birth_date >= due_date:
        return 0
    return working_days(birth_date, _day_before(due_date), exclude_holidays=exclude_holidays)


def _multiple_days(children: int, coverage: Coverage, on: date) -> tuple[int, LegalRef | None]:
    if children < 2:
        return 0, None
    per_child = _maybe(("multiples_per_extra_child", int(coverage)), on)
    if per_child is not None:
        return per_child.value * (children - 1), per_child.ref
    key = "multiples_two" if children == 2 else "multiples_three_plus"
    p = PARENTAL_BENEFIT.get((key, int(coverage)), on)
    return p.value, p.ref


# --- windows and deadlines ----------------------------------------------------------------------
@dataclass(frozen=True)
class DateWindow:
    start: date
    end: date  # inclusive
    ref: LegalRef

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class MotherWindows:
    """Mother's start window around the due date (§ 14-10)."""

    earliest_start: date  # at the earliest 12 weeks before termin
    reserved_before_birth: DateWindow | None  # 3 weeks before termin (until the birth); None if born earlier
    reserved_after_birth: DateWindow  # first 6 weeks after the birth (or after termin, before birth)
    ref: LegalRef = REF_MOTHER_WINDOWS


def mother_windows(due_date: date, birth_date: date | None = None) -> MotherWindows:
    on = birth_date or due_date
    rule_version(on)  # raises EventDateNotSupported before 1 July 2014
    earliest = PARENTAL_BENEFIT.value("mother_earliest_start_weeks", on)
    before = PARENTAL_BENEFIT.value("mother_reserved_before_weeks", on)
    after = PARENTAL_BENEFIT.value("mother_reserved_after_weeks", on)
    reserved_start = due_date - relativedelta(weeks=before)
    reserved_end = _day_before(min(due_date, birth_date or due_date))
    reserved = (DateWindow(reserved_start, reserved_end, REF_BEFORE_BIRTH)
                if reserved_end >= reserved_start else None)
    base = birth_date or due_date
    return MotherWindows(
        earliest_start=due_date - relativedelta(weeks=earliest),
        reserved_before_birth=reserved,
        reserved_after_birth=DateWindow(base, _day_before(base + relativedelta(weeks=after)),
                                        REF_MOTHER_WINDOWS))


def father_around_birth_window(due_date: date | None = None,
                               birth_date: date | None = None) -> DateWindow | None:
    """Where far/medmor's 10 days around the birth may lie (births from 2 August 2022).

    From the earlier of termin and birth minus 2 weeks, through birth + 6 weeks − 1 day (NAV's
    FarUttakRundtFødsel). Before the birth the due date stands in for the birth date.
    None when the rule did not exist on the family-event date."""
    if due_date is None and birth_date is None:
        raise ValueError("need due_date or birth_date")
    on = birth_date or due_date
    assert on is not None
    weeks_before = _maybe("father_window_weeks_before", on)
    if weeks_before is None:
        return None
    weeks_after = PARENTAL_BENEFIT.value("father_window_weeks_after", on)
    earliest = min(d for d in (due_date, birth_date) if d is not None)
    return DateWindow(earliest - relativedelta(weeks=weeks_before.value),
                      _day_before(on + relativedelta(weeks=weeks_after)), REF_FATHER_WINDOW)


def use_deadline(event: FamilyEvent, event_date: date) -> date:
    """Last day foreldrepenger can be used: the day before the child turns 3 (adoption: the day
    before 3 years after omsorgsovertakelse)."""
    rule_version(event_date)  # raises EventDateNotSupported before 1 July 2014
    years = PARENTAL_BENEFIT.value("deadline_years", event_date)
    return _day_before(event_date + relativedelta(years=years))


def closely_spaced(event_date: date, next_event_date: date) -> bool:
    """Tette fødsler: the next child's familiehendelse is within 48 weeks (inclusive), from 2 Aug 2022."""
    weeks = _maybe("closely_spaced_weeks", event_date)
    return weeks is not None and next_event_date <= event_date + relativedelta(weeks=weeks.value)


# --- the rule -----------------------------------------------------------------------------------
def compute(inp: ParentalBenefitInput) -> ParentalBenefitResult:
    """Benefit accounts for one birth or adoption."""
    on = inp.event_date
    version = rule_version(on)
    version_ref = VERSIONS.get("version", on).ref
    cov = int(inp.coverage)
    birth = inp.event is FamilyEvent.BIRTH
    rights = inp.rights
    notes: list[Note] = []

    if not birth:
        age_limit = PARENTAL_BENEFIT.value("adoption_age_limit", on)
        if inp.step_child_adoption:
            return ParentalBenefitResult(inp, version, version_ref, False, (), (), (
                Note(ParentalBenefitNote.STEP_CHILD_ADOPTION, REF_ADOPTION),))
        if inp.adopted_child_age is not None and inp.adopted_child_age >= age_limit:
            return ParentalBenefitResult(inp, version, version_ref, False, (), (), (
                Note(ParentalBenefitNote.ADOPTED_CHILD_TOO_OLD, REF_ADOPTION, (("age_limit", age_limit),)),))
        if inp.adopted_child_age is None:
            notes.append(Note(ParentalBenefitNote.ADOPTION_AGE_LIMIT, REF_ADOPTION, (("age_limit", age_limit),)))

    def part(account: Account, key: Hashable, added_to: Account | None = None) -> AccountPart:
        p = PARENTAL_BENEFIT.get(key, on)
        return AccountPart(account, p.value, p.ref, added_to)

    accounts: list[AccountPart] = []
    if birth and rights in MOTHER_ENTITLED:
        accounts.append(part(Account.BEFORE_BIRTH, ("before_birth", cov)))
    if rights is Rights.BOTH:
        accounts.append(part(Account.MOTHER_QUOTA, ("mother_quota", cov)))
        accounts.append(part(Account.FATHER_QUOTA, ("father_quota", cov)))
        accounts.append(part(Account.SHARED, ("shared", cov)))
        main = Account.SHARED
    else:
        accounts.append(part(Account.PARENTAL_BENEFIT, (rights.value, cov)))
        main = Account.PARENTAL_BENEFIT

    extra, extra_ref = _multiple_days(inp.children, inp.coverage, on)
    if extra:
        assert extra_ref is not None
        accounts.append(AccountPart(Account.MULTIPLE_BIRTHS, extra, extra_ref, main))

    # Premature birth: added on top of any flerbarnsdager, to the same account (NAV fp-stonadskonto
    # `regler/OpprettKontoer.java`: tilleggFlerbarn + tilleggPrematur; docs/sources/rules.md 2.7).
    if birth and inp.birth_date is not None and inp.due_date is not None:
        bd, dd = inp.birth_date, inp.due_date
        if premature_qualifies(bd, dd):
            days = premature_extra_days(bd, dd)
            if days:
                accounts.append(AccountPart(Account.PREMATURE, days, REF_PREMATURE, main))
                notes.append(Note(ParentalBenefitNote.PREMATURE_EXTENSION, REF_PREMATURE, (
                    ("days", days), ("from", bd), ("to", _day_before(dd)))))
                notes.append(Note(ParentalBenefitNote.PREMATURE_PLEIEPENGER_DEDUCTION, REF_PREMATURE_DEDUCTION))
        elif bd < PREMATURE_FROM and bd + timedelta(
                days=PARENTAL_BENEFIT.value("premature_threshold_days", PREMATURE_FROM)) < dd:
            notes.append(Note(ParentalBenefitNote.PREMATURE_NOT_IN_FORCE, REF_PREMATURE, (("from", PREMATURE_FROM),)))

    allowances: list[AllowancePart] = []
    both = rights is Rights.BOTH
    father_quota = (Account.FATHER_QUOTA,) if both else (Account.PARENTAL_BENEFIT,)
    # Tette fødsler: the minsterett may come from the parent's quota and the fellesperiode.
    mother_left = (Account.MOTHER_QUOTA, Account.SHARED) if both else (Account.PARENTAL_BENEFIT,)
    father_left = (Account.FATHER_QUOTA, Account.SHARED) if both else (Account.PARENTAL_BENEFIT,)
    if birth and rights in FATHER_ENTITLED:
        around = _maybe("father_around_birth", on)
        if around is not None:
            allowances.append(AllowancePart(Allowance.FATHER_AROUND_BIRTH, around.value, around.ref,
                                            father_quota))
        else:
            notes.append(Note(ParentalBenefitNote.FATHER_AROUND_BIRTH_NOT_IN_FORCE, REF_FATHER_AROUND_BIRTH,
                              (("from", WLB1), ("days", PARENTAL_BENEFIT.value("father_around_birth", WLB1)))))
    if rights is Rights.BOTH and extra:
        allowances.append(AllowancePart(Allowance.MULTIPLE_BIRTHS_ACTIVITY_FREE, extra, extra_ref,
                                        (Account.SHARED,)))
    if rights is Rights.ONLY_FATHER:
        activity_free = _only_father_activity_free(inp, on, extra, extra_ref)
        if activity_free is not None:
            allowances.append(activity_free)

    # Tette fødsler.
    if inp.next_event_date is not None:
        notes.append(Note(ParentalBenefitNote.NEXT_CHILD_ENDS_PERIOD, REF_CLOSELY_SPACED,
                          (("next_event_date", inp.next_event_date),)))
        weeks = _maybe("closely_spaced_weeks", on)
        if weeks is None:
            notes.append(Note(ParentalBenefitNote.CLOSELY_SPACED_NOT_IN_FORCE, REF_CLOSELY_SPACED, (("from", WLB1),)))
        elif closely_spaced(on, inp.next_event_date):
            if rights in MOTHER_ENTITLED:
                p = PARENTAL_BENEFIT.get(
                    "closely_spaced_mother_birth" if birth else "closely_spaced_mother_adoption", on)
                allowances.append(AllowancePart(Allowance.CLOSELY_SPACED_MOTHER, p.value, p.ref,
                                                mother_left, minimum_right=True))
            if rights in FATHER_ENTITLED:
                p = PARENTAL_BENEFIT.get("closely_spaced_father", on)
                allowances.append(AllowancePart(Allowance.CLOSELY_SPACED_FATHER, p.value, p.ref,
                                                father_left, minimum_right=True))
            notes.append(Note(ParentalBenefitNote.CLOSELY_SPACED, REF_CLOSELY_SPACED, (
                ("weeks", weeks.value), ("limit_date", on + relativedelta(weeks=weeks.value)))))

    notes.extend(_situation_notes(inp, on, version))
    return ParentalBenefitResult(inp, version, version_ref, True, tuple(accounts), tuple(allowances),
                                 tuple(notes))


def _only_father_activity_free(inp: ParentalBenefitInput, on: date, extra: int,
                               extra_ref: LegalRef | None) -> AllowancePart | None:
    """Bare far rett: days without aktivitetskrav (NAV LeggTilDagerVedBareFarRett / OpprettKontoer).

    From 2 Aug 2022 (minsterett): mother ufør -> ufør days + flerbarnsdager; else flerbarnsdager
    instead of the standard 40/50 days; else the standard days. Before: ufør days and flerbarnsdager."""
    cov = int(inp.coverage)
    standard = PARENTAL_BENEFIT.get("only_father_minimum", on)
    components: list[tuple[str, int]] = []
    ref = standard.ref
    if inp.mother_disabled:
        disabled = PARENTAL_BENEFIT.get(("disabled_mother", cov), on)
        components.append(("disabled_mother", disabled.value))
        ref = disabled.ref
    if extra:
        components.append(("multiple_births", extra))
        if not inp.mother_disabled and extra_ref is not None:
            ref = extra_ref
    minimum_right = standard.value > 0
    if minimum_right and not components:
        components.append(("standard", standard.value))
    if not components:
        return None
    return AllowancePart(Allowance.ACTIVITY_FREE, sum(d for _, d in components), ref,
                         (Account.PARENTAL_BENEFIT,), minimum_right, tuple(components))


def _situation_notes(inp: ParentalBenefitInput, on: date, version: RuleVersion) -> list[Note]:
    notes: list[Note] = []
    birth = inp.event is FamilyEvent.BIRTH
    rights = inp.rights
    notes.append(Note(ParentalBenefitNote.COVERAGE_CHOICE, REF_COVERAGE, (("coverage", int(inp.coverage)),)))
    if birth and not inp.born:
        notes.append(Note(ParentalBenefitNote.ESTIMATED_FROM_DUE_DATE, REF_TRANSITION, (("due_date", inp.due_date),)))
    if birth and rights in MOTHER_ENTITLED:
        notes.append(Note(ParentalBenefitNote.BEFORE_BIRTH_RESERVED, REF_BEFORE_BIRTH, (
            ("weeks", PARENTAL_BENEFIT.value("mother_reserved_before_weeks", on)),
            ("earliest_weeks", PARENTAL_BENEFIT.value("mother_earliest_start_weeks", on)))))
        notes.append(Note(ParentalBenefitNote.MOTHER_SIX_WEEKS, REF_MOTHER_WINDOWS, (
            ("weeks", PARENTAL_BENEFIT.value("mother_reserved_after_weeks", on)),)))
    if rights in (Rights.BOTH, Rights.ONLY_FATHER):
        notes.append(Note(ParentalBenefitNote.ACTIVITY_REQUIREMENT, REF_ACTIVITY, (
            ("account", Account.SHARED if rights is Rights.BOTH else Account.PARENTAL_BENEFIT),)))
    if rights is Rights.ONLY_MOTHER:
        notes.append(Note(ParentalBenefitNote.NO_REQUIREMENTS_ON_FATHER, REF_ONLY_MOTHER))
    # 2019 edge [U]: compendia keys the 80 % change on the start of the stønadsperiode, NAV on the
    # family-event date. Flag births/adoptions in late 2018, and births early enough in 2019 that the
    # mother could have started in 2018 (at most 12 weeks before termin).
    if inp.coverage is Coverage.REDUCED:
        earliest = PARENTAL_BENEFIT.value("mother_earliest_start_weeks", on)
        late_2018 = version is RuleVersion.V2018_07
        early_2019 = (birth and version is RuleVersion.V2019_01
                      and on < V2019 + relativedelta(weeks=earliest))
        if late_2018 or early_2019:
            notes.append(Note(ParentalBenefitNote.EDGE_2019, REF_EDGE_2019, (("change_date", V2019),)))
    if birth and inp.birth_date is not None and inp.due_date is not None:
        low, high = sorted((inp.birth_date, inp.due_date))
        changes = [c for c in RULE_CHANGES if low < c <= high]
        if changes:
            notes.append(Note(ParentalBenefitNote.DUE_AND_BIRTH_UNDER_DIFFERENT_RULES, REF_TRANSITION, (
                ("due_date", inp.due_date), ("birth_date", inp.birth_date),
                ("change_date", changes[0]))))
    notes.append(Note(ParentalBenefitNote.DEADLINE, REF_DEADLINE, (
        ("last_day", use_deadline(inp.event, on)),
        ("years", PARENTAL_BENEFIT.value("deadline_years", on)))))
    return notes
