"""The care-days answer is rendered from the result: restated situation, number, explanation,
source and disclaimer; every message plain enough (LIX)."""
from __future__ import annotations

import itertools
import statistics

from actions.lang import render
from actions.lang.simple import care_days_simple
from actions.rules.care_days import CareDaysInput, CareSituation, Child, WorkType, compute
from tests.lix_util import load_lix

lix = load_lix().lix


def answer(kids, situation=CareSituation.TOGETHER, work=WorkType.EMPLOYEE, year=2026):
    return render.care_days(compute(CareDaysInput(tuple(kids), situation, year, work)))


def test_answer_restates_number_explains_and_cites():
    reply = answer([Child(2015, True), Child(2018), Child(2020)], CareSituation.ALONE)
    text = "\n".join(reply.messages)
    assert "Du har tre barn." in text and "Du er alene om omsorgen." in text
    assert "Du har rett på 50 omsorgsdager i 2026." in text
    assert "15 dager fordi du har tre barn" in text and "20 dager ekstra for barnet med sykdom" in text
    assert "Omsorgsdager er dager du kan være hjemme" in text  # the term explained
    source = next(m for m in reply.messages if m.startswith("Kilde:"))
    assert source.startswith("Kilde: folketrygdloven § 9-6 og ") and "nav.no/omsorgspenger" in source
    assert all(p in source for p in ("§ 9-7", "§ 9-8", "§ 9-9"))
    assert "veiledning, ikke et vedtak" in text
    assert ("Kan jeg gi dager til en ny partner?", '/care_days_detail{"care_detail":"transfer"}') in reply.buttons


def test_numbers_in_text_come_from_the_result():
    for n, situation, expected in [(1, CareSituation.TOGETHER, 10), (3, CareSituation.TOGETHER, 15),
                                   (2, CareSituation.ALONE, 20), (4, CareSituation.ALONE, 30)]:
        text = " ".join(answer([Child(2020)] * n, situation).messages)
        assert f"Du har rett på {expected} omsorgsdager" in text


def test_self_employed_are_not_told_they_get_paid_by_an_employer():
    text = " ".join(answer([Child(2020)], work=WorkType.FREELANCER).messages)
    assert "Du får lønn" not in text and "Du dekker de 10 første dagene selv" in text
    assert "betaler du selv" in " ".join(care_days_simple(compute(CareDaysInput((Child(2020),),
                                                      CareSituation.TOGETHER, 2026, WorkType.FREELANCER))))


def test_too_old_children_explained():
    text = " ".join(answer([Child(2005)]).messages)
    assert "Du har ikke rett på omsorgsdager i 2026" in text and "fyller 12 år" in text


def test_every_rendered_message_is_plain_norwegian():
    scores = []
    kids_options = [[Child(2020)], [Child(2015, True), Child(2018)], [Child(2010), Child(2014, True), Child(2019)],
                    [Child(2005)], [Child(2012, True)] * 3]
    for kids, situation, work in itertools.product(kids_options, list(CareSituation), list(WorkType)):
        result = compute(CareDaysInput(tuple(kids), situation, 2026, work))
        messages = render.care_days(result).messages + render.transfer_text(result) + care_days_simple(result)
        for m in messages:
            score = lix(m)
            assert score <= 40, (score, m)
            scores.append(score)
    assert statistics.median(scores) <= 30


def test_employee_is_told_the_employer_pays_and_claims_refund_beyond_10_days():
    # Issue 10.2: not "Arbeidsgiveren betaler de 10 første dagene. Etter det betaler NAV."
    text = " ".join(answer([Child(2020)], work=WorkType.EMPLOYEE).messages)
    assert "Etter det betaler NAV" not in text and "betaler de 10 første dagene" not in text
    assert "Arbeidsgiveren betaler lønn for dagene." in text
    assert "Etter de 10 første dagene kan den få pengene tilbake fra NAV." in text
    assert "Betaler ikke arbeidsgiveren, kan du søke NAV om pengene." in text
    assert "egenmelding i opptil 3 dager" in text


def absence_answer(months):
    return render.care_days(compute(CareDaysInput((Child(2020),), CareSituation.TEMPORARILY_ALONE, 2026,
                                                  WorkType.EMPLOYEE, absence_months=months)))


def test_short_absence_is_not_doubled_and_says_why():
    text = " ".join(absence_answer(4).messages)
    assert "Du har rett på 10 omsorgsdager i 2026." in text
    assert "under 6 måneder" in text and "minst 6 måneder" in text and "Slik gjør NAV det." in text
    assert "dager ekstra fordi den andre forelderen" not in text


def test_long_absence_doubles():
    text = " ".join(absence_answer(12).messages)
    assert "Du har rett på 20 omsorgsdager i 2026." in text
    assert "Den andre forelderen kan ikke passe barna i minst 6 måneder." in text


def test_unknown_absence_says_the_assumption_and_that_nav_decides():
    text = " ".join(absence_answer(None).messages)
    assert "Du har rett på 10 omsorgsdager i 2026." in text
    assert "Jeg har regnet som om fraværet varer under 6 måneder." in text
    assert "kan du søke NAV om 20 dager. Det er NAV som avgjør." in text
    for m in absence_answer(None).messages + absence_answer(4).messages:
        assert lix(m) <= 35, (lix(m), m)
