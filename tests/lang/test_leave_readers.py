"""Reading answers about parental leave and breastfeeding (pure: text -> slots, problems, notices)."""
from __future__ import annotations

from datetime import date

import pytest

from actions.interview.spec import load_specs
from actions.lang.breastfeeding_reader import read_breastfeeding
from actions.lang.parental_leave_reader import asks_coverage_difference, read_parental
from actions.rules.facts.breastfeeding import full_day_hours, needs_employer
from actions.rules.facts.parental_leave import parental_input, rights_for
from actions.rules import parental_benefit as pb

TODAY = date(2026, 11, 22)
SPECS = load_specs()
PL_SPEC, BF_SPEC = SPECS["parental_leave"], SPECS["breastfeeding"]


def pl(text, requested=None, known=None, activating=False):
    return read_parental(text, requested, known or {}, TODAY, activating)


def test_one_sentence_fills_role_event_and_date():
    r = pl("Jeg er far og babyen kommer 3. mars 2027", activating=True)
    assert r.slots == {"pl_role": "father", "pl_event": "expected", "pl_date": "2027-03-03"}
    assert not r.problems


@pytest.mark.parametrize("text,role", [("mor", "mother"), ("Jeg er far", "father"), ("medmor", "co_mother"),
                                       ("Jeg skal adoptere", "adoptive"), ("pappa", "father")])
def test_role_when_asked(text, role):
    assert pl(text, "pl_role").slots["pl_role"] == role


def test_a_topic_question_is_not_a_role():
    assert pl("hvor mange uker får far", activating=True).slots == {}
    assert "pl_role" not in pl("bare far har rett", "pl_rights", {"pl_role": "mother"}).slots


def test_adoption_skips_the_born_or_expected_question():
    r = pl("vi skal adoptere", activating=True)
    assert r.slots == {"pl_role": "adoptive", "pl_event": "adoption"}
    assert "pl_event" not in PL_SPEC.questions({"pl_role": "adoptive"}, TODAY)


@pytest.mark.parametrize("text,event", [("Barnet er født", "born"), ("Vi venter barn", "expected"),
                                        ("babyen kom i går", "born"), ("termin er i mars", "expected")])
def test_event(text, event):
    assert pl(text, "pl_event", {"pl_role": "mother"}).slots["pl_event"] == event


def test_due_week_is_its_monday_and_the_user_is_told():
    r = pl("uke 33", "pl_date", {"pl_event": "expected"})
    assert r.slots == {"pl_date": "2027-08-16"}
    assert r.notices == [("pl_date_week", {"date": "mandag 16. august 2027"})]


@pytest.mark.parametrize("text,known,problem", [
    ("31. februar", {"pl_event": "expected"}, "pl_date_invalid"),
    ("i mars", {"pl_event": "expected"}, "pl_date_month"),
    ("3. mars 1990", {"pl_event": "expected"}, "pl_due_past"),
    ("3. mars 2029", {"pl_event": "expected"}, "pl_due_far"),
    ("1. desember 2026", {"pl_event": "born"}, "pl_birth_future"),
    ("1. mars 1980", {"pl_event": "born"}, "pl_birth_old"),
    ("1. mars 1980", {"pl_event": "adoption", "pl_role": "adoptive"}, "pl_adoption_old"),
])
def test_bad_dates_are_problems_not_slots(text, known, problem):
    r = pl(text, "pl_date", known)
    assert r.problems == [problem] and "pl_date" not in r.slots


def test_birth_date_and_due_date_in_one_message_mark_a_premature_birth():
    r = pl("født 1. oktober 2026, termin var 10. desember", "pl_date", {"pl_event": "born"})
    assert r.slots == {"pl_date": "2026-10-01", "pl_due": "2026-12-10", "pl_premature": True}


