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
