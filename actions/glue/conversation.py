"""Conversation-wide actions: session start, clarification, why, topic switch, simpler, delete."""
from __future__ import annotations

import inspect

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ActiveLoop, FollowupAction, SessionStarted, SlotSet

from actions.walkthroughs.store import delete_summary

from .common import latest_intent, latest_text, send_parts
from .engine import FOLLOW_UPS, correction_after_answer

# What each intent is called on a "Mente du …?" button.
INTENT_LABELS = {
    "ask_care_days": "Hjemme med sykt barn (omsorgsdager)",
    "ask_parental_leave": "Foreldrepermisjon og foreldrepenger",
    "ask_breastfeeding": "Fri for å amme (ammefri)",
    "ask_unpaid_leave": "Permisjon uten lønn",
    "ask_intro_leave": "Permisjon i introduksjonsprogrammet",
    "ask_leave_offers": "Tilbud fra kommunen i permisjonen",
    "ask_intro_programme": "Om introduksjonsprogrammet",
    "ask_work_programme": "Arbeid i programmet (kollektiv beskyttelse)",
    "ask_kindergarten": "Barnehageplass",
    "human_handover": "Snakk med et menneske",
    "help": "Hva kan du hjelpe med?",
}


def topic_of(intent: str | None) -> str:
    """'ask_parental_leave' -> 'parental_leave'. Topics plug in by convention: a form named
    '<topic>_form' runs the topic's questions; otherwise 'utter_topic_<topic>' (in parts) is the
    short overview; 'utter_offer_resume_<topic>' offers to go back to a paused '<topic>_form'."""
    return (intent or "").replace("ask_", "", 1)
HUMAN_BUTTON = {"title": "Snakk med et menneske", "payload": "/human_handover"}


class ActionSessionStart(Action):
    """Every conversation starts with what the bot is, what it can do, and the privacy notice."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(response="utter_intro")
        dispatcher.utter_message(response="utter_privacy")
        return [SessionStarted(), ActionExecuted("action_listen")]


class ActionClarify(Action):
    """Below the confidence threshold: offer 2-3 'Mente du …?' choices and a way to a person."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher, tracker: Tracker, domain):
        corrected = correction_after_answer(tracker)
        if corrected is not None:  # "unnskyld, termin er 10. mars" after an answer
            return corrected
        if not tracker.get_slot("last_topic"):
            # Facts about a birth with no question ("jeg er far, termin 15.01.2027, 80 prosent")
            # start the parental-leave form with them, however sure the classifier was.
            from .leave import ActionAnswerWithoutQuestion

            started = ActionAnswerWithoutQuestion.start_from_facts(dispatcher, tracker)
            if started is not None:
                return started
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        choices = [r["name"] for r in ranking if r.get("name") in INTENT_LABELS
                   and r.get("name") != "human_handover" and float(r.get("confidence") or 0) > 0.05][:3]
        repeated = _previous_bot_action(tracker) == self.name()
        buttons = [{"title": INTENT_LABELS[c], "payload": f"/{c}"} for c in choices[:3]]
        buttons.append(HUMAN_BUTTON)
        if repeated:
            dispatcher.utter_message(response="utter_clarify_again", buttons=buttons)
        elif len(choices) >= 2:
            dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_not_understood_topics", buttons=[
                {"title": INTENT_LABELS[c], "payload": f"/{c}"}
                for c in ("ask_care_days", "ask_parental_leave", "ask_intro_leave")] + [HUMAN_BUTTON])
        return []


def _has_answers(form: str, tracker: Tracker) -> bool:
    """The paused form was answered in part (so it can be resumed where it stopped)."""
    from actions.interview.spec import spec_for_form

    try:
        spec = spec_for_form(form)
    except KeyError:
        return False
    return any(tracker.get_slot(s) is not None for s in spec.asked_slots)