def test_premature_question():
    known = {"pl_event": "born", "pl_date": "2026-10-01"}
    assert pl("Ja, barnet kom for tidlig", "pl_premature", known).slots["pl_premature"] is True
    assert pl("Nei, ikke for tidlig", "pl_premature", known).slots == {"pl_premature": False}
    assert pl("1. september 2026", "pl_due", known).problems == ["pl_due_invalid"]
    assert PL_SPEC.questions({"pl_role": "mother", "pl_event": "born", "pl_premature": True}, TODAY)[3:5] == [
        "pl_premature", "pl_due"]


def test_coverage_dont_know_is_explained_once_then_assumed():
    first = pl("Vet ikke", "pl_coverage")
    assert first.problems == ["pl_coverage_unknown"] and first.slots == {"pl_coverage_explained": True}
    second = pl("Vet ikke", "pl_coverage", {"pl_coverage_explained": True})
    assert second.slots == {"pl_coverage": 100} and second.notices == [("pl_coverage_assumed", {})]
    assert pl("80 prosent", "pl_coverage").slots == {"pl_coverage": 80}


@pytest.mark.parametrize("text,n", [("1 barn", 1), ("Tvillinger", 2), ("Trillinger", 3), ("4", 3), ("ett", 1)])
def test_children_in_this_birth(text, n):
    assert pl(text, "pl_children").slots["pl_children"] == n


def test_rights_relative_to_who_asks():
    assert pl("Begge har rett", "pl_rights", {"pl_role": "father"}).slots["pl_rights"] == "both"
    assert pl("Bare jeg har rett", "pl_rights", {"pl_role": "father"}).slots["pl_rights"] == "me"
    assert pl("bare mor", "pl_rights", {"pl_role": "father"}).slots["pl_rights"] == "other"
    assert pl("Jeg er alene om omsorgen", "pl_rights", {"pl_role": "mother"}).slots["pl_rights"] == "alone"
    assert rights_for("father", "me") is pb.Rights.ONLY_FATHER
    assert rights_for("mother", "other") is pb.Rights.ONLY_FATHER
    assert rights_for("co_mother", "alone") is pb.Rights.FATHER_ALONE


def test_corrections_overwrite_earlier_answers():
    known = {"pl_role": "father", "pl_event": "expected", "pl_date": "2027-03-03"}
    assert pl("nei, jeg er mor", "pl_coverage", known).slots == {"pl_role": "mother"}
    assert pl("nei, termin er 5. mars 2027", "pl_coverage", known).slots == {"pl_date": "2027-03-05"}
    changed = pl("nei, barnet er født", "pl_coverage", known).slots
    assert changed["pl_event"] == "born"  # the engine clears the date that depended on it (tests/glue)


def test_markup_and_empty_text_are_never_answers():
    assert pl("<script>alert(1)</script>", "pl_role").empty
    assert pl("", "pl_date").empty


def test_parental_input_from_slots():
    inp = parental_input({"pl_role": "mother", "pl_event": "born", "pl_date": "2026-10-01", "pl_premature": True,
                          "pl_due": "2026-12-10", "pl_coverage": 80, "pl_children": 1, "pl_rights": "both"})
    assert inp.birth_date == date(2026, 10, 1) and inp.due_date == date(2026, 12, 10)
    assert inp.coverage is pb.Coverage.REDUCED and inp.rights is pb.Rights.BOTH
    adoption = parental_input({"pl_role": "adoptive", "pl_event": "adoption", "pl_date": "2027-01-10"})
    assert adoption.event is pb.FamilyEvent.ADOPTION


def test_typed_coverage_question():
    assert asks_coverage_difference("Hva er forskjellen på 100 og 80 prosent?")
    assert not asks_coverage_difference("80 prosent")


# --- breastfeeding ------------------------------------------------------------------------------
def bf(text, requested=None, known=None):
    return read_breastfeeding(text, requested, known or {}, TODAY, full_day_hours=full_day_hours(TODAY))


