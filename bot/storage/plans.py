"""The `plan_states` and `plan_changes` tables: where each runner is in the programme, and how
they got there."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.programme import Cause, Change, Decision, PlanState, Reason
from bot.storage.database import Database
from bot.storage.row_cache import RowCache

# Decisions that move the runner; a hold or "no change yet" is worked out again from the logs
# at every review, so storing it would only repeat it in the history.
_MOVES = frozenset({Change.PROGRESS, Change.STEP_BACK})

_SELECT_PLAN = "SELECT level, stage, since, reverse_cap, reason FROM plan_states WHERE user_id = ?"
_UPSERT_PLAN = """
    INSERT INTO plan_states (user_id, level, stage, since, reverse_cap, reason, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET level = excluded.level, stage = excluded.stage,
        since = excluded.since, reverse_cap = excluded.reverse_cap, reason = excluded.reason,
        updated_at = excluded.updated_at
"""
_INSERT_CHANGE = """
    INSERT INTO plan_changes (user_id, day, change, from_level, from_stage, to_level, to_stage,
        reason, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_SELECT_CHANGES = """
    SELECT day, change, from_level, from_stage, to_level, to_stage, reason
    FROM plan_changes WHERE user_id = ? ORDER BY id
"""


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A runner's position in the programme and why they are there."""

    state: PlanState
    reason: Reason


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One move of the plan, as decided on `day` (it takes effect the day after)."""

    day: date
    change: Change
    from_level: int
    from_stage: int
    to_level: int
    to_stage: int
    reason: Reason


class Plans:
    """Repository of runners' plans and their history. The safety check and /plan read the
    plan at every review, so current plans are also kept in memory (`RowCache`); `forget`
    after deleting rows directly."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cache: RowCache[StoredPlan | None] = RowCache()

    async def get(self, user_id: int) -> StoredPlan | None:
        """The runner's current plan, or None if none was started."""
        return await self._cache.read(user_id, lambda: self._load(user_id))

    def forget(self, user_id: int) -> None:
        """The runner's rows were deleted or changed behind this repository's back."""
        self._cache.forget(user_id)

    async def start(self, user_id: int, state: PlanState, reason: Reason, now: datetime) -> None:
        """Set the runner's first plan; starting again (a new profile) replaces it.

        The history is kept: it records moves decided by the progression rules only.
        """
        self._cache.forget(user_id)
        await self._db.execute(
            _UPSERT_PLAN, (user_id, *_state_row(state), reason_json(reason), now.isoformat())
        )
        self._cache.stored(user_id, StoredPlan(state, reason))

    async def apply(
        self, user_id: int, decision: Decision, today: date, now: datetime
    ) -> StoredPlan:
        """Store a progression decision made on `today`; returns the runner's plan after it.

        A progress or a step back replaces the state and its reason and adds a history row,
        once: applying the same decision again changes nothing. A hold or "no change yet"
        leaves the stored plan alone. LookupError if the runner has no plan.
        """
        if not moves_plan(decision):
            return await self._require(user_id)
        self._cache.forget(user_id)
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(_SELECT_PLAN, (user_id,))
            if row is None:
                raise _no_plan(user_id)
            current = _plan_from_row(row)
            if current.state == decision.state:
                self._cache.stored(user_id, current)
                return current
            await tx.execute(
                _UPSERT_PLAN,
                (
                    user_id,
                    *_state_row(decision.state),
                    reason_json(decision.reason),
                    now.isoformat(),
                ),
            )
            await tx.execute(
                _INSERT_CHANGE,
                (
                    user_id,
                    today.isoformat(),
                    decision.change.value,
                    current.state.level,
                    current.state.stage,
                    decision.state.level,
                    decision.state.stage,
                    reason_json(decision.reason),
                    now.isoformat(),
                ),
            )
        plan = StoredPlan(decision.state, decision.reason)
        self._cache.stored(user_id, plan)
        return plan

    async def tell(self, user_id: int, reason: Reason) -> bool:
        """Note that the runner is told `reason`; False if it was the last one they were told
        (so it need not be said again)."""
        told = reason_json(reason)
        changed = await self._db.execute(
            "UPDATE plan_states SET told = ? WHERE user_id = ? AND told IS NOT ?",
            (told, user_id, told),
        )
        return changed > 0

    async def history(self, user_id: int) -> tuple[PlanChange, ...]:
        """Every move of the runner's plan, oldest first."""
        rows = await self._db.fetch_all(_SELECT_CHANGES, (user_id,))
        return tuple(
            PlanChange(
                day=date.fromisoformat(row["day"]),
                change=Change(row["change"]),
                from_level=row["from_level"],
                from_stage=row["from_stage"],
                to_level=row["to_level"],
                to_stage=row["to_stage"],
                reason=reason_from_json(row["reason"]),
            )
            for row in rows
        )

    async def _load(self, user_id: int) -> StoredPlan | None:
        row = await self._db.fetch_one(_SELECT_PLAN, (user_id,))
        return None if row is None else _plan_from_row(row)

    async def _require(self, user_id: int) -> StoredPlan:
        plan = await self.get(user_id)
        if plan is None:
            raise _no_plan(user_id)
        return plan


def moves_plan(decision: Decision) -> bool:
    """True for a decision that changes the stored plan: a progress or a step back."""
    return decision.change in _MOVES


def _no_plan(user_id: int) -> LookupError:
    return LookupError(f"runner {user_id} has no plan")


def reason_json(reason: Reason) -> str:
    """A reason as stored: its key, and the session day and number it came from, if any."""
    fields: dict[str, object] = {"key": reason.cause.value}
    if reason.day is not None:
        fields["day"] = reason.day.isoformat()
    if reason.value is not None:
        fields["value"] = reason.value
    return json.dumps(fields)


def reason_from_json(text: str) -> Reason:
    """A stored reason; a key this version does not know reads as an earlier setting."""
    fields = json.loads(text)
    try:
        cause = Cause(fields["key"])
    except ValueError:
        return Reason(Cause.EARLIER)
    day = fields.get("day")
    return Reason(cause, None if day is None else date.fromisoformat(day), fields.get("value"))


def _state_row(state: PlanState) -> tuple[int, int, str, int | None]:
    return state.level, state.stage, state.since.isoformat(), state.reverse_cap


def _plan_from_row(row: sqlite3.Row) -> StoredPlan:
    since = date.fromisoformat(row["since"])
    state = PlanState(row["level"], row["stage"], since, row["reverse_cap"])
    return StoredPlan(state, reason_from_json(row["reason"]))
