"""Reading numbers, years, yes/no and family situations from free text."""
from __future__ import annotations

from datetime import date

import pytest

from actions.lang import parse
from actions.lang.care_days_reader import ALL_YOUNG, read
from actions.lang.dates import format_date, relative_year, years_in
from actions.lang.numbers import in_words, number_before, parse_number

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text,value", [
    ("3", 3), ("tre", 3), ("Tre", 3), ("fire", 4), ("vi har fire", 4), ("ti", 10), ("tolv", 12),
    ("-3", -3), ("250", 250), ("sju", 7), ("syv", 7), ("", None), ("hei", None), ("2 eller 3", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,value", [
    ("nei, fire barn", 4), ("vi har 2 unger", 2), ("tre barn", 3), ("ett barn", 1), ("3 små barn", 3),
    ("Jeg er alene med tre barn, og ett er kronisk sykt", 3), ("eg har to born", 2), ("barn", None),
])
def test_children_count(text, value):
    assert parse.children_count(text) == value


def test_bare_number_counts_only_when_asked():
    assert parse.children_count("3") is None
    assert parse.children_count("3", asked=True) == 3


@pytest.mark.parametrize("text,value", [
    ("ja", True), ("Ja takk", True), ("jepp", True), ("nei", False), ("Nei takk", False),
    ("ingen av dem", False), ("kanskje", None), ("", None),
])
def test_yes_no(text, value):
    assert parse.yes_no(text) is value


@pytest.mark.parametrize("text,value", [
    ("Vi bor sammen", "together"), ("jeg er gift", "together"), ("Jeg er alene om omsorgen", "alone"),
    ("jeg er alenemor", "alone"), ("vi er skilt", "alone"), ("Barna har delt bosted", "shared"),
    ("de bor annenhver uke hos oss", "shared"), ("faren sitter i fengsel", "temporarily_alone"),
    ("Den andre forelderen kan ikke passe barna", "temporarily_alone"), ("vi bor ikke sammen", "alone"),
    ("bur saman", "together"), ("hva", None),
])
def test_care_situation(text, value):
    assert parse.care_situation(text) == value


@pytest.mark.parametrize("text,children,asked,value", [
    ("ett er kronisk sykt", 3, False, 1), ("to av dem har diabetes", 3, True, 2), ("begge", 2, True, 2),
    ("alle er kronisk syke", 3, False, 3), ("Nei", 2, True, 0), ("ingen er syke", 3, False, 0),
    ("ja", 1, True, 1), ("ja", 3, True, None), ("Ja, ett barn er kronisk sykt", 3, True, 1),
])
def test_chronic_count(text, children, asked, value):
    assert parse.chronic_count(text, children, asked=asked) == value


@pytest.mark.parametrize("text,value", [
    ("Jeg er ansatt", "employee"), ("jobber i barnehage", "employee"), ("frilanser", "freelancer"),
    ("Jeg er selvstendig næringsdrivende", "self_employed"), ("har eget firma", "self_employed"),
    ("vet ikke", "unknown"), ("hmm", None),
])
def test_work_type(text, value):
    assert parse.work_type(text) == value


def test_dates_and_years():
    assert format_date(date(2027, 3, 3)) == "3. mars 2027"
    assert format_date(date(2027, 3, 3), weekday=True) == "onsdag 3. mars 2027"
    assert years_in("2015, 2018 og 2020") == [2015, 2018, 2020]
    assert relative_year("hva med neste år?", TODAY) == 2027
    assert relative_year("i fjor", TODAY) == 2025
    assert in_words(1) == "ett" and in_words(3) == "tre" and in_words(25) == "25"
    assert number_before("fire unger", parse.CHILD_NOUNS) == 4


def test_clean_cuts_huge_input_and_control_characters():
    assert len(parse.clean("x" * 20000)) == parse.MAX_TEXT
    assert parse.clean("a\x00b\x07c") == "abc"
    assert parse.clean(None) == ""


# The reader: one message -> slot candidates and problems.
@pytest.mark.parametrize("text,requested,known,slots,problems", [
    ("Jeg er alene med tre barn, og ett er kronisk sykt", None, {},
     {"children_count": 3, "care_situation": "alone", "chronic_count": 1, "chronic_any": True}, []),
    ("3", "children_count", {}, {"children_count": 3}, []),
    ("tre", "children_count", {}, {"children_count": 3}, []),
    ("-3 barn", "children_count", {}, {}, ["children_count_low"]),
    ("0", "children_count", {}, {}, ["children_count_low"]),
    ("250 barn", "children_count", {}, {}, ["children_count_high"]),
    ("2015, 2018 og 2020", "children_birth_years", {"children_count": 3},
     {"children_birth_years": [2015, 2018, 2020]}, []),
    ("1890", "children_birth_years", {"children_count": 1}, {}, ["birth_year_range"]),
    ("2090", "children_birth_years", {"children_count": 1}, {}, ["birth_year_future"]),
    ("2015", "children_birth_years", {"children_count": 2}, {}, ["birth_years_count"]),
    ("Alle er 12 år eller yngre", "children_birth_years", {"children_count": 2},
     {"children_birth_years": ALL_YOUNG}, []),
    ("de er 3 og 7 år", "children_birth_years", {"children_count": 2}, {"children_birth_years": [2019, 2023]}, []),
    ("nei, fire barn", "care_situation", {"children_count": 3, "children_birth_years": [2015, 2018, 2020]},
     {"children_count": 4}, []),  # the engine clears the birth years (tests/glue)
    ("Ja, ett barn er kronisk sykt", "chronic_any", {"children_count": 3},
     {"chronic_count": 1, "chronic_any": True}, []),
    ("Ja, flere barn er kronisk syke", "chronic_any", {"children_count": 3}, {"chronic_any": True}, []),
    ("5", "chronic_count", {"children_count": 3}, {}, ["chronic_count_range"]),
    ("hvorfor spør du om det?", "children_count", {}, {}, []),
    ("31. februar", "children_count", {}, {}, []),
    ("12.03.2020", "children_count", {}, {}, []),
    ("🙂🙂🙂", "children_count", {}, {}, []),
    ("<script>alert(1)</script>", "children_count", {}, {}, []),
    ("Hvor mange omsorgsdager har jeg neste år?", None, {}, {"care_year": 2027}, []),
    ("hva med i 2019", None, {}, {}, ["care_year_range"]),
])
def test_reader(text, requested, known, slots, problems):
    reading = read(text, requested, known, TODAY)
    assert reading.slots == slots
    assert reading.problems == problems


def test_reader_survives_a_20000_character_message():
    reading = read("barn " * 4000, "children_count", {}, TODAY)
    assert reading.slots == {} or isinstance(reading.slots, dict)
