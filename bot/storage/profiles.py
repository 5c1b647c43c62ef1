"""The `profiles` and `onboarding_drafts` tables: finished profiles and answers in progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from bot.domain.onboarding import StepId, answers_from_json, answers_to_json
from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Profile, Units
from bot.storage.database import Database, Row
from bot.storage.row_cache import RowCache

_INSERT_PROFILE = """
    INSERT INTO profiles (user_id, age, experience, weekly_km, goals, injuries,
        physio_supervised, places, sessions_per_week, weekdays, session_time, timezone, units,
        parq_yes, medically_cleared, safety_hold, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET age = excluded.age, experience = excluded.experience,
        weekly_km = excluded.weekly_km, goals = excluded.goals, injuries = excluded.injuries,
        physio_supervised = excluded.physio_supervised, places = excluded.places,
        sessions_per_week = excluded.sessions_per_week, weekdays = excluded.weekdays,
        session_time = excluded.session_time, timezone = excluded.timezone,
        units = excluded.units, parq_yes = excluded.parq_yes,
        medically_cleared = excluded.medically_cleared, safety_hold = excluded.safety_hold,
        updated_at = excluded.updated_at
"""
_SELECT_PROFILE = """
    SELECT user_id, age, experience, weekly_km, goals, injuries, physio_supervised, places,
        sessions_per_week, weekdays, session_time, timezone, units, parq_yes, medically_cleared,
        safety_hold
    FROM profiles WHERE user_id = ?
"""


@dataclass(frozen=True, slots=True)
class Draft:
    """Onboarding in progress: the answers so far and the buttons ticked on a multi-choice."""

    answers: dict[StepId, str]
    selection: frozenset[str] = frozenset()


class Profiles:
    """Repository of runners' profiles. Nearly every update reads one, so recently read
    profiles are also kept in memory (`RowCache`); `forget` after deleting rows directly."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: RowCache[Profile | None] = RowCache()

    async def save(self, profile: Profile, now: datetime) -> None:
        """Store a complete profile (replacing the runner's previous one) and drop the draft."""
        self._cache.forget(profile.user_id)
        async with self._db.transaction() as tx:
            await tx.execute(_INSERT_PROFILE, (*_to_row(profile), now.isoformat()))
            await tx.execute("DELETE FROM onboarding_drafts WHERE user_id = ?", (profile.user_id,))
        self._cache.stored(profile.user_id, profile)

    async def get(self, user_id: int) -> Profile | None:
        """The runner's profile, or None before onboarding is finished."""
        return await self._cache.read(user_id, lambda: self._load(user_id))

    def forget(self, user_id: int) -> None:
        """The runner's rows were deleted or changed behind this repository's back."""
        self._cache.forget(user_id)

    async def _load(self, user_id: int) -> Profile | None:
        row = await self._db.fetch_one(_SELECT_PROFILE, (user_id,))
        return None if row is None else _from_row(row)

    async def get_draft(self, user_id: int) -> Draft | None:
        """The answers of an unfinished onboarding (or profile edit), or None."""
        row = await self._db.fetch_one(
            "SELECT answers, selection FROM onboarding_drafts WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None
        return Draft(answers_from_json(row["answers"]), frozenset(json.loads(row["selection"])))

    async def save_draft(self, user_id: int, draft: Draft, now: datetime) -> None:
        """Store the answers so far; called before the next question is sent."""
        await self._db.execute(
            "INSERT INTO onboarding_drafts (user_id, answers, selection, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " answers = excluded.answers, selection = excluded.selection,"
            " updated_at = excluded.updated_at",
            (
                user_id,
                answers_to_json(draft.answers),
                json.dumps(sorted(draft.selection)),
                now.isoformat(),
            ),
        )

    async def discard_draft(self, user_id: int) -> None:
        """Forget an unfinished onboarding (the runner chose to start over)."""
        await self._db.execute("DELETE FROM onboarding_drafts WHERE user_id = ?", (user_id,))


def _sorted_json(values: frozenset[str] | tuple[int, ...]) -> str:
    return json.dumps(sorted(values))


def _to_row(p: Profile) -> tuple[Any, ...]:
    return (
        p.user_id,
        p.age,
        p.experience.value,
        p.weekly_km,
        _sorted_json(p.goals),
        _sorted_json(p.injuries),
        int(p.physio_supervised),
        _sorted_json(p.places),
        p.sessions_per_week,
        _sorted_json(p.weekdays),
        p.session_time.strftime("%H:%M"),
        p.timezone,
        p.units.value,
        _sorted_json(p.parq_yes),
        int(p.medically_cleared),
        int(p.safety_hold),
    )


def _from_row(row: Row) -> Profile:
    return Profile(
        user_id=row["user_id"],
        age=row["age"],
        experience=Experience(row["experience"]),
        weekly_km=row["weekly_km"],
        goals=frozenset(Goal(v) for v in json.loads(row["goals"])),
        injuries=frozenset(Injury(v) for v in json.loads(row["injuries"])),
        physio_supervised=bool(row["physio_supervised"]),
        places=frozenset(Place(v) for v in json.loads(row["places"])),
        sessions_per_week=row["sessions_per_week"],
        weekdays=tuple(json.loads(row["weekdays"])),
        session_time=time.fromisoformat(row["session_time"]),
        timezone=row["timezone"],
        units=Units(row["units"]),
        parq_yes=frozenset(ParqQuestion(v) for v in json.loads(row["parq_yes"])),
        medically_cleared=bool(row["medically_cleared"]),
        safety_hold=bool(row["safety_hold"]),
    )
