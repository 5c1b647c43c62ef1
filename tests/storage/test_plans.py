"""The plans repository and its migration: round trips, history, and what a decision stores."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import aiosqlite
import pytest

from bot.domain.programme import Change, Decision, PlanState
from bot.storage import migrations
from bot.storage.database import Database, IntegrityError
from bot.storage.migrations import LATEST_VERSION, apply_migrations, schema_version
from bot.storage.plans import PlanChange, Plans, StoredPlan
from bot.storage.runners import Runners

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 4)
TOMORROW = date(2025, 3, 5)
USER = 7
START = PlanState(1, 1, date(2025, 2, 20))
START_REASON = "You run now and then, so you start with short reverse jogs and walking breaks."
PROGRESS = Decision(PlanState(1, 2, TOMORROW), Change.PROGRESS, "Up one step: 6 × 25 s.")


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

    await plans.start(USER, walking, "Because of your knee, we start walking.", NOW)

    assert await plans.get(USER) == StoredPlan(walking, "Because of your knee, we start walking.")
    assert len(await plans.history(USER)) == 1


@pytest.mark.parametrize("change", [Change.PROGRESS, Change.STEP_BACK])
async def test_a_move_is_stored_with_a_history_row(plans: Plans, change: Change) -> None:
    target = PlanState(0, 3, TOMORROW) if change is Change.STEP_BACK else PlanState(1, 2, TOMORROW)
    decision = Decision(target, change, "Why it moved.")

    after = await plans.apply(USER, decision, TODAY, NOW)

    assert after == StoredPlan(target, "Why it moved.")
    assert await plans.get(USER) == after
    assert await plans.history(USER) == (
        PlanChange(TODAY, change, 1, 1, target.level, target.stage, "Why it moved."),
    )


async def test_the_same_move_applied_twice_is_stored_once(plans: Plans) -> None:
    await plans.apply(USER, PROGRESS, TODAY, NOW)

    again = await plans.apply(USER, PROGRESS, TODAY, NOW)

    assert again == StoredPlan(PROGRESS.state, PROGRESS.reason)
    assert len(await plans.history(USER)) == 1


@pytest.mark.parametrize("change", [Change.HOLD, Change.NONE])
async def test_a_hold_or_no_change_stores_nothing(plans: Plans, change: Change) -> None:
    after = await plans.apply(USER, Decision(START, change, "Repeat this step."), TODAY, NOW)

    assert after == StoredPlan(START, START_REASON)
    assert await plans.get(USER) == after
    assert await plans.history(USER) == ()


@pytest.mark.parametrize("change", [Change.PROGRESS, Change.HOLD])
async def test_a_decision_for_a_runner_without_a_plan_is_refused(
    plans: Plans, change: Change
) -> None:
    with pytest.raises(LookupError):
        await plans.apply(USER + 1, Decision(START, change, "Why."), TODAY, NOW)


async def test_history_is_oldest_first(plans: Plans) -> None:
    back = Decision(PlanState(1, 1, date(2025, 3, 6)), Change.STEP_BACK, "Pain: back a step.")
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
