"""The bot's heartbeat row: written by the running bot, read by `python -m bot health`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.storage.database import Database

# How old the last beat may be before the bot counts as stopped.
HEARTBEAT_LIMIT = timedelta(minutes=1)

_BEAT = (
    "INSERT INTO heartbeat (id, beat_at) VALUES (1, ?)"
    " ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at"
)
READ_BEAT = "SELECT beat_at FROM heartbeat WHERE id = 1"


async def beat(db: Database, now: datetime) -> None:
    """Record that the bot is alive at `now` (timezone-aware)."""
    await db.execute(_BEAT, (now.astimezone(UTC).isoformat(),))


def beat_age(beat_at: str | None, now: datetime) -> timedelta | None:
    """How long ago the stored beat was (None: the bot never beat on this database)."""
    if beat_at is None:
        return None
    return now - datetime.fromisoformat(beat_at)
