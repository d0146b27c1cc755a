"""The parental-leave plan and the ammefri answer are rendered from the rules results: numbers,
dates, the rule version, sources and the disclaimer; every message plain enough (LIX)."""
from __future__ import annotations

import itertools
import statistics
from datetime import date

from actions.lang import render_leave as rl
from actions.lang.dates import format_date
from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl
from actions.rules.facts.parental_leave import plan_details
from tests.lix_util import load_lix

lix = load_lix().lix
TODAY = date(2026, 11, 22)
DUE = date(2027, 3, 3)


def plan(role="father", **kw):
    kw.setdefault("due_date", DUE)
    result = pb.compute(pb.ParentalBenefitInput.for_birth(**kw))
    return result, rl.parental_leave(result, role, TODAY, plan_details(result, role))


def text_of(reply):
    return "\n".join(reply.messages)


def test_plan_is_small_and_complete():
    result, reply = plan()
    text = text_of(reply)
    assert 1 <= len(reply.messages) <= 6
    assert f"Dere får {rl.weeks_text(result.total)} med foreldrepenger til sammen." in text
    assert f"Mødrekvoten er {rl.weeks_text(result.days(pb.Account.MOTHER_QUOTA))}." in text
    assert f"Fedrekvoten er {rl.weeks_text(result.days(pb.Account.FATHER_QUOTA))}." in text
    assert f"Fellesperioden er {rl.weeks_text(result.days(pb.Account.SHARED))}." in text
    assert "Fedrekvoten er 15 uker. Det er ukene som er satt av til far eller medmor." in text  # term explained
    assert "Reglene som gjelder nå, kom 1. juli 2024." in text
    assert "veiledning, ikke et vedtak" in reply.messages[-1]
    assert "nav.no/foreldrepenger/planlegger" in text
    assert "Søk på nav.no/foreldrepenger minst 4 uker før" in text
    assert ("Hva er forskjellen på 100 og 80 prosent?", rl.SIMPLE_DETAIL) in reply.buttons
    assert ("Forklar enklere", "/explain_simpler") in reply.buttons and ("Start på nytt", "/restart") in reply.buttons


def test_golden_totals_follow_the_rules_core():
    # 2024 rules: 100 % = 49 weeks (15 + 15 + 16 + 3), 80 % = 61 weeks and 1 day (19 + 19 + 20w1d + 3).
    assert "Dere får 49 uker med foreldrepenger" in text_of(plan()[1])
    assert "Dere får 61 uker og 1 dag med foreldrepenger" in text_of(plan(coverage=80)[1])


def test_key_dates_are_written_out_in_norwegian():
    result, reply = plan()
    text = text_of(reply)
    windows = pb.mother_windows(DUE)
    father = pb.father_around_birth_window(DUE)
    assert f"Mor kan tidligst starte {format_date(windows.earliest_start, weekday=True)}." in text
    assert "onsdag 9. desember 2026" in text  # 12 weeks before termin
    assert f"De starter {format_date(windows.reserved_before_birth.start, weekday=True)}." in text
    assert (f"fra {format_date(father.start, weekday=True)} til {format_date(father.end, weekday=True)}"
            in text)
    assert f"Siste dag er {format_date(pb.use_deadline(pb.FamilyEvent.BIRTH, DUE), weekday=True)}." in text


def test_each_part_has_its_source():
    _, reply = plan()
    parts, dates, apply = reply.messages[1:4]
    assert "Kilde: folketrygdloven § 14-10 og § 14-12 og § 14-9." in parts
    assert "Kilde: folketrygdloven § 14-10 og § 14-9" in dates
    assert "arbeidsmiljøloven § 12-5 og § 12-3 og § 12-7" in apply


def test_statutory_and_agreement_are_told_apart():
    text = text_of(plan()[1])
    assert "Loven gir deg rett til permisjon fra jobben." in text
    assert "avtale med arbeidsgiveren" in text
    care = wl.care_leave(wl.CareLeaveRole.FATHER_OR_CO_MOTHER, wl.EmployerType.PRIVATE)
    assert f"Ved fødselen har du rett på {care.weeks} uker fri fra jobb." in text
    notice = wl.notice_period(15 * 7)
    assert f"minst {notice.notice_weeks} uker før" in text


def test_older_births_name_their_own_rule_version():
    result, reply = plan(birth_date=date(2024, 3, 1), due_date=None)
    assert result.version is pb.RuleVersion.V2019_01
    text = text_of(reply)
    assert "Dere følger eldre regler fra 1. januar 2019." in text and "før 1. juli 2024" in text
    assert "Reglene som gjelder nå" not in text


def test_multiples_and_premature_change_the_numbers():
    single, _ = plan()
    twins, reply = plan(children=2)
    assert twins.total > single.total
    extra = twins.days(pb.Account.MULTIPLE_BIRTHS)
    assert f"Dere får {rl.weeks_text(extra)} ekstra fordi det er tvillinger." in text_of(reply)
    early, reply = plan(role="mother", birth_date=date(2026, 10, 1), due_date=date(2026, 12, 10))
    days = early.days(pb.Account.PREMATURE)
    assert days > 0 and early.total == single.total + days
    text = text_of(reply)
    assert f"Dere får {rl.weeks_text(days)} ekstra fordi barnet kom for tidlig." in text
    assert f"Derfor får dere {days} dager ekstra." in text


