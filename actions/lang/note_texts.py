"""Every note code the rules core can emit, and how the user sees it.

The rules attach notes (`actions.rules.legal.Note`) with a code from a per-topic enum. Each code
is registered here once, in one of three ways:

* `Text(...)`: a plain-Norwegian text (template over the note's values; dates written out);
* `InRenderer(...)`: the topic's renderer writes it, because it needs the whole result (the
  function is named, and tests/lang/test_note_texts.py checks it gives a non-empty text);
* `SourceOnly(...)`: the note adds only its source to the answer; the fact itself is said from the
  result's fields (where is named) or is a remark about a citation.

`text(note)` never returns "" for a code it does not know: it raises `UnknownNoteCode`, so a rule
cannot say something the user never sees without a test failing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from actions.rules.care_days import CareDaysNote as CD
from actions.rules.intro_programme import IntroNote as IN
from actions.rules.kindergarten import KindergartenNote as KG
from actions.rules.legal import Note
from actions.rules.parental_benefit import ParentalBenefitNote as PB
from actions.rules.work_leave import WorkLeaveNote as WL

from .dates import format_date


class UnknownNoteCode(LookupError):
    """A note code with no entry here: register it (text, renderer or source-only)."""


@dataclass(frozen=True)
class Text:
    template: str  # str.format over the note's values


@dataclass(frozen=True)
class InRenderer:
    where: str  # the function that writes the text


@dataclass(frozen=True)
class SourceOnly:
    why: str  # where the fact is said instead, or why nothing more is said


Entry = Text | InRenderer | SourceOnly
_CARE = "actions.lang.render._note_text"
_LEAVE = "actions.lang.render_leave._note_text"

REGISTRY: dict[Enum, Entry] = {
    # --- care days (actions/rules/care_days.py) ------------------------------------------------
    CD.CHRONIC_NEEDS_DECISION: InRenderer(_CARE),
    CD.ALONE_MUST_APPLY: InRenderer(_CARE),
    CD.TRANSFER_POSSIBLE: SourceOnly("told on request by render.transfer_text ('ny partner' button)"),
    CD.NEW_JOINT_CHILD: SourceOnly("told on request by render.transfer_text ('ny partner' button)"),
    CD.TEMPORARILY_ALONE: InRenderer(_CARE),
    CD.SHARED_RESIDENCE: InRenderer(_CARE),
    CD.ABSENCE_TOO_SHORT: InRenderer(_CARE),
    CD.ABSENCE_UNKNOWN: InRenderer(_CARE),
    CD.PAYER_SELF_EMPLOYED: InRenderer(_CARE),
    CD.PAYER_EMPLOYER: InRenderer(_CARE),
    CD.PAYER_NAV_IF_EMPLOYER_DOES_NOT: InRenderer(_CARE),
    CD.SELF_CERTIFICATION: InRenderer(_CARE),
    CD.TOO_OLD: InRenderer(_CARE),
    CD.DISABILITY_BENEFIT: InRenderer(_CARE),
    # --- parental benefit (actions/rules/parental_benefit.py) ----------------------------------
    PB.STEP_CHILD_ADOPTION: InRenderer(_LEAVE),
    PB.ADOPTED_CHILD_TOO_OLD: InRenderer(_LEAVE),
    PB.ADOPTION_AGE_LIMIT: InRenderer(_LEAVE),
    PB.PREMATURE_EXTENSION: InRenderer(_LEAVE),
    PB.PREMATURE_PLEIEPENGER_DEDUCTION: InRenderer(_LEAVE),
    PB.PREMATURE_NOT_IN_FORCE: InRenderer(_LEAVE),
    PB.FATHER_AROUND_BIRTH_NOT_IN_FORCE: InRenderer(_LEAVE),
    PB.NEXT_CHILD_ENDS_PERIOD: Text("Får dere et nytt barn, slutter dagene for dette barnet når de nye dagene starter."),
    PB.CLOSELY_SPACED_NOT_IN_FORCE: Text("Reglene om barn som kommer tett, gjelder fra {from}."),
    PB.CLOSELY_SPACED: Text("Barna kommer tett. Da kan dere beholde noen dager for det første barnet. "
                            "Det gjelder når det nye barnet kommer innen {limit_date}."),
    PB.COVERAGE_CHOICE: InRenderer(_LEAVE),
    PB.ESTIMATED_FROM_DUE_DATE: InRenderer(_LEAVE),
    PB.BEFORE_BIRTH_RESERVED: SourceOnly("render_leave.parental_leave states the weeks before termin"),
    PB.MOTHER_SIX_WEEKS: SourceOnly("render_leave.parental_leave states the mother's first weeks"),
    PB.ACTIVITY_REQUIREMENT: InRenderer(_LEAVE),
    PB.NO_REQUIREMENTS_ON_FATHER: InRenderer(_LEAVE),
    PB.EDGE_2019: InRenderer(_LEAVE),
    PB.DUE_AND_BIRTH_UNDER_DIFFERENT_RULES: InRenderer(_LEAVE),
    PB.DEADLINE: SourceOnly("render_leave.parental_leave states the last day (the 3-year limit)"),
    # --- leave from work and ammefri (actions/rules/work_leave.py) -----------------------------
    WL.SELF_EMPLOYED_PARENTAL_BENEFIT: Text("Har du eget firma, kan du likevel få foreldrepenger fra NAV."),
    WL.NOT_EMPLOYEE: SourceOnly("render_leave.breastfeeding says the rules are for employees"),
    WL.STEP_CHILD_ADOPTION: Text("Adopterer du barnet til den du er gift med, gir ikke loven fri."),
    WL.CHILD_TOO_OLD: Text("Barnet er {age_limit} år eller eldre. Da gir ikke loven omsorgspermisjon."),
    WL.CARE_LEAVE_TIMING: Text("Omsorgspermisjonen tar du vanligvis fra {weeks_before} uker før fødselen "
                               "til {weeks_after_mother_home} uker etter at mor er kommet hjem."),
    WL.CARE_LEAVE_OTHER_PARENT_ADOPTION: Text("I staten kan også den andre forelderen få fri med lønn "
                                              "ved adopsjon."),
    WL.CARE_LEAVE_OTHER_ASSISTANT: Text("Bor ikke mor og far sammen, kan en annen som hjelper mor, ta fri."),
    WL.CARE_LEAVE_PAID_STATE: Text("I staten får du lønn mens du har denne fri. Det står i en avtale."),
    WL.CARE_LEAVE_CHECK_AGREEMENT: SourceOnly("render_leave._apply says the law gives no pay, many "
                                              "agreements do"),
    WL.INCLUDES_PREGNANCY_AND_MOTHER_WEEKS: Text("Her er med opptil {pregnancy_weeks} uker før fødselen "
                                                 "og mors {mother_weeks} uker etter."),
    WL.ALWAYS_WHILE_BENEFIT_PAID: Text("Du har alltid rett på permisjon så lenge du får foreldrepenger."),
    WL.EXTRA_FOLLOWS_FIRST_YEAR: Text("Den ekstra permisjonen uten lønn må komme rett etter det første "
                                      "året."),
    WL.PARTIAL_REMOVES_EXTRA: Text("Tar du delvis permisjon, mister du retten til ekstra permisjon uten "
                                   "lønn."),
    WL.PARTIAL_WRITTEN_AGREEMENT: Text("Du og sjefen må skrive en avtale om det."),
    WL.PARTIAL_SIGNIFICANT_INCONVENIENCE: Text("Arbeidsgiveren kan si nei bare hvis det blir et stort "
                                               "problem for jobben."),
    WL.PARTIAL_GRADED_BENEFIT: Text("Da får du en del av foreldrepengene fra NAV. Det heter gradert "
                                    "uttak."),
    WL.PARTIAL_NOT_AROUND_BIRTH: Text("De {weeks_before} ukene før fødselen og de {weeks_after} ukene "
                                      "etter kan ikke tas delvis."),
    WL.PARTIAL_FRAME_START: Text("Det er ikke sikkert fra hvilken dag rammen regnes. "
                                 "Spør arbeidsgiveren."),
    WL.NO_STATUTORY_NOTICE: SourceOnly("render_leave._apply says: tell the employer as early as you can"),
    WL.BREASTFEEDING_TIME_NEEDED: SourceOnly("render_leave.breastfeeding states the time you need"),
    WL.BREASTFEEDING_UNPAID_AFTER_FIRST_YEAR: SourceOnly("render_leave.breastfeeding states it with the "
                                                         "date"),
    WL.BREASTFEEDING_SHORT_DAY: SourceOnly("render_leave.breastfeeding states the 7 hours"),
    WL.BREASTFEEDING_PAID_START: Text("Kildene er uenige om lønn ved ammefri gjaldt fra 1. juli 2013 "
                                      "eller fra 1. januar 2014."),
    WL.BREASTFEEDING_FULL_TIME_ASSUMED: Text("Jeg har regnet med at en hel arbeidsdag er "
                                             "{full_day_hours} timer."),
    WL.BREASTFEEDING_STATE_AGREEMENT: SourceOnly("render_leave.breastfeeding states the state agreement"),
    WL.AGREEMENT_MAY_GIVE_MORE: SourceOnly("render_leave.breastfeeding: an agreement can give more"),
    WL.STATE_CARE_LEAVE_NOT_STATE: Text("Denne permisjonen uten lønn står i avtalen for ansatte i staten. "
                                        "Sjekk avtalen på jobben din."),
    WL.STATE_CARE_LEAVE_CHILD_TOO_OLD: Text("Barnet er {age} år. Da er det for sent for denne permisjonen."),
    WL.STATE_CARE_LEAVE_PENSION: Text("Fri uten lønn kan gi deg mindre pensjon. Spør Statens pensjonskasse om det."),
    WL.STATE_CARE_LEAVE_PART_TIME_DISCRETIONARY: Text("Arbeidsgiveren avgjør om du kan ha delvis "
                                                      "permisjon lenger."),
    # --- kindergarten (actions/rules/kindergarten.py): said by render_intro from the fields -----
    KG.SECTION_AND_WORDING_UNCONFIRMED: SourceOnly("a remark on the citation (barnehageloven § 16) [U]"),
    KG.MUNICIPALITY_MAY_OFFER_AUGUST: SourceOnly("render_intro.kindergarten_reminder_text (may_offer_august)"),
    KG.PLACE_IN_HOME_MUNICIPALITY: Text("Du har rett på en plass i kommunen der barnet bor. Det kan være en annen barnehage enn den du vil ha."),
    KG.MUST_APPLY_BY_DEADLINE: SourceOnly("render_intro.kindergarten_reminder_text states the deadline"),
    KG.DEADLINE_SET_BY_MUNICIPALITY: SourceOnly("render_intro.kindergarten_reminder_text: 'Sjekk fristen'"),
    KG.RETURN_BEFORE_RIGHT: SourceOnly("render_intro.kindergarten_reminder_text (return_before_right)"),
    KG.DEADLINE_PASSED: SourceOnly("render_intro.kindergarten_reminder_text (deadline_passed)"),
    KG.APPLY_BY: SourceOnly("render_intro.kindergarten_reminder_text states the date"),
    # --- introduction programme (actions/rules/intro_programme/) -------------------------------
    IN.PERMIT_BEFORE_2005: SourceOnly("render_intro.law_message (outcome NOT_COVERED)"),
    IN.PERMIT_YEAR_2005_AMBIGUOUS: SourceOnly("the glue asks for the month (outcome NEED_PERMIT_DATE)"),
    IN.PERMIT_FROM_2021: SourceOnly("render_intro.law_message names the law"),
    IN.ARRIVAL_DECIDES: SourceOnly("the glue asks for the arrival year (outcome NEED_ARRIVAL)"),
    IN.ARRIVAL_YEAR_COUNTED_AS_AFTER: SourceOnly("render_intro.law_message: 'Året du kom, avgjør' [U]"),
    IN.ARRIVAL_ON_CUTOFF_DAY: SourceOnly("render_intro.law_message: 'Året du kom, avgjør' [U]"),
    IN.PERMIT_BEFORE_2021_ARRIVED_AFTER: SourceOnly("render_intro.law_message names the law"),
    IN.PERMIT_2005_2020_ARRIVED_BEFORE_2021: SourceOnly("render_intro.law_message names the law"),
    IN.OLD_PERMIT_CHECK_WITH_MUNICIPALITY: Text("Fikk du tillatelsen for lenge siden, bør du sjekke "
                                                "med kommunen hvilke regler som gjelder."),
    IN.ADOPTED_CHILD_TOO_OLD: SourceOnly("render_intro.intro_leave states the age limit"),
    IN.ADOPTION_UNDER_LIMIT: SourceOnly("render_intro.law_message restates the child's age"),
    IN.NO_BENEFIT_DURING_LEAVE: SourceOnly("render_intro.length_message: no introduksjonsstønad"),
    IN.SHARED_POOL: SourceOnly("render_intro.length_message: up to 10 months in total"),
    IN.SECTION_NUMBER_UNCONFIRMED: SourceOnly("a remark on the citation (integreringsforskriften § 16) [U]"),
    IN.OTHER_CARER_MAY_USE_RIGHT: Text("Tar ikke begge foreldrene seg av barnet, kan en annen som gjør "
                                       "det, bruke retten."),
    IN.WITHIN_FIRST_YEAR: SourceOnly("render_intro.length_message: before the child turns one"),
    IN.ADOPTION_WINDOW_UNCONFIRMED: SourceOnly("render_intro.length_message (adoption, not certain)"),
    IN.LEAVE_START_AFTER_FIRST_YEAR: SourceOnly("render_intro.length_message: too late"),
    IN.LEAVE_CUT_BY_FIRST_YEAR: SourceOnly("render_intro.length_message gives the last day"),
    IN.NO_QUOTA_UNLESS_BOTH_IN_PROGRAMME: SourceOnly("render_intro.reserved_message"),
    IN.DAYS_ARE_WORKING_DAYS: SourceOnly("render_intro.reserved_message: 'Det er virkedager'"),
    IN.UNUSED_RESERVED_DAYS_LAPSE: SourceOnly("render_intro.reserved_message: the days lapse"),
    IN.FATHER_ILLNESS_EXCEPTION: SourceOnly("render_intro.reserved_message: the illness exception"),
    IN.OTHER_EXCEPTIONS_UNCONFIRMED: Text("Det er ikke sikkert om det finnes andre unntak. "
                                          "Spør programrådgiveren."),
    IN.MOTHER_QUOTA_UNCONFIRMED: SourceOnly("render_intro.reserved_message: not certain for the mother"),
    IN.FATHER_QUOTA_FROM: Text("Dagene for far gjelder for barn som er født eller adoptert etter "
                               "{born_or_adopted_after}."),
    IN.OFFER_FROM: SourceOnly("render_intro.offer_message states the date"),
    IN.FOURTH_MONTH_COUNTING: SourceOnly("render_intro.offer_message states the month the offer starts [U counting]"),
    IN.VOLUNTARY: SourceOnly("render_intro.offer_message: 'Du velger selv'"),
    IN.INFO_BEFORE_LEAVE: Text("Før du får fri, skal kommunen si hva den kan gi deg."),
    IN.END_MEETING: Text("Før du er ferdig med fri, bør du ha et møte med kommunen. Der snakker dere om norsk, om planen og om barnehage."),
    IN.CHILDCARE_ALONGSIDE: Text("Ofte kan barnet være med, eller få pass mens du er på tilbudet."),
    IN.NEGATIVE_SOCIAL_CONTROL_AWARENESS: Text("Kommunen skal se etter om noen hindrer deg i å være med."),
    IN.LEAVE_ENDS_BEFORE_OFFER: SourceOnly("render_intro.offer_message: leave shorter than three months"),
    IN.WEEKS_PER_YEAR: Text("Programmet varer {weeks} uker i året. Du har {holiday_weeks} uker ferie."),
    IN.LESSON_COUNTING: Text("Når du har norsk i {lesson} minutter, teller det som {counted} minutter i planen din."),
    IN.DISCRETION_BETWEEN: Text("Kommunen avgjør hvor mange timer du har, mellom {low} og {high} "
                                "timer i uka."),
    IN.BEFORE_CHAPTER_6A: Text("På den dagen gjaldt ikke de nye reglene for deg ennå."),
    IN.TEMPORARY_UNTIL: Text("Reglene gjelder bare en stund. Vi vet at de gjelder til {until}."),
    IN.CHECK_WITH_MUNICIPALITY: Text("Det er ikke sikkert hva som gjelder nå. Spør kommunen."),
    IN.STARTED_BEFORE_RULE: Text("Du startet før {rule_from}. Da gjelder ikke kravet om arbeid."),
    IN.MIN_HOURS: Text("Fra måned {from_month} i programmet skal du ha minst {hours} timer i uka med "
                       "arbeid eller noe som ligner."),
    IN.PART_TIME_MAY_LOWER: Text("Har du deltid, kan kommunen senke kravet til {hours} timer i uka."),
    IN.TEMPORARY_RULE: Text("Kravet er en midlertidig regel."),
}


def _value(v: object) -> object:
    if isinstance(v, date):
        return format_date(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def entry(code: Enum | str) -> Entry:
    try:
        return REGISTRY[code]  # type: ignore[index]
    except KeyError:
        raise UnknownNoteCode(f"note code {code!r} has no entry in actions/lang/note_texts.py") from None


def text(note: Note) -> str:
    """The text of a `Text` entry; "" for `SourceOnly`. A renderer calls this for the codes it does
    not write itself, so an unknown code raises instead of vanishing."""
    e = entry(note.code)
    if isinstance(e, SourceOnly):
        return ""
    if isinstance(e, InRenderer):
        raise UnknownNoteCode(f"note code {note.code!r} is written by {e.where}, which did not handle it")
    return e.template.format(**{k: _value(v) for k, v in note.values})
