"""The `safety_stops` table: sessions stopped for a warning sign (an SOS), and the follow-up
message later that day that asks how the runner is."""

from __future__ import annotations

from datetime import datetime

from bot.storage.database import Database


class SafetyStops:
    """Repository of SOS stops. Every read and write names the runner or the stop."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(self, user_id: int, at: datetime, kind: str, follow_up_due: float) -> int:
        """Store a stop (`kind`: the triage class) and when to follow up (unix time)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO safety_stops (user_id, at, kind, follow_up_due) VALUES (?, ?, ?, ?)",
                (user_id, at.isoformat(), kind, follow_up_due),
            )
            row = await tx.fetch_one("SELECT last_insert_rowid() AS id")
        assert row is not None
        return int(row["id"])

    async def last_at(self, user_id: int) -> datetime | None:
        """When the runner's latest stop was, if they had one."""
        row = await self._db.fetch_one(
            "SELECT MAX(at) AS at FROM safety_stops WHERE user_id = ?", (user_id,)
        )
        return None if row is None or row["at"] is None else datetime.fromisoformat(row["at"])

    async def pending_follow_ups(self) -> list[tuple[int, int, float]]:
        """(stop id, user_id, due) of every follow-up not sent yet."""
        rows = await self._db.fetch_all(
            "SELECT id, user_id, follow_up_due FROM safety_stops WHERE follow_up_sent = 0"
        )
        return [(row["id"], row["user_id"], row["follow_up_due"]) for row in rows]

    async def follow_up_sent(self, stop_id: int) -> bool:
        """Mark a follow-up as sent; False if it was already."""
        changed = await self._db.execute(
            "UPDATE safety_stops SET follow_up_sent = 1 WHERE id = ? AND follow_up_sent = 0",
            (stop_id,),
        )
        return changed > 0
