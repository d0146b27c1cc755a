"""The interview engine (actions/glue/engine.py) on every topic, through rasa_sdk with real
trackers: a changed answer clears and asks again only what depends on it, and the answer is
computed from the new facts."""
from __future__ import annotations

import pytest

from actions.glue import intro
from actions.glue.care_days import ActionCareDaysAnswer
from actions.glue.engine import SPECS, validator
from actions.glue.leave import ActionParentalLeaveAnswer
from tests.glue.helpers import form_tracker, run


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("FAMILIEVEILEDER_TODAY", "2026-11-22")


def form(topic):
    return validator(SPECS[topic])()


async def change(topic, text, slots, requested, domain, intent="inform"):
    trk = form_tracker(SPECS[topic].form, text, intent, slots=slots, requested=requested)
    msgs, out = await run(form(topic), trk, domain)
    return msgs, out


# --- care days ---------------------------------------------------------------------------------
CARE = {"children_count": 3.0, "children_birth_years": [2012, 2015, 2020], "care_situation": "alone",
        "chronic_any": True, "chronic_count": 1.0}


async def test_care_days_more_children_clears_the_birth_years_only(domain):
    msgs, out = await change("care_days", "nei, fire barn", CARE, "work_type", domain)
    assert out["children_count"] == 4
    assert out["children_birth_years"] is None and out["requested_slot"] == "children_birth_years"
    # The chronic answers still fit four children: not asked again.
    assert "chronic_count" not in out and "chronic_any" not in out and "care_situation" not in out


async def test_care_days_fewer_children_than_ill_ones_asks_about_illness_again(domain):
    slots = {**CARE, "chronic_count": 3.0}
    _, out = await change("care_days", "nei, egentlig to barn", slots, "work_type", domain)
    assert out["children_count"] == 2
    assert out["chronic_count"] is None and out["chronic_any"] is None
    assert out["children_birth_years"] is None
    assert out["requested_slot"] == "children_birth_years"


async def test_care_days_answer_is_recomputed_after_a_change(domain):
    done = {**CARE, "chronic_any": False, "chronic_count": 0.0, "work_type": "employee",
            "children_birth_years": [2015, 2018, 2020]}
    before, _ = await run(ActionCareDaysAnswer(), form_tracker("care_days_form", "ok", slots=done), domain)
    after, _ = await run(ActionCareDaysAnswer(), form_tracker(
        "care_days_form", "ok", slots={**done, "children_count": 1.0, "children_birth_years": [2020]}), domain)
    before_text, after_text = " ".join(m["text"] for m in before), " ".join(m["text"] for m in after)
    assert "30 omsorgsdager" in before_text and "20 omsorgsdager" in after_text  # alone: 15 + 15, 10 + 10


# --- parental leave ------------------------------------------------------------------------------
PL = {"pl_role": "mother", "pl_event": "expected", "pl_date": "2027-03-03", "pl_coverage": 100.0}


async def test_parental_leave_coverage_change_keeps_everything_else(domain):
    _, out = await change("parental_leave", "jeg mente 80 prosent", PL, "pl_children", domain)
    assert out["pl_coverage"] == 80
    assert set(out) == {"pl_coverage", "requested_slot"} and out["requested_slot"] == "pl_children"


async def test_parental_leave_born_instead_of_expected_asks_the_date_again(domain):
    _, out = await change("parental_leave", "nei, barnet er født", PL, "pl_children", domain)
    assert out["pl_event"] == "born" and out["pl_date"] is None
    assert out["requested_slot"] == "pl_date"
    assert "pl_coverage" not in out


async def test_parental_leave_plan_follows_the_changed_coverage(domain):
    done = {**PL, "pl_children": 1.0, "pl_rights": "both"}
    full, _ = await run(ActionParentalLeaveAnswer(), form_tracker("parental_leave_form", "ok", slots=done), domain)
    reduced, _ = await run(ActionParentalLeaveAnswer(), form_tracker(
        "parental_leave_form", "ok", slots={**done, "pl_coverage": 80.0}), domain)
    assert [m["text"] for m in full] != [m["text"] for m in reduced]


# --- breastfeeding -------------------------------------------------------------------------------
async def test_breastfeeding_fewer_hours_no_longer_asks_the_employer(domain):
    slots = {"bf_child_birth": "2026-08-01", "bf_hours": 7.5}
    _, out = await change("breastfeeding", "nei, jeg jobber 6 timer", slots, "bf_employer", domain)
    assert out["bf_hours"] == 6.0 and out["requested_slot"] is None  # the employer no longer matters
    assert "bf_child_birth" not in out


# --- introduction programme ---------------------------------------------------------------------
INTRO = {"intro_permit_year": 2022, "intro_event": "birth",
         "intro_date": {"date": "2026-09-01", "precision": "day"},
         "intro_leave_start": {"date": "2026-10-01", "precision": "day"}}


async def test_intro_new_date_asks_when_the_leave_starts_again(domain):
    _, out = await change("intro_leave", "nei, barnet ble født 1. august 2026", INTRO,
                          "intro_both_in_programme", domain)
    assert out["intro_date"]["date"] == "2026-08-01"
    assert out["intro_leave_start"] is None and out["requested_slot"] == "intro_leave_start"
    assert "intro_permit_year" not in out


async def test_intro_other_answers_do_not_touch_the_leave_start(domain):
    _, out = await change("intro_leave", "ja, begge går i programmet", INTRO, "intro_both_in_programme", domain)
    assert out["intro_both_in_programme"] is True and "intro_leave_start" not in out
    assert out["requested_slot"] == "intro_municipality"


async def test_leave_offers_new_municipality_replaces_the_old(domain, monkeypatch):
    monkeypatch.setattr(intro, "catalogue_engine", lambda: None)
    _, out = await change("leave_offers", "Tromsø", {"intro_municipality": "0301"}, "intro_municipality", domain)
    assert out["intro_municipality"] == "5501" and out["requested_slot"] is None


async def test_kindergarten_new_birth_date_replaces_the_old(domain):
    slots = {"kg_birth_date": {"date": "2026-03-01", "precision": "day"}}
    _, out = await change("kindergarten", "nei, hun er født 3. mai 2026", slots, "kg_birth_date", domain)
    assert out["kg_birth_date"]["date"] == "2026-05-03" and out["requested_slot"] is None
