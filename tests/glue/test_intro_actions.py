"""The introduction-programme forms and answers, driven through rasa_sdk with real trackers and the
offer catalogue imported into a temporary SQLite database."""
from __future__ import annotations

import statistics
from datetime import date

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue import db, importer
from actions.glue import intro
from actions.glue.conversation import ActionExplainSimpler, ActionExplainWhy, ActionSwitchTopic
from actions.glue.intro import (
    ActionIntroLeaveAnswer,
    ActionKindergartenAnswer,
    ActionLeaveOffersAnswer,
    ActionSimpleIntroLeave,
    ActionSimpleKindergarten,
    ValidateIntroLeaveForm,
    ValidateKindergartenForm,
    ValidateLeaveOffersForm,
)
from actions.lang.dates import format_date
from actions.rules import intro_programme as ip
from tests.glue.helpers import form_tracker, run
from tests.lix_util import load_lix

lix = load_lix().lix


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("FAMILIEVEILEDER_TODAY", "2026-11-22")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    eng = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('cat') / 'catalogue.db'}")
    summary = importer.import_catalogue(["data/catalogue"], eng)
    assert summary.offers > 0
    return eng


@pytest.fixture(autouse=True)
def use_engine(engine, monkeypatch):
    monkeypatch.setattr(intro, "catalogue_engine", lambda: engine)




def tracker(text, *args, form="intro_leave_form", **kwargs):
    return form_tracker(form, text, *args, **kwargs)



KNOWN = {"intro_permit_year": 2022, "intro_event": "birth",
         "intro_date": {"date": "2027-04-01", "precision": "month"}, "intro_both_in_programme": True,
         "intro_municipality": "3301"}


async def test_activation_reads_event_and_month_then_asks_the_permit_year(domain):
    msgs, slots = await run(ValidateIntroLeaveForm(), tracker("jeg skal ha baby i mars", "ask_intro_leave",
                                                              activated_now=True), domain)
    assert slots["intro_event"] == "birth" and slots["intro_date"]["date"] == "2027-03-01"
    assert slots["requested_slot"] == "intro_permit_year"
    assert [m["response"] for m in msgs] == ["utter_intro_leave_start"]


async def test_arrival_is_asked_only_when_it_decides_the_law(domain):
    base = {"intro_event": "birth", "intro_date": {"date": "2027-03-01", "precision": "month"}}
    _, slots = await run(ValidateIntroLeaveForm(), tracker("2019", slots=base, requested="intro_permit_year"), domain)
    assert slots["intro_permit_year"] == 2019 and slots["requested_slot"] == "intro_arrival_year"
    _, slots = await run(ValidateIntroLeaveForm(), tracker("i 2022", slots=base, requested="intro_permit_year"), domain)
    assert slots["requested_slot"] == "intro_both_in_programme"


async def test_leave_start_is_asked_only_for_a_birth_some_time_back(domain):
    base = {"intro_permit_year": 2022, "intro_event": "birth"}
    _, slots = await run(ValidateIntroLeaveForm(), tracker("3. mars", slots=base, requested="intro_date"), domain)
    assert slots["intro_date"]["date"] == "2027-03-03" and slots["requested_slot"] == "intro_both_in_programme"
    _, slots = await run(ValidateIntroLeaveForm(), tracker("hun ble født 1. august", slots=base,
                                                           requested="intro_date"), domain)
    assert slots["intro_date"]["date"] == "2026-08-01" and slots["requested_slot"] == "intro_leave_start"


@pytest.mark.parametrize("text,response", [("1890", "utter_invalid_intro_year_range"),
                                           ("2090", "utter_invalid_intro_year_future"),
                                           ("blåbær", "utter_invalid_intro_permit_year")])
async def test_bad_years_get_a_friendly_reply_and_the_question_again(domain, text, response):
    msgs, slots = await run(ValidateIntroLeaveForm(), tracker(text, requested="intro_permit_year"), domain)
    assert [m["response"] for m in msgs] == [response]
    assert slots["intro_permit_year"] is None and slots["requested_slot"] == "intro_permit_year"


async def test_a_date_that_does_not_exist(domain):
    msgs, slots = await run(ValidateIntroLeaveForm(), tracker("31. februar", slots={"intro_permit_year": 2022,
                                                                                      "intro_event": "birth"},
                                                              requested="intro_date"), domain)
    assert [m["response"] for m in msgs] == ["utter_invalid_intro_date_invalid"]
    assert slots["requested_slot"] == "intro_date"


