"""The write-through memory of profiles and open safety checks: it saves reads, never
serves a value the database no longer holds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.storage.database import Database
from bot.storage.profiles import Profiles
from bot.storage.row_cache import RowCache
from bot.storage.runners import Runners
from bot.storage.safety_checks import SafetyChecks
from tests.storage.test_runner_data import profile_of

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


class Loads:
    """A loader that counts its calls and can be held until released."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.calls = 0
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self) -> str:
        self.calls += 1
        await self.release.wait()
        return self.value


async def test_a_value_read_once_is_not_loaded_again() -> None:
    cache: RowCache[str] = RowCache()
    load = Loads("first")

    assert await cache.read(1, load) == "first"
    assert await cache.read(1, load) == "first"
    assert load.calls == 1


async def test_a_read_that_overlapped_a_write_is_not_remembered() -> None:
    cache: RowCache[str] = RowCache()
    stale = Loads("old row")
    stale.release.clear()
    reading = asyncio.create_task(cache.read(1, stale))
    await asyncio.sleep(0)  # the read is waiting for the database

    cache.forget(1)  # a write begins, then the database holds "new row"
    cache.stored(1, "new row")
    stale.release.set()

    assert await reading == "old row"  # what the database said when it was asked
    assert await cache.read(1, Loads("unused")) == "new row"


async def test_a_forgotten_value_is_loaded_again() -> None:
    cache: RowCache[str] = RowCache()
    await cache.read(1, Loads("first"))
    cache.forget(1)
    assert await cache.read(1, Loads("second")) == "second"


async def test_the_least_recently_used_value_goes_first() -> None:
    cache: RowCache[str] = RowCache(size=2)
    await cache.read(1, Loads("one"))
    await cache.read(2, Loads("two"))
    await cache.read(1, Loads("unused"))  # 1 is now the most recent
    await cache.read(3, Loads("three"))  # over the size: 2 goes

    assert await cache.read(1, Loads("unused")) == "one"
    assert await cache.read(3, Loads("unused")) == "three"
    assert await cache.read(2, Loads("two, reloaded")) == "two, reloaded"


@pytest.fixture
def db(database: Database) -> Database:
    return database


async def test_profiles_are_read_from_memory_after_the_first_read(db: Database) -> None:
    await Runners(db).record_contact(7, 7, "Ann", NOW)
    profiles = Profiles(db)
    await profiles.save(profile_of(7), NOW)
    await db.execute("UPDATE profiles SET age = 70 WHERE user_id = 7")  # behind its back

    assert (await profiles.get(7)) == profile_of(7)
    profiles.forget(7)
    found = await profiles.get(7)
    assert found is not None and found.age == 70


async def test_an_open_check_is_remembered_as_saved_and_forgotten_when_discarded(
    db: Database,
) -> None:
    await Runners(db).record_contact(7, 7, "Ann", NOW)
    checks = SafetyChecks(db)
    await checks.save(7, {"where": "track"}, NOW)
    answers = await checks.get(7)
    assert answers == {"where": "track"}
    assert answers is not None
    answers["where"] = "changed by a caller"  # a caller's copy, not the remembered one

    await db.execute("DELETE FROM safety_checks")  # behind its back: memory still answers
    assert await checks.get(7) == {"where": "track"}
    await checks.discard(7)
    assert await checks.get(7) is None
