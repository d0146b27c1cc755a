"""Introduction programme (issue 4): leave at birth or adoption, the municipality's offers during the
leave, and the kindergarten right. Form validation and answer actions (Rasa glue only)."""
from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.catalogue.lookup import offers_for
from actions.catalogue.municipalities import by_number
from actions.lang import render_intro as render
from actions.lang.intro_reader import (
    RECENT_DAYS,
    UNKNOWN,
    date_of,
    permit_value,
    precision_of,
    read_intro,
    read_kindergarten,
)
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg

from .common import send, today
from .forms import TopicFormValidation

logger = logging.getLogger(__name__)

PRESSURE = "pressure_from_others"
INTRO_SLOTS = ("intro_permit_year", "intro_arrival_year", "intro_event", "intro_child_age", "intro_date",
               "intro_leave_start", "intro_both_in_programme", "intro_municipality")
KG_SLOTS = ("kg_birth_date",)


def catalogue_engine():
    """The catalogue database (None: FAMILIEVEILEDER_DB_URL or the default). Tests replace it."""
    return None


def known_slots(tracker: Tracker, names=INTRO_SLOTS) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in names}


# --- from slots to rules-core input --------------------------------------------------------------
def law_of(known: dict, with_arrival: bool = True) -> ip.LawResult | None:
    permit = permit_value(known.get("intro_permit_year"))
    if permit is None:
        return None
    arrival = known.get("intro_arrival_year") if with_arrival else None
    return ip.which_law(permit, int(arrival) if arrival is not None else None)


def _age(known: dict) -> int | None:
    value = known.get("intro_child_age")
    return None if value is None else int(value)


def intro_leave_questions(known: dict, on: date) -> list[str]:
    """The questions this person needs, in order: only what the answer depends on."""
    slots = ["intro_permit_year"]
    law = law_of(known, with_arrival=False)
    if law is None:
        return slots + ["intro_event", "intro_date", "intro_both_in_programme", "intro_municipality"]
    if law.outcome is ip.LawOutcome.NEED_ARRIVAL:
        slots.append("intro_arrival_year")
    if law_of(known).outcome is ip.LawOutcome.NOT_COVERED:
        return slots
    slots.append("intro_event")
    if known.get("intro_event") == "adoption":
        slots.append("intro_child_age")
        age = _age(known)
        if age is not None and age >= ip.INTRO.value(("adoption_child_age_below", ip.IntroLaw.INTEGRATION_ACT),
                                                      on):
            return slots
    slots.append("intro_date")
    event_day = date_of(known.get("intro_date"))
    if event_day is not None and (on - event_day).days > RECENT_DAYS:
        slots.append("intro_leave_start")
    slots += ["intro_both_in_programme", "intro_municipality"]
    return slots


def municipality_name(number: str | None) -> str | None:
    if not number or number == UNKNOWN:
        return None
    info = by_number().get(str(number))
    return info.name if info else None


def local_offers(number: str | None) -> tuple:
    if not number or number == UNKNOWN:
        return ()
    try:
        return offers_for(number, engine=catalogue_engine())
    except Exception:  # the catalogue is optional for the answer: say the general kinds
        logger.exception("offer catalogue unavailable")
        return ()


def leave_answer(known: dict, on: date) -> render.LeaveAnswer:
    """Slots -> the rules core -> what the renderer needs."""
    law = law_of(known)
    if law is None:
        raise ValueError("the permit year is needed")
    number = known.get("intro_municipality")
    base = dict(law=law, today=on, municipality_name=municipality_name(number),
                offers=local_offers(number))
    if law.law is None:
        return render.LeaveAnswer(**base)
    event = ip.FamilyEvent(known.get("intro_event") or "birth")
    event_day = date_of(known.get("intro_date"))
    both = known.get("intro_both_in_programme")
    base.update(event=event, event_date=event_day, date_precision=precision_of(known.get("intro_date")),
                both_in_programme=None if both is None else bool(both))
    if event is ip.FamilyEvent.ADOPTION and event_day is None:
        # Adopted child too old: the date was not asked.
        event_day = on
    if event_day is None:
        return render.LeaveAnswer(**base)
    start = date_of(known.get("intro_leave_start"))
    assumed = start is None
    try:
        leave = ip.leave_rights(ip.LeaveInput(
            law=law.law, event=event, event_date=event_day, both_parents_in_programme=bool(both),
            leave_start=start or event_day, child_age_at_adoption=_age(known)))
    except ip.LeaveRulesNotSupported:
        return render.LeaveAnswer(**base)
    reminder = None
    if event is ip.FamilyEvent.BIRTH and leave.latest_end is not None:
        try:
            reminder = kg.application_reminder(event_day, leave.latest_end + timedelta(days=1), on)
        except (kg.KindergartenRuleNotSupported, ValueError):
            reminder = None
    return render.LeaveAnswer(**base, leave=leave, leave_start_assumed=assumed, reminder=reminder)


