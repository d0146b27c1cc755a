"""Adding a topic needs no glue class: a made-up topic (a spec file and a rules function, plus a
reader and a renderer) runs through the engine with real rasa_sdk trackers, and the Rasa files
the generator writes cover it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from actions.glue.engine import answer_action, validator
from actions.interview.spec import SpecError, load_interrupts, load_specs
from actions.lang.reading import Reading
from actions.lang.render import Reply
from scripts.gen_interview import domain_forms, form_rules
from tests.glue.helpers import form_tracker, run

SPEC = """
topic: pet_leave
form: pet_leave_form
intent: ask_pet_leave
start: utter_pet_leave_start
reader: tests.glue.test_new_topic:read_pets
predicates: tests.glue.test_new_topic
rules: tests.glue.test_new_topic:pet_leave_days
render: tests.glue.test_new_topic:render_pet_leave
answer: action_pet_leave_answer
facts:
  - slot: pet_count
    type: int
    input: pets
    dependents: [pet_vet_visits]
  - slot: pet_sick
    type: bool
    input: sick
    dependents: [pet_vet_visits]
  - slot: pet_vet_visits
    type: int
    input: visits
    when: "pet_sick and many_pets()"
    keep_when: "pet_vet_visits <= pet_count"
"""


# --- the made-up topic's own code: a rules function, a predicate, a reader, a renderer -----------
@dataclass(frozen=True)
class PetLeave:
    days: int


def pet_leave_days(inp: dict) -> PetLeave:
    """The rules function: plain data in (by the facts' `input` names), a result out."""
    return PetLeave(inp["pets"] + (inp["visits"] or 1 if inp["sick"] else 0))


def many_pets(facts, today: date) -> bool:
    return (facts.get("pet_count") or 0) > 1


def read_pets(text, requested, known, today):
    out = Reading()
    m = re.search(r"(\d+)\s*(dyr|kjæledyr)", text)
    if m or (requested == "pet_count" and text.strip().isdigit()):
        out.slots["pet_count"] = int(m.group(1) if m else text)
    if re.search(r"\bsyk", text):
        out.slots["pet_sick"] = not re.search(r"\bikke syk", text)
    elif requested == "pet_sick" and re.fullmatch(r"\s*(ja|nei)\s*", text):
        out.slots["pet_sick"] = text.strip() == "ja"
    m = re.search(r"(\d+)\s*besøk", text)
    if m:
        out.slots["pet_vet_visits"] = int(m.group(1))
    return out


def render_pet_leave(result: PetLeave) -> Reply:
    return Reply([f"Du kan få {result.days} dager fri."])


# --- the tests ---------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("FAMILIEVEILEDER_TODAY", "2026-11-22")


@pytest.fixture()
def spec(tmp_path):
    (tmp_path / "pet_leave.yml").write_text(SPEC, encoding="utf-8")
    return load_specs(tmp_path)["pet_leave"]


def trk(text, slots=None, requested=None, activated=False, intent="inform"):
    return form_tracker("pet_leave_form", text, intent, slots=slots, requested=requested,
                        activated_now=activated)


async def test_the_engine_runs_a_new_topic_from_its_spec(spec):
    form = validator(spec)()
    assert form.name() == "validate_pet_leave_form"
    msgs, out = await run(form, trk("vi har 3 dyr", activated=True, intent="ask_pet_leave"), {})
    assert [m["response"] for m in msgs] == ["utter_pet_leave_start"]
    assert out == {"pet_count": 3, "requested_slot": "pet_sick"}
    # The condition asks for vet visits only with a sick pet and more than one pet.
    _, out = await run(form, trk("ja", {"pet_count": 3}, "pet_sick"), {})
    assert out == {"pet_sick": True, "requested_slot": "pet_vet_visits"}
    _, out = await run(form, trk("nei", {"pet_count": 3}, "pet_sick"), {})
    assert out == {"pet_sick": False, "requested_slot": None}
    slots = await form.required_slots([], None, trk("x", {"pet_count": 1, "pet_sick": True}), {})
    assert slots == ["pet_count", "pet_sick"]


async def test_a_changed_answer_clears_only_what_depends_on_it(spec):
    form = validator(spec)()
    known = {"pet_count": 3, "pet_sick": True, "pet_vet_visits": 2}
    _, out = await run(form, trk("nei, 1 dyr", known, None), {})
    assert out["pet_count"] == 1 and out["pet_vet_visits"] is None  # 2 visits no longer fit
    assert "pet_sick" not in out and out["requested_slot"] is None  # one pet: visits not needed
    _, out = await run(form, trk("nei, 4 dyr", known, None), {})
    assert out == {"pet_count": 4, "requested_slot": None}  # 2 visits still fit 4 pets: kept


async def test_the_generic_answer_computes_from_the_rules_function(spec):
    action = answer_action(spec)()
    assert action.name() == "action_pet_leave_answer"
    msgs, out = await run(action, trk("ok", {"pet_count": 3, "pet_sick": True, "pet_vet_visits": 2}), {})
    assert [m["text"] for m in msgs] == ["Du kan få 5 dager fri."] and out == {"last_topic": "pet_leave"}
    msgs, _ = await run(action, trk("ok", {"pet_count": 1, "pet_sick": False}), {})
    assert [m["text"] for m in msgs] == ["Du kan få 1 dager fri."]


def test_the_generator_writes_its_form_and_rules(spec):
    forms = domain_forms({"pet_leave": spec})["forms"]
    assert forms == {"pet_leave_form": {"required_slots": ["pet_count", "pet_sick", "pet_vet_visits"]}}
    rules = form_rules({"pet_leave": spec}, load_interrupts())["rules"]
    names = [r["rule"] for r in rules]
    assert "start pet_leave_form" in names and "answer when pet_leave_form is complete" in names
    assert "ask_why during pet_leave_form" in names and "switch topic during pet_leave_form" in names


def test_a_spec_error_names_the_file_the_fact_and_the_problem(tmp_path):
    (tmp_path / "pet_leave.yml").write_text(SPEC.replace("many_pets()", "few_pets()"), encoding="utf-8")
    with pytest.raises(SpecError, match=r"pet_leave\.yml: fact pet_vet_visits: when calls few_pets\(\)"):
        load_specs(tmp_path)
    (tmp_path / "pet_leave.yml").write_text(SPEC.replace("[pet_vet_visits]", "[pet_vet]", 1), encoding="utf-8")
    with pytest.raises(SpecError, match=r"fact pet_count: dependent 'pet_vet' is not a fact here"):
        load_specs(tmp_path)
    (tmp_path / "pet_leave.yml").write_text(SPEC.replace("type: bool", "type: boolean"), encoding="utf-8")
    with pytest.raises(SpecError, match=r"fact pet_sick: type 'boolean' is not one of"):
        load_specs(tmp_path)
    with pytest.raises(SpecError, match=r"fact pet_count: question response 'utter_ask_pet_count' is not"):
        (tmp_path / "pet_leave.yml").write_text(SPEC, encoding="utf-8")
        load_specs(tmp_path, responses={"utter_pet_leave_start": []})
