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
            row = await tx.fetch_one(
                "INSERT INTO safety_stops (user_id, at, kind, follow_up_due) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                (user_id, at.isoformat(), kind, follow_up_due),
            )
        assert row is not None
        return int(row["id"])

    async def last_at(self, user_id: int) -> datetime | None:
        """When the runner's latest stop was, if they had one."""
        row = await self._db.fetch_one(
            "SELECT MAX(at) AS at FROM safety_stops WHERE user_id = ?", (user_id,)
        )
        return None if row is None or row["at"] is None else datetime.fromisoformat(row["at"])

    async def advise_place(self, user_id: int, place: str) -> None:
        """After a fall: the next safety check shows this place's advice once."""
        await self._db.execute(
            "UPDATE safety_stops SET advice_place = ? WHERE id ="
            " (SELECT MAX(id) FROM safety_stops WHERE user_id = ?)",
            (place, user_id),
        )

    async def take_place_advice(self, user_id: int) -> str | None:
        """The place whose advice is due (then no longer), if a fall left one.

        Read first, on its own: almost always there is none, and a read needs no
        transaction (a runner's updates run one at a time, so nobody takes it in between).
        """
        row = await self._db.fetch_one(
            "SELECT advice_place FROM safety_stops"
            " WHERE user_id = ? AND advice_place IS NOT NULL ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        if row is None:
            return None
        await self._db.execute(
            "UPDATE safety_stops SET advice_place = NULL WHERE user_id = ?", (user_id,)
        )
        return str(row["advice_place"])

    async def pending_follow_ups(self) -> list[tuple[int, float]]:
        """(user_id, due) of each runner's latest follow-up not sent yet."""
        rows = await self._db.fetch_all(
            "SELECT user_id, MAX(follow_up_due) AS due FROM safety_stops"
            " WHERE follow_up_sent = 0 GROUP BY user_id"
        )
        return [(row["user_id"], row["due"]) for row in rows]

    async def follow_ups_sent(self, user_id: int) -> None:
        """The runner was asked how they are: no follow-up is pending any more."""
        await self._db.execute(
            "UPDATE safety_stops SET follow_up_sent = 1 WHERE user_id = ? AND follow_up_sent = 0",
            (user_id,),
        )
