"""Walkthrough scripts: the three shipped scripts load; a malformed script is refused at load
with an error naming the file, the step and the problem."""
from __future__ import annotations

import pytest
import yaml

from actions.walkthroughs import script as sc


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


GOOD_STEP = {"id": "permit", "title": "Oppholdstillatelse", "fact": "intro_permit_year",
             "question": "utter_ask_intro_permit_year"}


def script_with(*steps, **extra):
    return {"id": "x", "name": "Test", "kind": "intro_leave", "steps": list(steps), **extra}


def test_shipped_scripts_load_and_name_domain_items():
    scripts = sc.load_dir()
    assert {s.name for s in scripts.values()} == {"Før permisjonen", "Før permisjonen slutter", "Omsorgsdager"}
    responses, slots = sc.domain_names()
    for s in scripts.values():
        for step in s.steps:
            assert step.question in responses and step.fact in slots


def test_find_by_name_prefers_the_longest_match():
    assert sc.find("start Før permisjonen slutter").id == "leave_end"
    assert sc.find("før permisjonen").id == "for_leave"
    assert sc.find("omsorgsdager").id == "care_days"
    assert sc.find("care_days").id == "care_days"
    assert sc.find("noe annet") is None


def test_unknown_question_names_file_step_and_problem(tmp_path):
    bad = dict(GOOD_STEP, question="utter_ask_nothing_here")
    write(tmp_path, "bad.yml", script_with(bad))
    with pytest.raises(sc.ScriptError) as exc:
        sc.load_dir(tmp_path)
    [problem] = exc.value.problems
    assert "bad.yml" in problem and "steg 1 «permit»" in problem and "utter_ask_nothing_here" in problem
    assert "ukjent spørsmål" in problem


def test_unknown_fact(tmp_path):
    write(tmp_path, "bad.yml", script_with(dict(GOOD_STEP, fact="shoe_size")))
    with pytest.raises(sc.ScriptError, match=r"bad.yml steg 1 «permit»: ukjent faktum «shoe_size»"):
        sc.load_dir(tmp_path)


def test_condition_over_unknown_fact(tmp_path):
    step2 = {"id": "age", "title": "Alder", "fact": "intro_child_age",
             "question": "utter_ask_intro_child_age", "when": [{"fact": "intro_event", "is": "adoption"}]}
    write(tmp_path, "bad.yml", script_with(GOOD_STEP, step2))
    with pytest.raises(sc.ScriptError, match=r"steg 2 «age»: betingelse over ukjent faktum «intro_event»"):
        sc.load_dir(tmp_path)


def test_duplicate_step_id_and_duplicate_fact(tmp_path):
    write(tmp_path, "dup.yml", script_with(GOOD_STEP, dict(GOOD_STEP)))
    with pytest.raises(sc.ScriptError) as exc:
        sc.load_dir(tmp_path)
    text = str(exc.value)
    assert "dup.yml steg 2 «permit»" in text and "duplicate step" in text


def test_every_problem_in_every_file_is_reported_and_nothing_loads(tmp_path):
    write(tmp_path, "a.yml", script_with(dict(GOOD_STEP, question="utter_nope")))
    write(tmp_path, "b.yml", {"id": "b", "name": "B", "kind": "weird", "steps": []})
    (tmp_path / "c.yml").write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(sc.ScriptError) as exc:
        sc.load_dir(tmp_path)
    text = str(exc.value)
    assert "a.yml" in text and "b.yml: «kind»" in text and "b.yml: mangler «steps»" in text
    assert "c.yml: ikke gyldig YAML" in text


def test_unknown_key_and_missing_title(tmp_path):
    write(tmp_path, "k.yml", script_with({"id": "s", "fact": "intro_permit_year",
                                          "question": "utter_ask_intro_permit_year", "ask_if": "x"}))
    with pytest.raises(sc.ScriptError) as exc:
        sc.load_dir(tmp_path)
    assert "mangler «title»" in str(exc.value) and "ukjent nøkkel «ask_if»" in str(exc.value)


def test_a_municipality_reorders_and_removes_steps_without_python(tmp_path):
    shipped = yaml.safe_load((sc.SCRIPT_DIR / "for_leave.yml").read_text(encoding="utf-8"))
    steps = [s for s in shipped["steps"] if s["id"] != "wishes"]
    steps.insert(0, steps.pop(steps.index(next(s for s in steps if s["id"] == "municipality"))))
    write(tmp_path, "mine.yml", dict(shipped, steps=steps))
    loaded = sc.load_dir(tmp_path)["for_leave"]
    assert [s.id for s in loaded.steps][:2] == ["municipality", "permit"]
    assert "wishes" not in [s.id for s in loaded.steps]
