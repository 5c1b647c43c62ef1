"""The `safety_checks` table: the answers of a pre-session safety check still being answered."""

from __future__ import annotations

import json
from datetime import datetime

from bot.storage.database import Database
from bot.storage.row_cache import RowCache

_UPSERT = """
    INSERT INTO safety_checks (user_id, answers, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET answers = excluded.answers,
        updated_at = excluded.updated_at
"""


class SafetyChecks:
    """Repository of open safety checks: answers by question key, at most one per runner.
    Every tap reads them, so they are also kept in memory (`RowCache`, as JSON, which no
    caller can change); `forget` after deleting rows directly."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: RowCache[str | None] = RowCache()

    async def get(self, user_id: int) -> dict[str, str] | None:
        """The answers so far, or None if the runner has no check open."""
        encoded = await self._cache.read(user_id, lambda: self._load(user_id))
        if encoded is None:
            return None
        answers: dict[str, str] = json.loads(encoded)
        return answers

    async def save(self, user_id: int, answers: dict[str, str], now: datetime) -> None:
        """Store the answers so far (starting a check stores an empty one)."""
        encoded = json.dumps(answers)
        self._cache.forget(user_id)
        await self._db.execute(_UPSERT, (user_id, encoded, now.isoformat()))
        self._cache.stored(user_id, encoded)

    async def discard(self, user_id: int) -> None:
        """Close the runner's check."""
        self._cache.forget(user_id)
        await self._db.execute("DELETE FROM safety_checks WHERE user_id = ?", (user_id,))
        self._cache.stored(user_id, None)

    def forget(self, user_id: int) -> None:
        """The runner's rows were deleted or changed behind this repository's back."""
        self._cache.forget(user_id)

    async def _load(self, user_id: int) -> str | None:
        row = await self._db.fetch_one(
            "SELECT answers FROM safety_checks WHERE user_id = ?", (user_id,)
        )
        return None if row is None else str(row["answers"])
