"""Never loop (issue 13), in the engine for every question of every spec: one re-ask that says what
is possible, then "vet ikke"/"Hopp over" and a person, then the spec's `unknown` (an assumption,
said; or the general rule); "vet ikke" is an answer everywhere; a correction after the answer."""
from __future__ import annotations

import pytest

from actions.glue.conversation import ActionCorrectAnswer
from actions.glue.engine import SPECS, says_dont_know, validator
from tests.glue.helpers import form_tracker, run


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("FAMILIEVEILEDER_TODAY", "2026-11-22")


QUESTIONS = [(topic, f.slot) for topic, spec in SPECS.items() for f in spec.facts if f.asked]


def _titles(msgs):
    return [b["title"] for m in msgs for b in (m.get("buttons") or [])]


async def _miss(topic, slot, misses, domain, text="qqxqq zzv"):
    slots = {"interview_misses": f"{slot}:{misses}" if misses else None}
    trk = form_tracker(SPECS[topic].form, text, "nlu_fallback", 0.3, slots=slots, requested=slot)
    return await run(validator(SPECS[topic])(), trk, domain)


@pytest.mark.parametrize("topic,slot", QUESTIONS, ids=[f"{t}.{s}" for t, s in QUESTIONS])
async def test_every_question_first_miss_reasks_second_offers_a_way_out_third_goes_on(topic, slot, domain):
    msgs, out = await _miss(topic, slot, 0, domain)
    assert out["interview_misses"] == f"{slot}:1" and out["requested_slot"] == slot
    assert msgs and all(m["response"] in domain["responses"] for m in msgs)
    msgs, out = await _miss(topic, slot, 1, domain)
    assert out["interview_misses"] == f"{slot}:2"
    assert "Snakk med et menneske" in _titles(msgs)
    assert {"Vet ikke", "Hopp over"} & set(_titles(msgs))
    msgs, out = await _miss(topic, slot, 2, domain)
    assert out.get("requested_slot") != slot or out.get(slot) is not None, "the third miss must move on"
    unknown = SPECS[topic].fact(slot).unknown
    if unknown.stops:
        assert "utter_interview_stopped" in [m["response"] for m in msgs]
    else:
        assert f"utter_assume_{slot}" in [m["response"] for m in msgs]


@pytest.mark.parametrize("topic,slot", QUESTIONS, ids=[f"{t}.{s}" for t, s in QUESTIONS])
async def test_dont_know_is_an_answer_at_every_question(topic, slot, domain):
    trk = form_tracker(SPECS[topic].form, "vet ikke", "deny", 0.9, requested=slot)
    msgs, out = await run(validator(SPECS[topic])(), trk, domain)
    responses = [m.get("response") for m in msgs]
    unknown = SPECS[topic].fact(slot).unknown
    if unknown.stops:  # first how to find it, with "Hopp over" and a person
        assert "Hopp over" in _titles(msgs) and "Snakk med et menneske" in _titles(msgs)
    elif out.get(slot) is None:  # the reader explained the choices first (e.g. the coverage)
        assert out["interview_misses"] == f"{slot}:1"
    else:
        assert f"utter_assume_{slot}" in responses or out.get(slot) == unknown.value(None)


def test_dont_know_in_the_forms_people_write_it():
    for text in ["vet ikke", "Vet ikkje", "veit ikkje", "jeg vet ikke helt", "aner ikke", "husker ikke",
                 "ikke sikker", "usikker", "hopp over", "I don't know", "vetikke", "nie wiem"]:
        assert says_dont_know(text), text
    for text in ["vi vet at det er tvillinger", "ikke født ennå", "to barn", "jeg er ansatt"]:
        assert not says_dont_know(text), text


async def test_a_question_about_another_topic_switches_even_with_facts_in_it(domain):
    trk = form_tracker("care_days_form", "Når får vi barnehageplass? Barnet er født 10. oktober 2026",
                       "ask_kindergarten", 0.95, requested="children_count")
    msgs, out = await run(validator(SPECS["care_days"])(), trk, domain)
    assert out == {} and msgs == []  # rejected: the topic switch rule answers


async def test_correction_after_the_answer_gives_the_answer_again(domain):
    slots = {"last_topic": "care_days", "children_count": 2.0, "children_birth_years": "all_young",
             "care_situation": "alone", "chronic_any": False, "work_type": "employee"}
    trk = form_tracker("care_days_form", "nei, vi har tre barn", "deny", slots=slots, active=False)
    msgs, out = await run(ActionCorrectAnswer(), trk, domain)
    assert out["children_count"] == 3
    assert any("30 omsorgsdager i 2026" in (m.get("text") or "") for m in msgs)


async def test_no_correction_keeps_the_old_reply(domain):
    trk = form_tracker("care_days_form", "nei", "deny", slots={"last_topic": "care_days"}, active=False)
    msgs, out = await run(ActionCorrectAnswer(), trk, domain)
    assert [m["response"] for m in msgs] == ["utter_deny_no_context"] and out == {}
