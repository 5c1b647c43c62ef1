"""The `calendar_feeds` table: the secret token in each runner's calendar feed address."""

from __future__ import annotations

import secrets
from datetime import datetime

from bot.storage.database import Database

# 32 random bytes, URL-safe: guessing one is not a practical attack.
TOKEN_BYTES = 32


class CalendarFeeds:
    """Repository of calendar feed tokens, one per runner."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def token_for(self, user_id: int, now: datetime) -> str:
        """The runner's token, made on first use."""
        await self._db.execute(
            "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id, _new_token(), now.isoformat()),
        )
        row = await self._db.fetch_one(
            "SELECT token FROM calendar_feeds WHERE user_id = ?", (user_id,)
        )
        assert row is not None  # inserted just above, or there already
        return str(row["token"])

    async def reset(self, user_id: int, now: datetime) -> str:
        """Replace the runner's token, so the old address stops working; returns the new one."""
        token = _new_token()
        await self._db.execute(
            "INSERT INTO calendar_feeds (user_id, token, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET token = excluded.token,"
            " created_at = excluded.created_at",
            (user_id, token, now.isoformat()),
        )
        return token

    async def owner_of(self, token: str) -> int | None:
        """The runner whose feed this token opens, or None."""
        row = await self._db.fetch_one(
            "SELECT user_id FROM calendar_feeds WHERE token = ?", (token,)
        )
        return None if row is None else int(row["user_id"])


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