def test_child_age_or_date():
    r = bf("8 måneder", "bf_child_birth")
    assert r.slots == {"bf_child_birth": "2026-03-22"} and r.notices[0][0] == "bf_child_estimated"
    assert bf("født 3. mars 2026", "bf_child_birth").slots == {"bf_child_birth": "2026-03-03"}
    assert bf("31. februar 2026", "bf_child_birth").problems == ["bf_child_invalid"]
    assert bf("3. mars 2027", "bf_child_birth").problems == ["bf_child_future"]
    assert bf("i mars", "bf_child_birth").problems == ["bf_child_month"]


@pytest.mark.parametrize("text,hours", [("7,5 timer", 7.5), ("8", 8.0), ("37,5 timer i uka", 7.5),
                                        ("heltid", 7.5), ("6 timer", 6.0)])
def test_hours(text, hours):
    assert bf(text, "bf_hours").slots["bf_hours"] == hours


def test_hours_out_of_range():
    assert bf("30 timer", "bf_hours").problems == ["bf_hours_range"]


@pytest.mark.parametrize("text,code", [("staten", "state"), ("Jeg jobber i kommunen", "municipal"),
                                       ("Privat bedrift", "private"),
                                       ("Jeg er selvstendig næringsdrivende", "self_employed")])
def test_employer(text, code):
    assert bf(text, "bf_employer").slots["bf_employer"] == code


def test_employer_only_asked_when_it_changes_the_answer():
    young_full = {"bf_child_birth": "2026-03-22", "bf_hours": 7.5}
    assert needs_employer(young_full, TODAY)
    assert BF_SPEC.questions(young_full, TODAY)[-1] == "bf_employer"
    assert not needs_employer({**young_full, "bf_hours": 6.0}, TODAY)  # no full state day
    assert not needs_employer({**young_full, "bf_child_birth": "2024-06-01"}, TODAY)  # past the agreement's age


# --- issue 13 -----------------------------------------------------------------------------------
def test_a_birth_long_ago_is_taken_not_refused():
    r = pl("3. mars 2022", "pl_date", {"pl_event": "born"})
    assert r.slots == {"pl_date": "2022-03-03"} and not r.problems


@pytest.mark.parametrize("text,event", [
    ("Jeg er mor og fikk barn 3. mars 2022", "born"), ("Babyen ble født 15. november", "born"),
    ("sønnen vår kom 1. oktober", "born"), ("Kona mi skal føde 10. februar", "expected"),
    ("barnet er ikke født ennå, termin 12.05.2027", "expected"), ("vi skal ha barn i mars", "expected"),
    ("Vi fikk vite at vi venter tvillinger", "expected"), ("eg er medmor og vi ventar barn", "expected"),
])
def test_past_and_future_tense(text, event):
    assert pl(text, activating=True).slots["pl_event"] == event


def test_a_weak_word_does_not_change_a_known_event():
    r = pl("vi skal ha 80 prosent", "pl_coverage", {"pl_role": "mother", "pl_event": "born"})
    assert "pl_event" not in r.slots and r.slots["pl_coverage"] == 80


def test_yearless_dates_take_the_nearest_sensible_year_and_say_it():
    r = pl("termin 3. mars", "pl_date", {"pl_event": "expected"})
    assert r.slots == {"pl_date": "2027-03-03"}
    assert r.notices == [("pl_date_read", {"date": "onsdag 3. mars 2027"})]
    r = pl("25. desember", "pl_date", {"pl_event": "born"})
    assert r.slots == {"pl_date": "2025-12-25"}
    assert pl("3. mars 2027", "pl_date", {"pl_event": "expected"}).notices == []


def test_father_termin_before_the_birth_and_dont_know():
    known = {"pl_role": "father", "pl_event": "born", "pl_date": "2026-11-10"}
    assert pl("5. november", "pl_due", known).slots == {"pl_due": "2026-11-05"}
    assert pl("husker ikke", "pl_due", known).slots == {"pl_due": "unknown"}
    assert PL_SPEC.questions(known, TODAY)[3] == "pl_due"