async def test_ambiguous_municipality_offers_the_candidates_as_buttons(domain):
    known = {k: v for k, v in KNOWN.items() if k != "intro_municipality"}
    msgs, slots = await run(ValidateIntroLeaveForm(), tracker("Herøy", slots=known, requested="intro_municipality"),
                            domain)
    assert msgs[0]["response"] == "utter_invalid_intro_municipality_ambiguous"
    assert {b["title"] for b in msgs[0]["buttons"]} == {"Herøy (Møre og Romsdal)", "Herøy (Nordland)"}
    assert slots["requested_slot"] == "intro_municipality"
    _, slots = await run(ValidateIntroLeaveForm(), tracker("Herøy (Nordland)", slots=known,
                                                           requested="intro_municipality"), domain)
    assert slots["intro_municipality"] == "1818" and slots["requested_slot"] is None
    msgs, _ = await run(ValidateIntroLeaveForm(), tracker("Finnesikkeby", slots=known,
                                                          requested="intro_municipality"), domain)
    assert msgs[0]["response"] == "utter_invalid_intro_municipality_unknown"


@pytest.mark.parametrize("text,intent", [("hvorfor spør du om det?", "ask_why"),
                                         ("mannen min sier jeg ikke får gå på norskkurs", "pressure_from_others"),
                                         ("når får barnet barnehageplass?", "ask_kindergarten")])
async def test_control_intents_without_an_answer_reject_so_a_rule_can_answer(domain, text, intent):
    msgs, slots = await run(ValidateIntroLeaveForm(), tracker(text, intent, requested="intro_municipality"), domain)
    assert msgs == [] and slots == {}


async def test_correction_of_the_permit_year_in_a_later_answer(domain):
    known = {"intro_permit_year": 2019, "intro_arrival_year": 2020}
    _, slots = await run(ValidateIntroLeaveForm(), tracker("unnskyld, jeg fikk oppholdstillatelse i 2022",
                                                           slots=known, requested="intro_event"), domain)
    assert slots["intro_permit_year"] == 2022 and slots["requested_slot"] == "intro_event"


async def test_answer_action_renders_the_rules_result_with_local_offers(domain):
    msgs, slots = await run(ActionIntroLeaveAnswer(), tracker("Drammen", slots=KNOWN, active=False), domain)
    texts = [m["text"] for m in msgs]
    assert len(texts) <= 6 and slots == {"last_topic": "intro_leave"}
    text = "\n".join(texts)
    offer_from = ip.fourth_month_start(date(2027, 4, 1))
    assert f"Fra {format_date(offer_from, weekday=True)} skal kommunen" in text and "1. juli 2027" in text
    assert "Dette finnes i Drammen:" in text and "Norskopplæring for deltakere i permisjon" in text
    assert "Far har 75 dager" in text and "veiledning, ikke et vedtak" in text
    assert "onsdag 1. mars 2028" in text  # kindergarten deadline for the return in February 2028
    assert msgs[-1]["buttons"]
    scores = [lix(t) for t in texts]
    assert max(scores) <= 40 and statistics.median(scores) <= 30, scores


async def test_every_catalogue_municipality_renders_plainly(domain):
    for number in ("3301", "4204", "5501", "1818"):
        msgs, _ = await run(ActionIntroLeaveAnswer(), tracker("x", slots={**KNOWN, "intro_municipality": number},
                                                             active=False), domain)
        for m in msgs:
            assert lix(m["text"]) <= 40, m["text"]
    text = " ".join(m["text"] for m in msgs)
    assert "Kommunen din har ikke lagt inn tilbud her ennå" in text


