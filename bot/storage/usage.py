"""Whole-bot counts for the admin's /stats, read in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.storage.database import Database

# Timestamps are stored as UTC isoformat strings, so they compare as text.
_COUNTS = """
    SELECT
        (SELECT count(*) FROM runners) AS runners,
        (SELECT count(*) FROM runners
            WHERE last_seen_at >= ?
            OR user_id IN (SELECT user_id FROM session_logs WHERE created_at >= ?)
            OR user_id IN (SELECT user_id FROM live_sessions WHERE started_at >= ?)
        ) AS active,
        (SELECT count(*) FROM live_sessions) AS live_sessions,
        (SELECT count(*) FROM session_logs) AS sessions_logged,
        (SELECT count(*) FROM reminders) AS reminder_rows
"""


@dataclass(frozen=True, slots=True)
class UsageCounts:
    """How many runners there are and what they are doing."""

    runners: int
    active: int  # seen, logging or in a session since the given moment
    live_sessions: int
    sessions_logged: int
    reminder_rows: int


class Usage:
    """Read-only counts over every runner's tables."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def counts(self, active_since: datetime) -> UsageCounts:
        """The counts now; `active` counts runners seen, logging or starting a session since
        `active_since` (timezone-aware)."""
        since = active_since.astimezone(UTC).isoformat()
        row = await self._db.fetch_one(_COUNTS, (since, since, since))
        assert row is not None  # a SELECT of subqueries always returns one row
        return UsageCounts(
            row["runners"],
            row["active"],
            row["live_sessions"],
            row["sessions_logged"],
            row["reminder_rows"],
        )
