"""Introduction programme (issue 4): leave at birth or adoption, the municipality's offers during the
leave, and the kindergarten right. Form validation and answer actions (Rasa glue only)."""
from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet

from actions.catalogue.lookup import offers_for
from actions.catalogue.municipalities import by_number
from actions.lang import render_intro as render
from actions.lang.intro_reader import UNKNOWN, follow_up_of
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.rules.facts.intro_leave import (UNKNOWN as NOT_KNOWN, arrival_decides, assumed_arrival, assumed_permit,
                                             child_age, date_of, law_of, precision_of)
from actions.rules.facts import kindergarten as kg_facts
from actions.rules.facts.kindergarten import next_application_deadline

from .common import latest_text, send, send_parts, today
from .engine import CORRECTABLE, FOLLOW_UPS, SPECS, known_facts, validator

logger = logging.getLogger(__name__)

INTRO_SPEC = SPECS["intro_leave"]  # data/interview/intro_leave.yml
OFFERS_SPEC = SPECS["leave_offers"]  # data/interview/leave_offers.yml
KG_SPEC = SPECS["kindergarten"]  # data/interview/kindergarten.yml
# Made by the engine from the specs (no class per topic).
ValidateIntroLeaveForm = validator(INTRO_SPEC)
ValidateLeaveOffersForm = validator(OFFERS_SPEC)
ValidateKindergartenForm = validator(KG_SPEC)
CORRECTABLE.update({"intro_leave", "leave_offers", "kindergarten"})  # engine.correction_after_answer
# Follow-ups after the answers that NLU may send to another topic's form (engine.FOLLOW_UPS).
FOLLOW_UPS["intro_leave"] = ("action_intro_leave_answer",
                             lambda text: follow_up_of(text) in ("until", "earlier", "offer"))
FOLLOW_UPS["kindergarten"] = ("action_kindergarten_answer",
                              lambda text: follow_up_of(text) == "kindergarten_before")


def catalogue_engine():
    """The catalogue database (None: FAMILIEVEILEDER_DB_URL or the default). Tests replace it."""
    return None


def known_slots(tracker: Tracker, spec=INTRO_SPEC) -> dict[str, Any]:
    return known_facts(spec, tracker)


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
    """Slots -> the rules core -> what the renderer needs. A fact the user did not know ("vet ikke")
    is assumed in its common case, and the answer says so."""
    law = law_of(known)
    if law is None:
        raise ValueError("the permit year is needed")
    number = known.get("intro_municipality")
    base = dict(law=law, today=on, municipality_name=municipality_name(number),
                offers=local_offers(number), permit_assumed=assumed_permit(known),
                permit_not_needed=arrival_decides(known),
                arrival_assumed=assumed_arrival(known))
    if law.law is None:
        return render.LeaveAnswer(**base)
    event = ip.FamilyEvent(known.get("intro_event") if known.get("intro_event") in ("birth", "adoption")
                           else "birth")
    event_day = date_of(known.get("intro_date"))
    both = known.get("intro_both_in_programme")
    both = None if both is None or both == NOT_KNOWN else bool(both)
    age = child_age(known)
    base.update(event=event, event_date=event_day, date_precision=precision_of(known.get("intro_date")),
                both_in_programme=both, child_age_assumed=event is ip.FamilyEvent.ADOPTION and age is None)
    date_unknown = known.get("intro_date") == NOT_KNOWN
    if event is ip.FamilyEvent.ADOPTION and event_day is None and not date_unknown:
        # Adopted child too old: the date was not asked.
        event_day = on
    if event_day is None and not date_unknown:
        return render.LeaveAnswer(**base)
    start = date_of(known.get("intro_leave_start"))
    assumed = start is None
    rules_day = event_day or on  # date unknown: today's rules, no dates in the answer
    try:
        leave = ip.leave_rights(ip.LeaveInput(
            law=law.law, event=event, event_date=rules_day, both_parents_in_programme=bool(both),
            leave_start=None if date_unknown else (start or event_day),
            child_age_at_adoption=0 if age is None else age))
        both_case = None
        if both is None:  # not known: the case where both are in the programme is shown too
            both_case = ip.leave_rights(ip.LeaveInput(
                law=law.law, event=event, event_date=rules_day, both_parents_in_programme=True,
                leave_start=None, child_age_at_adoption=0 if age is None else age))
    except ip.LeaveRulesNotSupported:
        return render.LeaveAnswer(**base)
    reminder = None
    if event is ip.FamilyEvent.BIRTH and leave.latest_end is not None and event_day is not None:
        try:
            reminder = kg.application_reminder(event_day, leave.latest_end + timedelta(days=1), on)
        except (kg.KindergartenRuleNotSupported, ValueError):
            reminder = None
    return render.LeaveAnswer(**base, leave=leave, leave_start_assumed=assumed, reminder=reminder,
                              both_case=both_case)


