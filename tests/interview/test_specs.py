"""The interview specs (data/interview/) against the domain, and the files generated from them."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import yaml

from actions.interview.spec import fact, load_interrupts, load_specs, spec_for_form

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)


def _domain() -> dict:
    merged: dict = {"responses": {}, "intents": [], "actions": [], "slots": {}, "forms": {}}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("responses", "slots", "forms"):
            merged[key].update(data.get(key) or {})
        for key in ("intents", "actions"):
            merged[key] += [i if isinstance(i, str) else next(iter(i)) for i in data.get(key) or []]
    return merged


DOMAIN = _domain()
SPECS = load_specs()


# Forms that are not topics, with the reason.
NOT_TOPIC_FORMS = {
    "walkthrough_form": "runs scripts of other topics' facts, data/walkthroughs",
}


def test_every_topic_with_a_form_has_a_spec():
    assert set(DOMAIN["forms"]) - set(NOT_TOPIC_FORMS) == {s.form for s in SPECS.values()}
    assert not set(NOT_TOPIC_FORMS) & {s.form for s in SPECS.values()}
    assert set(SPECS) == {"care_days", "parental_leave", "breastfeeding", "intro_leave", "leave_offers",
                          "kindergarten"}


def test_every_fact_is_a_slot_and_every_question_has_its_responses():
    for spec in SPECS.values():
        assert spec.intent in DOMAIN["intents"], spec.topic
        assert f"validate_{spec.form}" in DOMAIN["actions"], spec.topic
        for name in (spec.answer, spec.simple):
            assert name is None or name in DOMAIN["actions"], name
        for f in spec.facts:
            assert f.slot in DOMAIN["slots"], f.slot
            if f.asked:
                assert f.source is not None and f.source.law, f.slot
                for key in (f.question, f.why, f"utter_invalid_{f.slot}"):
                    assert key in DOMAIN["responses"], key


def test_public_api_for_the_caseworker_walkthrough():
    f = fact("care_situation")
    assert f.topic == "care_days" and f.question == "utter_ask_care_situation"
    assert [b.payload for b in f.buttons][:2] == ["Vi bor sammen", "Jeg er alene om omsorgen"]
    assert fact("chronic_count").when.text == "chronic_any and children_count > 1"
    assert "children_birth_years" in fact("children_count").dependents
    assert fact("intro_municipality").topic == "intro_leave"  # leave_offers borrows it
    assert spec_for_form("kindergarten_form").topic == "kindergarten"


def test_questions_follow_the_conditions():
    care = SPECS["care_days"]
    assert "chronic_count" not in care.questions({"chronic_any": True, "children_count": 1}, TODAY)
    assert "chronic_count" in care.questions({"chronic_any": True, "children_count": 2}, TODAY)
    intro = SPECS["intro_leave"]
    assert intro.questions({"intro_permit_year": 2003}, TODAY) == ["intro_permit_year"]  # no programme
    assert "intro_arrival_year" in intro.questions({"intro_permit_year": 2019}, TODAY)
    adopted_old = {"intro_permit_year": 2022, "intro_event": "adoption", "intro_child_age": 16}
    assert intro.questions(adopted_old, TODAY) == ["intro_permit_year", "intro_event", "intro_child_age"]
    assert "pl_event" not in SPECS["parental_leave"].questions({"pl_role": "adoptive"}, TODAY)


def test_generated_forms_and_rules_are_up_to_date():
    done = subprocess.run([sys.executable, "scripts/gen_interview.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_interrupts_are_known_intents_with_known_actions():
    interrupts = load_interrupts()
    for intent, how in interrupts["interrupts"].items():
        assert intent in DOMAIN["intents"], intent
        for step in how.get("steps") or []:
            assert step in DOMAIN["actions"] or step in DOMAIN["responses"], step
    for intent in interrupts["overviews"]:
        assert intent in DOMAIN["intents"], intent
    for form, intents in interrupts["direct_start"].items():
        assert form in DOMAIN["forms"] and all(i in DOMAIN["intents"] for i in intents), form


def test_no_hand_written_rule_repeats_a_generated_one():
    generated = yaml.safe_load((ROOT / "data/rules/forms.yml").read_text(encoding="utf-8"))["rules"]
    forms = {s.form for s in SPECS.values()}
    for path in (ROOT / "data/rules").glob("*.yml"):
        if path.name == "forms.yml":
            continue
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            loops = {c.get("active_loop") for c in rule.get("condition") or []}
            assert not loops & forms, f"{path.name}: {rule['rule']} belongs in a spec"
    assert len(generated) > 60