@pytest.mark.parametrize("text,age", [("Vi skal adoptere en gutt på 4 år", 4), ("hun er 2 år", 2),
                                      ("ei jente som er 16 år", 16), ("en 3-åring", 3), ("fem år", 5)])
def test_adopted_child_age(text, age):
    assert pl(text, "pl_adopted_age", {"pl_role": "adoptive", "pl_event": "adoption"}).slots["pl_adopted_age"] == age


def test_adopted_age_dont_know_and_the_date_is_no_age():
    known = {"pl_role": "adoptive", "pl_event": "adoption"}
    assert pl("vet ikke", "pl_adopted_age", known).slots == {"pl_adopted_age": -1}
    assert "pl_adopted_age" not in pl("1. februar 2027", "pl_date", known).slots


def test_breastfeeding_age_in_years_and_months_and_full_time_words():
    from actions.lang.breastfeeding_reader import read_breastfeeding

    r = read_breastfeeding("barnet er 1 år og 3 måneder", None, {}, TODAY, activating=True, full_day_hours=7.5)
    assert r.slots == {"bf_child_birth": "2025-08-22"}
    r = read_breastfeeding("sønnen er 10 mnd. jobber fulltid i kommunen", None, {}, TODAY, activating=True,
                           full_day_hours=7.5)
    assert r.slots == {"bf_child_birth": "2026-01-22", "bf_hours": 7.5, "bf_employer": "municipal"}


def test_premature_dont_know_assumes_not_and_says_so():
    r = pl("vet ikke", "pl_premature", {"pl_event": "born", "pl_date": "2022-03-03"})
    assert r.slots == {"pl_premature": False} and r.notices == [("pl_premature_assumed", {})]


def test_termin_after_a_birth_does_not_make_it_expected():
    known = {"pl_role": "co_mother", "pl_event": "born", "pl_date": "2026-11-05"}
    r = pl("husker ikke termin", "pl_due", known)
    assert r.slots == {"pl_due": "unknown"}
    assert pl("Jeg er mor, termin 3. mars 2027", activating=True).slots["pl_event"] == "expected"


def test_who_gave_birth_weeks_early_and_next_week():
    r = pl("Jeg og mannen min fikk en sønn i går. Vi har begge jobb.", activating=True)
    assert r.slots == {"pl_role": "mother", "pl_event": "born", "pl_date": "2026-11-21", "pl_rights": "both"}
    assert pl("kona mi fødte i går", activating=True).slots["pl_role"] == "father"
    r = pl("Barnet ble født 1.10.2026, 8 uker for tidlig. Jeg er mor.", activating=True)
    assert r.slots["pl_due"] == "2026-11-26" and r.slots["pl_premature"] is True
    assert pl("vi venter barn neste uke", activating=True).slots["pl_date"] == "2026-11-23"


def test_breastfeeding_dont_know_and_percent_of_full_time():
    from actions.rules.facts.breastfeeding import breastfeeding_input

    r = read_breastfeeding("jeg jobber 80 prosent", "bf_hours", {}, TODAY, full_day_hours=7.5)
    assert r.slots == {"bf_hours": 6.0} and r.notices == [("bf_hours_read", {"hours": "6"})]
    assert read_breastfeeding("vet ikke", "bf_hours", {}, TODAY, full_day_hours=7.5).slots == {"bf_hours": 7.5}
    r = read_breastfeeding("vet ikke", "bf_employer", {}, TODAY, full_day_hours=7.5)
    assert r.slots == {"bf_employer": "unknown"}
    args = breastfeeding_input({"bf_child_birth": "2026-03-22", "bf_hours": 7.5, "bf_employer": "unknown"}, TODAY)
    assert args["employer"] == "private" and args["employer_asked"] is False
