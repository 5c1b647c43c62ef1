"""The `live_sessions` table: sessions in progress, with the due time of every remaining cue."""

from __future__ import annotations

import functools
import json
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
    values); `forget` after deleting rows directly."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: RowCache[StoredSession | None] = RowCache()

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
        return None if row is None else _from_row(row)

    async def all(self) -> list[StoredSession]:
        """Every session in progress (to rebuild the cue jobs at start)."""
        return [_from_row(row) for row in await self._db.fetch_all(_SELECT)]

    async def save_progress(self, user_id: int, live: LiveSession) -> bool:
        """Store where a session is (cues sent, due times, pause); False if it has ended."""
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
