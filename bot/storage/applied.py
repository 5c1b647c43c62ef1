"""The `applied_updates` and `spent_offers` tables: what was done already, so it is done once.

Both are written by riding along with the effect's own write (see `Database.unit_of_work`):
an update counts as applied, and a single-use keyboard as spent, exactly when what it did
was committed. Both are pruned by age, so they stay small.
"""

from __future__ import annotations

import time

from bot.storage.database import Database

# Telegram keeps an unconfirmed update for 24 hours; twice that covers any re-delivery.
UPDATE_MEMORY_S = 48 * 3600
# Buttons under reminders and offers name days up to a few weeks away.
OFFER_MEMORY_S = 60 * 86400
_PRUNE_EVERY = 1000  # writes between two prunings


class AppliedUpdates:
    """Repository of the ids of updates already applied (and of those being applied now)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._in_flight: set[int] = set()
        self._since_pruned = _PRUNE_EVERY  # so the first update after a start prunes
        # Telegram numbers updates upwards: one above every id recorded is new for sure,
        # and needs no look-up (None: not read from the table yet).
        self._highest: int | None = None

    async def claim(self, update_id: int) -> bool:
        """True if the update is new: nobody applies it now and it was not applied before.
        The caller applies it inside `unit_of_work()` and then calls `release()`."""
        if update_id in self._in_flight:
            return False
        self._in_flight.add(update_id)
        if self._highest is None:
            self._highest = await self.highest()
        if update_id > self._highest:
            self._highest = update_id
        elif await self._db.fetch_one(
            "SELECT 1 FROM applied_updates WHERE update_id = ?", (update_id,)
        ):
            self._in_flight.discard(update_id)
            return False
        self._db.ride_along(
            "INSERT INTO applied_updates (update_id, applied_at) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING",
            (update_id, time.time()),
        )
        return True

    async def highest(self) -> int:
        """The highest update id recorded as applied; -1 when none is."""
        found = await self._db.fetch_one("SELECT MAX(update_id) AS id FROM applied_updates")
        return -1 if found is None or found["id"] is None else int(found["id"])

    def release(self, update_id: int) -> None:
        """The update is no longer being applied (done, or given up)."""
        self._in_flight.discard(update_id)

    async def prune(self) -> None:
        """Forget what is older than anyone could re-deliver: after the first update since
        the start, then after every thousandth."""
        self._since_pruned += 1
        if self._since_pruned < _PRUNE_EVERY:
            return
        self._since_pruned = 0
        now = time.time()
        await self._db.execute(
            "DELETE FROM applied_updates WHERE applied_at < ?", (now - UPDATE_MEMORY_S,)
        )
        await self._db.execute(
            "DELETE FROM spent_offers WHERE spent_at < ?", (now - OFFER_MEMORY_S,)
        )


class SpentOffers:
    """Repository of single-use keyboards already answered, by an opaque key."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def is_spent(self, offer: str) -> bool:
        """True if a tap on this offer was already applied."""
        found = await self._db.fetch_one("SELECT 1 FROM spent_offers WHERE offer = ?", (offer,))
        return found is not None

    def spend_with_next_write(self, offer: str) -> None:
        """Mark the offer spent together with whatever the tap now writes (if anything)."""
        self._db.ride_along(
            "INSERT INTO spent_offers (offer, spent_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (offer, time.time()),
            even_alone=False,  # a tap that changed nothing leaves the offer open
        )
