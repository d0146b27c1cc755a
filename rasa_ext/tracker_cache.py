"""An in-process cache of the latest session's events, for rasa_ext.tracker_store.

Without it, every message reads the whole session back from the database: SQL rows, Fernet
decryption and JSON for every event, about a fifth of the Rasa server's CPU (docs/benchmarks.md).
With it, a message reads one aggregate row per conversation,

    SELECT count(id), max(id), max(timestamp) FROM events WHERE sender_id = :stored_id

and, when that row is the one recorded after the last read or write of this process, rebuilds
the tracker from the event JSON kept here: the same masked JSON that is in the database, so the
tracker is the same as one read from the database (tests/ext/test_tracker_cache.py).

Anything else that changed the conversation's rows (another replica, a deletion, retention, a
restart of this process) changes that row, and the events are read from the database again.
What is kept: at most FV_TRACKER_CACHE conversations (default 1000; 0 turns the cache off), each
for at most FV_TRACKER_CACHE_SECONDS since its last use (default 900: a sweep every
SWEEP_SECONDS drops older ones, also on an idle server); only in this process's memory, never on
disk. «slett samtalen», the delete route and retention drop the conversation at once on the
process that does the deletion; another replica that still holds it (nginx keeps a web
conversation on one replica) never uses it again (its aggregate row changed) and drops it within
FV_TRACKER_CACHE_SECONDS.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any


def configured_size() -> int:
    try:
        return max(0, int(os.environ.get("FV_TRACKER_CACHE") or 1000))
    except ValueError:
        return 1000


def configured_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("FV_TRACKER_CACHE_SECONDS") or 900))
    except ValueError:
        return 900.0


SWEEP_SECONDS = 60.0


@dataclass
class Entry:
    stats: tuple            # (count, max id, max timestamp) of all the conversation's rows
    rows: list[str]         # the latest session's events as stored (masked JSON), in id order
    last_timestamp: float | None = None  # of rows[-1]: to check that a tracker was built from them
    session_start: float | None = None  # timestamp of the latest session_started among the rows
    used: float = field(default_factory=time.monotonic)
    built: Any = None       # weakref to the tracker the last read built from these rows


class TrackerCache:
    """LRU of Entry by stored conversation id; thread-safe (the retention thread drops entries)."""

    def __init__(self, size: int | None = None, seconds: float | None = None) -> None:
        self.size = configured_size() if size is None else size
        self.seconds = configured_seconds() if seconds is None else seconds
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()

    def start_sweeping(self, every: float = SWEEP_SECONDS) -> None:
        """A daemon thread dropping entries unused for longer than `seconds`."""
        if not self.enabled or self._sweeper is not None:
            return

        def loop() -> None:
            while not self._stop.wait(every):
                self.sweep()

        self._sweeper = threading.Thread(target=loop, name="tracker-cache-sweep", daemon=True)
        self._sweeper.start()

    def stop(self) -> None:
        self._stop.set()
        self.clear()

    def sweep(self) -> int:
        """Drop the entries unused for longer than `seconds` (the oldest are first). Returns how many."""
        dropped, now = 0, time.monotonic()
        with self._lock:
            while self._entries:
                key, entry = next(iter(self._entries.items()))
                if now - entry.used <= self.seconds:
                    break
                del self._entries[key]
                dropped += 1
        return dropped

    @property
    def enabled(self) -> bool:
        return self.size > 0

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if time.monotonic() - entry.used > self.seconds:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if not self.enabled:
            return
        entry.used = time.monotonic()
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        self.sweep()

    def pop(self, key: str) -> Entry | None:
        with self._lock:
            return self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries
