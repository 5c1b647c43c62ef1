"""The plans repository and its migration: round trips, history, and what a decision stores."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import aiosqlite
import pytest

from bot.domain.programme import Cause, Change, Decision, PlanState, Reason
from bot.storage import migrations
from bot.storage.database import Database, IntegrityError
from bot.storage.migrations import LATEST_VERSION, apply_migrations, schema_version, statement_for
from bot.storage.plans import PlanChange, Plans, StoredPlan
from bot.storage.runners import Runners

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 4)
TOMORROW = date(2025, 3, 5)
USER = 7
START = PlanState(1, 1, date(2025, 2, 20))
START_REASON = Reason(Cause.START_OCCASIONAL)
PROGRESS = Decision(PlanState(1, 2, TOMORROW), Change.PROGRESS, Reason(Cause.PROGRESS_STAGE))
PAIN = Reason(Cause.PAIN, TODAY, 7)


@pytest.fixture
async def db(database: Database) -> Database:
    await Runners(database).record_contact(USER, USER, "Ana", NOW)
    return database


@pytest.fixture
async def plans(db: Database) -> Plans:
    repository = Plans(db)
    await repository.start(USER, START, START_REASON, NOW)
    return repository


async def test_a_started_plan_reads_back(plans: Plans) -> None:
    assert await plans.get(USER) == StoredPlan(START, START_REASON)
    assert await plans.history(USER) == ()


async def test_a_runner_without_a_plan_has_none(plans: Plans) -> None:
    assert await plans.get(USER + 1) is None


async def test_starting_again_replaces_the_plan_and_keeps_the_history(plans: Plans) -> None:
    await plans.apply(USER, PROGRESS, TODAY, NOW)
    walking = PlanState(0, 1, TODAY)

    await plans.start(USER, walking, Reason(Cause.START_KNEE), NOW)

    assert await plans.get(USER) == StoredPlan(walking, Reason(Cause.START_KNEE))
    assert len(await plans.history(USER)) == 1


@pytest.mark.parametrize("change", [Change.PROGRESS, Change.STEP_BACK])
async def test_a_move_is_stored_with_a_history_row(
    db: Database, plans: Plans, change: Change
) -> None:
    capped_walk = PlanState(0, 3, TOMORROW, reverse_cap=83)
    target = capped_walk if change is Change.STEP_BACK else PlanState(1, 2, TOMORROW)
    decision = Decision(target, change, PAIN)

    after = await plans.apply(USER, decision, TODAY, NOW)

    assert after == StoredPlan(target, PAIN)
    assert await Plans(plans._db).get(USER) == after
    assert await plans.history(USER) == (
        PlanChange(TODAY, change, 1, 1, target.level, target.stage, PAIN),
    )


async def test_the_same_move_applied_twice_is_stored_once(plans: Plans) -> None:
    await plans.apply(USER, PROGRESS, TODAY, NOW)

    again = await plans.apply(USER, PROGRESS, TODAY, NOW)

    assert again == StoredPlan(PROGRESS.state, PROGRESS.reason)
    assert len(await plans.history(USER)) == 1


@pytest.mark.parametrize("change", [Change.HOLD, Change.NONE])
async def test_a_hold_or_no_change_stores_nothing(plans: Plans, change: Change) -> None:
    after = await plans.apply(
        USER, Decision(START, change, Reason(Cause.HOLD_HARD, TODAY, 7)), TODAY, NOW
    )

    assert after == StoredPlan(START, START_REASON)
    assert await plans.get(USER) == after
    assert await plans.history(USER) == ()


@pytest.mark.parametrize("change", [Change.PROGRESS, Change.HOLD])
async def test_a_decision_for_a_runner_without_a_plan_is_refused(
    plans: Plans, change: Change
) -> None:
    with pytest.raises(LookupError):
        await plans.apply(USER + 1, Decision(START, change, Reason(Cause.HOLD_TOP)), TODAY, NOW)


async def test_history_is_oldest_first(plans: Plans) -> None:
    back = Decision(PlanState(1, 1, date(2025, 3, 6)), Change.STEP_BACK, PAIN)
    await plans.apply(USER, PROGRESS, TODAY, NOW)
    await plans.apply(USER, back, TOMORROW, NOW)

    changes = await plans.history(USER)

    assert [(c.day, c.change, c.to_stage) for c in changes] == [
        (TODAY, Change.PROGRESS, 2),
        (TOMORROW, Change.STEP_BACK, 1),
    ]


async def test_forgetting_a_runner_removes_their_plan_and_history(
    db: Database, plans: Plans
) -> None:
    await plans.apply(USER, PROGRESS, TODAY, NOW)

    async with db.transaction() as tx:
        await tx.execute("DELETE FROM runners WHERE user_id = ?", (USER,))

    # Read afresh: `plans` remembers the plan it wrote (RunnerData.erase makes it forget).
    assert await Plans(db).get(USER) is None
    assert await plans.history(USER) == ()


async def test_a_plan_needs_a_known_runner(db: Database) -> None:
    with pytest.raises(IntegrityError):
        await Plans(db).start(USER + 1, START, START_REASON, NOW)


async def test_the_plan_tables_arrive_on_a_database_with_runners_and_profiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    with monkeypatch.context() as before_plans:
        before_plans.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        before_plans.setattr(migrations, "LATEST_VERSION", 2)
        async with aiosqlite.connect(path) as connection:
            await apply_migrations(connection)
            await connection.execute(
                "INSERT INTO runners (user_id, chat_id, created_at, last_seen_at)"
                " VALUES (1, 1, 'x', 'x')"
            )
            await connection.commit()

    async with aiosqlite.connect(path) as connection:
        applied = await apply_migrations(connection)
        again = await apply_migrations(connection)
        version = await schema_version(connection)
        async with connection.execute("SELECT name FROM sqlite_master") as cursor:
            names = {row[0] for row in await cursor.fetchall()}
        async with connection.execute("SELECT count(*) FROM runners") as cursor:
            runners = await cursor.fetchone()

    assert (applied, again, version) == (LATEST_VERSION - 2, 0, LATEST_VERSION)
    assert {"plan_states", "plan_changes", "plan_changes_by_runner"} <= names
    assert runners is not None and runners[0] == 1


def _version_with_reason_keys() -> int:
    """The schema version whose migration turned plan reasons into keys."""
    return next(
        number
        for number, statements in enumerate(migrations.MIGRATIONS, start=1)
        if any("reverse_cap" in statement_for(statement, "sqlite") for statement in statements)
    )


async def test_english_reasons_stored_before_keys_become_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sentences.sqlite3"
    before = _version_with_reason_keys() - 1
    rows = [
        (1, START_PHRASES["runner"]),
        (
            2,
            "Your last sessions felt comfortable with no lasting pain, so you move up to level "
            "2: 7 × 30 s reverse jog / 1 min forward jog.",
        ),
        (
            3,
            "Your knee felt worse the morning after, so we go back to an easier session: "
            "5 × 25 s reverse jog / 1 min walk.",
        ),
        (4, "It's been 21 days since your last session, so we go back to level 1: 7 × 30 s."),
        (5, "Something a later version never wrote."),
    ]
    with monkeypatch.context() as old:
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:before])
        old.setattr(migrations, "LATEST_VERSION", before)
        async with aiosqlite.connect(path) as connection:
            await apply_migrations(connection)
            for user_id, reason in rows:
                await connection.execute(
                    "INSERT INTO runners (user_id, chat_id, created_at, last_seen_at)"
                    " VALUES (?, ?, 'x', 'x')",
                    (user_id, user_id),
                )
                await connection.execute(
                    "INSERT INTO plan_states (user_id, level, stage, since, reason, updated_at)"
                    " VALUES (?, 1, 2, '2025-03-01', ?, 'x')",
                    (user_id, reason),
                )
                await connection.execute(
                    "INSERT INTO plan_changes (user_id, day, change, from_level, from_stage,"
                    " to_level, to_stage, reason, created_at)"
                    " VALUES (?, '2025-03-01', 'progress', 1, 1, 1, 2, ?, 'x')",
                    (user_id, reason),
                )
            await connection.commit()

    database = Database(path)
    await database.open()
    try:
        plans = Plans(database)
        found = [(await plans.get(user_id), await plans.history(user_id)) for user_id, _ in rows]
    finally:
        await database.close()

    causes = [Cause.START_RUNNER, Cause.PROGRESS_LEVEL, Cause.MORNING_WORSE_KNEE, Cause.BREAK]
    expected = [*causes, Cause.EARLIER]
    assert [plan.reason.cause for plan, _ in found if plan is not None] == expected
    assert [history[0].reason.cause for _, history in found] == expected
    assert all(plan is not None and plan.state.reverse_cap is None for plan, _ in found)


START_PHRASES = {
    "runner": (
        "You already run regularly, so you start with short reverse jogs. Even strong runners "
        "start here: backwards is new work for the legs."
    )
}
