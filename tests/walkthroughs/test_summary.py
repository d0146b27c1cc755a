"""Summaries: numbers and dates from the rules core (never written into the test), the HTML with
print styles, a real PDF (text extracted with pypdf), an .ics read back with vobject (a second,
independent parser), the participant's copy at LIX <= 30, no identifiers."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
import vobject

from actions.lang import summary_html, summary_ics, summary_pdf
from actions.lang.dates import format_date
from actions.lang.summary_text import chat_messages, participant_copy
from actions.rules import care_days as cr
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.walkthroughs import summary as sm
from actions.walkthroughs.script import scripts

from .helpers import ON, blank, day, load_lix

BIRTH = ON + timedelta(days=101)  # a birth ahead of "today"


def for_leave_summary():
    known = blank(intro_permit_year=ON.year - 4, intro_event="birth", intro_date=day(BIRTH.isoformat()),
                  intro_both_in_programme=True, intro_municipality="3301",
                  cw_wishes=["norwegian_course", "parent_group"])
    return sm.build(scripts()["for_leave"], known, ON)


def expected_leave():
    law = ip.which_law(ON.year - 4).law
    leave = ip.leave_rights(ip.LeaveInput(law=law, event=ip.FamilyEvent.BIRTH, event_date=BIRTH,
                                          both_parents_in_programme=True, leave_start=BIRTH))
    reminder = kg.application_reminder(BIRTH, leave.latest_end + timedelta(days=1), ON)
    return leave, reminder


def test_for_leave_dates_and_figures_come_from_the_rules_core():
    s = for_leave_summary()
    leave, reminder = expected_leave()
    assert s.date("offer_start").day == leave.offer.offer_from
    assert s.date("leave_end").day == leave.latest_end
    assert s.date("reserved_days_end").day == leave.latest_end
    assert s.date("kindergarten_deadline").day == reminder.deadline
    meeting = s.date("meeting").day
    assert meeting <= leave.latest_end - timedelta(days=28) and meeting.weekday() < 5
    text = " ".join(s.rights)
    assert f"opptil {leave.max_months} måneder" in text
    assert f"Far har {leave.reserved_for(ip.ParentRole.FATHER).days} dager" in text
    assert "faller bort" in text and "unntak" in text  # lost if unused; the exception
    assert format_date(leave.offer.offer_from, weekday=True) in text
    assert "integreringsforskriften § 16" in s.sources
    assert ("Ønsker", "Norskkurs, Barselgruppe") in s.choices
    assert ("Kommune", "Drammen") in s.situation


def test_leave_end_kindergarten_right_and_deadline():
    birth = date(ON.year, 3, 14)
    back = ON + timedelta(days=60)
    known = blank(kg_birth_date=day(birth.isoformat()), cw_return_date=day(back.isoformat()),
                  cw_norwegian_level="a2", cw_childcare="kindergarten", intro_municipality="unknown",
                  cw_next_steps=["work_practice", "norwegian"])
    s = sm.build(scripts()["leave_end"], known, ON)
    reminder = kg.application_reminder(birth, back, ON)
    assert s.date("kindergarten_deadline").day == reminder.deadline
    assert s.date("kindergarten_right").day == reminder.right.right_from
    assert s.date("return").day == back and s.date("leave_end").day == back - timedelta(days=1)
    assert ("Norsk", "A2") in s.choices and ("Pass av barnet", "Barnehage") in s.choices
    assert any("Arbeidspraksis" in t for t in s.next_steps)
    assert "barnehageloven § 16" in s.sources


def test_care_days_total_payer_and_transfer():
    known = blank(children_count=2, children_birth_years=[ON.year - 10, ON.year - 3], care_situation="alone",
                  chronic_any=False, work_type="employee")
    s = sm.build(scripts()["care_days"], known, ON)
    result = cr.compute(cr.CareDaysInput(children=(cr.Child(ON.year - 10), cr.Child(ON.year - 3)),
                                         situation=cr.CareSituation.ALONE, year=ON.year,
                                         work_type=cr.WorkType.EMPLOYEE))
    text = " ".join(s.rights)
    assert f"Du har rett på {result.total} omsorgsdager i {ON.year}" in text
    refund_after = result.note("payer_employer").get("refund_after_days")
    assert "Arbeidsgiveren betaler lønn for dagene" in text and f"Etter de {refund_after} første dagene" in text
    assert f"opptil {result.note('transfer_possible').get('max_days')} av dagene" in text  # transfer
    assert s.date("care_days_year_end").day == date(ON.year, 12, 31)
    assert any("folketrygdloven" in src for src in s.sources)


def test_chat_and_html_sections_and_print_styles():
    s = for_leave_summary()
    messages = chat_messages(s)
    assert messages[0].startswith("Oppsummering: Før permisjonen")
    html = summary_html.render(s)
    for head in ("Situasjonen", "Rettigheter og kilder", "Viktige datoer", "Deltakerens valg", "Neste steg",
                 "Til deltakeren, med enkle ord"):
        assert head in html
    assert "@media print" in html and "break-before: page" in html
    assert f'datetime="{s.date("offer_start").day.isoformat()}"' in html
    assert '<html lang="nb">' in html


def test_pdf_is_real_and_its_text_holds_the_dates():
    s = for_leave_summary()
    data = summary_pdf.render(s)
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Oppsummering: Før permisjonen" in text
    for code in ("offer_start", "leave_end", "kindergarten_deadline", "meeting"):
        assert s.date(code).text in text, code
    assert "integreringsforskriften § 16" in text
    last = " ".join(reader.pages[-1].extract_text().split())
    assert last.startswith("Til deltakeren, med enkle ord")


def test_ics_read_back_by_a_second_parser():
    s = for_leave_summary()
    data = summary_ics.render(s, "cw:anne:1")
    cal = vobject.readOne(data.decode("utf-8"))
    events = {e.categories.value[0]: e for e in cal.vevent_list}
    leave, reminder = expected_leave()
    assert events["offer_start"].dtstart.value == leave.offer.offer_from
    assert events["reserved_days_end"].dtstart.value == leave.latest_end
    assert events["leave_end"].dtstart.value == leave.latest_end
    assert events["kindergarten_deadline"].dtstart.value == reminder.deadline
    assert events["meeting"].dtstart.value == s.date("meeting").day
    assert events["leave_end"].dtend.value == leave.latest_end + timedelta(days=1)
    assert len({e.uid.value for e in cal.vevent_list}) == len(cal.vevent_list)
    assert summary_ics.render(s, "cw:anne:1") == data  # stable: a re-import updates, not doubles


@pytest.mark.parametrize("which", ["for_leave", "leave_end", "care_days"])
def test_participant_copy_is_plain(which):
    lix = load_lix().lix
    if which == "for_leave":
        s = for_leave_summary()
    elif which == "leave_end":
        s = sm.build(scripts()["leave_end"], blank(kg_birth_date=day(f"{ON.year}-03-14"),
                                                   cw_return_date=day((ON + timedelta(days=60)).isoformat())), ON)
    else:
        s = sm.build(scripts()["care_days"], blank(children_count=1, children_birth_years=[ON.year - 2],
                                                   care_situation="together", chronic_any=False,
                                                   work_type="employee"), ON)
    copy = participant_copy(s)
    assert copy and lix(" ".join(copy)) <= 30, (lix(" ".join(copy)), copy)


def test_no_identity_numbers_even_if_typed():
    known = blank(children_count=1, children_birth_years=[ON.year - 2], care_situation="together",
                  chronic_any=False, work_type="employee")
    s = sm.build(scripts()["care_days"], known, ON)
    everything = summary_html.render(s) + " ".join(chat_messages(s))
    assert not re.search(r"\d{6}\s?\d{5}", everything)
    from rasa_ext.masking import mask
    assert mask("12345678901") == "[skjult]"  # what build() applies to every text


def test_walkthrough_texts_are_plain():
    """What the walkthrough itself says (start, review, next steps, disclaimer): LIX <= 35."""
    from actions.walkthroughs import flow
    lix = load_lix().lix
    known = blank(intro_permit_year=ON.year - 4, intro_event="birth", intro_date=day(BIRTH.isoformat()),
                  intro_both_in_programme=True)
    texts = [m["text"] for m in flow.start(scripts()["for_leave"], blank(), ON).say]
    texts += [m["text"] for m in flow.review(scripts()["for_leave"], known, ON)][1:]
    for script in scripts().values():
        s = sm.build(script, known, ON)
        texts += s.next_steps + [s.disclaimer]
    too_hard = [(round(lix(t), 1), t) for t in texts if lix(t) > 35]
    assert not too_hard, too_hard
