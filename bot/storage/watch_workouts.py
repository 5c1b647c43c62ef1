"""The `workout_prefs` and `sent_workouts` tables: a runner's treadmill walking speed, and
the watch workouts sent to them, found again by the name a watch's activity file carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.profile import Place
from bot.domain.programme import SessionTemplate
from bot.storage.database import Database
from bot.storage.live_sessions import template_from_json, template_json

_UPSERT_SPEED = """
    INSERT INTO workout_prefs (user_id, walking_kmh, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET walking_kmh = excluded.walking_kmh,
        updated_at = excluded.updated_at
"""
_UPSERT_SENT = """
    INSERT INTO sent_workouts (user_id, name, session_day, template, place, reverse_seconds,
        total_seconds, sent_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id, name) DO UPDATE SET session_day = excluded.session_day,
        template = excluded.template, place = excluded.place,
        reverse_seconds = excluded.reverse_seconds, total_seconds = excluded.total_seconds,
        sent_at = excluded.sent_at
"""
_SELECT_SENT = """
    SELECT session_day, template, place, reverse_seconds, total_seconds
    FROM sent_workouts WHERE user_id = ? AND name = ?
"""


@dataclass(frozen=True, slots=True)
class SentWorkout:
    """A session sent as a watch workout: which day, what, where, and how long."""

    user_id: int
    name: str
    session_day: date
    template: SessionTemplate
    place: Place
    reverse_seconds: int
    total_seconds: int


class WatchWorkouts:
    """Repository of treadmill walking speeds and sent watch workouts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def walking_kmh(self, user_id: int) -> float | None:
        """The runner's forwards walking speed on a treadmill, if they gave one."""
        row = await self._db.fetch_one(
            "SELECT walking_kmh FROM workout_prefs WHERE user_id = ?", (user_id,)
        )
        return None if row is None or row["walking_kmh"] is None else float(row["walking_kmh"])

    async def set_walking_kmh(self, user_id: int, kmh: float | None, now: datetime) -> None:
        """Store the runner's walking speed (None: no speed targets)."""
        await self._db.execute(_UPSERT_SPEED, (user_id, kmh, now.isoformat()))

    async def record_sent(self, workout: SentWorkout, now: datetime) -> None:
        """Remember a workout sent; sending the same name again (a changed plan) replaces it."""
        await self._db.execute(
            _UPSERT_SENT,
            (
                workout.user_id,
                workout.name,
                workout.session_day.isoformat(),
                template_json(workout.template),
                workout.place.value,
                workout.reverse_seconds,
                workout.total_seconds,
                now.isoformat(),
            ),
        )

    async def sent(self, user_id: int, name: str) -> SentWorkout | None:
        """The workout sent to this runner under this name, if any."""
        row = await self._db.fetch_one(_SELECT_SENT, (user_id, name))
        if row is None:
            return None
        return SentWorkout(
            user_id,
            name,
            date.fromisoformat(row["session_day"]),
            template_from_json(row["template"]),
            Place(row["place"]),
            row["reverse_seconds"],
            row["total_seconds"],
        )