async def test_simpler_after_the_answer(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionExplainSimpler().run(dispatcher, tracker("forklar enklere", "explain_simpler",
                                                                  slots={**KNOWN, "last_topic": "intro_leave"},
                                                                  active=False), domain)
    assert events[0]["name"] == "action_simple_intro_leave"
    msgs, _ = await run(ActionSimpleIntroLeave(), tracker("forklar enklere", slots=KNOWN, active=False), domain)
    assert msgs[0]["text"].startswith("Kort sagt: Du kan ha fri fra programmet i 10 måneder.")


async def test_leave_offers_form_reuses_the_municipality(domain):
    _, slots = await run(ValidateLeaveOffersForm(), tracker("kan jeg gå på norskkurs i permisjonen", "ask_leave_offers",
                                                            slots=KNOWN, activated_now=True, form="leave_offers_form"),
                         domain)
    assert slots == {"requested_slot": None}
    msgs, slots = await run(ActionLeaveOffersAnswer(), tracker("x", slots=KNOWN, active=False), domain)
    text = " ".join(m["text"] for m in msgs)
    assert "torsdag 1. juli 2027" in text and "Norsktrening" in text and "Dette finnes i Drammen" in text
    assert slots == {"last_topic": "leave_offers"}


async def test_leave_offers_asks_the_municipality_when_unknown(domain):
    msgs, slots = await run(ValidateLeaveOffersForm(), tracker("tilbud i permisjon", "ask_leave_offers",
                                                               activated_now=True, form="leave_offers_form"), domain)
    assert [m["response"] for m in msgs] == ["utter_leave_offers_start"]
    assert slots["requested_slot"] == "intro_municipality"


async def test_kindergarten_form_and_answer(domain):
    msgs, slots = await run(ValidateKindergartenForm(), tracker("barnehageplass", "ask_kindergarten",
                                                                activated_now=True, form="kindergarten_form"), domain)
    assert slots["requested_slot"] == "kg_birth_date"
    _, slots = await run(ValidateKindergartenForm(), tracker("3. oktober 2026", requested="kg_birth_date",
                                                             form="kindergarten_form"), domain)
    assert slots["kg_birth_date"]["date"] == "2026-10-03" and slots["requested_slot"] is None
    known = {"kg_birth_date": slots["kg_birth_date"]}
    msgs, slots = await run(ActionKindergartenAnswer(), tracker("x", slots=known, active=False), domain)
    text = " ".join(m["text"] for m in msgs)
    assert "innen utgangen av oktober 2027" in text and "mandag 1. mars 2027" in text
    assert slots == {"last_topic": "kindergarten"}
    msgs, _ = await run(ActionSimpleKindergarten(), tracker("x", slots=known, active=False), domain)
    assert msgs[0]["text"] == "Kort sagt: Barnet får plass fra oktober 2027. Da kan det gå i barnehage."  # plainer (LIX)


async def test_kindergarten_takes_the_birth_date_from_the_leave_conversation(domain):
    known = {"intro_event": "birth", "intro_date": {"date": "2027-03-03", "precision": "day"}}
    msgs, slots = await run(ValidateKindergartenForm(), tracker("/ask_kindergarten", "ask_kindergarten", slots=known,
                                                                activated_now=True, form="kindergarten_form"), domain)
    assert slots == {"kg_birth_date": known["intro_date"], "requested_slot": None} and msgs == []


async def test_why_names_the_reason_and_switch_goes_to_the_other_form(domain):
    msgs, _ = await run(ActionExplainWhy(), tracker("hvorfor?", "ask_why", requested="intro_permit_year"), domain)
    assert msgs[0]["response"] == "utter_why_intro_permit_year"
    dispatcher = CollectingDispatcher()
    events = await ActionSwitchTopic().run(dispatcher, tracker("barnehage?", "ask_kindergarten",
                                                               requested="intro_permit_year"), domain)
    assert {"event": "followup", "name": "kindergarten_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events]


def test_every_slot_the_forms_ask_has_question_why_and_invalid_responses(domain):
    responses = domain["responses"]
    for slot in (*intro.INTRO_SPEC.asked_slots, *intro.KG_SPEC.asked_slots):
        for prefix in ("utter_ask_", "utter_why_", "utter_invalid_"):
            assert prefix + slot in responses, prefix + slot
    for code in ("intro_year_future", "intro_year_range", "intro_permit_2005", "intro_child_age_range",
                 "intro_date_invalid", "intro_date_future", "intro_date_old", "intro_leave_start_before_event",
                 "intro_municipality_ambiguous", "intro_municipality_unknown", "kg_birth_date_invalid",
                 "kg_birth_date_month", "kg_birth_date_future", "kg_birth_date_old"):
        assert "utter_invalid_" + code in responses, code


def test_overview_numbers_match_the_rules_core(domain):
    from rasa_ext.nlg import TableNLG  # the texts are filled from the tables (docs/architecture-numbers.md)

    on = date(2026, 11, 22)
    nlg = TableNLG(responses=domain["responses"])

    def rendered(prefix):
        return " ".join(nlg.generate_for_slots(k, {}, "rest", on=on)["text"]
                        for k in domain["responses"] if k.startswith(prefix))

    norm = ip.full_time_norm(on)
    text = rendered("utter_topic_intro_programme")
    assert "37,5 timer" in text and f"{norm.range_hours[0]:g} timer" in text
    assert f"{norm.weeks_per_year} uker" in text and f"{norm.holiday_weeks} uker ferie" in text
    work = rendered("utter_topic_work_programme")
    assert ip.temporary_rules_status(on).must_check_with_municipality and "Spør kommunen" in work
    assert f"{ip.INTRO.value('work_oriented_min_hours', date(2025, 1, 1))} timer" in work
    assert f"{ip.INTRO.value('work_oriented_min_hours_part_time', date(2025, 1, 1))} timer" in work
    assert f"{ip.INTRO.value('part_time_max_percent', date(2025, 1, 1))} prosent" in work
    pressure = " ".join(v[0]["text"] for k, v in domain["responses"].items() if k.startswith("utter_pressure"))
    assert "programrådgiveren" in pressure and "815 55 201" in pressure and "112" in pressure
