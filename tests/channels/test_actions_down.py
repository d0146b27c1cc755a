"""The action server killed mid-conversation: every channel (REST, SMS callback, Telegram) gets a
friendly "prøv igjen", a new user still gets the chatbot and privacy notices, /health says which
part is down, and each conversation goes on where it was when the action server is back."""
from __future__ import annotations

import uuid

import requests

from rasa_ext.resilience import ACTIONS_DOWN_REPLY

from .test_callback import Gateway
from .test_telegram import Phone


class Web:
    def __init__(self, stack):
        self.stack, self.sender = stack, f"down-{uuid.uuid4().hex[:8]}"

    def say(self, text: str) -> list[str]:
        r = requests.post(f"{self.stack.rasa_url}/webhooks/rest/webhook",
                          json={"sender": self.sender, "message": text}, timeout=60)
        assert r.status_code == 200, r.text
        return [m.get("text") or "" for m in r.json()]


def health(stack) -> tuple[int, dict]:
    r = requests.get(f"{stack.rasa_url}/webhooks/privacy/health", timeout=10)
    return r.status_code, r.json()


def test_action_server_down_then_back(stack):
    web, sms, phone = Web(stack), Gateway(stack), Phone(stack)
    assert "Hvor mange barn" in "\n".join(web.say("Hvor mange omsorgsdager har jeg?"))
    assert "Hvor mange barn" in sms.say("Hvor mange omsorgsdager har jeg?")[-1]
    phone.say("/start")
    assert "Hvor mange barn" in phone.say("Hvor mange omsorgsdager har jeg?")[-1].fields["text"]
    assert health(stack) == (200, {"rasa": "ok", "database": "ok", "actions": "ok"})

    stack.stop_actions()
    try:
        assert health(stack) == (200, {"rasa": "ok", "database": "ok", "actions": "down"})
        for reply in (web.say("3"), sms.say("3"), [c.fields["text"] for c in phone.say("3")]):
            assert reply.count(ACTIONS_DOWN_REPLY) == 1, reply
            assert "Prøv igjen" in ACTIONS_DOWN_REPLY
        # A new user: the chatbot notice and the privacy notice do not need the action server.
        first = "\n".join(Web(stack).say("hei"))
        assert "chatbot, ikke et menneske" in first and "fødselsnummer" in first
    finally:
        stack.start_actions()

    assert health(stack)[1]["actions"] == "ok"
    # Each conversation goes on at the question it was at: the answer is given again.
    assert "Hvilket år er barna født" in "\n".join(web.say("3"))
    assert "Hvilket år er barna født" in sms.say("3")[-1]
    assert "Hvilket år er barna født" in phone.say("3")[-1].fields["text"]
    assert "Hvordan bor barna" in "\n".join(web.say("Alle er 12 år eller yngre"))