def _previous_bot_action(tracker: Tracker) -> str | None:
    """The last action before the current user message that was not action_listen."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


class ActionExplainWhy(Action):
    """'Hvorfor spør du om det?': the reason for the current question."""

    def name(self) -> str:
        return "action_explain_why"

    async def run(self, dispatcher, tracker, domain):
        slot = tracker.get_slot("requested_slot")
        response = f"utter_why_{slot}" if slot else "utter_why_general"
        if response not in (domain.get("responses") or {}):
            response = "utter_why_general"
        dispatcher.utter_message(response=response)
        return []


class ActionSwitchTopic(Action):
    """A new topic in the middle of a form: pause the form (its answers are kept), answer the new
    topic, and offer to go back."""

    def name(self) -> str:
        return "action_switch_topic"

    async def run(self, dispatcher, tracker, domain):
        intent, _ = latest_intent(tracker)
        topic = topic_of(intent)
        paused = (tracker.active_loop or {}).get("name")
        events = [ActiveLoop(None), SlotSet("requested_slot", None)]
        if f"{topic}_form" in (domain.get("forms") or {}):
            if paused and paused != f"{topic}_form" and _has_answers(paused, tracker):
                dispatcher.utter_message(response="utter_paused_topic")
            return events + [FollowupAction(f"{topic}_form")]
        send_parts(dispatcher, domain, f"utter_topic_{topic}")
        resume = f"utter_offer_resume_{(paused or '').removesuffix('_form')}"
        if paused and resume in (domain.get("responses") or {}):
            dispatcher.utter_message(response=resume)
        return events + [SlotSet("last_topic", topic)]


class ActionDeleteConversation(Action):
    """'Slett samtalen': the tracker store deletes this conversation when it sees this action
    (rasa_ext.tracker_store), after the turn, so nothing is written back."""

    def name(self) -> str:
        return "action_delete_conversation"

    async def run(self, dispatcher, tracker, domain):
        delete_summary(tracker.sender_id)  # a caseworker walkthrough's stored summary, if any
        dispatcher.utter_message(response="utter_deleted")
        return []



class ActionTopicOverview(Action):
    """The short, sourced overview of a topic (all its parts, in order)."""

    def name(self) -> str:
        return "action_topic_overview"

    async def run(self, dispatcher, tracker, domain):
        intent, _ = latest_intent(tracker)
        topic = topic_of(intent)
        last = tracker.get_slot("last_topic")
        if last != topic and last in FOLLOW_UPS and FOLLOW_UPS[last][1](latest_text(tracker)):
            return [FollowupAction(FOLLOW_UPS[last][0])]  # a follow-up on the answer just given
        if not send_parts(dispatcher, domain, f"utter_topic_{topic}"):
            dispatcher.utter_message(response="utter_what_can_i_do")
        return [SlotSet("last_topic", topic or None)]


class ActionHumanHandover(Action):
    """A real route to a person: the programme adviser for participants, NAV for benefits."""

    def name(self) -> str:
        return "action_human_handover"

    async def run(self, dispatcher, tracker, domain):
        send_parts(dispatcher, domain, "utter_human_handover")
        return []


class ActionExplainSimpler(Action):
    """'Forklar enklere': the last answer again in fewer, simpler words. Each topic provides
    'action_simple_<topic>' (computed from its slots) or 'utter_simple_<topic>'."""

    def name(self) -> str:
        return "action_explain_simpler"

    async def run(self, dispatcher, tracker, domain):
        topic = tracker.get_slot("last_topic")
        if topic and f"action_simple_{topic}" in (domain.get("actions") or []):
            return [FollowupAction(f"action_simple_{topic}")]
        if not (topic and send_parts(dispatcher, domain, f"utter_simple_{topic}")):
            dispatcher.utter_message(response="utter_explain_simpler_general")
        return []


class ActionCorrectAnswer(Action):
    """A correction after an answer ("nei, vi har tre barn", "termin er 3. mars"): read the message
    with the last topic's reader; when it changes a fact, clear what depends on it and give the
    answer again (or ask what the change made necessary). Nothing read: the plain reply."""

    def name(self) -> str:
        return "action_correct_answer"

    async def run(self, dispatcher, tracker: Tracker, domain):
        from .engine import SPECS, dependents_to_clear, known_facts, read_message
        from .common import latest_text, today
        from .leave import ActionAnswerWithoutQuestion

        # Parental leave and breastfeeding read their own corrections and follow-ups; facts about
        # a birth told without a question start their form, unless the last topic's reader takes
        # them as a correction first (actions/glue/leave.py).
        handled = ActionAnswerWithoutQuestion.handle(dispatcher, tracker)
        if handled is not None:
            return handled
        # The intro topics recompute their answer from a corrected fact (engine.correction_after_answer).
        corrected = correction_after_answer(tracker)
        if corrected is not None:
            return corrected
        intent, _ = latest_intent(tracker)
        fallback = "utter_deny_no_context" if intent == "deny" else "utter_what_can_i_do"
        spec = SPECS.get(tracker.get_slot("last_topic") or "")
        if spec is None:
            return (ActionAnswerWithoutQuestion.start_from_facts(dispatcher, tracker)
                    or self._topic_from_ranking(dispatcher, tracker, domain, fallback))
        on = today()
        known = known_facts(spec, tracker)
        missing = spec.missing(known, on)
        try:
            reading = read_message(spec, latest_text(tracker), missing[0] if missing else None,
                                   known, on, False)
        except Exception:  # a reader that fails on odd text must not end the conversation
            reading = None
        changed = {k: v for k, v in (reading.slots if reading else {}).items()
                   if k in spec.known_slots and known.get(k) != v}
        answer = _action_named(spec.answer)
        if not changed:
            return (ActionAnswerWithoutQuestion.start_from_facts(dispatcher, tracker)
                    or self._topic_from_ranking(dispatcher, tracker, domain, fallback))
        before = dict(known)
        known.update(changed)
        events = [SlotSet(k, v) for k, v in changed.items()]
        events += [SlotSet(k, None) for k in dependents_to_clear(spec, before, known, changed, on)]
        if spec.missing(known, on) or answer is None:
            return events + [FollowupAction(spec.form)]
        # The answer again, from the corrected facts, in this same action (a follow-up action
        # after this one would leave the rules without a next step).
        dispatcher.utter_message(response="utter_corrected")
        for event in events:
            tracker.slots[event["name"]] = event["value"]
        return events + list(await answer().run(dispatcher, tracker, domain) or [])


    @staticmethod
    def _topic_from_ranking(dispatcher, tracker: Tracker, domain, fallback: str) -> list:
        """A question read as `inform` ("... Hvor mange omsorgsdager?"): the best topic with a
        form in the ranking starts (it reads the facts), if the classifier gave it some weight."""
        from .engine import is_question
        from .common import latest_text

        intent, _ = latest_intent(tracker)
        if intent == "inform" and is_question(latest_text(tracker)):
            forms = domain.get("forms") or {}
            for r in (tracker.latest_message or {}).get("intent_ranking") or []:
                name = r.get("name") or ""
                if (name.startswith("ask_") and f"{topic_of(name)}_form" in forms
                        and float(r.get("confidence") or 0) >= TOPIC_FROM_RANKING):
                    return [FollowupAction(f"{topic_of(name)}_form")]
        dispatcher.utter_message(response=fallback)
        return []


TOPIC_FROM_RANKING = 0.1


def _action_named(name: str | None):
    """The action class registered under `name` (the topic's answer action), or None."""
    if not name:
        return None
    todo = list(Action.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if inspect.isabstract(cls):
            continue
        try:
            if cls().name() == name:
                return cls
        except Exception:  # a class that cannot be made without arguments is not it
            continue
    return None
