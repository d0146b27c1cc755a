"""The programme: full time, the 47-week year, roles and phases (docs/sources/seeds/002, docs/sources/rules.md 4.3)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..legal import Explained, LegalRef, Note
from .tables import INTRO, REF_PROGRAMME, IntroNote


@dataclass(frozen=True)
class FullTimeNorm(Explained):
    """Fulltid og helårsprogram: 37.5 h/week, or 30 h/week when the measures demand much
    self-study (forberedelser og etterarbeid); 5 weeks of holiday, so a 47-week year."""

    on: date
    mostly_self_study: bool
    hours_per_week: float
    range_hours: tuple[float, float]  # the span that leaves room for discretion
    weeks_per_year: int
    holiday_weeks: int
    lesson_minutes: int  # a 45-minute Norwegian lesson ...
    lesson_counted_minutes: int  # ... counts as 75 minutes
    ref: LegalRef = REF_PROGRAMME
    notes: tuple[Note, ...] = ()

    @property
    def hours_per_year(self) -> float:
        return self.hours_per_week * self.weeks_per_year


def full_time_norm(on: date, mostly_self_study: bool = False) -> FullTimeNorm:
    full = INTRO.get("full_time_hours", on)
    study = INTRO.get("full_time_hours_self_study", on)
    weeks = INTRO.get("programme_weeks_per_year", on)
    holiday = INTRO.get("holiday_weeks", on)
    lesson = INTRO.get("norwegian_lesson_minutes", on)
    counted = INTRO.get("norwegian_lesson_counted_minutes", on)
    chosen = study if mostly_self_study else full
    notes = (Note(IntroNote.WEEKS_PER_YEAR, weeks.ref, (("weeks", weeks.value), ("holiday_weeks", holiday.value))),
             Note(IntroNote.LESSON_COUNTING, counted.ref, (("lesson", lesson.value), ("counted", counted.value))),
             Note(IntroNote.DISCRETION_BETWEEN, chosen.ref, (("low", study.value), ("high", full.value))))
    return FullTimeNorm(on, mostly_self_study, chosen.value, (study.value, full.value), weeks.value,
                        holiday.value, lesson.value, counted.value, chosen.ref, notes)


class ProgrammeRole(str, Enum):
    """Aktører i introduksjonsprogrammet. ``tasks`` are codes for the roles' tasks (docs/sources/seeds/002)."""

    tasks: tuple[str, ...]

    def __new__(cls, value: str, tasks: tuple[str, ...]):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.tasks = tasks
        return obj

    PARTICIPANT = ("participant", (  # programdeltaker
        "take_part_in_mapping", "find_documents_for_translation", "give_information_for_plan",
        "help_revise_plan"))
    PROGRAMME_ADVISER = ("programme_adviser", (  # programrådgiver
        "extended_mapping", "help_set_goals_and_measures", "follow_up_and_revise_plan",
        "documents_and_translation", "refer_to_recognition_of_education", "guidance",
        "talk_at_transition_to_education_or_work", "coordinate_cooperation", "case_handling"))
    ADULT_EDUCATION_CENTRE = ("adult_education_centre", (  # voksenopplæringssenter
        "intake_interview", "teach_norwegian_and_social_studies", "primary_education_for_adults",
        "norwegian_tests", "social_studies_tests", "plan_with_participant_and_adviser",
        "report_progress", "adapted_norwegian_tuition", "follow_up_language_practice"))
    NAV = ("nav", (  # Arbeids- og velferdsetaten
        "labour_market_information", "early_cooperation", "work_and_education_guidance",
        "needs_and_work_ability_assessment", "help_with_individual_plan", "register_in_arena",
        "team_meetings", "labour_market_measures", "follow_up_measures", "transition_after_programme",
        "job_placement"))


INDIVIDUAL_PLAN = "individual_plan"  # individuell plan: the participant's main responsibility

# Eksempel på fire faser (docs/sources/seeds/002): not time-bound, individual, with gliding transitions.
PROGRAMME_PHASES: dict[int, tuple[str, ...]] = {
    1: ("norwegian_tuition", "social_studies_in_mother_tongue", "get_to_know_local_community",
        "ict_course", "talks_with_contact_person", "recognition_and_translation_of_documents"),
    2: ("norwegian_tuition", "social_studies_education_and_work", "language_practice_placement",
        "talks_with_contact_person", "theme_groups", "self_study", "ngo_conversation_practice",
        "refugee_guide", "prior_learning_assessment"),
    3: ("norwegian_tuition", "social_studies_education_and_work", "job_seeking",
        "talks_with_contact_person", "norwegian_with_work_practice", "work_practice",
        "vocational_training_with_practice", "nav_measures_for_newcomers"),
    4: ("ordinary_education", "ordinary_qualification", "nav_measures", "work"),
}
