"""The municipality's duty during the leave: follow-up and Norwegian from the fourth month (docs/sources/seeds/000)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from dateutil.relativedelta import relativedelta

from ..legal import Explained, LegalRef, Note
from ..params import ParameterNotInForce
from .tables import (
    INTRO,
    REF_FOURTH_MONTH_COUNTING,
    REF_FOURTH_MONTH_COUNTING_OLD,
    REF_LEAVE_NEW,
    REF_OFFER_GUIDANCE,
    IntroLaw,
    IntroNote,
    LeaveRulesNotSupported,
)


class OfferCategory(str, Enum):
    LANGUAGE = "language"  # norskopplæring eller norsktrening
    MEETING_PLACE = "meeting_place"  # egnet møteplass


class OfferKind(str, Enum):
    """Kinds of offer during omsorgspermisjon (docs/sources/seeds/000). The value is the stable code stored in the
    catalogue; ``term`` is the Norwegian term used by IMDi.

    ``counts_in_nir``: norskopplæring given by qualified teachers that follows the curriculum (and
    holds good quality) gives hours that count and are registered in NIR (Nasjonalt
    introduksjonsregister); norsktrening and meeting places do not.
    """

    term: str
    category: OfferCategory
    counts_in_nir: bool
    needs_qualified_teacher: bool
    follows_curriculum: bool

    def __new__(cls, value: str, term: str, category: OfferCategory, counts_in_nir: bool = False,
                needs_qualified_teacher: bool = False, follows_curriculum: bool = False):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.term = term
        obj.category = category
        obj.counts_in_nir = counts_in_nir
        obj.needs_qualified_teacher = needs_qualified_teacher
        obj.follows_curriculum = follows_curriculum
        return obj

    NORWEGIAN_TUITION = ("norskopplaering", "norskopplæring", OfferCategory.LANGUAGE, True, True, True)
    NORWEGIAN_PRACTICE = ("norsktrening", "norsktrening", OfferCategory.LANGUAGE)
    OPEN_KINDERGARTEN = ("aapen_barnehage", "åpen barnehage", OfferCategory.MEETING_PLACE)
    LANGUAGE_GROUP = ("spraakgruppe", "språkgruppe", OfferCategory.MEETING_PLACE)
    FAMILY_GUIDANCE = ("familieveiledning", "veiledning fra barne- og familieveileder/-senter",
                       OfferCategory.MEETING_PLACE)
    POSTNATAL_GROUP = ("barselgruppe", "barselgruppe", OfferCategory.MEETING_PLACE)
    POSTNATAL_TRAINING = ("barseltrening", "barseltrening", OfferCategory.MEETING_PLACE)
    OTHER = ("annet", "andre tiltak i kommunen eller frivillig sektor", OfferCategory.MEETING_PLACE)

    @classmethod
    def parse(cls, text: str) -> OfferKind:
        """Accept the code ("norskopplaering") or the Norwegian term ("norskopplæring")."""
        key = " ".join(str(text).strip().lower().split())
        for kind in cls:
            if key in (kind.value, kind.term.lower()):
                return kind
        raise ValueError(f"unknown offer kind: {text!r}")


# Topics of the meeting IMDi recommends near the end of the leave.
END_MEETING_TOPICS = ("norwegian_level", "further_plan", "childcare", "kindergarten_deadline")


def fourth_month_start(leave_start: date, month: int = 4) -> date:
    """First day of the ``month``-th month of a period starting on ``leave_start``
    ("fra og med den fjerde måneden av permisjonstiden").

    Working interpretation ([U], docs/sources/rules.md 8.11): months are calendar months counted from the start
    date, so the fourth month begins ``start + relativedelta(months=3)``. When the target month is
    shorter, the date is clipped to its last day (the same reading as for month deadlines in
    domstolloven § 148): 31 January -> 30 April, 30 November 2023 -> 29 February 2024,
    29 February 2024 -> 29 May 2024. The offer is owed from (and including) that date.
    """
    if month < 1:
        raise ValueError("month must be >= 1")
    return leave_start + relativedelta(months=month - 1)


@dataclass(frozen=True)
class OfferDutyResult(Explained):
    """Kommunens plikt: oppfølging og norskopplæring eller språktrening fra og med den fjerde måneden
    av permisjonstiden, tilpasset den enkelte. Voluntary for the participant."""

    leave_start: date
    law: IntroLaw
    offer_from: date
    leave_end: date | None
    offer_period_arises: bool  # False when the leave ends before the fourth month
    mandatory_for_municipality: bool = True
    voluntary_for_participant: bool = True
    adapted_to_individual: bool = True
    groups_where_possible: bool = True
    kinds: tuple[OfferKind, ...] = tuple(OfferKind)
    childcare_alongside_recommended: bool = True
    info_before_leave_min_times: int = 1  # must inform at least once before the leave
    end_meeting_recommended: bool = True
    end_meeting_topics: tuple[str, ...] = END_MEETING_TOPICS
    notes: tuple[Note, ...] = ()
    ref: LegalRef = REF_LEAVE_NEW


def offer_duty(leave_start: date, law: IntroLaw = IntroLaw.INTEGRATION_ACT,
               leave_end: date | None = None) -> OfferDutyResult:
    """When the municipality must offer follow-up and Norwegian training or language practice.

    Both laws have the same duty (docs/sources/seeds/000: "videreføres"). The parameter is looked up on the leave
    start date; the leave end, if known, tells whether a fourth month exists at all.
    """
    key = ("offer_from_leave_month", law)
    try:
        month = INTRO.get(key, leave_start)
    except ParameterNotInForce as exc:
        raise LeaveRulesNotSupported(law, leave_start) from exc
    start = fourth_month_start(leave_start, month.value)
    if leave_end is not None and leave_end < leave_start:
        raise ValueError("leave_end before leave_start")
    arises = leave_end is None or leave_end >= start
    notes = [
        Note(IntroNote.OFFER_FROM, month.ref, (("date", start), ("month", month.value))),
        Note(IntroNote.FOURTH_MONTH_COUNTING, REF_FOURTH_MONTH_COUNTING if law is IntroLaw.INTEGRATION_ACT
             else REF_FOURTH_MONTH_COUNTING_OLD, (("date", start),)),
        Note(IntroNote.VOLUNTARY, month.ref),
        Note(IntroNote.INFO_BEFORE_LEAVE, REF_OFFER_GUIDANCE, (("min_times", 1),)),
        Note(IntroNote.END_MEETING, REF_OFFER_GUIDANCE, (("topics", END_MEETING_TOPICS),)),
        Note(IntroNote.CHILDCARE_ALONGSIDE, REF_OFFER_GUIDANCE),
        Note(IntroNote.NEGATIVE_SOCIAL_CONTROL_AWARENESS, REF_OFFER_GUIDANCE),
    ]
    if not arises:
        notes.append(Note(IntroNote.LEAVE_ENDS_BEFORE_OFFER, month.ref, (("offer_from", start),)))
    return OfferDutyResult(leave_start, law, start, leave_end, arises, notes=tuple(notes),
                           ref=month.ref)
