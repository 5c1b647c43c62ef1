"""Who sends: any number of bot processes may share one PostgreSQL; exactly one leads.

The leader holds a PostgreSQL session advisory lock on a connection of its own. The server
releases it the moment that connection ends: the leader was killed (kill -9), its host
vanished, or an administrator cut it (pg_terminate_backend). A standby tries for the lock
every `poll_s` and, once it has it, waits `fence_s` before it starts: long enough for a
leader that lost its connection to have noticed and stopped. It then takes the next
leadership epoch (a counter in `leader_epoch`, the fencing token).

The leader watches its lock connection: asyncpg reports a closed connection at once, and
every `heartbeat_s` it reads the epoch back; an answer that does not come within
`answer_s`, or names another epoch, ends the lead (`on_lost`: the process exits, and its
supervisor starts it again, as a standby). Each answer renews a lease of `lease_s` on the
local monotonic clock, counted from when the question was asked; every Bot API call asks
`hold()` first (bot/runtime/fencing.py), which is free while the lease is fresh and asks the
database once when it is not. That is the fence: a leader cut off stops sending when its
lease ends, at most `lease_s` after its last confirmed moment, even if the process was
paused meanwhile and wakes up late; a standby starts sending no sooner than `fence_s` after
the lock was free, which is longer. A process leads once in its life, so nothing it
remembers (the repositories' write-through memory, PTB's conversation states, the jobs)
outlives a change of leader: a new leader builds all of it from the database.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncpg

logger = logging.getLogger(__name__)

# The lock's two keys (pg_try_advisory_lock(int, int)): "BSTR", 1.
LOCK_KEYS = (0x42535452, 1)
EXIT_LOST_LEADERSHIP = 75  # EX_TEMPFAIL: the supervisor should start us again
_LEADER_NAME = "backstride leader"
_STANDBY_NAME = "backstride standby"
# A leader cut off by the network (no FIN, no RST) keeps its lock until the server notices:
# probing the idle connection every 2 s after 5 s, it gives up after 3 unanswered probes.
_SERVER_KEEPALIVES = {
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
}


_EPOCH_TABLE = (
    "CREATE TABLE IF NOT EXISTS leader_epoch"
    " (id INTEGER PRIMARY KEY CHECK (id = 1), epoch BIGINT NOT NULL)"
)
_NEXT_EPOCH = (
    "INSERT INTO leader_epoch (id, epoch) VALUES (1, 1)"
    " ON CONFLICT (id) DO UPDATE SET epoch = leader_epoch.epoch + 1 RETURNING epoch"
)
_EPOCH = "SELECT epoch FROM leader_epoch WHERE id = 1"


@dataclass(frozen=True, slots=True)
class Timing:
    """How often a standby asks, how long it waits once it has the lock, how often the
    leader confirms its epoch, how long an answer may take and how long one lasts
    (heartbeat_s + answer_s <= lease_s < fence_s)."""

    poll_s: float = 0.5
    fence_s: float = 2.5
    heartbeat_s: float = 0.5
    answer_s: float = 1.0
    lease_s: float = 1.5

    def __post_init__(self) -> None:
        if not self.heartbeat_s + self.answer_s <= self.lease_s < self.fence_s:
            raise ValueError(f"a lease must outlast a heartbeat and end before the fence: {self}")


def identity() -> str:
    """This process as health reports it: host and pid."""
    return f"{socket.gethostname()} {os.getpid()}"


def _exit_now() -> None:
    logger.critical("lost the database connection that holds the lead: stopping at once")
    logging.shutdown()
    os._exit(EXIT_LOST_LEADERSHIP)


class Leadership:
    """One process's place in the election."""

    def __init__(
        self, url: str, timing: Timing = Timing(), on_lost: Callable[[], None] = _exit_now
    ) -> None:
        self._url = url
        self._timing = timing
        self._on_lost = on_lost
        self._connection: Any = None
        self._watch: asyncio.Task[None] | None = None
        self._asking = asyncio.Lock()  # one question at a time on the lock's connection
        self._confirmed_at = -math.inf  # monotonic: when the last confirmed question was asked
        self.epoch: int | None = None
        self.is_leader = False

    async def acquire(self) -> None:
        """Wait until this process leads (a standby until then), then start watching."""
        announced = False
        while not await self._take_lead():
            if not announced:
                logger.info("standby: another process leads; waiting to take over")
                announced = True
            await asyncio.sleep(self._timing.poll_s)
        self.is_leader = True
        self._connection.add_termination_listener(lambda _connection: self._lost())
        self._watch = asyncio.create_task(self._heartbeat())
        logger.info(
            "leader: this process now polls, runs the jobs and sends (epoch %d)", self.epoch
        )

    async def _take_lead(self) -> bool:
        """One try: the lock, the fence wait, and the lock's connection still there after."""
        try:
            if self._connection is None or self._connection.is_closed():
                self._connection = await asyncpg.connect(
                    self._url,
                    server_settings={
                        "application_name": f"{_STANDBY_NAME} {identity()}",
                        **_SERVER_KEEPALIVES,
                    },
                )
            if not await self._connection.fetchval(
                "SELECT pg_try_advisory_lock($1, $2)", *LOCK_KEYS
            ):
                return False
            await asyncio.sleep(self._timing.fence_s)
            await self._connection.execute(
                "SELECT set_config('application_name', $1, false)", f"{_LEADER_NAME} {identity()}"
            )
            asked = time.monotonic()
            await self._connection.execute(_EPOCH_TABLE)
            self.epoch = await self._connection.fetchval(_NEXT_EPOCH)
            self._confirmed_at = asked
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            logger.warning("standby: cannot reach the database (%s); trying again", error)
            await self._drop_connection()
            return False
        return True

    async def release(self) -> None:
        """Stop leading cleanly (a stop signal): another process may take over at once."""
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        self.is_leader = False
        await self._drop_connection()

    async def hold(self) -> bool:
        """True if this process leads and may send now: its lease is fresh, or the
        database confirms its epoch now. False once it no longer leads (`on_lost` ran)."""
        if self.is_leader and not self._fresh():
            await self._confirm(always=False)
        return self.is_leader

    def _fresh(self) -> bool:
        return time.monotonic() - self._confirmed_at < self._timing.lease_s

    async def _heartbeat(self) -> None:
        while self.is_leader:
            await asyncio.sleep(self._timing.heartbeat_s)
            await self._confirm(always=True)

    async def _confirm(self, *, always: bool) -> None:
        """Ask the database for the epoch over the lock's connection: the lead holds if the
        answer comes within answer_s and is ours (the lease then runs from the asking)."""
        async with self._asking:
            if not self.is_leader or (not always and self._fresh()):
                return  # lost, or confirmed by the question we waited for
            asked = time.monotonic()
            try:
                epoch = await asyncio.wait_for(
                    self._connection.fetchval(_EPOCH), timeout=self._timing.answer_s
                )
            except Exception:  # any failure to answer in time: the lead can no longer be trusted
                epoch = None
            if epoch is None or epoch != self.epoch:
                self._lost()
                return
            self._confirmed_at = asked

    def _lost(self) -> None:
        if self.is_leader:
            self.is_leader = False
            self._on_lost()

    async def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            connection.terminate()


async def current_leader(connection: Any) -> str | None:
    """The leader's host and pid, from the lock holder's connection; None if nobody leads."""
    name: str | None = await connection.fetchval(
        "SELECT a.application_name FROM pg_locks AS l JOIN pg_stat_activity AS a USING (pid)"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2"
        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        *LOCK_KEYS,
    )
    if name is None:
        return None
    return name.removeprefix(_LEADER_NAME).removeprefix(_STANDBY_NAME).strip() or None
