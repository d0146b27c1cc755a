"""Reading how long the other parent cannot have tilsyn (issue 10 point 1), and the care-days
reader's use of it."""
from __future__ import annotations

from datetime import date

import pytest

from actions.lang import duration
from actions.lang.care_days_reader import absence_months_from, read

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text,months", [
    ("i fengsel i fire måneder", 4.0), ("innlagt en uke", 0.23), ("innlagt på sykehus en uke", 0.23),
    ("et halvt år", 6.0), ("halvannet år", 18.0), ("to og et halvt år", 30.0), ("Far sitter i fengsel i 2 år", 24.0),
    ("han soner to år", 24.0), ("Han er i militæret i 12 måneder", 12.0), ("minst et år", 12.0),
    ("Far er syk med influensa", duration.SHORT_ILLNESS_MONTHS),
    ("for alltid", duration.PERMANENT), ("Han er permanent ufør", duration.PERMANENT),
])
def test_durations_in_free_text(text, months):
    assert duration.absence_months(text, asked=False) == months


@pytest.mark.parametrize("text", ["far er i fengsel, barna er 3 og 5 år", "i år er han i fengsel",
                                  "hun er fire måneder gammel og far er i fengsel", "faren sitter i fengsel",
                                  "jeg vet ikke"])
def test_ages_and_years_are_not_durations_outside_the_question(text):
    assert duration.absence_months(text, asked=False) is None


@pytest.mark.parametrize("text,months", [
    ("Under 6 måneder", 5.99), ("6 måneder eller mer", 6.0), ("Vet ikke", duration.UNKNOWN),
    ("usikker", duration.UNKNOWN), ("lenge", duration.UNKNOWN), ("4 måneder", 4.0), ("3 uker", 0.69),
    ("ti dager", 0.33), ("1 år", 12.0), ("12 mnd", 12.0), ("For alltid", duration.PERMANENT),
])
def test_answers_to_the_question(text, months):
    assert duration.absence_months(text, asked=True) == months


def test_reader_takes_situation_and_duration_from_one_message():
    r = read("Far er i fengsel i fire måneder", "care_situation", {"children_count": 1}, TODAY)
    assert r.slots["care_situation"] == "temporarily_alone" and r.slots["absence_months"] == 4.0
    r = read("Far er innlagt på sykehus", "care_situation", {"children_count": 1}, TODAY)
    assert r.slots["care_situation"] == "temporarily_alone" and "absence_months" not in r.slots


def test_reader_answers_to_the_duration_question():
    known = {"children_count": 2, "care_situation": "temporarily_alone"}
    assert read("Vet ikke", "absence_months", known, TODAY).slots == {"absence_months": "unknown"}
    assert read("6 måneder eller mer", "absence_months", known, TODAY).slots == {"absence_months": 6.0}
    assert read("🙂", "absence_months", known, TODAY).empty


def test_slot_to_rules_input():
    assert absence_months_from({"absence_months": 4.0}) == 4.0
    assert absence_months_from({"absence_months": "permanent"}) == float("inf")
    assert absence_months_from({"absence_months": "unknown"}) is None
    assert absence_months_from({}) is None
