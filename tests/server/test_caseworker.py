"""The caseworker channel against the real running bot: tokens, the conversation namespace,
citizen channels that cannot start a walkthrough or read a summary, deletion, the access log."""
from __future__ import annotations

import os
import sqlite3
import uuid

import pytest
import requests

from rasa_ext.crypto import load_row, stored_id
from tests.conftest import require
from tests.walkthroughs.tokens import ANNE, BJORN

pytestmark = pytest.mark.server
RASA = os.environ.get("FV_RASA_URL", "http://localhost:5005")
DB = os.environ.get("FV_TRACKER_DB", "var/test-tracker.db")
CW = f"{RASA}/webhooks/caseworker"


def up() -> bool:
    try:
        return requests.get(f"{CW}/", timeout=3).ok
    except requests.RequestException:
        return False


@pytest.fixture(scope="module", autouse=True)
def server():
    require(up(), f"the caseworker channel at {CW} (scripts/test.sh sets CASEWORKER_TOKENS)")


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def cw_say(sender, text, token=ANNE):
    r = requests.post(f"{CW}/webhook", json={"sender": sender, "message": text}, headers=auth(token), timeout=90)
    assert r.status_code == 200, r.text
    return r.json()


def rest_say(sender, text, **extra):
    r = requests.post(f"{RASA}/webhooks/rest/webhook", json={"sender": sender, "message": text, **extra},
                      timeout=90)
    assert r.status_code == 200, r.text
    return r.json()


def texts(replies):
    return "\n".join(m.get("text") or "" for m in replies)


def events(sender):
    with sqlite3.connect(DB) as conn:
        return [load_row(d) for (d,) in conn.execute("select data from events where sender_id = ?",
                                                      (stored_id(sender),))]


def slot_values(sender, name):
    return [e.get("value") for e in events(sender) if e.get("event") == "slot" and e.get("name") == name]


def new_id():
    return f"t{uuid.uuid4().hex[:16]}"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {ANNE}"},
                                     {"Authorization": "Bearer "},
                                     {"Authorization": "Bearer feil-nøkkel".encode("latin-1")}])
def test_without_a_valid_token_401_and_nothing_changes(headers):
    sender = new_id()
    r = requests.post(f"{CW}/webhook", json={"sender": sender, "message": "start Før permisjonen"},
                      headers=headers, timeout=30)
    assert r.status_code == 401 and r.headers.get("WWW-Authenticate", "").startswith("Bearer")
    assert events(f"cw:anne:{sender}") == [] and events(sender) == []
    r = requests.get(f"{CW}/summary/{sender}.pdf", headers=headers, timeout=30)
    assert r.status_code == 401


def test_a_caseworker_starts_by_name_and_the_id_is_namespaced():
    sender = new_id()
    replies = cw_say(sender, "start Før permisjonen")
    assert "Vi går gjennom «Før permisjonen»" in texts(replies)
    assert "Steg 1 av" in texts(replies) and "oppholdstillatelse" in texts(replies)
    assert all(m["recipient_id"] == f"cw:anne:{sender}" for m in replies)
    assert events(sender) == []  # nothing under the bare id
    assert slot_values(f"cw:anne:{sender}", "walkthrough")[-1]["script"] == "for_leave"


def test_start_by_button_payload():
    replies = cw_say(new_id(), '/start_walkthrough{"walkthrough":"care_days"}')
    assert "«Omsorgsdager»" in texts(replies) and "Steg 1 av" in texts(replies)


@pytest.mark.parametrize("message, extra", [
    ("start gjennomgang Før permisjonen", {}),
    ("Før permisjonen", {}),
    ('/start_walkthrough{"walkthrough":"for_leave"}', {}),
    ('/start_walkthrough{"walkthrough":"care_days"}', {"input_channel": "caseworker"}),
    ('/start_walkthrough{"walkthrough":"for_leave"}',
     {"metadata": {"caseworker": {"id": "anne", "sig": "0" * 64}}, "input_channel": "caseworker"}),
])
def test_citizen_rest_cannot_start_a_walkthrough(message, extra):
    sender = new_id()
    rest_say(sender, "hei")
    reply = texts(rest_say(sender, message, **extra))
    assert "Steg 1 av" not in reply and "Vi går gjennom" not in reply
    assert not [v for v in slot_values(sender, "walkthrough") if v]


def test_a_forged_caseworker_id_over_rest_cannot_start_or_run_one():
    """REST ids are the client's own ('web:<id>' on the server): a caseworker id is refused with
    400, and a start command with forged caseworker metadata starts nothing."""
    forged = f"cw:anne:{new_id()}"
    r = requests.post(f"{RASA}/webhooks/rest/webhook", timeout=30,
                      json={"sender": forged, "message": '/start_walkthrough{"walkthrough":"for_leave"}',
                            "metadata": {"caseworker": {"id": "anne", "sig": "f" * 64}}})
    assert r.status_code == 400 and "sender" in r.json()["error"]
    assert events(forged) == []
    sender = new_id()
    for message in ('/start_walkthrough{"walkthrough":"for_leave"}', "start Før permisjonen"):
        reply = texts(rest_say(sender, message, metadata={"caseworker": {"id": "anne", "sig": "f" * 64}}))
        assert "Steg 1 av" not in reply
    assert events(f"web:{sender}")  # the message landed in the citizen's own conversation
    assert not [v for v in slot_values(f"web:{sender}", "walkthrough") if v]


