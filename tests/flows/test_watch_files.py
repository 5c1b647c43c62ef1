"""Files from a watch, sent in the chat: read, attached to the day's log, or refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import watch_files as texts
from tests.domain.watch_file_samples import FitSession, fit_bytes, gpx_text, straight_track
from tests.support.harness import Coach
from tests.support.live_session import TRACK_JOGGER, register

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
