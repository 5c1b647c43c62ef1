"""The `log_drafts` table: a guided /log (or the fix of a stored log) under way."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.storage.database import Database

_UPSERT = """
    INSERT INTO log_drafts (user_id, log_id, step, answers, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET log_id = excluded.log_id, step = excluded.step,
        answers = excluded.answers, updated_at = excluded.updated_at
"""


@dataclass(frozen=True, slots=True)
class LogDraft:
    """The question being asked, the answers so far (JSON values by question), and the log
    being fixed (None: a new one)."""

    step: str
    answers: dict[str, Any] = field(default_factory=dict)
    log_id: int | None = None


class LogDrafts:
    """One draft per runner at most."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> LogDraft | None:
        """The runner's draft, if one is under way."""
        row = await self._db.fetch_one(
            "SELECT log_id, step, answers FROM log_drafts WHERE user_id = ?", (user_id,)
        )
        return (
            None
            if row is None
            else LogDraft(row["step"], json.loads(row["answers"]), row["log_id"])
        )

    async def save(self, user_id: int, draft: LogDraft, now: datetime) -> None:
        """Store the draft (replacing any other) before its next question goes out."""
        await self._db.execute(
            _UPSERT,
            (user_id, draft.log_id, draft.step, json.dumps(draft.answers), now.isoformat()),
        )

    async def discard(self, user_id: int) -> None:
        """Cancelled or finished: no draft any more."""
        await self._db.execute("DELETE FROM log_drafts WHERE user_id = ?", (user_id,))
