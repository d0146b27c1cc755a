"""The responses are filled from the dated tables (rasa_ext/nlg.TableNLG).

Every response in domain/*.yml is rendered for two dates whose tables differ; the values must be
the table values for that date, nothing may stay as '{x}', and each message keeps LIX <= 35.
A made-up law change (a new table row) changes the text without touching the domain.
"""
from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from actions.lang.figures import template_values, weeks_and_days
from actions.rules import care_days as cd
from actions.rules import parental_benefit as pb
from actions.rules.figures import figures
from actions.rules.params import Parameter
from rasa_ext import nlg as nlg_module
from rasa_ext.nlg import FALLBACK_TEXT, PLACEHOLDER, TableNLG, values_on
from tests.lix_util import load_lix

ROOT = Path(__file__).resolve().parents[2]
lix = load_lix().lix
TODAY = date(2026, 11, 22)  # the tests' FAMILIEVEILEDER_TODAY
OLD = date(2019, 3, 1)  # foreldrepenger 2019 version (80 %: 59 weeks), work-oriented rules not yet in force
# Values an action passes itself (dispatcher.utter_message(response=..., date=...)).
ACTION_VALUES = {"date": "mandag 3. mars 2027", "hours": "7,5"}  # passed by an action or a reader notice


def _responses() -> dict:
    out: dict = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        out.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    return out


RESPONSES = _responses()
TEMPLATED = sorted(k for k, variations in RESPONSES.items()
                   if any(PLACEHOLDER.search(yaml.safe_dump(v, allow_unicode=True)) for v in variations)
                   and not all(set(PLACEHOLDER.findall(yaml.safe_dump(v, allow_unicode=True)))
                               <= {"{" + a + "}" for a in ACTION_VALUES} for v in variations))


@pytest.fixture(scope="module")
def nlg() -> TableNLG:
    return TableNLG(responses=RESPONSES)


def _slots(on: date) -> dict:
    """The date in question: a birth date for foreldrepenger, the year for care days."""
    return {"pl_date": on.isoformat(), "pl_event": "born", "care_year": float(on.year)}


def _render(nlg: TableNLG, key: str, today: date, slots: dict) -> list[dict]:
    """Every variation of a response (conditions are matched by giving each its slot values)."""
    out = []
    for variation in RESPONSES[key]:
        these = dict(slots)
        for cond in variation.get("condition") or []:
            these[cond["name"]] = cond["value"]
        out.append(nlg.generate_for_slots(key, these, "rest", on=today, **ACTION_VALUES))
    return out


def test_there_are_templated_responses_in_every_topic():
    assert len(TEMPLATED) >= 40, TEMPLATED
    for prefix in ("utter_why_children", "utter_topic_parental_leave", "utter_topic_intro",
                   "utter_topic_breastfeeding", "utter_topic_kindergarten", "utter_ask_pl_coverage"):
        assert any(k.startswith(prefix) for k in TEMPLATED), prefix


@pytest.mark.parametrize("today,slots", [(TODAY, {}), (TODAY, _slots(TODAY)), (OLD, _slots(OLD)),
                                         (date(2023, 6, 1), {})],
                         ids=["today", "today-with-dates", "2019", "2023"])
def test_every_response_is_filled_and_readable(nlg, today, slots):
    for key in RESPONSES:
        for response in _render(nlg, key, today, slots):
            text = response["text"]
            assert not PLACEHOLDER.search(text), (key, text)
            assert text != FALLBACK_TEXT, key
            for button in response.get("buttons") or []:
                assert not PLACEHOLDER.search(button["title"]), (key, button)
            assert len(response.get("buttons") or []) == len(
                next(v for v in RESPONSES[key] if v.get("text")).get("buttons") or []) or any(
                v.get("condition") for v in RESPONSES[key]), (key, "a button was dropped")
            if key in TEMPLATED:  # (the other texts are scored as written by lix.py on domain/)
                assert lix(text) <= 35, (key, round(lix(text), 1), text)


