"""Stored walkthrough summaries and the access log, in the tracker database.

  TRACKER_DB_URL           SQLAlchemy URL (default sqlite:///<repo>/var/tracker.db; PostgreSQL in
                           production), the same database as the conversations
  TRACKER_RETENTION_DAYS   summaries not updated for longer are deleted (default 30), like
                           conversations

Like the tracker store (rasa_ext/crypto.py), the conversation id is stored only as its keyed hash
(FV_TRACKER_ID_KEY) and the summary itself (JSON, HTML, PDF, .ics) only encrypted (FV_TRACKER_KEY,
Fernet); the caseworker id stays readable, it decides who may read. The access log holds who
(caseworker id), what (message, summary.pdf, ...), the hashed conversation id and the HTTP status:
never the content. Commands:

  .venv/bin/python -m actions.walkthroughs.store delete <conversation id>   # one summary
  .venv/bin/python -m actions.walkthroughs.store purge                      # apply retention now
  .venv/bin/python -m actions.walkthroughs.store list                       # hashed ids and dates only
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from sqlalchemy import Column, Float, Integer, LargeBinary, String, Text, delete, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, declarative_base

from rasa_ext import crypto

REPO = Path(__file__).resolve().parents[2]
Base = declarative_base()


class StoredSummary(Base):
    __tablename__ = "caseworker_summaries"
    sender_id = Column(String(255), primary_key=True)  # crypto.stored_id: a keyed hash, not the id
    caseworker_id = Column(String(64), nullable=False, index=True)
    script_id = Column(String(64), nullable=False)
    updated_at = Column(Float, nullable=False, index=True)
    complete = Column(Integer, nullable=False, default=0)  # 1 when the walkthrough was finished
    summary_json = Column(Text, nullable=False)
    html = Column(Text, nullable=False)
    pdf = Column(LargeBinary, nullable=False)
    ics = Column(LargeBinary, nullable=False)


class AccessLog(Base):
    __tablename__ = "caseworker_access_log"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(Float, nullable=False)
    caseworker_id = Column(String(64), nullable=False, index=True)
    action = Column(String(32), nullable=False)
    sender_id = Column(String(255), nullable=True)
    status = Column(Integer, nullable=False)


@dataclass(frozen=True)
class Summary:
    sender_id: str
    caseworker_id: str
    script_id: str
    updated_at: float
    complete: bool
    data: dict
    html: str
    pdf: bytes
    ics: bytes


_ENGINES: dict[str, Engine] = {}
_LOCK = Lock()


def db_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{REPO / 'var' / 'tracker.db'}"


def engine(url: str | None = None) -> Engine:
    url = url or db_url()
    with _LOCK:
        if url not in _ENGINES:
            resolved = make_url(url)
            if resolved.get_backend_name() == "sqlite" and resolved.database not in (None, "", ":memory:"):
                Path(resolved.database).parent.mkdir(parents=True, exist_ok=True)
            eng = create_engine(resolved, pool_pre_ping=True)
            Base.metadata.create_all(eng)
            _ENGINES[url] = eng
        return _ENGINES[url]


def retention_seconds() -> float:
    return float(os.environ.get("TRACKER_RETENTION_DAYS") or 30) * 86400


def purge(now: float | None = None, url: str | None = None) -> int:
    cutoff = (now or time.time()) - retention_seconds()
    with Session(engine(url)) as session:
        result = session.execute(delete(StoredSummary).where(StoredSummary.updated_at < cutoff))
        session.commit()
        return result.rowcount or 0


def save(sender_id: str, caseworker_id: str, script_id: str, data: dict, html: str, pdf: bytes,
         ics: bytes, complete: bool, url: str | None = None) -> None:
    purge(url=url)
    key = crypto.stored_id(sender_id)
    f = crypto.fernet()
    with Session(engine(url)) as session:
        row = session.get(StoredSummary, key) or StoredSummary(sender_id=key)
        row.caseworker_id, row.script_id, row.updated_at = caseworker_id, script_id, time.time()
        row.complete = 1 if complete else 0
        row.summary_json = crypto.encrypt(json.dumps(data, ensure_ascii=False), f)
        row.html = crypto.encrypt(html, f)
        row.pdf, row.ics = f.encrypt(pdf), f.encrypt(ics)
        session.add(row)
        session.commit()


def get(sender_id: str, url: str | None = None) -> Summary | None:
    purge(url=url)
    with Session(engine(url)) as session:
        row = session.get(StoredSummary, crypto.stored_id(sender_id))
        if row is None:
            return None
        f = crypto.fernet()
        return Summary(sender_id, row.caseworker_id, row.script_id, row.updated_at, bool(row.complete),
                       json.loads(crypto.decrypt(row.summary_json, f)), crypto.decrypt(row.html, f),
                       f.decrypt(bytes(row.pdf)), f.decrypt(bytes(row.ics)))


def delete_summary(sender_id: str, url: str | None = None) -> int:
    with Session(engine(url)) as session:
        result = session.execute(delete(StoredSummary).where(
            StoredSummary.sender_id == crypto.stored_id(sender_id)))
        session.commit()
        return result.rowcount or 0


def log_access(caseworker_id: str, action: str, sender_id: str | None, status: int,
               url: str | None = None) -> None:
    with Session(engine(url)) as session:
        session.add(AccessLog(at=time.time(), caseworker_id=caseworker_id, action=action[:32],
                              sender_id=crypto.stored_id(sender_id) if sender_id else None, status=status))
        session.commit()


def access_log(url: str | None = None) -> list[dict]:
    with Session(engine(url)) as session:
        rows = session.execute(select(AccessLog).order_by(AccessLog.id)).scalars().all()
        return [{"at": r.at, "caseworker_id": r.caseworker_id, "action": r.action, "sender_id": r.sender_id,
                 "status": r.status} for r in rows]


def main(argv: list[str]) -> None:
    if argv[:1] == ["delete"] and len(argv) == 2:
        print(f"Deleted {delete_summary(argv[1])} summary.")
    elif argv == ["purge"]:
        print(f"Deleted {purge()} summaries older than {retention_seconds() / 86400:.0f} days.")
    elif argv == ["list"]:
        with Session(engine()) as session:
            for row in session.execute(select(StoredSummary.sender_id, StoredSummary.script_id,
                                              StoredSummary.updated_at)):
                print(f"{row[0]}\t{row[1]}\t{time.strftime('%Y-%m-%d %H:%M', time.gmtime(row[2]))}")
    else:
        sys.exit("usage: python -m actions.walkthroughs.store delete <conversation id> | purge | list")


if __name__ == "__main__":
    main(sys.argv[1:])
