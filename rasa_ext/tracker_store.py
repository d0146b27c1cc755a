"""SQL tracker store with privacy: masking, deletion on request, retention.

Configured by environment variables, so switching SQLite -> PostgreSQL needs no file edits:
  TRACKER_DB_URL            SQLAlchemy URL; default sqlite:///<repo>/var/tracker.db
                            e.g. postgresql://postgres@127.0.0.1:5432/test
  TRACKER_RETENTION_DAYS    conversations idle longer than this are deleted at start and
                            every hour (default 30)
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import delete, func, select

from .masking import mask_event

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
DELETE_ACTION = "action_delete_conversation"


def default_db_url() -> str:
    return os.environ.get("TRACKER_DB_URL") or f"sqlite:///{REPO / 'var' / 'tracker.db'}"


class PrivacySQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, host: Optional[str] = None, event_broker=None,
                 retention_days: Optional[int] = None, **kwargs: Any) -> None:
        url = default_db_url()
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        kwargs.pop("dialect", None)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        days = retention_days or os.environ.get("TRACKER_RETENTION_DAYS") or 30
        self.retention_seconds = float(days) * 86400
        self._last_purge = 0.0
        self.purge_expired()

    # -- deletion -----------------------------------------------------------------------------
    def delete_conversation(self, sender_id: str) -> int:
        with self.session_scope() as session:
            result = session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id))
            session.commit()
            return result.rowcount or 0

    def purge_expired(self, now: Optional[float] = None) -> int:
        """Delete every conversation whose latest event is older than the retention period."""
        now = now or time.time()
        cutoff = now - self.retention_seconds
        self._last_purge = now
        with self.session_scope() as session:
            stale = (select(self.SQLEvent.sender_id)
                     .group_by(self.SQLEvent.sender_id)
                     .having(func.max(self.SQLEvent.timestamp) < cutoff))
            ids = [row[0] for row in session.execute(stale)]
            if ids:
                session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id.in_(ids)))
                session.commit()
        if ids:
            logger.info("Retention: deleted %d conversations idle for more than %.0f days",
                        len(ids), self.retention_seconds / 86400)
        return len(ids)

    # -- saving -------------------------------------------------------------------------------
    async def save(self, tracker: DialogueStateTracker) -> None:
        if time.time() - self._last_purge > 3600:
            await asyncio.get_running_loop().run_in_executor(None, self.purge_expired)
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            if any(isinstance(e, ActionExecuted) and e.action_name == DELETE_ACTION for e in new_events):
                result = session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id == tracker.sender_id))
                session.commit()
                logger.info("Deleted a conversation on the user's request (%d events)", result.rowcount or 0)
                return
            for event in new_events:
                data = mask_event(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
        await self.stream_events(tracker)  # after the check: a deleted conversation is not streamed