def test_values_are_the_table_values_for_the_date_in_question(nlg):
    """The same response says what the table says on each date."""
    def text(key, today, slots):
        return _render(nlg, key, today, slots)[0]["text"]

    for on in (TODAY, OLD):
        expected_80 = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=on, coverage=80)).total
        expected_100 = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=on, coverage=100)).total
        overview = text("utter_topic_parental_leave", TODAY, _slots(on))
        assert weeks_and_days(expected_80) in overview and weeks_and_days(expected_100) in overview
    assert "61 uker og 1 dag" in text("utter_topic_parental_leave", TODAY, {})
    assert "59 uker" in text("utter_topic_parental_leave", TODAY, _slots(OLD))
    assert "1. juli 2024 eller senere" in text("utter_topic_parental_leave", TODAY, {})
    assert "mellom 1. januar 2019 og 30. juni 2024" in text("utter_topic_parental_leave", TODAY, _slots(OLD))
    # 2016 (2014 rules): the quotas were 10 weeks.
    assert "Mor har 10 uker" in text("utter_topic_parental_leave_2", TODAY, _slots(date(2016, 5, 1)))
    assert "Mor har 15 uker" in text("utter_topic_parental_leave_2", TODAY, {})
    base = cd.CARE_DAYS.value("base_days_1_2_children", date(TODAY.year, 1, 1))
    assert f"får du {base} dager" in text("utter_why_children_count", TODAY, {})
    # The work-oriented rules: the known end date comes from the table row.
    assert "1. juli 2026" in text("utter_topic_work_programme_3", TODAY, {})


def test_a_law_change_is_a_table_change(nlg, monkeypatch):
    """A new version of a table row changes the text from its first day; the domain is untouched."""
    old = cd.CARE_DAYS.get("base_days_1_2_children", date(2026, 1, 1))
    change = date(2027, 1, 1)
    rows = [Parameter(old.key, old.value, old.valid_from, date(2026, 12, 31), old.ref),
            Parameter(old.key, 12, change, date(9999, 12, 31), old.ref)]
    monkeypatch.setitem(cd.CARE_DAYS._rows, "base_days_1_2_children", rows)
    values_on.cache_clear()
    try:
        before = _render(nlg, "utter_why_children_count", date(2026, 12, 31), {})[0]["text"]
        after = _render(nlg, "utter_why_children_count", change, {})[0]["text"]
        asked_2026 = _render(nlg, "utter_why_children_count", change, {"care_year": 2026.0})[0]["text"]
    finally:
        values_on.cache_clear()
    assert "ett eller to barn får du 10 dager" in before
    assert "ett eller to barn får du 12 dager" in after
    assert "ett eller to barn får du 10 dager" in asked_2026  # the year asked about decides


def test_a_missing_variable_is_never_shown():
    gen = TableNLG(responses={
        "utter_partly": [{"text": "Du har {no_such_value} dager. Ring NAV på 55 55 33 33."}],
        "utter_only": [{"text": "Du har {no_such_value} dager."}],
        "utter_buttons": [{"text": "Velg.", "buttons": [
            {"title": "{no_such_value} prosent", "payload": "x"},
            {"title": "Mer", "payload": '/care_days_detail{"care_detail":"carers"}'},
            {"title": "{care_days_base_text}", "payload": "{care_days_base_text}"}]}],
    })
    assert gen.generate_for_slots("utter_partly", {}, "rest", on=TODAY)["text"] == "Ring NAV på 55 55 33 33."
    assert gen.generate_for_slots("utter_only", {}, "rest", on=TODAY)["text"] == FALLBACK_TEXT
    buttons = gen.generate_for_slots("utter_buttons", {}, "rest", on=TODAY)["buttons"]
    assert [b["title"] for b in buttons] == ["Mer", "10 dager"]
    assert buttons[0]["payload"] == '/care_days_detail{"care_detail":"carers"}'


def test_bad_slot_values_fall_back_to_today(nlg):
    for slots in ({"pl_date": "not a date"}, {"pl_date": "1999-01-01"}, {"care_year": "x"},
                  {"care_year": 1800.0}, {"pl_date": None, "care_year": None}):
        text = _render(nlg, "utter_topic_parental_leave", TODAY, slots)[0]["text"]
        assert not PLACEHOLDER.search(text) and "uker" in text, (slots, text)


