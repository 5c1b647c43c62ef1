"""The `live_sessions` table: sessions in progress, with the due time of every remaining cue."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

from bot.domain.live_session import LiveSession
from bot.domain.profile import Place
from bot.domain.programme import SessionTemplate, StepKind, TimelineStep
from bot.storage.database import Database, IntegrityError, Row
from bot.storage.row_cache import RowCache

_SELECT = (
    "SELECT user_id, chat_id, day, place, template, downgraded, steps, due, next_index,"
    " paused_at, scale FROM live_sessions"
)
_INSERT = """
    INSERT INTO live_sessions (user_id, chat_id, day, place, template, downgraded, steps, due,
        next_index, paused_at, scale, started_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
logger = logging.getLogger(__name__)

PROGRESS_BATCH_SECONDS = 0.05  # how long a sent cue's progress may wait for others'
_UPDATE_PROGRESS = (
    "UPDATE live_sessions SET due = ?, next_index = ?, paused_at = ? WHERE user_id = ?"
)


@dataclass(frozen=True, slots=True)
class StoredSession:
    """A live session with what logging needs afterwards: the day, the place, the plan."""

    user_id: int
    chat_id: int
    day: date
    place: Place
    template: SessionTemplate
    downgraded: bool
    live: LiveSession


class LiveSessions:
    """Repository of sessions in progress (at most one per runner). Every cue reads and
    writes its runner's session, so sessions are also kept in memory (`RowCache`, immutable
    values); `forget` after deleting rows directly.

    A sent cue's progress is stored a moment later, with every other cue sent meanwhile,
    in one transaction (`save_progress_soon`): one commit for many cues, not one each.
    Any other change of a session (`save_progress`, `end`) is written at once, after the
    batch that holds that session, if one is being written, and instead of any unwritten
    progress of it: the newest state always wins.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: RowCache[StoredSession | None] = RowCache()
        self._unsaved: dict[int, LiveSession] = {}  # progress not yet written, by runner
        self._batch: asyncio.Task[None] | None = None  # will write `_unsaved`
        self._writing: asyncio.Task[None] | None = None  # is writing these runners' progress
        self._writing_progress: dict[int, LiveSession] = {}

    async def start(self, session: StoredSession, now: datetime) -> bool:
        """Store a new session; False (and nothing stored) if the runner already has one."""
        live = session.live
        self._cache.forget(session.user_id)
        try:
            await self._db.execute(
                _INSERT,
                (
                    session.user_id,
                    session.chat_id,
                    session.day.isoformat(),
                    session.place.value,
                    template_json(session.template),
                    int(session.downgraded),
                    _steps_json(live.steps),
                    json.dumps(live.due),
                    live.next_index,
                    live.paused_at,
                    live.scale,
                    now.isoformat(),
                ),
            )
        except IntegrityError:
            return False
        self._cache.stored(session.user_id, session)
        return True

    async def get(self, user_id: int) -> StoredSession | None:
        """The runner's session in progress, or None."""
        return await self._cache.read(user_id, lambda: self._load(user_id))

    def forget(self, user_id: int) -> None:
        """The runner's rows were deleted or changed behind this repository's back."""
        self._cache.forget(user_id)

    async def _load(self, user_id: int) -> StoredSession | None:
        row = await self._db.fetch_one(_SELECT + " WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        stored = _from_row(row)
        newer = self._unsaved.get(user_id, self._writing_progress.get(user_id))
        return stored if newer is None else replace(stored, live=newer)

    async def all(self) -> list[StoredSession]:
        """Every session in progress (to rebuild the cue jobs at start)."""
        return [_from_row(row) for row in await self._db.fetch_all(_SELECT)]

    def save_progress_soon(self, user_id: int, live: LiveSession) -> None:
        """Where a session is after a cue went out, written within `PROGRESS_BATCH_SECONDS`
        with other cues' progress (a crash before that repeats the cue once after a
        restart, as a crash between sending and storing always could). Read meanwhile, the
        session is this one; if it ended meanwhile (a blocked bot), nothing is kept."""
        known = self._cache.known(user_id)
        if known is not None:
            self._cache.stored(user_id, replace(known, live=live))
        elif user_id in self._cache:
            return  # remembered as ended
        self._unsaved[user_id] = live
        if self._batch is None:
            # A context of its own: the batch rides along with no update's unit of work.
            self._batch = asyncio.get_running_loop().create_task(
                self._write_batch(), context=contextvars.Context()
            )

    async def write_unsaved(self) -> None:
        """Store any progress still waiting for its batch (before the database closes)."""
        for batch in (self._batch, self._writing):
            if batch is not None:
                await asyncio.wait({batch})

    async def _write_batch(self) -> None:
        await asyncio.sleep(PROGRESS_BATCH_SECONDS)
        try:
            await self._write_unsaved_now()
        except Exception:  # its cues went out; after a restart they are sent once more
            logger.exception("could not store live sessions' progress")

    async def _write_unsaved_now(self) -> None:
        async with self._db.transaction() as tx:
            # Taken inside the transaction: a write that began before it has already
            # dropped its runner from the batch, and any write after waits for it.
            batch, self._unsaved = self._unsaved, {}
            self._writing, self._writing_progress = self._batch, batch
            self._batch = None
            try:
                await tx.execute_many(
                    _UPDATE_PROGRESS,
                    [
                        (json.dumps(live.due), live.next_index, live.paused_at, user_id)
                        for user_id, live in batch.items()
                    ],
                )
            finally:
                self._writing, self._writing_progress = None, {}

    async def _after_batch_of(self, user_id: int) -> None:
        """Drop the runner's unwritten progress (the caller writes newer), and wait for the
        batch being written if it holds theirs, so the newer write lands after it."""
        self._unsaved.pop(user_id, None)
        if self._writing is not None and user_id in self._writing_progress:
            await asyncio.wait({self._writing})

    async def save_progress(self, user_id: int, live: LiveSession) -> bool:
        """Store where a session is (cues sent, due times, pause); False if it has ended."""
        await self._after_batch_of(user_id)
        known = self._cache.known(user_id)
        self._cache.forget(user_id)
        changed = await self._db.execute(
            _UPDATE_PROGRESS, (json.dumps(live.due), live.next_index, live.paused_at, user_id)
        )
        if not changed:
            self._cache.stored(user_id, None)
        elif known is not None:
            self._cache.stored(user_id, replace(known, live=live))
        return changed > 0

    async def end(self, user_id: int) -> bool:
        """Remove the runner's session; False if there was none."""
        await self._after_batch_of(user_id)
        self._cache.forget(user_id)
        changed = await self._db.execute("DELETE FROM live_sessions WHERE user_id = ?", (user_id,))
        self._cache.stored(user_id, None)
        return changed > 0


def _from_row(row: Row) -> StoredSession:
    live = LiveSession(
        _steps_from_json(row["steps"]),
        tuple(float(moment) for moment in json.loads(row["due"])),
        row["next_index"],
        row["paused_at"],
        row["scale"],
    )
    return StoredSession(
        row["user_id"],
        row["chat_id"],
        date.fromisoformat(row["day"]),
        Place(row["place"]),
        template_from_json(row["template"]),
        bool(row["downgraded"]),
        live,
    )


# Runners on the same plan share their timeline, so each of these conversions is made once
# per distinct timeline or template, not once per runner and cue.


@functools.lru_cache(maxsize=256)
def template_json(template: SessionTemplate) -> str:
    """A session template as stored (JSON)."""
    return json.dumps(asdict(template))


@functools.lru_cache(maxsize=256)
def template_from_json(text: str) -> SessionTemplate:
    """A session template stored as JSON by this module."""
    fields: dict[str, Any] = json.loads(text)
    fields["bout"] = StepKind(fields["bout"])
    fields["recovery"] = StepKind(fields["recovery"])
    return SessionTemplate(**fields)


@functools.lru_cache(maxsize=256)
def _steps_json(steps: tuple[TimelineStep, ...]) -> str:
    return json.dumps([asdict(step) for step in steps])


@functools.lru_cache(maxsize=256)
def _steps_from_json(text: str) -> tuple[TimelineStep, ...]:
    return tuple(_step_from(item) for item in json.loads(text))


def _step_from(item: dict[str, Any]) -> TimelineStep:
    return TimelineStep(StepKind(item["kind"]), int(item["seconds"]), item["cue"], item["tip"])