def test_summaries_only_for_the_caseworker_who_started_the_conversation():
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    cw_say(sender, "2 barn")
    r = requests.get(f"{CW}/summary/{sender}.html", headers=auth(ANNE), timeout=30)
    assert r.status_code == 200 and "Oppsummering: Omsorgsdager" in r.text
    assert r.headers["Content-Type"].startswith("text/html")
    for fmt in ("html", "pdf", "ics", "json"):
        assert requests.get(f"{CW}/summary/{sender}.{fmt}", headers=auth(BJORN), timeout=30).status_code == 404
    assert requests.get(f"{CW}/summary/cw:anne:{sender}.pdf", headers=auth(BJORN), timeout=30).status_code == 404
    # no citizen route to a summary
    assert requests.get(f"{RASA}/webhooks/rest/summary/{sender}.html", timeout=30).status_code in (404, 405)
    assert requests.get(f"{CW}/summary/{sender}.html", timeout=30).status_code == 401
    pdf = requests.get(f"{CW}/summary/cw:anne:{sender}.pdf", headers=auth(ANNE), timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert "attachment" in pdf.headers["Content-Disposition"]


def test_each_access_is_logged_with_the_caseworker_and_no_content():
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    cw_say(sender, "3 barn", token=ANNE)
    requests.get(f"{CW}/summary/{sender}.ics", headers=auth(ANNE), timeout=30)
    requests.get(f"{CW}/summary/{sender}.ics", headers=auth(BJORN), timeout=30)
    with sqlite3.connect(DB) as conn:
        anne, bjorn = stored_id(f"cw:anne:{sender}"), stored_id(f"cw:bjorn:{sender}")
        rows = conn.execute("select caseworker_id, action, sender_id, status from caseworker_access_log "
                            "where sender_id in (?, ?)", (anne, bjorn)).fetchall()
        columns = [c[1] for c in conn.execute("pragma table_info(caseworker_access_log)")]
    assert ("anne", "message", anne, 200) in rows
    assert ("anne", "summary.ics", anne, 200) in rows
    assert ("bjorn", "summary.ics", bjorn, 404) in rows
    assert columns == ["id", "at", "caseworker_id", "action", "sender_id", "status"]
    assert "3 barn" not in repr(rows)


def test_slett_samtalen_deletes_the_conversation_and_its_summary():
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    cw_say(sender, "1 barn")
    assert requests.get(f"{CW}/summary/{sender}.json", headers=auth(ANNE), timeout=30).status_code == 200
    cw_say(sender, "slett samtalen")
    assert requests.get(f"{CW}/summary/{sender}.json", headers=auth(ANNE), timeout=30).status_code == 404
    assert events(f"cw:anne:{sender}") == []
    with sqlite3.connect(DB) as conn:
        assert conn.execute("select count(*) from caseworker_summaries where sender_id = ?",
                            (stored_id(f"cw:anne:{sender}"),)).fetchone()[0] == 0


def test_bad_requests_get_a_clear_answer():
    r = requests.post(f"{CW}/webhook", data="not json", headers=auth(ANNE), timeout=30)
    assert r.status_code == 400 and "sender" in r.json()["error"]
    r = requests.post(f"{CW}/webhook", json={"sender": "a b/c", "message": "hei"}, headers=auth(ANNE), timeout=30)
    assert r.status_code == 400
    r = requests.get(f"{CW}/summary/{new_id()}.docx", headers=auth(ANNE), timeout=30)
    assert r.status_code == 404


def test_the_citizens_privacy_route_cannot_delete_a_caseworker_conversation():
    """The public delete route names web conversations only: a caseworker id is refused and the
    summary stays (the caseworker deletes with «slett samtalen» or the store command)."""
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    cw_say(sender, "1 barn")
    assert requests.get(f"{CW}/summary/{sender}.json", headers=auth(ANNE), timeout=30).status_code == 200
    r = requests.delete(f"{RASA}/webhooks/privacy/conversations/cw:anne:{sender}", timeout=30)
    assert r.status_code == 400
    r = requests.delete(f"{RASA}/webhooks/privacy/conversations/{sender}", timeout=30)
    assert r.status_code == 204  # deletes 'web:<sender>', which does not exist
    assert requests.get(f"{CW}/summary/{sender}.json", headers=auth(ANNE), timeout=30).status_code == 200
    assert events(f"cw:anne:{sender}")


def test_the_store_command_deletes_a_summary():
    import subprocess
    import sys
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    cw_say(sender, "1 barn")
    env = dict(os.environ, TRACKER_DB_URL=f"sqlite:///{os.path.abspath(DB)}")
    proc = subprocess.run([sys.executable, "-m", "actions.walkthroughs.store", "delete", f"cw:anne:{sender}"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0 and "Deleted 1 summary" in proc.stdout, proc.stderr
    assert requests.get(f"{CW}/summary/{sender}.json", headers=auth(ANNE), timeout=30).status_code == 404


def test_a_message_injected_into_a_caseworker_conversation_changes_nothing_and_sees_nothing():
    """Over REST with the caseworker's full conversation id: refused (400), the walkthrough keeps
    its state and the caseworker goes on where they were."""
    sender = new_id()
    cw_say(sender, "start Omsorgsdager")
    conversation = f"cw:anne:{sender}"
    before = slot_values(conversation, "walkthrough")[-1]
    count = len(events(conversation))
    r = requests.post(f"{RASA}/webhooks/rest/webhook", timeout=30,
                      json={"sender": conversation, "message": "3 barn",
                            "metadata": {"caseworker": {"id": "anne", "sig": "0" * 64}}})
    assert r.status_code == 400 and "Hvor mange barn" not in r.text
    assert len(events(conversation)) == count
    assert slot_values(conversation, "children_count")[-1:] in ([], [None])
    assert slot_values(conversation, "walkthrough")[-1] == before
    assert "Steg 1 av" in texts(cw_say(sender, "hvorfor"))  # the caseworker goes on where they were
