"""Leave conversations (issue 3) with the real running bot over the REST channel."""
from __future__ import annotations

import pytest

from tests.server.test_rest import Chat, server, up  # noqa: F401  (the module fixture checks the bot)

pytestmark = pytest.mark.server


def test_parental_leave_plan_one_question_at_a_time():
    chat = Chat()
    assert "Hvem er du?" in chat.text("Hvor lang foreldrepermisjon har jeg?")
    assert "Er barnet født, eller venter dere barn?" in chat.text("Jeg er mor")
    assert "Når er termin?" in chat.text("Vi venter barn")
    reply = chat.text("i mars")
    assert "Jeg trenger dagen også" in reply and "Når er termin?" in reply
    assert "100 eller 80 prosent" in chat.text("3. mars 2027")
    reply = chat.text("Vet ikke")
    assert "til sammen omtrent like mye penger" in reply and "100 eller 80 prosent" in reply
    assert "Hvor mange barn får dere nå?" in chat.text("100 prosent")
    assert "Hvem har rett på foreldrepenger?" in chat.text("1 barn")
    messages = chat.say("Begge har rett")
    assert len(messages) <= 6
    answer = "\n".join(m.get("text") or "" for m in messages)
    assert "Dere får 49 uker med foreldrepenger til sammen." in answer
    assert "Reglene som gjelder nå, kom 1. juli 2024." in answer
    assert "Mor kan tidligst starte onsdag 9. desember 2026." in answer
    assert "Kilde: folketrygdloven § 14-10" in answer and "nav.no/foreldrepenger/planlegger" in answer
    assert "veiledning, ikke et vedtak" in answer
    buttons = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert "Hva er forskjellen på 100 og 80 prosent?" in buttons and "Forklar enklere" in buttons
    assert "Med 80 prosent får dere 61 uker og 1 dag." in chat.text('/parental_leave_detail{"pl_detail":"coverage"}')
    simple = chat.say("Forklar enklere")
    assert simple[0]["text"].startswith("Kort sagt: Dere får penger fra NAV i 49 uker.")
    assert len(simple) == 3  # and then the bot waits for the user


def test_what_was_said_is_not_asked_again_and_twins_change_the_numbers():
    chat = Chat()
    assert "100 eller 80 prosent" in chat.text("Jeg er far og babyen kommer 3. mars 2027")
    chat.say("80 prosent")
    chat.say("Tvillinger")
    answer = chat.text("Begge har rett")
    assert "Dere får 82 uker og 2 dager med foreldrepenger til sammen." in answer
    assert "ekstra fordi det er tvillinger" in answer


def test_bad_dates_get_a_friendly_reply_and_the_question_again():
    chat = Chat()
    chat.say("foreldrepenger")
    chat.say("Jeg er mor")
    chat.say("Barnet er født")
    reply = chat.text("31. februar")
    assert "Den datoen finnes ikke" in reply and "Når ble barnet født?" in reply
    reply = chat.text("1. desember 2026")
    assert "har ikke kommet ennå" in reply
    assert "7 uker før termin" in chat.text("1. oktober 2026")


def test_why_and_correction_in_the_form():
    chat = Chat()
    chat.say("foreldrepenger")
    reply = chat.text("hvorfor spør du om det?")
    assert "Mor, far og medmor har hver sin del" in reply and "Hvem er du?" in reply
    chat.say("Jeg er far og babyen kommer 3. mars 2027")
    chat.say("100 prosent")
    chat.say("nei, jeg er medmor")
    chat.say("1 barn")
    assert "Du er medmor." in chat.text("Begge har rett")


def test_switch_from_care_days_runs_the_parental_leave_form_and_back():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg?")
    chat.say("2 barn")
    assert "Hvem er du?" in chat.text("hvor lang er foreldrepermisjonen?")
    assert "Hvilket år er barna født" in chat.text("fortsett med omsorgsdager")


def test_switch_away_offers_to_come_back():
    chat = Chat()
    chat.say("Jeg er far og babyen kommer 3. mars 2027")
    reply = chat.text("permisjon uten lønn")
    assert "12 måneder permisjon uten lønn" in reply and "Det gjaldt foreldrepermisjon" in reply
    assert "100 eller 80 prosent" in chat.text("Fortsett med foreldrepermisjon")


def test_breastfeeding_statutory_and_state_agreement():
    chat = Chat()
    assert "Når er barnet født?" in chat.text("har jeg rett til ammefri?")
    reply = chat.text("8 måneder")
    assert "rundt 22. mars 2026" in reply and "Hvor mange timer" in reply
    assert "Hvor jobber du?" in chat.text("7,5 timer")
    answer = chat.text("Jeg jobber i staten")
    assert "Loven gir deg lønn for opptil 1 time hver arbeidsdag det første året." in answer
    assert "I staten gir en avtale opptil 2 timer med lønn hver dag." in answer
    assert "arbeidsmiljøloven § 12-8" in answer and "veiledning, ikke et vedtak" in answer


def test_breastfeeding_employer_not_asked_when_it_does_not_matter():
    chat = Chat()
    chat.say("ammefri")
    chat.say("født 1. juni 2025")
    answer = chat.text("6 timer")
    assert "Hvor jobber du?" not in answer
    assert "Nå har du rett på fri, men uten lønn." in answer