# --- answers ---------------------------------------------------------------------------------------
def _listen_unless_after(tracker: Tracker, form: str) -> list:
    """An answer that did not follow its own form (a follow-up or a correction sent it here)
    ends the turn: no rule knows what comes next."""
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") != "action_listen":
            return [] if event.get("name") == form else [FollowupAction("action_listen")]
        if event.get("event") == "user":
            break
    return [FollowupAction("action_listen")]


class ActionIntroLeaveAnswer(Action):
    def name(self) -> str:
        return "action_intro_leave_answer"

    async def run(self, dispatcher, tracker, domain):
        answer = leave_answer(known_slots(tracker), today())
        follow = follow_up_of(latest_text(tracker)) if tracker.get_slot("last_topic") == "intro_leave" else None
        reply = render.intro_follow_up(follow, answer) if follow else None
        send(dispatcher, reply or render.intro_leave(answer))
        # A follow-up or a correction may come here from elsewhere (engine.FOLLOW_UPS,
        # correction_after_answer): then listen.
        return [SlotSet("last_topic", "intro_leave")] + _listen_unless_after(tracker, INTRO_SPEC.form)


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
        return [SlotSet("last_topic", "leave_offers")] + _listen_unless_after(tracker, OFFERS_SPEC.form)


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
        known = known_slots(tracker, KG_SPEC)
        if known.get("kg_birth_date") == UNKNOWN:  # "vet ikke": the general rule
            send_parts(dispatcher, domain, "utter_topic_kindergarten")
            return [SlotSet("last_topic", "kindergarten")]
        try:
            reminder = KG_SPEC.to_input(known, on)
        except kg.KindergartenRuleNotSupported:
            send(dispatcher, render.kindergarten_too_old(next_application_deadline(on)))
            return [SlotSet("last_topic", "kindergarten")]
        if reminder is None:
            dispatcher.utter_message(response="utter_ask_kg_birth_date")
            return []
        follow = follow_up_of(latest_text(tracker))
        if follow == "kindergarten_before" and tracker.get_slot("last_topic") in ("kindergarten", "intro_leave"):
            send(dispatcher, render.kindergarten_before_right(reminder))
            return [SlotSet("last_topic", "kindergarten"), FollowupAction("action_listen")]
        check = kg_facts.application_check(known, on)
        send(dispatcher, render.kindergarten(reminder, precision_of(known.get("kg_birth_date")), check,
                                             precision_of(known.get("kg_applied"))))
        return [SlotSet("last_topic", "kindergarten")] + _listen_unless_after(tracker, KG_SPEC.form)


class ActionSimpleKindergarten(Action):
    def name(self) -> str:
        return "action_simple_kindergarten"

    async def run(self, dispatcher, tracker, domain):
        try:
            reminder = KG_SPEC.to_input(known_slots(tracker, KG_SPEC), today())
        except kg.KindergartenRuleNotSupported:
            reminder = None
        if reminder is None:
            dispatcher.utter_message(response="utter_explain_simpler_general")
            return []
        for text in render.kindergarten_simple(reminder):
            dispatcher.utter_message(text=text)
        return []
