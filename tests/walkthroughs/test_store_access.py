"""Stored summaries (SQLite and PostgreSQL), retention, deletion, the access log; caseworker
tokens (hashed) and the channel's signed mark."""
from __future__ import annotations

import os
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from actions.walkthroughs import access, store
from rasa_ext.crypto import stored_id
from tests.conftest import require

from .tokens import ANNE, BJORN

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_available() -> bool:
    try:
        with create_engine(PG_URL, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(text("select 1"))
        return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    require(pg_available(), f"PostgreSQL at {PG_URL}")
    return PG_URL


def save(sender, url, cw="anne"):
    store.save(sender, cw, "for_leave", {"x": 1}, "<p>hei</p>", b"%PDF-1.4 x", b"BEGIN:VCALENDAR", True, url=url)


def test_save_get_delete(url):
    sender = f"cw:anne:{uuid.uuid4().hex}"
    save(sender, url)
    got = store.get(sender, url=url)
    assert got.caseworker_id == "anne" and got.pdf.startswith(b"%PDF") and got.data == {"x": 1}
    assert store.delete_summary(sender, url=url) == 1
    assert store.get(sender, url=url) is None


def test_retention_follows_tracker_retention_days(url, monkeypatch):
    monkeypatch.setenv("TRACKER_RETENTION_DAYS", "2")
    sender = f"cw:anne:{uuid.uuid4().hex}"
    save(sender, url)
    assert store.purge(now=time.time() + 1 * 86400, url=url) == 0
    assert store.get(sender, url=url) is not None
    assert store.purge(now=time.time() + 3 * 86400, url=url) >= 1
    assert store.get(sender, url=url) is None


def test_access_log_has_the_caseworker_and_no_content(url):
    sender = f"cw:bjorn:{uuid.uuid4().hex}"
    store.log_access("bjorn", "summary.pdf", sender, 200, url=url)
    row = next(r for r in store.access_log(url=url) if r["sender_id"] == stored_id(sender))
    assert set(row) == {"at", "caseworker_id", "action", "sender_id", "status"}
    assert row["caseworker_id"] == "bjorn" and row["action"] == "summary.pdf" and row["status"] == 200


def test_tokens_are_configured_as_hashes_and_checked():
    env = {"CASEWORKER_TOKENS": f"anne:{access.hash_token(ANNE)},bjorn:{access.hash_token(BJORN)}"}
    tokens = access.configured(env)
    assert ANNE not in env["CASEWORKER_TOKENS"]
    assert access.caseworker_for(ANNE, tokens) == "anne" and access.caseworker_for(BJORN, tokens) == "bjorn"
    assert access.caseworker_for("anne", tokens) is None and access.caseworker_for(None, tokens) is None
    assert access.bearer("Bearer abc") == "abc" and access.bearer("Basic abc") is None
    with pytest.raises(access.TokenConfigError):
        access.configured({"CASEWORKER_TOKENS": "anne:plaintext-token"})


def test_the_mark_cannot_be_forged_or_moved():
    env = {"CASEWORKER_TOKENS": f"anne:{access.hash_token(ANNE)}"}
    conv = access.conversation_id("anne", "x1")
    good = {"caseworker": access.mark("anne", conv, env)}
    assert access.marked_caseworker(good, conv, env) == "anne"
    assert access.marked_caseworker(good, access.conversation_id("anne", "x2"), env) is None  # moved
    assert access.marked_caseworker({"caseworker": {"id": "anne", "sig": "0" * 64}}, conv, env) is None
    assert access.marked_caseworker(good, "x1", env) is None  # a citizen's id
    assert access.marked_caseworker(good, conv, {}) is None  # the mode is off


def test_the_conversation_id_and_the_content_are_not_stored_in_clear(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    sender = f"cw:anne:{uuid.uuid4().hex}"
    store.save(sender, "anne", "care_days", {"situation": [["Sykdom", "Ja"]]}, "<p>Sykdom: Ja</p>",
               b"%PDF-1.4 Sykdom", b"BEGIN:VCALENDAR Sykdom", True, url=url)
    store.log_access("anne", "summary.pdf", sender, 200, url=url)
    raw = (tmp_path / "tracker.db").read_bytes()
    assert sender.encode() not in raw and b"Sykdom" not in raw
    assert store.get(sender, url=url).html == "<p>Sykdom: Ja</p>"
