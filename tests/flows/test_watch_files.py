"""Files from a watch, sent in the chat: read, attached to the day's log, or refused."""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.domain.watch_files import MAX_BYTES
from bot.flows import watch_files
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import watch_files as texts
from tests.domain.watch_file_samples import FitSession, fit_bytes, gpx_text, straight_track
from tests.support.harness import Coach
from tests.support.live_session import TRACK_JOGGER, register, wait_until

CHAT = TRACK_JOGGER.user_id
START = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)


async def test_a_gpx_file_is_attached_to_the_session_of_that_day(coach: Coach) -> None:
    runner = await register(coach)
    now = datetime.now(UTC)
    log_id = await coach.services.logs.create(
        NewLog(CHAT, START.date(), LogSource.LIVE, True, 125), now
    )
    await coach.services.logs.answer(CHAT, log_id, LogAnswers(effort=5), now)
    track = gpx_text(straight_track(START, 24 * 60, 3100, [140, 142, 144]))
    [reply] = await runner.send_payload(runner.user.document("run.gpx", track.encode()))
    assert reply.params["text"] == (
        "Read from your watch: 24 min, 3.1 km, average heart rate 142. "
        + texts.ATTACHED.format(day=START.strftime("%a %d %b"))
    )
    [entry] = await coach.services.logs.recent(CHAT)
    assert (entry.duration_seconds, entry.heart_rate) == (1440, 142)
    assert entry.distance_km == pytest.approx(3.1)
    assert entry.effort == 5


async def test_a_fit_file_without_a_log_that_day_creates_one(coach: Coach) -> None:
    runner = await register(coach)
    day_before = START - timedelta(days=1)
    session = FitSession(day_before, 1800.0, 1750.0, 4200.0, 150)
    [reply] = await runner.send_payload(runner.user.document("Morning.FIT", fit_bytes(session)))
    assert str(reply.params["text"]).startswith(
        "Read from your watch: 30 min, 4.2 km, average heart rate 150. Saved as a session on"
    )
    [entry] = await coach.services.logs.recent(CHAT)
    assert (entry.day, entry.source, entry.duration_seconds) == (
        day_before.date(),
        LogSource.WATCH,
        1800,
    )


async def test_a_broken_file_is_refused_kindly(coach: Coach) -> None:
    runner = await register(coach)
    [reply] = await runner.send_payload(runner.user.document("run.gpx", b"<gpx><trk>"))
    assert reply.params["text"] == texts.REFUSALS["malformed"]
    [other] = await runner.send_payload(runner.user.document("notes.txt", b"hello"))
    assert other.params["text"] == texts.REFUSALS["unknown_format"]
    assert await coach.services.logs.recent(CHAT) == []


async def test_a_file_of_unknown_size_is_refused_before_downloading(coach: Coach) -> None:
    runner = await register(coach)
    payload = runner.user.document(
        "run.gpx", gpx_text(straight_track(START, 60, 100, [140])).encode()
    )
    del payload["message"]["document"]["file_size"]
    assert [call.params["text"] for call in await runner.send_payload(payload)] == [
        texts.SIZE_UNKNOWN
    ]
    assert [call for call in coach.emulator.calls if call.method == "getFile"] == []


async def test_a_file_waits_its_turn_with_a_kind_word(coach: Coach) -> None:
    runner = await register(coach)
    track = gpx_text(straight_track(START, 24 * 60, 3100, [140, 142, 144])).encode()
    workers = coach.services.file_workers
    async with workers.turn(), workers.turn():  # both workers busy with other files
        sending = asyncio.create_task(runner.send_payload(runner.user.document("run.gpx", track)))
        await wait_until(lambda: bool(runner.inbox()))
        assert [message["text"] for message in runner.inbox()] == [texts.ONE_MOMENT]
        assert not sending.done()
    replies = await sending
    assert str(replies[-1].params["text"]).startswith("Read from your watch: 24 min")


def _ten_megabyte_gpx() -> bytes:
    one_hour = straight_track(START - timedelta(days=2), 3600, 10_000, [140] * 1000)
    per_point = len(gpx_text(one_hour).encode()) / 1000
    points = int(MAX_BYTES * 0.98 / per_point)
    track = straight_track(START - timedelta(days=2), 3600, 10_000, [140] * points)
    return gpx_text(track).encode()


async def _longest_stall(during: Awaitable[object]) -> float:
    """The longest the event loop went without running a 5 ms heartbeat while `during` ran."""
    gaps: list[float] = []
    task = asyncio.ensure_future(during)
    loop = asyncio.get_running_loop()
    while not task.done():
        before = loop.time()
        await asyncio.sleep(0.005)
        gaps.append(loop.time() - before - 0.005)
    await task
    return max(gaps)


async def test_a_ten_megabyte_gpx_is_read_off_the_event_loop_and_stays_small(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = await register(coach)
    content = _ten_megabyte_gpx()
    readers: list[str] = []
    real_read = watch_files.read_workout

    def read_workout(*args: Any) -> Any:
        readers.append(threading.current_thread().name)
        return real_read(*args)

    monkeypatch.setattr(watch_files, "read_workout", read_workout)
    # The same heartbeat with the loop idle for a second: what the machine itself costs
    # (other processes on a busy machine), so only the file's own stalls are counted.
    idle = await _longest_stall(asyncio.sleep(1.0))
    reading = await _longest_stall(runner.send_payload(runner.user.document("long.gpx", content)))
    tracemalloc.start()
    try:
        await runner.send_payload(runner.user.document("again.gpx", content))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(
        f"10 MB GPX ({len(content):,} bytes): longest event-loop stall {reading * 1000:.0f} ms"
        f" (idle loop: {idle * 1000:.0f} ms); memory allocated at the peak {peak / 2**20:.1f} MiB"
    )
    [first, _] = [
        str(message.get("text", ""))
        for message in runner.inbox()
        if str(message.get("text", "")).startswith("Read from")
    ]
    assert first.startswith("Read from your watch: 60 min, 10.0 km")
    # The stall is a figure to read, not a pass mark (it follows the machine's load): what
    # keeps the loop free is that the file is read on a worker thread, never on the loop's.
    assert readers and all(name.startswith("file-reader") for name in readers), readers
    assert peak < 100 * 2**20
