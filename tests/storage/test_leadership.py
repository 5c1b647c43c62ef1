"""Leader election in one process: one leads, the other waits, a cut connection hands over,
each leader takes the next epoch and stops when it cannot confirm its own, and `health` names
the leader."""

from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest

from bot.storage.leadership import Leadership, Timing, current_leader, identity
from bot.storage.postgres_maintenance import postgres_health
from tests.support.postgres_server import PostgresServer
from tests.support.silent_proxy import SilentProxy

QUICK = Timing(poll_s=0.05, fence_s=1.0, heartbeat_s=0.2, answer_s=0.4, lease_s=0.7)


@pytest.fixture
async def url(postgres_server: PostgresServer) -> str:
    return await postgres_server.new_database()


async def test_one_leads_the_other_waits_and_takes_over_when_the_lead_is_cut(url: str) -> None:
    lost: list[str] = []
    first = Leadership(url, QUICK, on_lost=lambda: lost.append("first"))
    second = Leadership(url, QUICK, on_lost=lambda: lost.append("second"))
    await first.acquire()
    waiting = asyncio.create_task(second.acquire())
    await asyncio.sleep(1.0)
    assert not waiting.done() and not second.is_leader

    admin = await asyncpg.connect(url)
    await admin.fetchval(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name LIKE 'backstride leader%'"
    )
    await asyncio.wait_for(waiting, timeout=10)
    leader = await current_leader(admin)
    await admin.close()
    await second.release()

    assert lost == ["first"] and not first.is_leader
    assert second.is_leader is False  # released
    assert leader == identity()


async def test_a_released_lead_passes_at_once(url: str) -> None:
    first, second = Leadership(url, QUICK), Leadership(url, QUICK)
    await first.acquire()
    await first.release()

    await asyncio.wait_for(second.acquire(), timeout=5)
    await second.release()


async def test_each_new_leader_takes_the_next_epoch(url: str) -> None:
    epochs = []
    for _ in range(3):
        leadership = Leadership(url, QUICK)
        await leadership.acquire()
        epochs.append(leadership.epoch)
        await leadership.release()

    assert epochs == [1, 2, 3]


async def test_a_leader_whose_epoch_moved_on_holds_no_more(url: str) -> None:
    lost: list[str] = []
    leadership = Leadership(url, QUICK, on_lost=lambda: lost.append("lost"))
    await leadership.acquire()
    held_before = await leadership.hold()
    admin = await asyncpg.connect(url)
    await admin.execute("UPDATE leader_epoch SET epoch = epoch + 1")
    await admin.close()
    await asyncio.sleep(QUICK.lease_s)
    held_after = await leadership.hold()
    await leadership.release()

    assert (held_before, held_after, lost) == (True, False, ["lost"])


async def test_after_a_stall_the_lease_is_confirmed_before_anything_is_sent(url: str) -> None:
    # The event loop stalls past the lease (a paused process) while the lock's connection
    # goes silent: the first send afterwards asks the database, hears nothing, and stops.
    lost: list[str] = []
    with SilentProxy.in_front_of(url).serving() as proxy:
        via_proxy = proxy.url_through(url)
        leadership = Leadership(via_proxy, QUICK, on_lost=lambda: lost.append("lost"))
        await leadership.acquire()
        proxy.cut()
        time.sleep(QUICK.lease_s)  # noqa: ASYNC251 - the stall itself: no heartbeat runs
        held = await leadership.hold()
        await leadership.release()

    assert (held, lost) == (False, ["lost"])


def test_a_lease_must_end_before_the_fence() -> None:
    with pytest.raises(ValueError, match="lease"):
        Timing(fence_s=1.0, lease_s=1.5)


async def test_health_names_the_leader_and_says_this_host_leads(url: str, tmp_path: object) -> None:
    from bot.storage.database import Database

    database = Database(None, url)  # type: ignore[arg-type]
    await database.open()
    await database.close()
    nobody = await postgres_health(url)
    leadership = Leadership(url, QUICK)
    await leadership.acquire()
    led = await postgres_health(url)
    await leadership.release()

    assert (nobody.leader, nobody.role) == (None, "standby")
    assert (led.leader, led.role) == (identity(), "leader")
