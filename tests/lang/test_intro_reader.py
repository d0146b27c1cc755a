"""Reading answers about leave in the introduction programme and about kindergarten."""
from __future__ import annotations

from datetime import date

import pytest

from actions.catalogue.municipalities import municipalities
from actions.lang.intro_reader import (UNKNOWN, date_of, permit_value, read_intro, read_kindergarten,
                                       year_answer)
from actions.lang.municipality_names import MunicipalityMatcher

TODAY = date(2026, 11, 22)
MATCHER = MunicipalityMatcher(municipalities())  # the glue passes the list in the same way


def read(text, requested=None, known=None):
    return read_intro(text, requested, known or {}, TODAY, municipalities=MATCHER)


def test_one_sentence_gives_event_and_month():
    r = read("jeg skal ha baby i mars")
    assert r.slots == {"intro_event": "birth", "intro_date": {"date": "2027-03-01", "precision": "month"}}
    assert not r.problems


@pytest.mark.parametrize("text,year", [("2019", 2019), ("i 2022", 2022), ("for to år siden", 2024),
                                       ("for 3 år siden", 2023), ("i fjor", 2025), ("i år", 2026),
                                       ("Jeg fikk oppholdstillatelse i 2020", 2020)])
def test_permit_year_in_words_a_participant_uses(text, year):
    assert read(text, "intro_permit_year").slots == {"intro_permit_year": year}


@pytest.mark.parametrize("text,problem", [("1890", "intro_year_range"), ("2090", "intro_year_future"),
                                          ("2005", "intro_permit_2005")])
def test_bad_years_are_problems(text, problem):
    r = read(text, "intro_permit_year")
    assert r.problems == [problem] and not r.slots


def test_2005_with_a_month_is_a_date():
    r = read("oktober 2005", "intro_permit_year")
    assert permit_value(r.slots["intro_permit_year"]) == date(2005, 10, 1)


def test_arrival_year_and_a_correction_of_the_permit_year():
    assert read("jeg kom i 2021", "intro_arrival_year").slots == {"intro_arrival_year": 2021}
    r = read("unnskyld, jeg fikk oppholdstillatelse i 2022", "intro_event")
    assert r.slots == {"intro_permit_year": 2022}


def test_event_and_adopted_child_age():
    assert read("vi adopterer", "intro_event").slots == {"intro_event": "adoption"}
    assert read("Vi skal få barn", "intro_event").slots == {"intro_event": "birth"}
    assert read("hun er 3 år", "intro_child_age").slots == {"intro_child_age": 3}
    assert read("25", "intro_child_age").problems == ["intro_child_age_range"]


@pytest.mark.parametrize("text,problem", [("31. februar", "intro_date_invalid"),
                                          ("3. mars 2029", "intro_date_future"),
                                          ("3. mars 2020", "intro_date_old")])
def test_dates_that_do_not_fit(text, problem):
    assert read(text, "intro_date").problems == [problem]


def test_past_birth_and_leave_start():
    r = read("barnet ble født 3. mars", "intro_date")
    assert date_of(r.slots["intro_date"]) == date(2026, 3, 3)
    known = {"intro_date": r.slots["intro_date"]}
    assert date_of(read("1. april", "intro_leave_start", known).slots["intro_leave_start"]) == date(2026, 4, 1)
    assert read("samme dag", "intro_leave_start", known).slots["intro_leave_start"]["date"] == "2026-03-03"
    assert read("1. januar 2026", "intro_leave_start", known).problems == ["intro_leave_start_before_event"]


@pytest.mark.parametrize("text,value", [("ja", True), ("Ja, begge går i programmet", True), ("nei", False),
                                        ("Nei, bare jeg", False), ("bare meg", False)])
def test_both_in_programme(text, value):
    assert read(text, "intro_both_in_programme").slots == {"intro_both_in_programme": value}


@pytest.mark.parametrize("text,number", [("Drammen", "3301"), ("Tromso", "5501"), ("drammen kommune", "3301"),
                                         ("jeg bor i Kristiansand", "4204")])
def test_municipality_with_typos_and_without_aeoeaa(text, number):
    assert read(text, "intro_municipality").slots == {"intro_municipality": number}


def test_municipality_ambiguous_unknown_and_dont_know():
    r = read("Herøy", "intro_municipality")
    assert r.problems == ["intro_municipality_ambiguous"]
    assert ("Herøy (Nordland)", "Herøy (Nordland)") in r.choices
    assert read("Blablaby", "intro_municipality").problems == ["intro_municipality_unknown"]
    assert read("vil ikke si", "intro_municipality").slots == {"intro_municipality": UNKNOWN}


def test_municipality_inside_a_sentence_is_weak_and_not_read_unasked():
    r = read("vi bor i trondhiem nå", "intro_municipality")
    assert r.slots == {"intro_municipality": "5001"} and "intro_municipality" in r.weak
    assert read("hvorfor spør du om det?", "intro_permit_year").empty
    assert "intro_municipality" not in read("Drammen", "intro_permit_year").slots


def test_markup_and_empty_text_are_never_answers():
    assert read("<script>alert(1)</script> 2019", "intro_permit_year").empty
    assert read("", "intro_permit_year").empty


def test_year_answer_needs_one_year():
    assert year_answer("2019 eller 2020", TODAY) is None


def test_kindergarten_birth_date():
    r = read_kindergarten("hun er født 3. mars 2026", "kg_birth_date", {}, TODAY)
    assert r.slots == {"kg_birth_date": {"date": "2026-03-03", "precision": "day"}}
    assert read_kindergarten("mars 2026", "kg_birth_date", {}, TODAY).slots["kg_birth_date"]["precision"] == "month"
    assert read_kindergarten("2026", "kg_birth_date", {}, TODAY).problems == ["kg_birth_date_month"]
    assert read_kindergarten("30. februar 2026", "kg_birth_date", {}, TODAY).problems == ["kg_birth_date_invalid"]
    assert read_kindergarten("3. mars 2015", "kg_birth_date", {}, TODAY).problems == ["kg_birth_date_old"]
    assert read_kindergarten("termin i mars", "kg_birth_date", {}, TODAY).slots["kg_birth_date"]["date"] == "2027-03-01"