def test_adoption_and_one_parent_only():
    result = pb.compute(pb.ParentalBenefitInput.for_adoption(date(2027, 1, 10)))
    text = text_of(rl.parental_leave(result, "adoptive", TODAY, plan_details(result, "adoptive")))
    assert "Du skal adoptere." in text and "før fødselen" not in text
    assert f"Dere får {rl.weeks_text(result.total)}" in text
    only_father = pb.compute(pb.ParentalBenefitInput.for_birth(due_date=DUE, rights=pb.Rights.ONLY_FATHER))
    text = text_of(rl.parental_leave(only_father, "father", TODAY, plan_details(only_father, "father")))
    free = only_father.allowance(pb.Allowance.ACTIVITY_FREE)
    assert f"ta {rl.weeks_text(free.days)} uten krav til hva mor gjør" in text


def test_coverage_difference_and_simple():
    full, reduced = (pb.compute(pb.ParentalBenefitInput.for_birth(due_date=DUE, coverage=c)) for c in (100, 80))
    lines = rl.coverage_difference(full, reduced)
    assert "Med 100 prosent får dere 49 uker." in lines[0]
    assert "Med 80 prosent får dere 61 uker og 1 dag." in lines[1]
    simple = rl.parental_leave_simple(full)
    assert simple[0] == "Kort sagt: Dere får penger fra NAV i 49 uker."


def test_weeks_text():
    assert rl.weeks_text(306) == "61 uker og 1 dag" and rl.weeks_text(3) == "3 dager" and rl.weeks_text(5) == "1 uke"


def _all_plans():
    for role, cov, n, rights, dates in itertools.product(
            ["mother", "father", "co_mother"], [100, 80], [1, 2, 3], list(pb.Rights),
            [dict(due_date=DUE), dict(birth_date=date(2026, 10, 1), due_date=date(2026, 12, 10)),
             dict(birth_date=date(2024, 3, 1))]):
        yield role, pb.compute(pb.ParentalBenefitInput.for_birth(coverage=cov, children=n, rights=rights, **dates))
    for cov in (100, 80):
        yield "adoptive", pb.compute(pb.ParentalBenefitInput.for_adoption(date(2027, 1, 10), coverage=cov))


def _all_breastfeeding():
    for birth, hours, employer in itertools.product(
            [date(2026, 3, 1), date(2025, 6, 1), date(2023, 12, 1)], [4.0, 7.0, 7.5, 8.0], list(wl.EmployerType)):
        yield wl.breastfeeding_time(birth, TODAY, hours, employer)


def test_breastfeeding_statutory_and_state_agreement():
    state = wl.breastfeeding_time(date(2026, 3, 1), TODAY, 7.5, "state")
    text = text_of(rl.breastfeeding(state, True))
    assert "Loven gir deg lønn for opptil 1 time hver arbeidsdag det første året." in text
    assert "I staten gir en avtale opptil 2 timer med lønn hver dag." in text
    assert "Det står i en avtale, ikke i loven." in text and "arbeidsmiljøloven § 12-8" in text
    assert "veiledning, ikke et vedtak" in text
    private = wl.breastfeeding_time(date(2025, 6, 1), TODAY, 7.5, "private")
    text = text_of(rl.breastfeeding(private, False))
    assert "Nå har du rett på fri, men uten lønn." in text and "Du jobber i" not in text
    short = wl.breastfeeding_time(date(2026, 3, 1), TODAY, 6.0, "private")
    assert "7 timer eller mer" in text_of(rl.breastfeeding(short, False))


def test_every_rendered_message_is_plain_norwegian():
    scores = []
    for role, result in _all_plans():
        reply = rl.parental_leave(result, role, TODAY, plan_details(result, role))
        assert len(reply.messages) <= 6
        for m in reply.messages + rl.parental_leave_simple(result):
            scores.append(lix(m))
            assert scores[-1] <= 40, (scores[-1], m)
    full, reduced = (pb.compute(pb.ParentalBenefitInput.for_birth(due_date=DUE, coverage=c)) for c in (100, 80))
    for m in rl.coverage_difference(full, reduced):
        scores.append(lix(m))
        assert scores[-1] <= 40, (scores[-1], m)
    for result in _all_breastfeeding():
        for m in rl.breastfeeding(result, True).messages + rl.breastfeeding_simple(result):
            scores.append(lix(m))
            assert scores[-1] <= 40, (scores[-1], m)
    assert statistics.median(scores) <= 30


# --- issue 13: the time has passed, follow-ups ----------------------------------------------------
def _plan(**facts):
    from actions.rules.facts.parental_leave import parental_input, plan_details

    base = {"pl_role": "mother", "pl_event": "expected", "pl_date": "2027-03-03", "pl_coverage": 100,
            "pl_children": 1, "pl_rights": "both", **facts}
    result = pb.compute(parental_input(base))
    return result, plan_details(result, base["pl_role"])


def test_a_birth_long_ago_gets_its_rules_and_the_passed_deadline():
    result, details = _plan(pl_event="born", pl_date="2022-03-03")
    text = "\n".join(rl.parental_leave(result, "mother", date(2026, 11, 22), details).messages)
    assert "1. januar 2019" in text and "49 uker" in text  # the 2019 version (rules.md 2.3)
    assert "Siste dag var søndag 2. mars 2025" in text and "gikk ut" in text
    assert "Søk på nav.no/foreldrepenger minst" not in text


def test_follow_ups_answer_from_the_same_result():
    result, details = _plan()
    today = date(2026, 11, 22)
    assert "tirsdag 18. januar 2028" in " ".join(rl.follow_up("how_long", result, today, details))
    assert "lørdag 2. mars 2030" in " ".join(rl.follow_up("until_when", result, today, details))
    transfer = " ".join(rl.follow_up("transfer", result, today, details))
    assert "Fellesperioden er 16 uker" in transfer and "15 uker hver" in transfer
    start = " ".join(rl.follow_up("mother_start", result, today, details))
    assert "onsdag 9. desember 2026" in start and "onsdag 10. februar 2027" in start
