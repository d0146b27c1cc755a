"""Issue 10 points 1 and 2 against the real running bot over REST: a short absence of the other
parent does not double the care days, the duration is asked when not said, 'Vet ikke' gives a
stated assumption, and employees are told who really pays (§ 9-8)."""
from __future__ import annotations

import pytest

from tests.server.test_rest import Chat, server, up  # noqa: F401 (module fixture: the bot must run)

pytestmark = pytest.mark.server


def start(chat: Chat) -> None:
    assert "Hvor mange barn" in chat.text("Hvor mange omsorgsdager har jeg?")
    assert "Hvilket år er barna født" in chat.text("1")
    assert "Hvordan bor barna" in chat.text("Alle er 12 år eller yngre")


def test_four_months_in_prison_gives_10_days_not_20():
    chat = Chat()
    start(chat)
    assert "kronisk" in chat.text("Far er i fengsel i fire måneder")  # the duration was said: not asked
    assert "Hvordan jobber du" in chat.text("Nei")
    answer = chat.text("Jeg er ansatt")
    assert "Du har rett på 10 omsorgsdager i 2026." in answer
    assert "under 6 måneder" in answer and "Slik gjør NAV det." in answer


def test_duration_is_asked_when_not_said_and_six_months_doubles():
    chat = Chat()
    start(chat)
    question = chat.say("Den andre forelderen kan ikke passe barna")
    assert any("Hvor lenge kan den andre forelderen ikke ha tilsyn med barnet?" in (m.get("text") or "")
               for m in question)
    titles = [b["title"] for m in question for b in m.get("buttons") or []]
    assert {"Under 6 måneder", "6 måneder eller mer", "Vet ikke"} <= set(titles)
    assert "kronisk" in chat.text("6 måneder eller mer")
    chat.text("Nei")
    answer = chat.text("Jeg er ansatt")
    assert "Du har rett på 20 omsorgsdager i 2026." in answer
    assert "i minst 6 måneder" in answer


def test_dont_know_gives_an_answer_with_the_assumption_and_no_loop():
    chat = Chat()
    start(chat)
    assert "Hvor lenge" in chat.text("Far er innlagt på sykehus")
    assert "kronisk" in chat.text("Vet ikke")
    chat.text("Nei")
    answer = chat.text("Jeg er ansatt")
    assert "Du har rett på 10 omsorgsdager i 2026." in answer
    assert "Jeg har regnet som om fraværet varer under 6 måneder." in answer
    assert "kan du søke NAV om 20 dager. Det er NAV som avgjør." in answer


def test_employee_is_told_the_employer_pays_and_claims_refund():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg? Vi bor sammen og har to barn")
    chat.say("Alle er 12 år eller yngre")
    chat.say("Nei")
    answer = chat.text("Jeg er ansatt")
    assert "Du har rett på 10 omsorgsdager i 2026." in answer
    assert "Etter det betaler NAV" not in answer
    assert "Arbeidsgiveren betaler lønn for dagene." in answer
    assert "Etter de 10 første dagene kan den få pengene tilbake fra NAV." in answer
    assert "Betaler ikke arbeidsgiveren, kan du søke NAV om pengene." in answer
    assert "§ 9-8" in answer and "§ 9-9" in answer and "§ 9-7" in answer


def test_self_employed_keep_their_waiting_days():
    chat = Chat()
    chat.say("Hvor mange omsorgsdager har jeg? Vi bor sammen og har to barn")
    chat.say("Alle er 12 år eller yngre")
    chat.say("Nei")
    answer = chat.text("Jeg er selvstendig næringsdrivende")
    assert "Du dekker de 10 første dagene selv. NAV betaler fra dag 11." in answer
    assert "Arbeidsgiveren betaler" not in answer
