"""The `safety_checks` table: the answers of a pre-session safety check still being answered."""

from __future__ import annotations

import json
from datetime import datetime

from bot.storage.database import Database

_UPSERT = """
    INSERT INTO safety_checks (user_id, answers, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET answers = excluded.answers,
        updated_at = excluded.updated_at
"""


class SafetyChecks:
    """Repository of open safety checks: answers by question key, at most one per runner."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> dict[str, str] | None:
        """The answers so far, or None if the runner has no check open."""
        row = await self._db.fetch_one(
            "SELECT answers FROM safety_checks WHERE user_id = ?", (user_id,)
        )
        if row is None:
            return None
        answers: dict[str, str] = json.loads(row["answers"])
        return answers

    async def save(self, user_id: int, answers: dict[str, str], now: datetime) -> None:
        """Store the answers so far (starting a check stores an empty one)."""
        await self._db.execute(_UPSERT, (user_id, json.dumps(answers), now.isoformat()))

    async def discard(self, user_id: int) -> None:
        """Close the runner's check."""
        await self._db.execute("DELETE FROM safety_checks WHERE user_id = ?", (user_id,))
