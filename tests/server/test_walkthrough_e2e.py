"""Each walkthrough end to end against the real server with the command-line runner; the
summary's numbers and dates are computed here from the rules core for FAMILIEVEILEDER_TODAY."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
import requests
import vobject
import yaml

from actions.lang.dates import format_date
from actions.rules import care_days as cr
from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from tests.conftest import require
from tests.walkthroughs.tokens import ANNE

pytestmark = pytest.mark.server
RASA = os.environ.get("FV_RASA_URL", "http://localhost:5005")
TODAY = date.fromisoformat(os.environ.get("FAMILIEVEILEDER_TODAY") or date.today().isoformat())
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def server():
    try:
        ok = requests.get(f"{RASA}/webhooks/caseworker/", timeout=3).ok
    except requests.RequestException:
        ok = False
    require(ok, f"the caseworker channel at {RASA}")


def written(d: date) -> str:
    return format_date(d)


def run(tmp_path, script, answers):
    path = tmp_path / "answers.yml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "actions.walkthroughs.run", "--script", script, "--answers",
                           str(path), "--url", RASA, "--token", ANNE, "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    files = {p.name: p for p in out.iterdir()}
    assert {"transcript.txt", "transcript.json", "summary.html", "summary.pdf", "summary.ics",
            "summary.json"} <= set(files)
    pdf = " ".join(" ".join(p.extract_text().split())
                   for p in pypdf.PdfReader(io.BytesIO(files["summary.pdf"].read_bytes())).pages)
    cal = vobject.readOne(files["summary.ics"].read_text(encoding="utf-8"))
    events = {e.categories.value[0]: e.dtstart.value for e in cal.vevent_list}
    return (files["transcript.txt"].read_text(encoding="utf-8"), json.loads(files["summary.json"].read_text()),
            files["summary.html"].read_text(encoding="utf-8"), pdf, events)


def test_before_the_leave(tmp_path):
    birth = TODAY + timedelta(days=100)
    permit = TODAY.year - 3
    transcript, summary, html, pdf, events = run(tmp_path, "Før permisjonen", {
        "answers": {"permit": str(permit), "event": "Vi skal få barn", "child": written(birth),
                    "both": "Ja, begge går i programmet", "municipality": "Drammen",
                    "wishes": "Norskkurs og barselgruppe"},
        "review": ["endre kommune", "Bergen"]})
    law = ip.which_law(permit).law
    leave = ip.leave_rights(ip.LeaveInput(law=law, event=ip.FamilyEvent.BIRTH, event_date=birth,
                                          both_parents_in_programme=True, leave_start=birth))
    reminder = kg.application_reminder(birth, leave.latest_end + timedelta(days=1), TODAY)
    # the conversation: roadmap, review, the change
    assert "Steg 1 av 6: Oppholdstillatelse" in transcript and "Steg 3 av 6: Barn" in transcript
    assert "Dette har dere fortalt meg:" in transcript and "5. Kommune: Bergen" in transcript
    assert ["Kommune", "Bergen"] in summary["situation"]
    # dates from the rules core, in the summary, the PDF and the calendar
    expected = {"offer_start": leave.offer.offer_from, "reserved_days_end": leave.latest_end,
                "leave_end": leave.latest_end, "kindergarten_deadline": reminder.deadline}
    got = {d["code"]: date.fromisoformat(d["date"]) for d in summary["dates"]}
    for code, day in expected.items():
        assert got[code] == day and events[code] == day, code
        assert format_date(day, weekday=True) in pdf and format_date(day, weekday=True) in html
    assert events["meeting"] == got["meeting"] and got["meeting"] <= leave.latest_end - timedelta(days=28)
    rights = " ".join(summary["rights"])
    assert f"opptil {leave.max_months} måneder" in rights
    assert f"Far har {leave.reserved_for(ip.ParentRole.FATHER).days} dager" in rights
    assert "integreringsforskriften § 16" in pdf
    assert ["Ønsker", "Norskkurs, Barselgruppe"] in summary["choices"]


def test_before_the_leave_ends(tmp_path):
    birth = date(TODAY.year, 3, 14) if date(TODAY.year, 3, 14) < TODAY else date(TODAY.year - 1, 3, 14)
    back = TODAY + timedelta(days=70)
    transcript, summary, html, pdf, events = run(tmp_path, "Før permisjonen slutter", {
        "answers": {"child": written(birth), "return": written(back), "norwegian": "A2",
                    "childcare": "Barnehage", "municipality": "Tromsø",
                    "next_steps": "Arbeidspraksis og mer norskopplæring"}})
    reminder = kg.application_reminder(birth, back, TODAY)
    got = {d["code"]: date.fromisoformat(d["date"]) for d in summary["dates"]}
    assert got["kindergarten_deadline"] == reminder.deadline == events["kindergarten_deadline"]
    assert got["kindergarten_right"] == reminder.right.right_from
    assert got["return"] == back and events["leave_end"] == back - timedelta(days=1)
    assert format_date(reminder.deadline, weekday=True) in pdf
    assert ["Norsk", "A2"] in summary["choices"] and ["Pass av barnet", "Barnehage"] in summary["choices"]
    assert "barnehageloven § 16" in pdf
    assert "Steg 6 av 6: Neste steg" in transcript


def test_care_days(tmp_path):
    years = [TODAY.year - 10, TODAY.year - 5]
    transcript, summary, html, pdf, events = run(tmp_path, "Omsorgsdager", {
        "answers": {"children": "2 barn", "birth_years": f"{years[0]} og {years[1]}",
                    "situation": "Jeg er alene om omsorgen", "chronic": "Nei", "work": "Jeg er ansatt"}})
    result = cr.compute(cr.CareDaysInput(children=tuple(cr.Child(y) for y in years),
                                         situation=cr.CareSituation.ALONE, year=TODAY.year,
                                         work_type=cr.WorkType.EMPLOYEE))
    assert f"Du har rett på {result.total} omsorgsdager i {TODAY.year}" in pdf
    refund_after = result.note("payer_employer").get("refund_after_days")
    rights = " ".join(summary["rights"])
    assert "Arbeidsgiveren betaler lønn for dagene" in rights and f"Etter de {refund_after} første dagene" in rights
    assert f"opptil {result.note('transfer_possible').get('max_days')} av dagene" in pdf
    assert events["care_days_year_end"] == date(TODAY.year, 12, 31)
    assert "Steg 1 av 5: Barn" in transcript  # no chronic count/years asked after "Nei"


def test_the_runner_reports_a_bad_token(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("answers: {}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "actions.walkthroughs.run", "--script", "Omsorgsdager",
                           "--answers", str(path), "--url", RASA, "--token", "nope", "--out", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "401" in proc.stderr
