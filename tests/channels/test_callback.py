"""The text-only callback channel against the real bot: replies reach a local receiver (the
stand-in for an SMS/chat gateway) as text-only messages, in order; "1" or a word picks a button."""
from __future__ import annotations

import json
import sqlite3
import time
import uuid

import pytest
import requests

from rasa_ext.crypto import load_row, stored_id
from rasa_ext.messaging import MAX_CHARS, OPTIONS_HINT, sign

from .conftest import CALLBACK_SECRET


def user_texts(db, sender: str) -> list[str]:
    """The user texts stored for a conversation id on the server ('sms:…', 'tg:…', 'web:…')."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select data from events where sender_id = ? and type_name = 'user' order by id",
                            (stored_id(sender),)).fetchall()
    return [load_row(d)["text"] for (d,) in rows]


def signed_post(url: str, body: dict, secret: str = CALLBACK_SECRET, stamp: int | None = None,
                timeout: float = 60, **headers) -> requests.Response:
    """POST as the gateway does: JSON body signed with HMAC-SHA256 over '<timestamp>.<body>'."""
    raw = json.dumps(body).encode()
    stamp = str(int(time.time()) if stamp is None else stamp)
    signed = {"Content-Type": "application/json", "X-Signature-Timestamp": stamp,
              "X-Signature": "sha256=" + sign(secret.encode(), stamp, raw), **headers}
    return requests.post(url, data=raw, headers=signed, timeout=timeout)


class Gateway:
    """Plays the SMS gateway: posts the user's text, returns the texts the receiver got for it."""

    def __init__(self, stack):
        self.stack = stack
        self.sender = f"sms-{uuid.uuid4().hex[:12]}"
        self.conversation = f"sms:{self.sender}"  # its id on the server

    def say(self, text: str) -> list[str]:
        before = len(self.stack.standin.callbacks_for(self.sender))
        r = signed_post(f"{self.stack.rasa_url}/webhooks/textcallback/webhook",
                        {"sender": self.sender, "message": text})
        assert r.status_code == 200 and r.text == "success", r.text
        got = self.stack.standin.callbacks_for(self.sender)[before:]
        for body in got:
            assert set(body) == {"recipient_id", "text"}          # text only, no buttons
            assert 0 < len(body["text"]) <= MAX_CHARS
        return [body["text"] for body in got]


def test_greeting_arrives_text_only_in_order_with_numbered_options(stack):
    texts = Gateway(stack).say("hei")
    assert len(texts) == 3
    assert "chatbot, ikke et menneske" in texts[0]
    assert "fødselsnummer" in texts[1]
    assert texts[2] == ("Hei! Hva lurer du på?\n\n1) Hjemme med sykt barn\n2) Permisjon når vi får barn\n"
                        "3) Permisjon i introduksjonsprogrammet\n4) Snakk med et menneske\n" + OPTIONS_HINT)
    assert not any("Hvor mange omsorgsdager har jeg?" in t for t in texts)   # payloads are not shown


def test_numbers_and_words_lead_through_care_days_and_1_picks_the_detail_payload(stack):
    sms = Gateway(stack)
    sms.say("hei")
    assert "Hvor mange barn" in sms.say("1")[-1]                 # 1) Hjemme med sykt barn
    assert "Hvilket år er barna født" in sms.say("3.")[-1]       # 3) -> "3 barn"
    assert "Hvordan bor barna" in sms.say("1")[-1]               # 1) Alle er 12 år eller yngre i år
    assert "kronisk" in sms.say("alene")[-1]                     # part of "Jeg er alene om omsorgen"
    assert "Hvordan jobber du" in sms.say("Nei")[-1]
    answer = sms.say("ansatt")
    joined = "\n".join(answer)
    assert "Du har rett på 30 omsorgsdager i 2026." in joined and "Kilde: folketrygdloven § 9-6" in joined
    assert answer[-1].endswith(
        "1) Kan jeg gi dager til en ny partner?\n2) Hva kan jeg ikke bruke dagene til?\n"
        "3) Hvem kan bruke omsorgsdager?\n4) Forklar enklere\n5) Start på nytt\n" + OPTIONS_HINT)
    assert "care_detail" not in joined and "/restart" not in joined
    detail = "\n".join(sms.say("1"))
    assert "ny ektefelle" in detail
    assert user_texts(stack.db, sms.conversation) == [
        "hei", "Hvor mange omsorgsdager har jeg?", "3 barn", "Alle er 12 år eller yngre",
        "Jeg er alene om omsorgen",
        "Nei", "Jeg er ansatt", '/care_days_detail{"care_detail":"transfer"}']


def test_a_number_that_is_not_an_option_passes_through(stack):
    sms = Gateway(stack)
    sms.say("Hvor mange omsorgsdager har jeg?")
    assert "Hvilket år er barna født" in sms.say("5")[-1]        # only 4 options: 5 stays "5"
    assert user_texts(stack.db, sms.conversation)[-1] == "5"


@pytest.mark.parametrize("body", [{}, {"sender": "x"}, {"message": "hei"}, {"sender": "x", "message": 3}])
def test_a_bad_request_is_refused(stack, body):
    r = signed_post(f"{stack.rasa_url}/webhooks/textcallback/webhook", body, timeout=10)
    assert r.status_code == 400
