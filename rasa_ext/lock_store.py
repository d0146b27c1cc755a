"""A race-free ticket lock on Redis, so any replica can serve any message of any conversation.

Rasa OSS's RedisLockStore reads the lock (a JSON list of tickets), adds a ticket in Python and
writes it back: two replicas taking a message of the same conversation at the same moment can
both read the same list and one ticket is lost, so both process the conversation at once and
events go missing or interleave (RasaHQ/rasa#9213). Here every step is one atomic Redis call
(Lua scripts run atomically):

  issue      INCR <key>:seq gives the ticket number; ZADD <key>:tickets <ticket> with the time
             its lease ends (a hash of ticket -> lease end) -- in one script
  acquire    drop tickets whose lease has ended; the lowest ticket left is served
  heartbeat  while a message is processed its lease is renewed, so a short lease (LOCK_LEASE_S,
             default 10 s) frees a conversation soon after its replica was killed, yet a slow
             message never loses its lock
  release    remove the ticket; when none is left delete both keys -- in one script

Configured in endpoints.prod.yml (type rasa_ext.lock_store.AtomicRedisLockStore); environment:
REDIS_HOST, REDIS_PORT, REDIS_DB (default 1), LOCK_LEASE_S, LOCK_POLL_MS (default 10).
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore

logger = logging.getLogger(__name__)

# KEYS[1] = seq key, KEYS[2] = tickets zset (score = ticket), KEYS[3] = leases hash
_ISSUE = """
local t = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], t, t)
redis.call('HSET', KEYS[3], t, ARGV[1])
local ttl = tonumber(ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl) redis.call('PEXPIRE', KEYS[2], ttl) redis.call('PEXPIRE', KEYS[3], ttl)
return t
"""
# ARGV[1] = my ticket, ARGV[2] = now (ms); returns 1 served, 0 wait, -1 my ticket is gone
_ACQUIRE = """
local now = tonumber(ARGV[2])
local leases = redis.call('HGETALL', KEYS[3])
for i = 1, #leases, 2 do
  if tonumber(leases[i + 1]) < now then
    redis.call('ZREM', KEYS[2], leases[i]) redis.call('HDEL', KEYS[3], leases[i])
  end
end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return -1 end
local first = redis.call('ZRANGE', KEYS[2], 0, 0)
if first[1] == ARGV[1] then return 1 end
return 0
"""
# ARGV[1] = ticket, ARGV[2] = new lease end (ms), ARGV[3] = key ttl (ms); 0 if the ticket is gone
_RENEW = """
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl) redis.call('PEXPIRE', KEYS[2], ttl) redis.call('PEXPIRE', KEYS[3], ttl)
return 1
"""
_RELEASE = """
redis.call('ZREM', KEYS[2], ARGV[1]) redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end
return 1
"""


def _now_ms() -> int:
    return int(time.time() * 1000)


class AtomicRedisLockStore(LockStore):
    """Ticket lock per conversation with atomic issue/acquire/release on Redis (see module doc)."""

    def __init__(self, host: str = "localhost", port: int = 6379, db: int = 1,
                 password: str | None = None, key_prefix: str | None = None,
                 lease_s: float | None = None, poll_ms: float | None = None,
                 socket_timeout: float = 10, endpoint_config=None, **_: object) -> None:
        import redis

        if endpoint_config is not None:  # Rasa passes the endpoints.yml section
            kw = endpoint_config.kwargs
            host = endpoint_config.url or host
            port, db = kw.get("port", port), kw.get("db", db)
            password, key_prefix = kw.get("password", password), kw.get("key_prefix", key_prefix)
            lease_s, poll_ms = kw.get("lease_s", lease_s), kw.get("poll_ms", poll_ms)

        self.red = redis.StrictRedis(host=os.environ.get("REDIS_HOST", host),
                                     port=int(os.environ.get("REDIS_PORT", port)),
                                     db=int(os.environ.get("REDIS_DB", db)), password=password,
                                     socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout,
                                     retry_on_timeout=True, health_check_interval=30)
        self.prefix = f"{key_prefix or 'familieveileder'}:tlock:"
        self.lease_ms = int(1000 * float(lease_s or os.environ.get("LOCK_LEASE_S") or 10))
        self.poll_s = float(poll_ms or os.environ.get("LOCK_POLL_MS") or 10) / 1000
        self._issue = self.red.register_script(_ISSUE)
        self._acquire = self.red.register_script(_ACQUIRE)
        self._renew = self.red.register_script(_RENEW)
        self._release = self.red.register_script(_RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> list[str]:
        base = self.prefix + conversation_id
        return [base + ":seq", base + ":tickets", base + ":leases"]

    # -- atomic steps (also used by tests) -------------------------------------------------------
    def issue_ticket(self, conversation_id: str, lock_lifetime: float = 0) -> int:
        try:
            return int(self._issue(keys=self._keys(conversation_id),
                                   args=[_now_ms() + self.lease_ms, 6 * self.lease_ms]))
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def try_acquire(self, conversation_id: str, ticket: int) -> int:
        return int(self._acquire(keys=self._keys(conversation_id), args=[ticket, _now_ms()]))

    def renew(self, conversation_id: str, ticket: int) -> bool:
        return bool(self._renew(keys=self._keys(conversation_id),
                                args=[ticket, _now_ms() + self.lease_ms, 6 * self.lease_ms]))

    def release(self, conversation_id: str, ticket: int) -> None:
        self._release(keys=self._keys(conversation_id), args=[ticket])

    # -- Rasa's interface ----------------------------------------------------------------------
    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = 0,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id)
        heartbeat: asyncio.Task | None = None
        try:
            while True:
                state = self.try_acquire(conversation_id, ticket)
                if state == 1:
                    break
                if state == -1:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                # renew our own waiting ticket too, so a long queue does not expire it
                self.renew(conversation_id, ticket)
                await asyncio.sleep(self.poll_s)
            heartbeat = asyncio.create_task(self._beat(conversation_id, ticket))
            lock = TicketLock(conversation_id)
            yield lock
        finally:
            if heartbeat:
                heartbeat.cancel()
            try:
                self.release(conversation_id, ticket)
            except Exception as e:  # noqa: BLE001 - the lease ends by itself
                logger.warning("Could not release the lock of a conversation: %s", e)

    async def _beat(self, conversation_id: str, ticket: int) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            try:
                self.renew(conversation_id, ticket)
            except Exception as e:  # noqa: BLE001 - retry on the next beat
                logger.warning("Could not renew a conversation lock: %s", e)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        tickets = self.red.zrange(self._keys(conversation_id)[1], 0, -1)
        if not tickets:
            return None
        lock = TicketLock(conversation_id)
        return lock

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(*self._keys(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:  # state lives in Redis, step by step
        pass

    def is_someone_waiting(self, conversation_id: str) -> bool:
        return self.red.zcard(self._keys(conversation_id)[1]) > 0

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self.release(conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self.release(conversation_id, ticket_number)
