"""The `reminder_prefs`, `reminders` and `day_marks` tables: what runners chose, the reminder
jobs to rebuild at start, and what happened to each planned day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from bot.domain.reminders import ReminderPrefs
from bot.storage.database import Database, Row


class ReminderKind(StrEnum):
    """What a reminder row schedules."""

    DAILY = "daily"  # before each planned session
    CHECKUP = "checkup"  # the daily look for a missed session
    ONCE = "once"  # a snoozed reminder, or one for a session moved to another day


class DayMark(StrEnum):
    """What happened to a day, so nothing is said twice and skipped days are not missed."""

    REMINDED = "reminded"
    SKIPPED = "skipped"
    MOVED_AWAY = "moved_away"
    MOVED_HERE = "moved_here"
    NUDGED = "nudged"


@dataclass(frozen=True, slots=True)
class ReminderRow:
    """One reminder job's description."""

    user_id: int
    kind: ReminderKind
    at_local: time | None = None
    timezone: str | None = None
    days: tuple[int, ...] = ()
    day_shift: int = 0
    due_at: float | None = None
    session_day: date | None = None
    id: int | None = None


_SELECT_ROWS = (
    "SELECT id, user_id, kind, at_local, timezone, days, day_shift, due_at, session_day"
    " FROM reminders"
)
_INSERT_ROW = """
    INSERT INTO reminders (user_id, kind, at_local, timezone, days, day_shift, due_at,
        session_day)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_ROW_RETURNING_ID = _INSERT_ROW + " RETURNING id"
_UPSERT_PREFS = """
    INSERT INTO reminder_prefs (user_id, enabled, lead_minutes, quiet_start, quiet_end,
        updated_at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled,
        lead_minutes = excluded.lead_minutes, quiet_start = excluded.quiet_start,
        quiet_end = excluded.quiet_end, updated_at = excluded.updated_at
"""


class Reminders:
    """Repository of reminder preferences, reminder rows and day marks."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def prefs(self, user_id: int) -> ReminderPrefs:
        """The runner's choices, or the defaults."""
        row = await self._db.fetch_one(
            "SELECT enabled, lead_minutes, quiet_start, quiet_end FROM reminder_prefs"
            " WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return ReminderPrefs()
        return ReminderPrefs(
            enabled=bool(row["enabled"]),
            lead_minutes=row["lead_minutes"],
            quiet_start=_time_or_none(row["quiet_start"]),
            quiet_end=_time_or_none(row["quiet_end"]),
        )

    async def save_prefs(self, user_id: int, prefs: ReminderPrefs, now: datetime) -> None:
        """Store the runner's choices."""
        await self._db.execute(
            _UPSERT_PREFS,
            (
                user_id,
                int(prefs.enabled),
                prefs.lead_minutes,
                _text_or_none(prefs.quiet_start),
                _text_or_none(prefs.quiet_end),
                now.isoformat(),
            ),
        )

    async def replace_repeating(self, user_id: int, rows: Sequence[ReminderRow]) -> list[int]:
        """Swap the runner's daily and checkup rows for `rows`; returns their new ids."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM reminders WHERE user_id = ? AND kind != ?",
                (user_id, ReminderKind.ONCE.value),
            )
            ids = []
            for row in rows:
                found = await tx.fetch_one(_INSERT_ROW_RETURNING_ID, _values(row))
                assert found is not None
                ids.append(int(found["id"]))
        return ids

    async def add(self, row: ReminderRow) -> int:
        """Store one row (a one-off reminder); returns its id."""
        async with self._db.transaction() as tx:
            found = await tx.fetch_one(_INSERT_ROW_RETURNING_ID, _values(row))
        assert found is not None
        return int(found["id"])

    async def add_many(self, rows: Iterable[ReminderRow]) -> None:
        """Store many rows at once (benchmarks, imports)."""
        async with self._db.transaction() as tx:
            await tx.execute_many(_INSERT_ROW, (_values(row) for row in rows))

    async def remove(self, reminder_id: int) -> None:
        """Forget a one-off reminder once it has fired."""
        await self._db.execute("DELETE FROM reminders WHERE id = ?", (reminder_id,))

    async def to_schedule(self) -> list[ReminderRow]:
        """What the jobs are made from at start: one row per group of repeating reminders
        (same kind, time, zone, days; user_id 0) and every one-off reminder."""
        groups = await self._db.fetch_all(
            "SELECT DISTINCT 0 AS id, 0 AS user_id, kind, at_local, timezone, days, day_shift,"
            " NULL AS due_at, NULL AS session_day FROM reminders WHERE kind != ?",
            (ReminderKind.ONCE.value,),
        )
        once = await self._db.fetch_all(
            _SELECT_ROWS + " WHERE kind = ?", (ReminderKind.ONCE.value,)
        )
        return [_row(found) for found in (*groups, *once)]

    async def of_runner(self, user_id: int) -> list[ReminderRow]:
        """One runner's rows."""
        rows = await self._db.fetch_all(_SELECT_ROWS + " WHERE user_id = ?", (user_id,))
        return [_row(found) for found in rows]

    async def members(self, group: ReminderRow) -> list[int]:
        """The runners whose repeating reminder has the same kind, time, zone and days."""
        values = _values(group)
        rows = await self._db.fetch_all(
            "SELECT user_id FROM reminders WHERE kind = ? AND at_local = ? AND timezone = ?"
            " AND days = ? AND day_shift = ?",
            (values[1], values[2], values[3], values[4], values[5]),
        )
        return [found["user_id"] for found in rows]

    async def mark(self, user_id: int, day: date, mark: DayMark) -> bool:
        """Record what happened to a day; False if it was already recorded."""
        changed = await self._db.execute(
            "INSERT INTO day_marks (user_id, day, mark) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (user_id, day.isoformat(), mark.value),
        )
        return changed > 0

    async def marks(self, user_id: int, since: date) -> dict[date, set[DayMark]]:
        """The marks of the runner's days from `since` on."""
        rows = await self._db.fetch_all(
            "SELECT day, mark FROM day_marks WHERE user_id = ? AND day >= ?",
            (user_id, since.isoformat()),
        )
        marks: dict[date, set[DayMark]] = {}
        for found in rows:
            marks.setdefault(date.fromisoformat(found["day"]), set()).add(DayMark(found["mark"]))
        return marks


def _values(row: ReminderRow) -> tuple[object, ...]:
    return (
        row.user_id,
        row.kind.value,
        _text_or_none(row.at_local),
        row.timezone,
        ",".join(str(day) for day in row.days) or None,
        row.day_shift,
        row.due_at,
        None if row.session_day is None else row.session_day.isoformat(),
    )


def _row(found: Row) -> ReminderRow:
    days = found["days"]
    return ReminderRow(
        user_id=found["user_id"],
        kind=ReminderKind(found["kind"]),
        at_local=_time_or_none(found["at_local"]),
        timezone=found["timezone"],
        days=tuple(int(day) for day in days.split(",")) if days else (),
        day_shift=found["day_shift"],
        due_at=found["due_at"],
        session_day=None
        if found["session_day"] is None
        else date.fromisoformat(found["session_day"]),
        id=found["id"],
    )


def _time_or_none(text: str | None) -> time | None:
    return None if text is None else time.fromisoformat(text)


def _text_or_none(moment: time | None) -> str | None:
    return None if moment is None else moment.strftime("%H:%M")