def test_every_table_figure_has_text_values():
    values = template_values(figures(TODAY))
    assert values["care_days_base_text"] == "10 dager"
    assert values["intro_full_time_hours_text"] == "37,5 timer"
    assert values["bf_paid_hours_text"] == "1 time"
    assert values["unpaid_leave_months_alone_text"] == "2 år"
    assert values["intro_offer_month_text"] == "fjerde måneden"
    assert values["kg_right_age_words"] == "ett"
    assert values["kg_default_deadline"] == "1. mars"
    used = {p.strip("{}") for v in RESPONSES.values() for var in v
            for p in PLACEHOLDER.findall(yaml.safe_dump(var, allow_unicode=True))}
    unknown = used - set(values) - set(ACTION_VALUES) - set(nlg_module.retention_values())
    assert not {u for u in unknown if not u.startswith('"')}, unknown  # '"key":"value"' is a payload


def test_lookup_is_cached_per_date(nlg):
    """The tables are read once per date; a response costs about what Rasa's own templated NLG
    costs (measured side by side; printed for the record)."""
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    plain = TemplatedNaturalLanguageGenerator(RESPONSES)
    slots = {f"slot_{i}": None for i in range(40)}
    values_on.cache_clear()
    nlg.generate_for_slots("utter_topic_parental_leave", slots, "rest", on=TODAY)
    misses = values_on.cache_info().misses

    def per_call_us(f, n=1500):
        f()
        start = time.perf_counter()
        for _ in range(n):
            f()
        return (time.perf_counter() - start) / n * 1e6

    ours = per_call_us(lambda: nlg.generate_for_slots("utter_topic_parental_leave", slots, "rest", on=TODAY))
    ours_plain = per_call_us(lambda: nlg.generate_for_slots("utter_why_general", slots, "rest", on=TODAY))
    rasa_plain = per_call_us(lambda: plain.generate_from_slots("utter_why_general", slots, "rest"))
    assert values_on.cache_info().misses == misses  # no new table lookups per message
    cold = time.perf_counter()
    nlg_module.values_on(date(2025, 2, 3))
    cold_ms = (time.perf_counter() - cold) * 1e3
    print(f"\nTableNLG: {ours:.0f} µs per templated response, {ours_plain:.0f} µs per plain one; "
          f"Rasa's TemplatedNaturalLanguageGenerator {rasa_plain:.0f} µs; {cold_ms:.1f} ms for a new date")
    assert ours < 4 * rasa_plain + 200


def test_a_button_payload_with_a_figure_is_still_understood(nlg):
    """'Alle er 12 år eller yngre' is filled from the age limit and read back by the care-days
    reader; if the limit changes, this fails until the reader's pattern follows."""
    from actions.lang import parse

    for today in (TODAY, date(2024, 3, 1)):
        buttons = _render(nlg, "utter_ask_children_birth_years", today, {})[0]["buttons"]
        assert buttons and all(parse.says_all_young(b["payload"]) for b in buttons), buttons
    for today, slots in ((TODAY, {}), (OLD, _slots(OLD))):
        response = _render(nlg, "utter_ask_pl_coverage", today, slots)[0]
        payloads = [b["payload"] for b in response["buttons"]]
        assert payloads[:2] == ["100 prosent", "80 prosent"], payloads


def test_privacy_texts_state_the_configured_retention(nlg, monkeypatch):
    """The storage period the bot states is the store's own setting, so the words stay true."""
    def text():
        return _render(nlg, "utter_privacy", TODAY, {})[0]["text"]

    monkeypatch.delenv("TRACKER_RETENTION_DAYS", raising=False)
    assert "slettes 30 dager etter siste melding" in text()
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "7")
    assert "slettes 7 dager etter siste melding" in text()
    assert "30 dager" not in text()


def test_the_privacy_texts_follow_the_retention_and_backup_settings(monkeypatch):
    """What the bot says about storage is built from the store's own settings (issue 12)."""
    monkeypatch.delenv("TRACKER_BACKUP_DAYS", raising=False)
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "14")
    assert nlg_module.retention_values() == {"retention_days_text": "14 dager", "backup_sentence": ""}
    assert "slettes 14 dager etter siste melding" in nlg_module.privacy_notice()
    assert "Sikkerhetskopi" not in nlg_module.privacy_notice()
    monkeypatch.setenv("TRACKER_BACKUP_DAYS", "7")
    assert nlg_module.retention_values()["backup_sentence"] == \
        " Sikkerhetskopier av samtalen blir slettet etter 7 dager."
    assert "Sikkerhetskopier av samtalen blir slettet etter 7 dager." in nlg_module.privacy_notice()
    monkeypatch.setenv("TRACKER_BACKUP_DAYS", "0")
    assert nlg_module.retention_values()["backup_sentence"] == ""
