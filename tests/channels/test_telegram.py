"""The Telegram connector against a local stand-in of the Bot API: the webhook registration at
startup, Telegram's update JSON posted to the webhook, and the sendMessage calls back."""
from __future__ import annotations

import json
import random

from rasa_ext.messaging import MAX_CHARS
from rasa_ext.telegram import TEXT_ONLY_HINT

from .conftest import SECRET
from .test_callback import user_texts
from .standin import text_update

GREETING_KEYBOARD = [[{"text": "Hjemme med sykt barn"}], [{"text": "Permisjon når vi får barn"}],
                     [{"text": "Permisjon i introduksjonsprogrammet"}], [{"text": "Snakk med et menneske"}]]


class Phone:
    """A Telegram user in a private chat with the bot."""

    def __init__(self, stack):
        self.stack = stack
        self.chat_id = random.randint(10**8, 10**9)

    def say(self, text, **extra):
        before = len(self.stack.standin.sent(self.chat_id))
        r = self.stack.standin.deliver(text_update(self.chat_id, text, **extra))
        assert r.status_code == 200 and r.text == "success", r.text
        calls = self.stack.standin.sent(self.chat_id)[before:]
        for call in calls:
            assert call.content_type == "application/x-www-form-urlencoded"
            assert 0 < len(call.fields["text"]) <= MAX_CHARS
        return calls


def markup(call) -> dict:
    return json.loads(call.fields.get("reply_markup", "null")) or {}


def test_webhook_is_registered_at_startup_with_url_and_secret(stack):
    hooks = [c for c in stack.standin.calls if c.method == "setWebhook"]
    assert len(hooks) == 1
    assert hooks[0].fields["url"] == stack.env["TELEGRAM_WEBHOOK_URL"]
    assert hooks[0].fields["url"].endswith("/webhooks/telegram/webhook")
    assert hooks[0].fields["secret_token"] == SECRET
    assert json.loads(hooks[0].fields["allowed_updates"]) == ["message", "edited_message", "callback_query"]
    assert stack.standin.bad_token_calls == 0


def test_start_gets_the_greeting_with_a_reply_keyboard(stack):
    phone = Phone(stack)
    calls = phone.say("/start")
    assert [c.fields["chat_id"] for c in calls] == [str(phone.chat_id)] * 3
    assert "chatbot, ikke et menneske" in calls[0].fields["text"]
    assert "fødselsnummer" in calls[1].fields["text"]
    assert calls[2].fields["text"] == "Hei! Hva lurer du på?"
    assert markup(calls[2]) == {"keyboard": GREETING_KEYBOARD, "resize_keyboard": True,
                                "one_time_keyboard": True}
    assert markup(calls[0]) == {"remove_keyboard": True}          # no stale keyboard from before
    assert "Hvor mange omsorgsdager" not in json.dumps([c.fields for c in calls], ensure_ascii=False)
    assert user_texts(stack.db, f"tg:{phone.chat_id}") == ["/greet"]
    # getMe (for `verify`) is asked once per process, not for every update.
    assert sum(c.method == "getMe" for c in stack.standin.calls) == 1


def test_keyboard_title_and_1_are_replaced_by_the_payloads(stack):
    phone = Phone(stack)
    phone.say("/start")
    calls = phone.say("Hjemme med sykt barn")                    # what a keyboard tap sends
    assert "Hvor mange barn" in calls[-1].fields["text"]
    assert [row[0]["text"] for row in markup(calls[-1])["keyboard"]] == ["1", "2", "3", "4 eller flere"]
    calls = phone.say("2")
    assert "Hvilket år er barna født" in calls[-1].fields["text"]
    assert user_texts(stack.db, f"tg:{phone.chat_id}") == [
        "/greet", "Hvor mange omsorgsdager har jeg?", "2 barn"]
    phone2 = Phone(stack)
    phone2.say("/start")
    assert "Hvor mange barn" in phone2.say("1")[-1].fields["text"]
    assert user_texts(stack.db, f"tg:{phone2.chat_id}")[-1] == "Hvor mange omsorgsdager har jeg?"


def test_an_update_without_the_secret_or_with_a_wrong_one_is_refused(stack):
    phone = Phone(stack)
    r = stack.standin.deliver(text_update(phone.chat_id, "hei"), secret="feil")
    assert r.status_code == 403
    r = stack.standin.deliver(text_update(phone.chat_id, "hei"), secret="")  # no header at all
    assert r.status_code == 401
    assert stack.standin.sent(phone.chat_id) == [] and user_texts(stack.db, f"tg:{phone.chat_id}") == []


def test_non_text_messages_get_a_hint_and_are_not_stored(stack):
    phone = Phone(stack)
    calls = phone.say(None, location={"latitude": 59.91, "longitude": 10.75})
    assert [c.fields["text"] for c in calls] == [TEXT_ONLY_HINT]
    calls = phone.say(None, sticker={"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1,
                                     "is_animated": False})
    assert [c.fields["text"] for c in calls] == [TEXT_ONLY_HINT]
    assert user_texts(stack.db, f"tg:{phone.chat_id}") == []


def test_group_chats_are_ignored(stack):
    phone = Phone(stack)
    r = stack.standin.deliver(text_update(-phone.chat_id, "hei", chat_type="group"))
    assert r.status_code == 200
    assert stack.standin.sent(-phone.chat_id) == [] and user_texts(stack.db, f"tg:{-phone.chat_id}") == []


def test_edited_messages_are_answered_like_new_ones(stack):
    phone = Phone(stack)
    update = text_update(phone.chat_id, "hei")
    update["edited_message"] = update.pop("message")
    r = stack.standin.deliver(update)
    assert r.status_code == 200 and stack.standin.sent(phone.chat_id)
