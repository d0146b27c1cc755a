"""Conversations with the real running bot over the REST channel (the stack scripts/test.sh
starts). Also checks what is stored in the real tracker database."""
from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
import requests

from rasa_ext.crypto import load_row, stored_id
from tests.conftest import require

pytestmark = pytest.mark.server
RASA = os.environ.get("FV_RASA_URL", "http://localhost:5005")
DB = os.environ.get("FV_TRACKER_DB", "var/test-tracker.db")


def up() -> bool:
    try:
        return requests.get(RASA, timeout=3).ok
    except requests.RequestException:
        return False


@pytest.fixture(scope="module", autouse=True)
def server():
    require(up(), f"the running bot at {RASA} (start it with scripts/test.sh)")


class Chat:
    def __init__(self):
        self.sender = f"test-{uuid.uuid4()}"

    def say(self, text: str) -> list[dict]:
        r = requests.post(f"{RASA}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=60)
        assert r.status_code == 200, r.text
        return r.json()

    def text(self, message: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(message))


def stored_events(sender: str) -> list[dict]:
    """The events stored for a REST sender: its conversation is 'web:<sender>' on the server."""
    with sqlite3.connect(DB) as conn:
        return [load_row(d) for (d,) in conn.execute("select data from events where sender_id = ?",
                                                        (stored_id(f"web:{sender}"),))]


def test_first_reply_says_it_is_a_chatbot_and_warns_about_personal_data():
    reply = Chat().text("hei")
    assert "chatbot, ikke et menneske" in reply
    assert "fødselsnummer" in reply


def test_full_care_days_conversation_with_answer_and_source():
    chat = Chat()
    assert "Hvor mange barn" in chat.text("Hvor mange omsorgsdager har jeg?")
    assert "Hvilket år er barna født" in chat.text("3")
    assert "Hvordan bor barna" in chat.text("2014, 2016 og 2020")
    assert "kronisk" in chat.text("Jeg er alene om omsorgen")
    assert "Hvordan jobber du" in chat.text("Nei")
    answer = chat.text("Jeg er ansatt")
    assert "Du har rett på 30 omsorgsdager i 2026." in answer
    assert "Kilde: folketrygdloven § 9-6" in answer and "veiledning, ikke et vedtak" in answer


def test_explain_simpler_after_an_answer_says_it_once_and_waits():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg? Jeg er alene med to barn")
    chat.say("Alle er 12 år eller yngre")
    chat.say("Nei")
    assert "Du har rett på 20 omsorgsdager" in chat.text("Jeg er ansatt")
    reply = chat.say("Forklar enklere")
    texts = [m.get("text") or "" for m in reply]
    assert texts[0] == "Kort sagt: Du kan være hjemme med sykt barn i 20 dager i 2026."
    assert len(reply) <= 4, texts  # no repeated fallback after the short answer


def test_one_sentence_fills_several_answers():
    chat = Chat()
    reply = chat.text("Jeg er alene med tre barn, og ett er kronisk sykt")
    assert "Hvilket år er barna født" in reply and "Hvor mange barn" not in reply
    reply = chat.text("Alle er 12 år eller yngre")
    assert "Hvordan jobber du" in reply
    assert "Du har rett på 50 omsorgsdager" in chat.text("Jeg er selvstendig næringsdrivende")


@pytest.mark.parametrize("bad", ["", "   ", "x" * 20000, "🙂🙂🙂", "<img src=x onerror=alert(1)>",
                                 "-3 barn", "250 barn", "1890", "2090", "\x00\x01", "' OR 1=1; --"])
def test_bad_input_gets_a_friendly_reply_and_the_conversation_continues(bad):
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg?")
    chat.say("2 barn") if bad in ("1890", "2090") else None
    reply = chat.say(bad)
    assert reply, "the bot must answer"
    assert all(isinstance(m.get("text", ""), str) for m in reply)
    follow = chat.text("2 barn" if bad not in ("1890", "2090") else "2016 og 2019")
    assert follow  # still talking


def test_fallback_offers_choices_and_a_person():
    reply = Chat().say("asdfghjkl qwerty zxcv")
    buttons = [b["title"] for m in reply for b in m.get("buttons", [])]
    assert "Snakk med et menneske" in buttons


def test_handover_gives_a_real_route_to_a_person():
    text = Chat().text("Jeg vil snakke med et menneske")
    assert "programrådgiveren" in text and "55 55 33 33" in text


def test_identifiers_are_masked_in_the_tracker_store():
    chat = Chat()
    chat.say("mitt fødselsnummer er 01019912345")
    texts = [e.get("text") for e in stored_events(chat.sender) if e.get("event") == "user"]
    assert texts and all("01019912345" not in (t or "") for t in texts)


def test_delete_endpoint_removes_the_conversation_from_the_store():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg?")
    assert stored_events(chat.sender)
    r = requests.delete(f"{RASA}/webhooks/privacy/conversations/{chat.sender}", timeout=10)
    assert r.status_code == 204
    assert stored_events(chat.sender) == []
    assert "Hvor mange barn" in chat.text("Hvor mange omsorgsdager har jeg?")  # starts afresh


def test_saying_delete_removes_the_conversation():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg?")
    assert "slettet" in chat.text("slett samtalen")
    assert stored_events(chat.sender) == []


def test_feedback_and_health_endpoints():
    assert requests.post(f"{RASA}/webhooks/privacy/feedback", json={"helpful": True, "topic": "care_days"},
                         timeout=10).status_code == 204
    assert requests.post(f"{RASA}/webhooks/privacy/feedback", json={"helpful": "ja"}, timeout=10).status_code == 400
    health = requests.get(f"{RASA}/webhooks/privacy/health", timeout=10)
    assert health.status_code == 200
    assert health.json() == {"rasa": "ok", "database": "ok", "actions": "ok"}


def test_a_message_after_an_idle_pause_reaches_the_action_server():
    """The kept-alive connection to the action server is dropped before the server drops it
    (rasa_ext.speedups.ACTION_KEEPALIVE_SECONDS < Sanic's 5 s): after 6 idle seconds the next
    form step still runs instead of "får ikke regnet ut svar"."""
    import time

    from rasa_ext.resilience import ACTIONS_DOWN_REPLY

    chat = Chat()
    assert "Hvor mange barn" in chat.text("Hvor mange omsorgsdager har jeg?")
    for _ in range(2):
        time.sleep(6)
        reply = chat.text("2")
        assert ACTIONS_DOWN_REPLY not in reply and "Hvilket år" in reply, reply
        chat = Chat()
        chat.text("Hvor mange omsorgsdager har jeg?")
