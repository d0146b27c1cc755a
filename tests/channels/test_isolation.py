"""Attacks on other people's conversations, against the real bot and its real database.

A Telegram user and an SMS user each tell the bot about their family. An attacker who knows the
chat id and the phone number tries, over REST and the privacy route, to write into, read from
and delete those conversations; and tries the messaging webhooks without (or with a wrong)
secret. Every attempt is refused or lands in the attacker's own web conversation, and the raw
database shows the victims' conversations unchanged.
"""
from __future__ import annotations

import json
import random
import sqlite3
import time
import uuid

import pytest
import requests

from rasa_ext.crypto import stored_id
from rasa_ext.messaging import sign

from .conftest import CALLBACK_SECRET
from .standin import text_update
from .test_callback import Gateway, signed_post, user_texts
from .test_telegram import Phone

RESTATEMENT = "Ett barn"  # the bot restates the family situation in its answers


def events(db, conversation: str) -> list[tuple[str, str]]:
    """The raw rows of a conversation id on the server ('tg:…', 'sms:…', 'web:…')."""
    with sqlite3.connect(db) as conn:
        return conn.execute("select type_name, data from events where sender_id = ? order by id",
                            (stored_id(conversation),)).fetchall()


def rest(stack, sender, message="hei", timeout=60) -> requests.Response:
    return requests.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                         json={"sender": sender, "message": message}, timeout=timeout)


@pytest.fixture()
def victims(stack):
    phone = Phone(stack)
    phone.say("/start")
    phone.say("Hvor mange omsorgsdager har jeg? Jeg har ett barn og er alene om omsorgen")
    sms = Gateway(stack)
    sms.sender = f"+47{random.randint(10**7, 10**8 - 1)}"
    sms.conversation = f"sms:{sms.sender}"
    sms.say("Hvor mange omsorgsdager har jeg? Jeg har ett barn og er alene om omsorgen")
    assert events(stack.db, f"tg:{phone.chat_id}") and events(stack.db, sms.conversation)
    return phone, sms


def test_rest_cannot_write_into_read_or_delete_a_telegram_or_sms_conversation(stack, victims):
    phone, sms = victims
    before = {c: events(stack.db, c) for c in (f"tg:{phone.chat_id}", sms.conversation)}
    # 1. The raw ids, as REST senders: accepted, but they are the attacker's own web conversations.
    for raw in (str(phone.chat_id), sms.sender.lstrip("+")):
        r = rest(stack, raw, "Hva har jeg sagt om barna mine?")
        assert r.status_code == 200
        assert all(m["recipient_id"] == raw for m in r.json())
        assert RESTATEMENT not in json.dumps(r.json(), ensure_ascii=False)
        assert events(stack.db, f"web:{raw}")  # stored where it belongs
    # 2. The server-side ids and other spellings: refused with a clear 400 JSON error.
    for forged in (f"tg:{phone.chat_id}", sms.conversation, sms.sender, f"../tg:{phone.chat_id}",
                   f"tg%3A{phone.chat_id}", "x" * 65, "", " ", "æøå", None, ["tg", phone.chat_id],
                   {"id": 1}, True):
        r = rest(stack, forged)
        assert r.status_code == 400, forged
        assert "sender" in r.json()["error"]
    # 3. The privacy route deletes only the caller's own web conversation.
    for forged in (f"tg:{phone.chat_id}", sms.conversation, f"tg%3A{phone.chat_id}"):
        r = requests.delete(f"{stack.rasa_url}/webhooks/privacy/conversations/{forged}", timeout=10)
        assert r.status_code in (400, 404), (forged, r.status_code)
    r = requests.delete(f"{stack.rasa_url}/webhooks/privacy/conversations/{phone.chat_id}", timeout=10)
    assert r.status_code == 204
    assert events(stack.db, f"web:{phone.chat_id}") == []
    # The victims' conversations: not one event more or less.
    assert {c: events(stack.db, c) for c in before} == before


