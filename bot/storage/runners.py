"""The `runners` table: who talks to the coach, and whether they still can be reached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class Runner:
    """A person who has talked to the bot."""

    user_id: int
    chat_id: int
    first_name: str
    active: bool


class Runners:
    """Repository of runners."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_contact(
        self, user_id: int, chat_id: int, first_name: str, now: datetime
    ) -> None:
        """Remember a runner who wrote to us; writing again makes them active again."""
        await self._db.execute(
            "INSERT INTO runners (user_id, chat_id, first_name, active, created_at,"
            " last_seen_at) VALUES (?, ?, ?, 1, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id,"
            " first_name = excluded.first_name, active = 1,"
            " last_seen_at = excluded.last_seen_at",
            (user_id, chat_id, first_name, now.isoformat(), now.isoformat()),
        )

    async def mark_unreachable(self, chat_id: int) -> list[int]:
        """The bot cannot write to this chat: stop messaging the runners whose chat it is
        (keeping their data); returns their user ids."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "UPDATE runners SET active = 0 WHERE chat_id = ? RETURNING user_id", (chat_id,)
            )
        return sorted(int(row["user_id"]) for row in rows)

    async def mark_reachable(self, chat_id: int) -> list[int]:
        """The bot may write to this chat again (unblocked): its runners are active again;
        returns their user ids."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "UPDATE runners SET active = 1 WHERE chat_id = ? RETURNING user_id", (chat_id,)
            )
        return sorted(int(row["user_id"]) for row in rows)

    async def joined_at(self, user_id: int) -> datetime | None:
        """When the runner first wrote to the bot, or None if they never did."""
        row = await self._db.fetch_one(
            "SELECT created_at FROM runners WHERE user_id = ?", (user_id,)
        )
        return None if row is None else datetime.fromisoformat(row["created_at"])

    async def get(self, user_id: int) -> Runner | None:
        """One runner, or None if they never wrote."""
        row = await self._db.fetch_one(
            "SELECT user_id, chat_id, first_name, active FROM runners WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        return Runner(row["user_id"], row["chat_id"], row["first_name"], bool(row["active"]))
