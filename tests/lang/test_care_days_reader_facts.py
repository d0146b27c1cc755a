"""Care-days facts told in any form (issue 13): ages up front, days used, uføretrygd, the follow-up
asked and who would get transferred days. Today is 22 November 2026 (ages are years before it)."""
from __future__ import annotations

from datetime import date

import pytest

from actions.lang.care_days_reader import read

TODAY = date(2026, 11, 22)
ALONE = {"children_count": 2, "children_birth_years": [2019, 2023], "care_situation": "alone",
         "chronic_any": False, "chronic_count": 0, "work_type": "employee"}


def slots(text, requested=None, known=None):
    return read(text, requested, known or {}, TODAY, activating=requested is None).slots


@pytest.mark.parametrize("text, years", [
    ("Jeg er alene med to barn på 3 og 7 år", [2019, 2023]),
    ("tre unger på 2, 6 og 10 år", [2016, 2020, 2024]),
    ("Eg er åleine med to born, dei er 4 og 9 år", [2017, 2022]),
    ("barna mine er 4 og 11, vi er gift", [2015, 2022]),
    ("ei jente på 12 år", [2014]),
    ("omsorgsdager 1 barn 2019", [2019]),
])
def test_ages_and_years_in_the_first_message(text, years):
    assert slots(text)["children_birth_years"] == years


@pytest.mark.parametrize("text", ["samboer i 2 år, ett barn", "vi har to barn og har bodd i Norge siden 2019",
                                  "to barn på 2 og 5 dager"])
def test_durations_and_other_years_are_not_ages(text):
    assert "children_birth_years" not in slots(text)


@pytest.mark.parametrize("text, used", [
    ("har brukt 4 dager i år", 4), ("har vært hjemme fem dager i år allerede", 5),
    ("jeg har brukt tolv dager", 12), ("nei, jeg har brukt 2 dager", 2),
])
def test_days_used_in_any_message(text, used):
    assert slots(text)["days_used"] == used


@pytest.mark.parametrize("text, used", [("3", 3), ("Ingen dager", 0), ("vet ikke", "unknown"), ("ca 7", 7)])
def test_days_used_as_the_answer(text, used):
    assert slots(text, "days_used", ALONE)["days_used"] == used


@pytest.mark.parametrize("text, question", [
    ("kan jeg overføre dager til kjæresten min?", "transfer"),
    ("kan samboeren min få noen av dagene mine?", "transfer"),
    ("hvor lenge varer omsorgsdagene?", "how_long"), ("til når har jeg omsorgsdager?", "how_long"),
    ("hvem betaler for omsorgsdagene?", "payer"),
    ("hva skjer hvis jeg bruker opp alle omsorgsdagene?", "use_all"),
    ("Hvor mange omsorgsdager har jeg igjen?", "left"),
])
def test_the_follow_up_asked(text, question):
    assert slots(text, None, ALONE)["care_question"] == question


def test_partner_words_in_a_transfer_question_do_not_change_the_situation():
    read_ = slots("kan jeg overføre dager til samboeren min?", None, ALONE)
    assert read_["partner_kind"] == "cohabitant" and "care_situation" not in read_
    assert slots("vi giftet oss i sommer", "partner_kind", {**ALONE, "care_question": "transfer"}) == {
        "partner_kind": "spouse"}
    known = {**ALONE, "care_question": "transfer", "partner_kind": "cohabitant"}
    assert slots("i to år", "months_together", known) == {"months_together": 24.0}


def test_uforetrygd_and_a_named_illness():
    assert slots("Mora til barna får uføretrygd. Vi bor sammen.")["other_parent_disability"] is True
    assert slots("Alenemor med en gutt på 14 år som har diabetes")["chronic_count"] == 1
    assert "chronic_count" not in slots("3 barn. alle under 12. hvor mye dager jeg kan hjemme når barn syk")


def test_a_fact_for_another_question_is_taken_and_the_question_kept():
    reading = read("ansatt", "children_birth_years", {"children_count": 2}, TODAY)
    assert reading.slots == {"work_type": "employee"} and reading.notices == [("care_days_noted", {})]


def test_dont_know_at_the_chronic_and_birth_year_questions():
    reading = read("vet ikke helt", "chronic_any", {"children_count": 1}, TODAY)
    assert reading.slots == {"chronic_count": 0, "chronic_any": False}
    assert read("husker ikke", "children_birth_years", {"children_count": 2}, TODAY).problems == [
        "birth_years_dont_know"]


@pytest.mark.parametrize("text, count", [
    ("jeg er alene med 2 barn, det ene er kronisk sykt", 1), ("to barn, det ene barnet har diabetes", 1),
    ("tre barn, den eldste har autisme", 1), ("har to barn, sønnen min har epilepsi", 1),
    ("to av barna mine er funksjonshemmet, har fire barn", 2),
])
def test_which_child_is_ill_in_other_words(text, count):
    assert slots(text)["chronic_count"] == count


def test_twins_with_one_age_and_a_wife_named_min_kone():
    assert slots("jeg er alene med tvillinger på 4 år")["children_birth_years"] == [2022, 2022]
    assert slots("min kone får uføretrygd, to barn 2 og 6 år")["care_situation"] == "together"


def test_the_other_parent_abroad_and_the_eldest_ill():
    got = slots("Jeg har tre barn, 2, 5 og 13 år. Den eldste har astma. Faren bor i Polen.")
    assert got["care_situation"] == "alone" and got["chronic_birth_years"] == [2013]
    assert "care_situation" not in slots("vi bor i Oslo med to barn")
    assert slots("to barn, begge går i barnehagen")["children_birth_years"] == "all_young"
