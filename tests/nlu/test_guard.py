"""The guard after the intent classifier (rasa_ext/nlu/guard.py) on the trained model: the safety
reply only for real alarms, other languages recognised, other services named (tests/nlu/cases.yml).
The same cases run over REST in tests/server/test_oos_rest.py."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text(encoding="utf-8"))
SAFETY = "pressure_from_others"


@pytest.mark.parametrize("text", CASES["alarms"])
def test_real_alarms_get_the_safety_reply(parse, text):
    assert parse.intent(text) == SAFETY, parse(text)["intent"]


@pytest.mark.parametrize("text", CASES["near_misses"])
def test_near_misses_do_not_get_the_safety_reply(parse, text):
    assert parse.intent(text) != SAFETY, parse(text)["intent"]


@pytest.mark.parametrize("code,text", [(c, m) for c, v in CASES["languages"].items() for m in v["messages"]])
def test_other_languages_are_recognised(parse, code, text):
    assert (parse.intent(text), parse.topic(text)) == ("out_of_scope", f"lang_{code}")


@pytest.mark.parametrize("service,text", [(s, m) for s, v in CASES["services"].items() for m in v["messages"]])
def test_other_services_are_named(parse, service, text):
    assert (parse.intent(text), parse.topic(text)) == ("out_of_scope", service)


def test_every_out_of_scope_message_carries_a_topic(parse):
    for text in ("hvem vant fotballkampen i går", "hva er været i morgen"):
        assert parse.intent(text) == "out_of_scope" and parse.topic(text) == "annet", parse(text)


def test_topic_questions_carry_no_topic_entity(parse):
    for text in ("hvor mange omsorgsdager har jeg", "hvor lang er foreldrepermisjonen", "hei"):
        assert parse.topic(text) is None, parse(text)


def _language(parse, text: str):
    return next((e["value"] for e in parse(text).get("entities", []) if e["entity"] == "msg_language"), None)


@pytest.mark.parametrize("text,intent,code", [
    ("My child is sick, how many care days do I have this year?", "ask_care_days", "en"),
    ("How long is the parental leave when we have a baby in March?", "ask_parental_leave", "en"),
])
def test_a_topic_question_in_english_keeps_its_topic_and_is_marked(parse, text, intent, code):
    """A sure topic question in another language keeps its topic (the held-out splits count it in
    scope) and carries msg_language, so the bot says first, in that language, that it answers in
    Norwegian (utter_language_note_<code>)."""
    assert parse.intent(text) == intent
    assert _language(parse, text) == code


def test_no_norwegian_message_in_the_conversation_suite_is_marked_as_another_language(parse):
    import yaml

    from tests.server.test_conversations import HERE

    marked, seen = [], 0
    for path in sorted(HERE.glob("*.yml")):
        for conv in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("conversations") or []:
            if "other_language" in (conv.get("kinds") or ()):
                continue
            for turn in conv["turns"]:
                seen += 1
                if _language(parse, turn["user"]):
                    marked.append(turn["user"])
    assert seen > 500 and marked == [], marked
