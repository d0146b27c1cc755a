"""Answers about leave in the programme, offers and kindergarten: built from rules-core results,
every part with its source, guidance not decision, and plain Norwegian (LIX)."""
from __future__ import annotations

import itertools
import statistics
from datetime import date, timedelta

import pytest

from actions.catalogue.lookup import OfferView
from actions.lang import render_intro as r
from actions.lang.dates import format_date
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.rules.facts.kindergarten import next_application_deadline
from tests.lix_util import load_lix

lix = load_lix().lix
TODAY = date(2026, 11, 22)
OFFER = OfferView("3301", "Drammen", "x", ip.OfferKind.NORWEGIAN_TUITION, "Norsk med barnepass", "Voksenopplæringen",
                  "Tirsdager kl. 10-12", ("arabisk", "tigrinja"), True, "tlf. 000", True, None, None, True)


def answer(permit=2022, arrival=None, event=ip.FamilyEvent.BIRTH, day=date(2027, 4, 1), both=True,
           start=None, age=None, name="Drammen", offers=(OFFER,), precision="day"):
    law = ip.which_law(permit, arrival)
    if law.law is None:
        return r.LeaveAnswer(law=law, today=TODAY)
    leave = ip.leave_rights(ip.LeaveInput(law.law, event, day, both, start or day, age))
    reminder = (kg.application_reminder(day, leave.latest_end + timedelta(days=1), TODAY)
                if event is ip.FamilyEvent.BIRTH and leave.latest_end else None)
    return r.LeaveAnswer(law=law, event=event, event_date=day, date_precision=precision, both_in_programme=both,
                         leave=leave, leave_start_assumed=start is None, municipality_name=name, offers=offers,
                         reminder=reminder, today=TODAY)


def test_leave_answer_has_every_part_with_its_source():
    a = answer()
    reply = r.intro_leave(a)
    assert len(reply.messages) <= 6
    text = "\n".join(reply.messages)
    assert "Da gjelder integreringsloven for deg." in text
    assert f"opptil {ip.INTRO.value(('leave_max_months', ip.IntroLaw.INTEGRATION_ACT), a.event_date)} måneder" in text
    assert "Du får ikke introduksjonsstønad i permisjonen." in text
    assert "Far har 75 dager" in text and "Mor har også 75 dager" in text and "faller bort" in text
    assert "legen" in text  # the illness exception
    offer_from = ip.fourth_month_start(date(2027, 4, 1))
    assert offer_from == date(2027, 7, 1)
    assert f"Fra {format_date(offer_from, weekday=True)} skal kommunen gi deg et tilbud." in text
    assert "Dette finnes i Drammen:" in text and "• Norsk med barnepass." in text and "Barnepass: ja." in text
    assert "Hjelp på arabisk, tigrinja." in text
    reminder = a.reminder
    assert reminder.deadline == date(2028, 3, 1)  # child turns one in April 2028 -> August 2028 intake
    assert f"Du må søke innen {format_date(reminder.deadline, weekday=True)}" in text
    assert "Jeg regner fra fødselen" in text  # the assumption is said
    for message in reply.messages[:-1]:
        assert "Kilde:" in message, message
    assert "veiledning, ikke et vedtak" in reply.messages[-1] and "programrådgiveren" in reply.messages[-1]
    assert ("Forklar enklere", "/explain_simpler") in reply.buttons


def test_old_law_gives_fifty_days_for_the_father():
    text = " ".join(r.intro_leave(answer(permit=2018, arrival=2019)).messages)
    assert "Da gjelder introduksjonsloven for deg." in text
    assert "Far har 50 dager" in text and "ikke sikkert" in text  # the mother's days are unconfirmed


def test_one_parent_in_programme_has_no_reserved_days():
    text = " ".join(r.intro_leave(answer(both=False)).messages)
    assert "ingen dager satt av" in text and "Far har" not in text


def test_no_offers_in_the_catalogue_gives_the_general_kinds():
    text = " ".join(r.intro_leave(answer(name="Bø", offers=())).messages)
    assert "Kommunen din har ikke lagt inn tilbud her ennå." in text and "barselgruppe" in text


