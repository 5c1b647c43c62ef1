"""The `spotter_invites` and `spotter_pairs` tables: who walks beside whom.

A pairing is stored as two rows, one per side (see the migration), so each side's export
and erase find it by their own user id, and erasing either runner removes both rows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.storage.database import Database

RUNNER, SPOTTER = "runner", "spotter"


class Acceptance(StrEnum):
    """What became of a tap on an invitation link."""

    PAIRED = "paired"
    INVALID = "invalid"  # unknown, already used or expired
    OWN = "own"  # the runner opened their own link


class Spotters:
    """Repository of spotter invitations and pairings."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # Runners nobody follows since `unfollow_all` (every session's start): each cue asks
        # who follows, and for almost every runner the answer is nobody. Only `follow`
        # makes a spotter follow again (pairs start unfollowed), so this memory is exact.
        self._unfollowed: set[int] = set()

    async def invite(self, user_id: int, token: str, expires_at: float) -> None:
        """Store the runner's new invitation; any older one stops working."""
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM spotter_invites WHERE user_id = ?", (user_id,))
            await tx.execute(
                "INSERT INTO spotter_invites (token, user_id, expires_at) VALUES (?, ?, ?)",
                (token, user_id, expires_at),
            )

    async def accept(
        self, token: str, spotter_id: int, now: datetime
    ) -> tuple[Acceptance, int | None]:
        """Use the invitation `token` once: pair its runner with `spotter_id`. Returns what
        happened and the runner's id (None when the link was invalid)."""
        stamp, now_ts = now.isoformat(), now.timestamp()
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT user_id, expires_at FROM spotter_invites WHERE token = ?", (token,)
            )
            if row is None or row["expires_at"] <= now_ts:
                await tx.execute("DELETE FROM spotter_invites WHERE expires_at <= ?", (now_ts,))
                return Acceptance.INVALID, None
            runner_id = int(row["user_id"])
            if runner_id == spotter_id:
                return Acceptance.OWN, runner_id
            await tx.execute("DELETE FROM spotter_invites WHERE token = ?", (token,))
            await tx.execute_many(
                "INSERT INTO spotter_pairs (user_id, partner_id, role, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (runner_id, spotter_id, RUNNER, stamp),
                    (spotter_id, runner_id, SPOTTER, stamp),
                ],
            )
        return Acceptance.PAIRED, runner_id

    async def partners(self, user_id: int, role: str) -> list[int]:
        """The user's partners as seen from `role`: their spotters (RUNNER) or the runners
        they spot (SPOTTER), oldest pairing first."""
        rows = await self._db.fetch_all(
            "SELECT partner_id FROM spotter_pairs WHERE user_id = ? AND role = ?"
            " ORDER BY created_at, partner_id",
            (user_id, role),
        )
        return [int(row["partner_id"]) for row in rows]

    async def reachable(self, runner_id: int, *, following_only: bool) -> list[int]:
        """The runner's spotters to tell about a session: those who have not blocked the
        bot, and only those who asked for its cues if `following_only`."""
        if following_only and runner_id in self._unfollowed:
            return []
        rows = await self._db.fetch_all(
            "SELECT s.user_id FROM spotter_pairs AS s JOIN runners AS r ON r.user_id = s.user_id"
            " WHERE s.partner_id = ? AND s.role = ? AND r.active = 1 AND s.following >= ?"
            " ORDER BY s.user_id",
            (runner_id, SPOTTER, int(following_only)),
        )
        return [int(row["user_id"]) for row in rows]

    async def follow(self, spotter_id: int, runner_id: int, *, on: bool) -> bool:
        """Start (or stop) sending the runner's cues to the spotter; False if not paired."""
        changed = await self._db.execute(
            "UPDATE spotter_pairs SET following = ? WHERE user_id = ? AND partner_id = ?"
            " AND role = ?",
            (int(on), spotter_id, runner_id, SPOTTER),
        )
        # After the write: an `unfollow_all` queued before it has added the runner by now.
        self._unfollowed.discard(runner_id)
        return changed > 0

    async def unfollow_all(self, runner_id: int) -> None:
        """The runner's session ended (or a new one starts): nobody follows it any more."""
        await self._db.execute(
            "UPDATE spotter_pairs SET following = 0 WHERE partner_id = ? AND role = ?",
            (runner_id, SPOTTER),
        )
        self._unfollowed.add(runner_id)

    async def unpair(self, runner_id: int, spotter_id: int) -> bool:
        """End one pairing (either side may); False if there was none."""
        deleted = await self._db.execute(
            "DELETE FROM spotter_pairs WHERE (user_id = ? AND partner_id = ? AND role = ?)"
            " OR (user_id = ? AND partner_id = ? AND role = ?)",
            (runner_id, spotter_id, RUNNER, spotter_id, runner_id, SPOTTER),
        )
        return deleted > 0
