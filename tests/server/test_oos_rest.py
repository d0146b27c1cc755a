"""Over REST against the running bot (issue 13): out-of-scope questions name where to go, other
languages get a reply in that language, and the safety reply comes for real alarms only.
Cases: tests/nlu/cases.yml (the model-level checks are in tests/nlu/test_guard.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.server.test_rest import Chat, server  # noqa: F401  (the fixture skips/fails without a bot)

CASES = yaml.safe_load((Path(__file__).parents[1] / "nlu" / "cases.yml").read_text(encoding="utf-8"))
SAFETY = "Ring politiet på 112"
NAV_PHONE = "55 55 33 33"


@pytest.mark.parametrize("service,text", [(s, v["messages"][0]) for s, v in CASES["services"].items()])
def test_a_near_miss_question_names_where_to_go(service, text):
    reply = Chat().text(text)
    marker = CASES["services"][service]["marker"]
    assert marker in reply, reply
    assert NAV_PHONE in reply or "800 80 000" in reply, reply
    assert "Det kan jeg dessverre ikke svare på" not in reply  # not the generic fallback


def test_a_general_out_of_scope_question_gets_the_general_reply_with_a_way_to_a_person():
    messages = Chat().say("hvem vant fotballkampen i går")
    text = "\n".join(m.get("text") or "" for m in messages)
    assert "Det kan jeg dessverre ikke svare på" in text
    assert any(b.get("title") == "Snakk med et menneske" for m in messages for b in m.get("buttons") or [])


def test_the_service_is_named_inside_a_form_and_the_form_goes_on():
    chat = Chat()
    first = chat.text("hvor mange omsorgsdager har jeg")
    reply = chat.text("hvor mye barnetrygd får jeg")
    assert "nav.no/barnetrygd" in reply, reply
    question = [line for line in first.splitlines() if line.rstrip().endswith("?")][-1]
    assert reply.rstrip().endswith(question), (question, reply)  # the same open question is asked again


def test_a_later_general_question_does_not_reuse_the_earlier_service():
    chat = Chat()
    assert "nav.no/sykepenger" in chat.text("jeg er syk selv, får jeg sykepenger")
    reply = chat.text("hva er været i Bergen i morgen")
    assert "nav.no/sykepenger" not in reply and "Det kan jeg dessverre ikke svare på" in reply, reply


@pytest.mark.parametrize("code", list(CASES["languages"]))
def test_another_language_gets_a_short_reply_in_that_language(code):
    case = CASES["languages"][code]
    for text in case["messages"][:2]:
        reply = Chat().text(text)
        assert case["marker"] in reply, (text, reply)
        assert NAV_PHONE in reply and "Barnet mitt er sykt" in reply, reply  # how to ask simply, and where
        assert SAFETY not in reply


@pytest.mark.parametrize("text", CASES["alarms"][::3])
def test_real_alarms_get_the_safety_reply(text):
    reply = Chat().text(text)
    assert SAFETY in reply and "815 55 201" in reply, (text, reply)


@pytest.mark.parametrize("text", CASES["near_misses"])
def test_near_misses_never_get_the_safety_reply(text):
    reply = Chat().text(text)
    assert SAFETY not in reply and "tvangsekteskap" not in reply, (text, reply)