def test_adopted_child_too_old_and_permit_before_2005():
    text = " ".join(r.intro_leave(answer(event=ip.FamilyEvent.ADOPTION, age=15)).messages)
    assert "15 år eller eldre" in text
    text = " ".join(r.intro_leave(answer(permit=2003, arrival=2004)).messages)
    assert "gjelder ikke reglene" in text


def test_month_only_is_said():
    text = " ".join(r.intro_leave(answer(precision="month")).messages)
    assert "i april 2027" in text and "Du skrev bare måneden" in text


def test_simple_version_is_short():
    lines = r.intro_leave_simple(answer())
    assert lines[0].startswith("Kort sagt: Du kan ha fri fra programmet i 10 måneder.")
    assert "Fra 1. juli 2027 kan du lære norsk igjen. Du velger selv." in lines[1]


def test_leave_offers_general_duty_and_local_list():
    duty = ip.offer_duty(date(2027, 4, 1))
    reply = r.leave_offers(duty, "Drammen", (OFFER,), True)
    text = " ".join(reply.messages)
    assert "torsdag 1. juli 2027" in text and "velger selv" in text
    assert "Norskopplæring er undervisning" in text and "Norsktrening" in text and "teller ikke" in text
    assert "si fra om tilbudet før du får fri" in text and "møte" in text and "Dette finnes i Drammen" in text
    assert "fjerde måneden" in " ".join(r.leave_offers(duty, None, (), False).messages)


@pytest.mark.parametrize("birth,right_from,deadline,passed", [
    (date(2026, 3, 3), date(2027, 8, 1), date(2027, 3, 1), False),
    (date(2026, 10, 3), date(2027, 10, 1), date(2027, 3, 1), False),
    (date(2026, 12, 3), date(2028, 8, 1), date(2028, 3, 1), False),
    (date(2025, 2, 3), date(2026, 8, 1), date(2026, 3, 1), True),
])
def test_kindergarten_right_and_deadline(birth, right_from, deadline, passed):
    right = kg.statutory_right(birth)
    reminder = kg.application_reminder(birth, right.right_from, TODAY)
    assert (right.right_from, reminder.deadline, reminder.deadline_passed) == (right_from, deadline, passed)
    text = " ".join(r.kindergarten(reminder).messages)
    assert format_date(deadline, weekday=True) in text and "Kilde: barnehageloven § 16" in text
    if passed:
        assert "venteliste" in text and format_date(reminder.next_deadline, weekday=True) in text


def _all_messages():
    for permit, arrival, event, both, precision in itertools.product(
            (2022, 2018, 2003), (None, 2019, 2022), (ip.FamilyEvent.BIRTH, ip.FamilyEvent.ADOPTION),
            (True, False), ("day", "month")):
        if ip.which_law(permit, arrival).outcome is ip.LawOutcome.NEED_ARRIVAL:
            continue
        for offers in ((), (OFFER,)):
            a = answer(permit, arrival, event, both=both, precision=precision, offers=offers,
                       age=3 if event is ip.FamilyEvent.ADOPTION else None)
            yield from r.intro_leave(a).messages
            yield from r.intro_leave_simple(a)
    for birth in (date(2026, 1, 5), date(2026, 10, 3), date(2026, 12, 3), date(2025, 2, 3)):
        reminder = kg.application_reminder(birth, kg.statutory_right(birth).right_from, TODAY)
        yield from r.kindergarten(reminder).messages
        yield from r.kindergarten_simple(reminder)
    yield from r.leave_offers(ip.offer_duty(date(2027, 4, 1)), "Drammen", (OFFER,), True).messages
    yield from r.leave_offers(ip.offer_duty(TODAY), None, (), False).messages
    yield from r.kindergarten_too_old(next_application_deadline(TODAY)).messages
    yield from r.LEAVE_OFFERS_SIMPLE


def test_every_rendered_message_is_plain_norwegian():
    scores = [lix(m) for m in _all_messages()]
    worst = max(scores)
    assert worst <= 40, worst
    assert statistics.median(scores) <= 30, statistics.median(scores)