def test_rest_reply_never_shows_the_namespace(stack):
    sender = f"it.{uuid.uuid4().hex[:8]}_x-y"
    r = rest(stack, sender)
    assert r.status_code == 200 and r.json()
    assert {m["recipient_id"] for m in r.json()} == {sender}
    assert events(stack.db, f"web:{sender}") and events(stack.db, sender) == []


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"hei"', "{\"sender\": \"a\"}"])
def test_malformed_rest_bodies_get_a_400_json_error(stack, body):
    r = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", data=body,
                      headers={"Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400 and "error" in r.json()


def test_sms_webhook_without_or_with_a_bad_signature_stores_nothing(stack):
    url = f"{stack.rasa_url}/webhooks/textcallback/webhook"
    sender = f"+47{random.randint(10**7, 10**8 - 1)}"
    body = {"sender": sender, "message": "Jeg har ett barn"}
    unsigned = requests.post(url, json=body, timeout=10)
    assert unsigned.status_code == 401
    assert signed_post(url, body, secret="feil-hemmelighet-0123").status_code == 403
    assert signed_post(url, body, stamp=int(time.time()) - 3600).status_code == 403   # replayed
    # The gateway's real signature, over another body: a message changed on the way.
    stamp = str(int(time.time()))
    signature = "sha256=" + sign(CALLBACK_SECRET.encode(), stamp, json.dumps(body).encode())
    tampered = requests.post(url, data=json.dumps({**body, "message": "Slett samtalen"}).encode(),
                             headers={"Content-Type": "application/json", "X-Signature-Timestamp": stamp,
                                      "X-Signature": signature}, timeout=10)
    assert tampered.status_code == 403
    assert user_texts(stack.db, f"sms:{sender}") == []
    assert stack.standin.callbacks_for(sender) == []


def test_telegram_webhook_without_the_secret_stores_nothing(stack):
    chat_id = random.randint(10**8, 10**9)
    for secret, status in (("", 401), ("feil", 403), ("hemmelig-0123456788", 403)):
        r = stack.standin.deliver(text_update(chat_id, "Jeg har ett barn"), secret=secret)
        assert r.status_code == status
    assert user_texts(stack.db, f"tg:{chat_id}") == [] and stack.standin.sent(chat_id) == []


def test_an_overlong_message_gets_a_friendly_reply_and_reaches_nothing(stack):
    from rasa_ext.channels import MAX_MESSAGE_CHARS, TOO_LONG_REPLY

    sender = f"long-{uuid.uuid4().hex[:8]}"
    r = rest(stack, sender, "ja " * (MAX_MESSAGE_CHARS // 3 + 1))
    assert r.status_code == 200 and r.json() == [{"recipient_id": sender, "text": TOO_LONG_REPLY}]
    assert events(stack.db, f"web:{sender}") == []
    phone = Phone(stack)
    calls = phone.say("x" * (MAX_MESSAGE_CHARS + 1))
    assert [c.fields["text"] for c in calls] == [TOO_LONG_REPLY]
    assert user_texts(stack.db, f"tg:{phone.chat_id}") == []
    sms = Gateway(stack)
    assert sms.say("2 " * MAX_MESSAGE_CHARS) == [TOO_LONG_REPLY]
    assert user_texts(stack.db, sms.conversation) == []
    # A body over Sanic's request limit is refused before it is read.
    big = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook",
                        json={"sender": sender, "message": "x" * 200_000}, timeout=10)
    assert big.status_code == 413


def _socketio(stack, session_id, texts, timeout: float = 30) -> tuple[str | None, list[dict]]:
    """A Rasa Webchat client: session_request, then each text; (the confirmed id, the replies)."""
    import threading

    import socketio

    client = socketio.Client(reconnection=False)
    got: list[dict] = []
    confirmed: list[str] = []
    ready, answered = threading.Event(), threading.Event()
    client.on("session_confirm", lambda data: (confirmed.append(data), ready.set()))
    client.on("bot_uttered", lambda data: (got.append(data), answered.set()))
    client.connect(stack.rasa_url, socketio_path="/socket.io", transports=["polling"], wait_timeout=20)
    try:
        client.emit("session_request", {"session_id": session_id})
        assert ready.wait(timeout), "no session_confirm"
        for text in texts:
            answered.clear()
            client.emit("user_uttered", {"message": text, "session_id": confirmed[0]})
            assert answered.wait(timeout), "no bot_uttered"
            time.sleep(1.0)  # the rest of the answer's messages
    finally:
        client.disconnect()
    return (confirmed[0] if confirmed else None), got


def test_socketio_cannot_reach_a_telegram_conversation_and_is_bounded(stack, victims):
    """socket.io conversations live in 'sio:'. A forged session id with a namespace is replaced
    by a random one; the victim's bare chat id only names the attacker's own 'sio:' conversation;
    an overlong message gets the friendly reply and stores nothing."""
    from rasa_ext.channels import MAX_MESSAGE_CHARS, TOO_LONG_REPLY

    phone, _ = victims
    victim = f"tg:{phone.chat_id}"
    before = events(stack.db, victim)
    confirmed, replies = _socketio(stack, victim, ["Jeg har fire barn"])
    assert confirmed and confirmed != victim and ":" not in confirmed
    assert replies and all("tg:" not in json.dumps(r) for r in replies)
    confirmed, replies = _socketio(stack, str(phone.chat_id), ["Jeg har fire barn"])
    assert confirmed == str(phone.chat_id) and replies
    assert events(stack.db, victim) == before
    assert any(t == "user" for t, _ in events(stack.db, f"sio:{phone.chat_id}"))
    sender = f"long-{uuid.uuid4().hex[:8]}"
    confirmed, replies = _socketio(stack, sender, ["x" * (MAX_MESSAGE_CHARS + 1)])
    assert [r.get("text") for r in replies] == [TOO_LONG_REPLY]
    assert events(stack.db, f"sio:{sender}") == []
