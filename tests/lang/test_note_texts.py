"""Every note code the rules can emit has a registered text, a renderer that writes it, or an
explicit source-only mark (actions/lang/note_texts.py). The rules are driven with inputs that
reach every code; a code without an entry, or a text that comes out empty, fails."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from enum import Enum

import pytest

from actions.lang import note_texts, render, render_leave
from actions.lang.note_texts import InRenderer, SourceOnly, Text, UnknownNoteCode
from actions.rules import care_days as cd
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl
from actions.rules.legal import Note
from tests.lix_util import load_lix

lix = load_lix().lix
D = date
ENUMS = (cd.CareDaysNote, pb.ParentalBenefitNote, wl.WorkLeaveNote, kg.KindergartenNote, ip.IntroNote)


def care_days_results():
    kids = [(cd.Child(2020),), (cd.Child(2012, True), cd.Child(2018)), (cd.Child(2000),),
            (cd.Child(2012, True),)]
    for children, situation, work, absence in itertools.product(
            kids, list(cd.CareSituation), list(cd.WorkType), (None, 4.0, 12.0)):
        yield cd.compute(cd.CareDaysInput(children, situation, 2026, work, absence_months=absence))
    yield cd.compute(cd.CareDaysInput((cd.Child(2020),), cd.CareSituation.TOGETHER, 2026,
                                      other_parent_disability=True))


def parental_benefit_results():
    births = [dict(birth_date=D(2026, 3, 2), due_date=D(2026, 5, 18)), dict(due_date=D(2026, 12, 1)),
              dict(birth_date=D(2019, 6, 30), due_date=D(2019, 8, 25)), dict(birth_date=D(2022, 7, 1)),
              dict(birth_date=D(2018, 12, 1)), dict(birth_date=D(2019, 2, 1)),
              dict(birth_date=D(2024, 6, 25), due_date=D(2024, 7, 10))]
    for b, cov, rights in itertools.product(births, list(pb.Coverage), list(pb.Rights)):
        yield pb.compute(pb.ParentalBenefitInput.for_birth(coverage=cov, rights=rights, **b))
    yield pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=D(2022, 3, 1), next_event_date=D(2022, 12, 1)))
    yield pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=D(2023, 1, 10), next_event_date=D(2023, 12, 12)))
    for age, step in ((None, False), (3, False), (16, False), (3, True)):
        yield pb.compute(pb.ParentalBenefitInput.for_adoption(D(2026, 3, 2), age, step_child_adoption=step))


def work_leave_results():
    for role, employer in itertools.product(list(wl.CareLeaveRole), list(wl.EmployerType)):
        yield wl.care_leave(role, employer, child_age=3, on=D(2026, 1, 5))
        yield wl.care_leave(role, employer, child_age=16, on=D(2026, 1, 5))
        yield wl.care_leave(role, employer, step_child_adoption=True, on=D(2026, 1, 5))
    yield wl.parental_leave(False)
    yield wl.partial_leave(D(2026, 1, 5))
    yield wl.notice_period(3)
    yield wl.notice_for_leave(D(2026, 1, 5), D(2026, 5, 5))
    for birth, on, hours, employer, full in itertools.product(
            (D(2013, 8, 1), D(2025, 6, 1), D(2026, 3, 1)), (D(2013, 9, 1), D(2026, 6, 1)), (6.0, 7.5),
            list(wl.EmployerType), (None, False)):
        if on >= birth:
            yield wl.breastfeeding_time(birth, on, hours, employer, full_time=full)
    for employer, birth, part in itertools.product(list(wl.EmployerType), (D(2020, 1, 1), D(2010, 1, 1)),
                                                   (False, True)):
        yield wl.state_unpaid_care_leave(birth, D(2026, 6, 1), employer, part_time=part)


def kindergarten_results():
    for month in range(1, 13):
        birth = D(2025, month, 15)
        yield kg.statutory_right(birth)
        for ret, today, deadline in ((D(2026, 9, 1), D(2026, 1, 10), None), (D(2026, 9, 1), D(2026, 4, 1), None),
                                     (D(2026, 1, 5), D(2025, 12, 1), (3, 15))):
            yield kg.application_reminder(birth, ret, today, deadline)


def intro_results():
    for permit, arrival in ((2004, None), (2005, None), (D(2005, 10, 1), None), (2019, None), (2019, 2020),
                            (2019, 2021), (D(2019, 5, 1), D(2021, 1, 1)), (2022, None), (2008, 2010),
                            (2003, 2022)):
        yield ip.which_law(permit, arrival)
    for law, event, both, ill, not_caring, start in itertools.product(
            list(ip.IntroLaw), list(ip.FamilyEvent), (True, False), (True, False), (True, False), (0, 300, 400)):
        on = D(2019, 5, 1) if law is ip.IntroLaw.INTRODUCTION_ACT else D(2026, 1, 5)
        yield ip.leave_rights(ip.LeaveInput(law, event, on, both, on + timedelta(days=start),
                                            3 if event is ip.FamilyEvent.ADOPTION else None, ill, not_caring))
    yield ip.leave_rights(ip.LeaveInput(ip.IntroLaw.INTEGRATION_ACT, ip.FamilyEvent.ADOPTION, D(2026, 1, 5),
                                        child_age_at_adoption=16))
    yield ip.offer_duty(D(2026, 1, 5), leave_end=D(2026, 2, 1))
    yield ip.full_time_norm(D(2026, 1, 5))
    for start, on, part in itertools.product((D(2023, 5, 1), D(2024, 3, 1)), (D(2022, 1, 1), D(2025, 1, 1),
                                             D(2026, 8, 1)), (None, 50.0)):
        try:
            yield ip.work_oriented_requirement(start, on, part)
        except ValueError:  # asked before the programme started
            pass
    for on in (D(2022, 1, 1), D(2025, 1, 1), D(2026, 8, 1)):
        yield ip.temporary_rules_status(on)


def all_notes() -> list[tuple[Note, object]]:
    out = []
    for gen in (care_days_results, parental_benefit_results, work_leave_results, kindergarten_results,
                intro_results):
        for result in gen():
            for note in result.notes:
                out.append((note, result))
            for nested in ("right", "temporary", "offer"):
                inner = getattr(result, nested, None)
                for note in getattr(inner, "notes", ()) or ():
                    out.append((note, result))
    return out


NOTES = all_notes()


def test_the_rules_emit_every_code_of_every_topic():
    emitted = {n.code for n, _ in NOTES}
    missing = [c for e in ENUMS for c in e if c not in emitted]
    assert not missing, f"no input reaches {missing}: add one above"
    assert all(isinstance(n.code, ENUMS) for n, _ in NOTES)


def test_every_code_is_registered():
    assert set(note_texts.REGISTRY) == {c for e in ENUMS for c in e}
    for code, e in note_texts.REGISTRY.items():
        assert isinstance(e, (Text, InRenderer, SourceOnly)), code
        if isinstance(e, SourceOnly):
            assert e.why.strip(), code


def _rendered(note: Note, result) -> str:
    e = note_texts.entry(note.code)
    if isinstance(e, InRenderer):
        if isinstance(result, cd.CareDaysResult):
            return render._note_text(note, result.input.year)
        return render_leave._note_text(note, result)
    return note_texts.text(note)


@pytest.mark.parametrize("code", sorted({n.code for n, _ in NOTES}))
def test_every_emitted_note_has_text_unless_source_only(code):
    for note, result in [(n, r) for n, r in NOTES if n.code == code][:20]:
        text = _rendered(note, result)
        if isinstance(note_texts.entry(code), SourceOnly):
            assert text == ""
        else:
            assert text.strip(), (code, note)
            assert "{" not in text and "None" not in text, text
            limit = 35 if isinstance(note_texts.entry(code), Text) else 40  # 40: as tests/lang/test_render.py
            assert lix(text) <= limit, (lix(text), text)


def test_an_unknown_code_raises_instead_of_vanishing():
    class Other(str, Enum):
        NEW = "made_up_new_rule"

    note = Note(Other.NEW, cd.REF_BASE)
    with pytest.raises(UnknownNoteCode):
        note_texts.text(note)
    with pytest.raises(UnknownNoteCode):
        render._note_text(note, 2026)
    result = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=D(2026, 3, 2)))
    with pytest.raises(UnknownNoteCode):
        render_leave._note_text(note, result)


def test_closely_spaced_births_are_now_said_in_the_plan():
    # These codes were never named in actions/lang before (issue 8): now the plan says them.
    result = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=D(2023, 1, 10), next_event_date=D(2023, 12, 12)))
    texts = [render_leave._note_text(n, result) for n in result.notes]
    assert any("Barna kommer tett" in t and "12. desember 2023" in t for t in texts), texts
