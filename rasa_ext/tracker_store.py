"""SQL tracker store with privacy: encryption at rest, masking, deletion, retention by session.

What reaches the database (SQLite or PostgreSQL), per event row:
  sender_id  -- not the conversation id (a phone number for SMS) but a keyed hash of it
      ("p1:" + HMAC-SHA256, rasa_ext.crypto.stored_id);
  type_name ("user", "bot", "slot", "session_started", ...), timestamp  -- in clear, needed to
      find a conversation's sessions and what is old;
  intent_name, action_name  -- always empty (an action or slot name can tell what was answered);
  data  -- the event as JSON, user text masked first (rasa_ext.masking), then encrypted with
      Fernet ("fv1:" + token; key from FV_TRACKER_KEY or var/tracker.key, see rasa_ext.crypto).
So the raw database holds no user text, slot value, bot restatement or conversation id in clear
(`keys()` lists the stored ids, not the clear ones).

Reading: the latest session's events are also kept in this process's memory (rasa_ext.tracker_cache,
the same masked JSON) and reused while one aggregate row shows the conversation's rows unchanged.

Deletion: "slett samtalen" (action_delete_conversation, or the understood intent alone when the
policy could not run that action) and the DELETE route remove every row of the conversation; "start på nytt" (Rasa's Restarted event) removes every row from before the
restart. A deleted conversation is not streamed to an event broker.

Retention, configured by environment:
  TRACKER_DB_URL                      SQLAlchemy URL; default sqlite:///<repo>/var/tracker.db
  TRACKER_RETENTION_DAYS              sessions whose last event is older are deleted (default 30)
  TRACKER_RETENTION_INTERVAL_SECONDS  how often a background thread checks (default 3600; also
                                      once at start), so it runs on an idle server too; 0 = only
                                      at start
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Iterable, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Restarted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete, func, insert, select, text, update

from . import crypto
from .crypto import load_row  # noqa: F401 - for tools and tests
from .masking import mask_event
from .tracker_cache import Entry, TrackerCache

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
DELETE_ACTION = "action_delete_conversation"
_CHUNK = 500


DELETE_INTENT = "delete_conversation"


def _asks_to_delete(event: Any) -> bool:
    """«slett samtalen» understood: the conversation is deleted even when the policy could not run
    the delete action (an active form whose action server is down predicts the form instead)."""
    if not isinstance(event, UserUttered):
        return False
    intent = event.intent or {}
    return intent.get("name") == DELETE_INTENT and float(intent.get("confidence") or 0) >= 0.5


def default_db_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{REPO / 'var' / 'tracker.db'}"


def configured_retention_days() -> float:
    """TRACKER_RETENTION_DAYS (default 30): the one place the setting is read, by the store and by
    the privacy texts (rasa_ext.nlg fills {retention_days_text} from it, so the words stay true)."""
    raw = os.environ.get("TRACKER_RETENTION_DAYS") or "30"
    try:
        days = float(raw)
    except ValueError:
        days = 30.0
    return days if days > 0 else 30.0


def configured_backup_days() -> float | None:
    """TRACKER_BACKUP_DAYS: how long database backups (deploy/systemd/familieveileder-pg-backup.*)
    keep a conversation that was deleted or expired here. Unset or 0: no backups are taken (the
    embedded default), and the privacy texts say nothing about them."""
    raw = os.environ.get("TRACKER_BACKUP_DAYS") or ""
    try:
        days = float(raw)
    except ValueError:
        return None
    return days if days > 0 else None


class PrivacySQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, host: Optional[str] = None, event_broker=None,
                 retention_days: Optional[float] = None, retention_interval: Optional[float] = None,
                 **kwargs: Any) -> None:
        url = default_db_url()
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        kwargs.pop("dialect", None)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        self._fernet = crypto.fernet()
        self._id_key = crypto.id_key()
        self._cache = TrackerCache()
        self._cache.start_sweeping()
        self._stats_sql: Optional[str] = None
        self.retention_seconds = float(retention_days or configured_retention_days()) * 86400
        if retention_interval is None:
            retention_interval = float(os.environ.get("TRACKER_RETENTION_INTERVAL_SECONDS") or 3600)
        with self.engine.begin() as conn:  # retention looks events up by time
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS fv_events_timestamp "
                              f"ON {self.SQLEvent.__tablename__} (timestamp)"))
        self.encrypt_legacy_rows()
        self.pseudonymise_legacy_ids()
        self.purge_expired()
        self._stop = threading.Event()
        if retention_interval > 0:
            threading.Thread(target=self._retention_loop, args=(retention_interval,),
                             name="tracker-retention", daemon=True).start()

    # -- rows ---------------------------------------------------------------------------------
    def stored_id(self, sender_id: str) -> str:
        return crypto.stored_id(sender_id, self._id_key)

    def _event_query(self, session, sender_id: str, fetch_events_from_all_sessions: bool):
        # Rasa's own query (latest session or all), by the stored id; used by retrieve and save
        return super()._event_query(session, self.stored_id(sender_id), fetch_events_from_all_sessions)

    def _row_and_text(self, stored_id: str, event) -> tuple[dict, str]:
        """The row to insert (masked, encrypted) and the masked JSON it encrypts."""
        data = mask_event(event.as_dict())
        stored = json.dumps(data)
        return {"sender_id": stored_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
                "intent_name": None, "action_name": None, "data": crypto.encrypt(stored, self._fernet)}, stored

    def _load(self, raw: str) -> dict:
        return json.loads(crypto.decrypt(raw, self._fernet))

    def _stats_columns(self) -> list:
        E = self.SQLEvent
        return [func.count(E.id), func.max(E.id), func.max(E.timestamp)]

    def _stats(self, session, stored: str) -> tuple:
        """(count, max id, max timestamp) of all the conversation's rows: one aggregate row, sent as
        plain SQL (this runs on every message; building the expression cost more than the query)."""
        if self._stats_sql is None:
            mark = "?" if self.engine.dialect.paramstyle == "qmark" else "%s"
            self._stats_sql = (f"SELECT count(id), max(id), max(timestamp) FROM {self.SQLEvent.__tablename__} "
                               f"WHERE sender_id = {mark}")
        cursor = session.connection().connection.cursor()  # the driver's own cursor: no SQLAlchemy layers
        try:
            cursor.execute(self._stats_sql, (stored,))
            return tuple(cursor.fetchone())
        finally:
            cursor.close()

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool
                        ) -> Optional[DialogueStateTracker]:
        stored = self.stored_id(sender_id)
        cached = self._cache.enabled and not fetch_events_from_all_sessions
        with self.session_scope() as session:
            entry = self._cache.get(stored) if cached else None
            if entry is not None and self._stats(session, stored) == entry.stats:
                self._cache.hits += 1
                events = [json.loads(t) for t in entry.rows]
                if self.domain:
                    tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
                    entry.built = weakref.ref(tracker)  # its save needs no second check
                    return tracker
            else:
                if entry is not None:
                    self._cache.pop(stored)
                if cached and self._stats(session, stored)[0] == 0:
                    return None  # a new conversation: the cheap aggregate row says so
                query = self._event_query(session, sender_id,
                                          fetch_events_from_all_sessions=fetch_events_from_all_sessions)
                if cached:  # the rows and their aggregate in one statement: one snapshot
                    E = self.SQLEvent
                    query = query.add_columns(*(select(c).where(E.sender_id == stored).scalar_subquery()
                                                for c in self._stats_columns()))
                results = query.all()
                try:
                    texts = [crypto.decrypt((r[0] if cached else r).data, self._fernet) for r in results]
                except crypto.InvalidToken:
                    logger.error("Stored events cannot be decrypted: FV_TRACKER_KEY (or var/tracker.key) "
                                 "does not hold the key they were written with")
                    raise
                events = [json.loads(t) for t in texts]
                if cached and results:
                    self._cache.misses += 1
                    starts = [e.get("timestamp") for e in events if e.get("event") == SessionStarted.type_name]
                    self._cache.put(stored, Entry(tuple(results[0][1:]), texts, events[-1].get("timestamp"),
                                                  session_start=max(starts) if starts else None))
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    # -- saving -------------------------------------------------------------------------------
    def _known_count(self, session, stored: str, entry: Optional[Entry],
                     tracker: DialogueStateTracker) -> Optional[int]:
        """How many of the tracker's events are stored, when it was built from the cached rows and
        the rows are still those (else None: Rasa's count query decides). A tracker the last
        read built from the entry was checked by that read (under the conversation's lock)."""
        if entry is None:
            return None
        n = len(entry.rows)
        if len(tracker.events) < n or (n and tracker.events[n - 1].timestamp != entry.last_timestamp):
            return None
        if entry.built is not None and entry.built() is tracker:
            return n
        return n if self._stats(session, stored) == entry.stats else None

    async def save(self, tracker: DialogueStateTracker) -> None:
        stored_id = self.stored_id(tracker.sender_id)
        entry = self._cache.pop(stored_id)  # put back below only when the write is known exactly
        with self.session_scope() as session:
            known = self._known_count(session, stored_id, entry, tracker)
            prior = entry
            if known is None:  # no rows at all (the cheap aggregate row), or Rasa's count of the latest session
                known = 0 if self._stats(session, stored_id)[0] == 0 else \
                    self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
                prior = Entry((0, None, None), []) if known == 0 else None  # 0: no rows at all
            new_events = list(itertools.islice(tracker.events, known, None))
            stored = self.SQLEvent.sender_id == stored_id
            if any(isinstance(e, ActionExecuted) and e.action_name == DELETE_ACTION for e in new_events) \
                    or any(_asks_to_delete(e) for e in new_events):
                result = session.execute(delete(self.SQLEvent).where(stored))
                session.commit()
                logger.info("Deleted a conversation on the user's request (%d events)", result.rowcount or 0)
                return
            restarts = [i for i, e in enumerate(new_events) if isinstance(e, Restarted)]
            if restarts:  # "start på nytt": nothing from before the restart is kept
                result = session.execute(delete(self.SQLEvent).where(stored))
                new_events = new_events[restarts[-1] + 1:]
                if all(isinstance(e, ActionExecuted) and e.action_name == ACTION_LISTEN_NAME for e in new_events):
                    new_events = []  # the next message starts a fresh conversation
                logger.info("Restart: deleted the conversation's earlier events (%d)", result.rowcount or 0)
            rows = [self._row_and_text(stored_id, e) for e in new_events]
            if rows:  # one multi-row INSERT (the ORM's unit of work cost more than the write)
                session.execute(insert(self.SQLEvent.__table__), [row for row, _ in rows])
            session.commit()
            if prior is not None and not restarts:
                self._cache_after_save(stored_id, prior, [(r["timestamp"], r["type_name"], t) for r, t in rows],
                                       self._stats(session, stored_id))
        await self.stream_events(tracker)  # after the check: a deleted conversation is not streamed

    def _cache_after_save(self, stored_id: str, prior: Entry, written: list[tuple], stats: tuple) -> None:
        """Cache the latest session as the database now holds it: the prior rows plus the
        (timestamp, type, JSON) just written, cut where Rasa's read cuts (from the latest
        session_started on). `stats` is the aggregate row read after the write; if anything else
        wrote meanwhile, its count tells, and the next read goes to the database."""
        stamps = [ts for ts, _, _ in written]
        if any(ts is None for ts in stamps) or stats[0] != prior.stats[0] + len(written):
            return
        max_ts = prior.stats[2]
        starts = [ts for ts, kind, _ in written if kind == SessionStarted.type_name]
        if starts:  # a new session: only its rows are read back (timestamp >= its start)
            start = max(starts)
            if max_ts is not None and max_ts >= start:
                return  # an older row would fall into the new session: let the database say
            kept = [(ts, t) for ts, _, t in written if ts >= start]
            texts = [t for _, t in kept]
        else:
            start = prior.session_start
            if start is not None and any(ts < start for ts in stamps):
                return
            kept = [(ts, t) for ts, _, t in written]
            texts = prior.rows + [t for _, t in kept]
        if not texts:
            return
        last = kept[-1][0] if kept else prior.last_timestamp
        self._cache.put(stored_id, Entry(stats, texts, last, session_start=start))

    # -- deletion and retention ---------------------------------------------------------------
    def delete_conversation(self, sender_id: str) -> int:
        self._cache.pop(self.stored_id(sender_id))
        with self.session_scope() as session:
            result = session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id == self.stored_id(sender_id)))
            session.commit()
            return result.rowcount or 0

    def purge_expired(self, now: Optional[float] = None) -> int:
        """Delete every session whose last event is older than the retention period.

        A session runs from one `session_started` event to the next; a conversation whose last
        session is old goes completely. Returns the number of events deleted."""
        cutoff = (now or time.time()) - self.retention_seconds
        E = self.SQLEvent
        doomed: list[int] = []
        with self.session_scope() as session:
            senders = [s for (s,) in session.execute(select(E.sender_id).where(E.timestamp < cutoff).distinct())]
            for sender in senders:
                self._cache.pop(sender)
                rows = session.execute(select(E.id, E.type_name, E.timestamp)
                                       .where(E.sender_id == sender).order_by(E.id)).all()
                doomed.extend(_old_session_ids(rows, cutoff))
            for i in range(0, len(doomed), _CHUNK):
                session.execute(delete(E).where(E.id.in_(doomed[i:i + _CHUNK])))
            session.commit()
        if doomed:
            logger.info("Retention: deleted %d events of sessions older than %.0f days",
                        len(doomed), self.retention_seconds / 86400)
        return len(doomed)

    def _retention_loop(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.purge_expired()
            except Exception:  # noqa: BLE001 - a database hiccup must not end the timer
                logger.exception("Retention run failed; trying again in %.0f s", interval)

    def close(self) -> None:
        """Stop the retention timer and the database pool."""
        self._stop.set()
        self._cache.stop()
        self.engine.dispose()

    # -- encryption maintenance ---------------------------------------------------------------
    def _rewrite(self, only_legacy: bool) -> int:
        self._cache.clear()
        E, done, last_id = self.SQLEvent, 0, -1
        while True:
            with self.session_scope() as session:
                query = select(E.id, E.data).where(E.id > last_id).order_by(E.id).limit(_CHUNK)
                if only_legacy:
                    query = query.where(E.data.notlike(f"{crypto.PREFIX}%"))
                rows = session.execute(query).all()
                if not rows:
                    return done
                for row_id, raw in rows:
                    if raw and not raw.startswith(crypto.PREFIX):
                        data = crypto.encrypt(json.dumps(mask_event(json.loads(raw))), self._fernet)
                    elif raw:
                        data = crypto.PREFIX + self._fernet.rotate(raw[len(crypto.PREFIX):].encode()).decode()
                    else:
                        continue
                    session.execute(update(E).where(E.id == row_id)
                                    .values(data=data, intent_name=None, action_name=None))
                    done += 1
                session.commit()
                last_id = rows[-1][0]

    def encrypt_legacy_rows(self) -> int:
        """Encrypt rows written in clear by an older version (once, at start)."""
        done = self._rewrite(only_legacy=True)
        if done:
            logger.info("Encrypted %d tracker events stored in clear by an older version", done)
        return done

    def pseudonymise_legacy_ids(self) -> int:
        """Replace conversation ids stored in clear by an older version with their stored id."""
        E = self.SQLEvent
        with self.session_scope() as session:
            clear = [s for (s,) in session.execute(
                select(E.sender_id).where(E.sender_id.notlike(f"{crypto.ID_PREFIX}%")).distinct())]
            for sender in clear:
                session.execute(update(E).where(E.sender_id == sender).values(sender_id=self.stored_id(sender)))
            session.commit()
        if clear:
            logger.info("Replaced %d conversation ids stored in clear by an older version", len(clear))
        return len(clear)

    def reencrypt(self) -> int:
        """Re-encrypt every row with the first key (after a key rotation)."""
        return self._rewrite(only_legacy=False)


def _old_session_ids(rows: Iterable, cutoff: float) -> list[int]:
    """Ids of the events in sessions whose last event is older than cutoff.

    A session starts with Rasa's ActionExecuted(action_session_start), the "action" row just
    before a `session_started` row."""
    rows = list(rows)
    starts = [0] + [i - 1 if i and rows[i - 1][1] == ActionExecuted.type_name else i
                    for i, row in enumerate(rows) if row[1] == SessionStarted.type_name] + [len(rows)]
    ids: list[int] = []
    for begin, end in zip(starts, starts[1:]):
        session = rows[begin:end]
        if session and max(ts or 0.0 for _, _, ts in session) < cutoff:
            ids.extend(row_id for row_id, _, _ in session)
    return ids


def reencrypt_all() -> int:
    """`python -m rasa_ext.crypto reencrypt`: the store of TRACKER_DB_URL, every row re-encrypted."""
    store = PrivacySQLTrackerStore(domain=None, retention_interval=0)
    try:
        return store.reencrypt()
    finally:
        store.close()