def kindergarten_reminder(known: dict, on: date) -> kg.ApplicationReminder | None:
    birth = date_of(known.get("kg_birth_date"))
    if birth is None:
        return None
    right = kg.statutory_right(birth)
    return kg.application_reminder(birth, right.right_from, on)


# --- form validation -------------------------------------------------------------------------------
class _IntroForm(TopicFormValidation):
    """Intro forms: slots by name, read with the intro reader; a new date resets the leave start."""

    slot_names: tuple = ()
    reader: Callable = staticmethod(read_intro)

    def known(self, tracker):
        return known_slots(tracker, self.slot_names)

    def read(self, text, requested, known, activating):
        return self.reader(text, requested, known, today())

    def on_change(self, name, value, known):
        return {"intro_leave_start": None} if name == "intro_date" else {}


class ValidateIntroLeaveForm(_IntroForm):
    form = "intro_leave_form"
    topic_intent = "ask_intro_leave"
    slot_names = INTRO_SLOTS
    start_response = "utter_intro_leave_start"

    def questions(self, known):
        return intro_leave_questions(known, today())


class ValidateLeaveOffersForm(_IntroForm):
    form = "leave_offers_form"
    topic_intent = "ask_leave_offers"
    slot_names = INTRO_SLOTS
    start_response = "utter_leave_offers_start"

    def questions(self, known):
        return ["intro_municipality"]


class ValidateKindergartenForm(_IntroForm):
    form = "kindergarten_form"
    topic_intent = "ask_kindergarten"
    slot_names = KG_SLOTS
    start_response = "utter_kindergarten_start"
    reader = staticmethod(read_kindergarten)

    def questions(self, known):
        return ["kg_birth_date"]

    def prefill(self, tracker, known):
        """After the leave answer the birth date is known already (not a month-only due date)."""
        value = tracker.get_slot("intro_date")
        if (known.get("kg_birth_date") is None and tracker.get_slot("intro_event") == "birth"
                and precision_of(value) == "day" and date_of(value) is not None):
            return {"kg_birth_date": value}
        return {}


# --- answers ---------------------------------------------------------------------------------------
class ActionIntroLeaveAnswer(Action):
    def name(self) -> str:
        return "action_intro_leave_answer"

    async def run(self, dispatcher, tracker, domain):
        send(dispatcher, render.intro_leave(leave_answer(known_slots(tracker), today())))
        return [SlotSet("last_topic", "intro_leave")]


class ActionSimpleIntroLeave(Action):
    def name(self) -> str:
        return "action_simple_intro_leave"

    async def run(self, dispatcher, tracker, domain):
        known = known_slots(tracker)
        if known.get("intro_permit_year") is None:
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in render.intro_leave_simple(leave_answer(known, today())):
            dispatcher.utter_message(text=text)
        return []


def _offer_duty(known: dict, on: date) -> tuple[ip.OfferDutyResult, bool]:
    law = law_of(known)
    start = date_of(known.get("intro_leave_start")) or date_of(known.get("intro_date"))
    law_value = law.law if law is not None and law.law is not None else ip.IntroLaw.INTEGRATION_ACT
    try:
        return ip.offer_duty(start or on, law_value), start is not None
    except ip.LeaveRulesNotSupported:
        return ip.offer_duty(on), False


class ActionLeaveOffersAnswer(Action):
    def name(self) -> str:
        return "action_leave_offers_answer"

    async def run(self, dispatcher, tracker, domain):
        on = today()
        known = known_slots(tracker)
        duty, start_known = _offer_duty(known, on)
        number = known.get("intro_municipality")
        send(dispatcher, render.leave_offers(duty, municipality_name(number), local_offers(number),
                                             start_known))
        return [SlotSet("last_topic", "leave_offers")]


class ActionSimpleLeaveOffers(Action):
    def name(self) -> str:
        return "action_simple_leave_offers"

    async def run(self, dispatcher, tracker, domain):
        for text in render.LEAVE_OFFERS_SIMPLE:
            dispatcher.utter_message(text=text)
        return []


class ActionKindergartenAnswer(Action):
    def name(self) -> str:
        return "action_kindergarten_answer"

    async def run(self, dispatcher, tracker, domain):
        on = today()
        known = known_slots(tracker, KG_SLOTS)
        try:
            reminder = kindergarten_reminder(known, on)
        except kg.KindergartenRuleNotSupported:
            send(dispatcher, render.kindergarten_too_old(on))
            return [SlotSet("last_topic", "kindergarten")]
        if reminder is None:
            dispatcher.utter_message(response="utter_ask_kg_birth_date")
            return []
        send(dispatcher, render.kindergarten(reminder, precision_of(known.get("kg_birth_date"))))
        return [SlotSet("last_topic", "kindergarten")]


class ActionSimpleKindergarten(Action):
    def name(self) -> str:
        return "action_simple_kindergarten"

    async def run(self, dispatcher, tracker, domain):
        try:
            reminder = kindergarten_reminder(known_slots(tracker, KG_SLOTS), today())
        except kg.KindergartenRuleNotSupported:
            reminder = None
        if reminder is None:
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in render.kindergarten_simple(reminder):
            dispatcher.utter_message(text=text)
        return []
