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


def test_municipality_inside_a_sentence_is_weak_and_a_bare_name_is_kept_out_of_turn():
    r = read("vi bor i trondhiem nå", "intro_municipality")
    assert r.slots == {"intro_municipality": "5001"} and "intro_municipality" in r.weak
    assert read("hvorfor spør du om det?", "intro_permit_year").empty
    # Issue 13: a fact given at another question is kept (it was dropped, and the question looped);
    # only an exact name that is the whole answer counts, never a name inside other words.
    assert read("Drammen", "intro_permit_year").slots == {"intro_municipality": "3301"}
    assert "intro_municipality" not in read("jeg liker Drammen godt", "intro_permit_year").slots


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


# --- issue 13: every fact in every form ------------------------------------------------------------
def test_one_message_holds_the_permit_year_the_birth_date_both_and_the_municipality():
    r = read("Jeg fikk oppholdstillatelse i 2022 og går i programmet. Vi venter barn 3. mars 2027. "
             "Begge går i programmet. Vi bor i Bergen. Hvor lang permisjon?", None)
    assert r.slots == {"intro_permit_year": 2022, "intro_event": "birth",
                       "intro_date": {"date": "2027-03-03", "precision": "day"},
                       "intro_both_in_programme": True, "intro_municipality": "4601"}


def test_past_tense_birth_without_year_is_this_years_and_the_leave_start_its_own_clause():
    r = read("Tillatelse i 2022. Babyen kom 10. oktober, og permisjonen startet 1. november.", None)
    assert r.slots["intro_date"]["date"] == "2026-10-10"
    assert r.slots["intro_leave_start"]["date"] == "2026-11-01"


def test_adopted_childs_age_is_read_with_the_adoption():
    r = read("Vi skal adoptere en gutt på 4 år. Jeg fikk oppholdstillatelse i 2021.", None)
    assert r.slots["intro_event"] == "adoption" and r.slots["intro_child_age"] == 4


def test_a_date_for_the_birth_or_adoption_question_is_a_birth_date():
    r = read("20. januar 2027", "intro_event")
    assert r.slots == {"intro_event": "birth", "intro_date": {"date": "2027-01-20", "precision": "day"}}


def test_dont_know_is_an_answer_to_every_question():
    for slot in ("intro_permit_year", "intro_arrival_year", "intro_child_age", "intro_date",
                 "intro_both_in_programme"):
        assert read("vet ikke", slot).slots == {slot: "unknown"}, slot
    assert read("husker ikke", "intro_event").slots == {"intro_event": "birth"}
    assert read("vil ikkje seie", "intro_municipality").slots == {"intro_municipality": "unknown"}


def test_kindergarten_birth_from_age_and_application_from_its_own_clause():
    from actions.lang.intro_reader import read_kindergarten
    assert read_kindergarten("han blir 1 år i desember", None, {}, TODAY).slots == {
        "kg_birth_date": {"date": "2025-12-01", "precision": "month"}}
    assert read_kindergarten("Jenta er 8 måneder gammel", None, {}, TODAY).slots == {
        "kg_birth_date": {"date": "2026-03-01", "precision": "month"}}
    r = read_kindergarten("Vi søkte 15. februar 2026. Gutten er født 5. oktober 2025.", None, {}, TODAY)
    assert r.slots == {"kg_birth_date": {"date": "2025-10-05", "precision": "day"},
                       "kg_applied": {"date": "2026-02-15", "precision": "day"}}
    assert read_kindergarten("ikke søkt ennå", "kg_applied", {}, TODAY).slots == {"kg_applied": "no"}


def test_follow_ups_are_told_apart():
    from actions.lang.intro_reader import follow_up_of
    assert follow_up_of("hvilken dato må jeg være tilbake?") == "until"
    assert follow_up_of("når må kommunen begynne med tilbudet?") == "offer"
    assert follow_up_of("hva om hun kommer før termin?") == "earlier"
    assert follow_up_of("kan vi få plass før han er ett år?") == "kindergarten_before"
    assert follow_up_of("Barnehageplass") is None


def test_a_relative_year_for_the_arrival_is_not_the_childs_date():
    """'for to år siden' at the arrival question is the arrival year only (merge of issue 13 work)."""
    from datetime import date

    from actions.glue.engine import read_message
    from actions.interview.spec import load_specs

    spec = load_specs()["intro_leave"]
    known = {s: None for s in spec.known_slots} | {"intro_permit_year": 2019, "intro_event": "birth"}
    reading = read_message(spec, "for to år siden", "intro_arrival_year", known, date(2026, 11, 22), False)
    assert reading.slots == {"intro_arrival_year": 2024}
    reading = read_message(spec, "kom i 2023, barnet er født for to uker siden", "intro_arrival_year", known,
                           date(2026, 11, 22), False)
    assert reading.slots.get("intro_arrival_year") == 2023 and reading.slots.get("intro_date")
