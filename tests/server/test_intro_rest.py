"""Issue 4 conversations with the real running bot over the REST channel: leave in the
introduction programme, offers during the leave, kindergarten, pressure from others.
Expects FAMILIEVEILEDER_TODAY=2026-11-22 on the action server (scripts/test.sh sets it)."""
from __future__ import annotations

import pytest

from tests.server.test_rest import Chat, server  # noqa: F401  (the fixture skips/fails without a bot)

pytestmark = pytest.mark.server


def buttons(messages):
    return [b["title"] for m in messages for b in m.get("buttons", [])]


def test_full_intro_leave_conversation_with_sources_offers_and_kindergarten():
    chat = Chat()
    reply = chat.text("jeg skal ha baby i mars")
    assert "Når fikk du oppholdstillatelse?" in reply
    assert "Går dere begge i programmet?" in chat.text("i 2022")
    assert "Hvilken kommune bor du i?" in chat.text("ja")
    answer = chat.say("Drammen")
    texts = [m.get("text") or "" for m in answer]
    assert len(texts) <= 6
    text = "\n".join(texts)
    assert "Da gjelder integreringsloven for deg." in text and "opptil 10 måneder" in text
    assert "Far har 75 dager" in text and "faller bort" in text
    assert "Fra tirsdag 1. juni 2027 skal kommunen gi deg et tilbud." in text  # 4th month from 1 March
    assert "Dette finnes i Drammen:" in text and "Barnepass: ja." in text
    assert "Du må søke innen onsdag 1. mars 2028" in text
    assert "Kilde: integreringsforskriften § 16" in text and "veiledning, ikke et vedtak" in text
    assert "programrådgiveren" in text and "Forklar enklere" in buttons(answer)
    simple = chat.say("Forklar enklere")
    simple_text = "\n".join(m.get("text") or "" for m in simple)
    assert simple_text.startswith("Kort sagt: Du kan ha fri fra programmet i 10 måneder.")
    assert "Jeg forstod ikke" not in simple_text and len(simple) == 2


def test_arrival_is_asked_for_a_permit_before_2021_and_why_is_answered():
    chat = Chat()
    chat.say("jeg går i introprogrammet og skal ha baby")
    why = chat.text("hvorfor spør du om det?")
    assert "to lover" in why and "Når fikk du oppholdstillatelse?" in why
    assert "Hvilket år kom du til Norge?" in chat.text("2019")
    assert "Når kommer barnet?" in chat.text("for to år siden")


@pytest.mark.parametrize("bad,expected", [("1890", "virker ikke riktig"), ("2090", "har ikke kommet ennå"),
                                          ("blåbærsyltetøy", "Jeg forstod ikke året")])
def test_bad_years_get_a_friendly_reply_and_the_question_again(bad, expected):
    chat = Chat()
    chat.say("jeg skal ha baby i mars")
    reply = chat.text(bad)
    assert expected in reply and "Når fikk du oppholdstillatelse?" in reply


def test_a_date_that_does_not_exist():
    chat = Chat()
    chat.say("jeg går i introprogrammet og skal ha baby")
    chat.say("2023")
    reply = chat.text("31. februar")
    assert "Den datoen finnes ikke." in reply and "Når kommer barnet?" in reply


def test_pressure_from_others_inside_the_form_and_the_form_goes_on():
    chat = Chat()
    chat.say("jeg skal ha baby i mars")
    reply = chat.text("mannen min sier jeg ikke får gå på norskkurs")
    assert "programrådgiveren" in reply and "815 55 201" in reply and "112" in reply
    assert reply.rstrip().endswith("Når fikk du oppholdstillatelse? Skriv året. For eksempel 2022.")


def test_pressure_from_others_outside_a_form():
    reply = Chat().text("familien bestemmer")
    assert "815 55 201" in reply and "112" in reply and "?" not in reply.split("112")[-1]


def test_offers_ambiguous_and_unknown_municipality():
    chat = Chat()
    assert "Hvilken kommune bor du i?" in chat.text("hva tilbyr kommunen når jeg er i permisjon")
    reply = chat.text("Finnesikkeby")
    assert "Jeg fant ingen kommune" in reply and "Hvilken kommune bor du i?" in reply
    ambiguous = chat.say("Herøy")
    assert {"Herøy (Møre og Romsdal)", "Herøy (Nordland)"} <= set(buttons(ambiguous))
    answer = chat.text("Herøy (Nordland)")
    assert "Kommunen din har ikke lagt inn tilbud her ennå" in answer
    assert "Norskopplæring er undervisning" in answer and "fjerde måneden" in answer


def test_kindergarten_right_and_deadline_written_out():
    chat = Chat()
    assert "Når er barnet født?" in chat.text("når får barnet mitt barnehageplass")
    assert "Den datoen finnes ikke." in chat.text("30. februar 2026")
    answer = chat.text("3. oktober 2026")
    assert "innen utgangen av oktober 2027" in answer and "mandag 1. mars 2027" in answer
    assert "Kilde: barnehageloven § 16" in answer


def test_work_programme_overview_says_to_check_the_temporary_rules():
    text = Chat().text("jeg er fra Ukraina, må jeg være i arbeidspraksis")
    assert "15 timer" in text and "1. juli 2026" in text and "Spør kommunen" in text
