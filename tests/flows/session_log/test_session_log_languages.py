"""Replies typed in the runner's stored language, read through the whole application: a
Spanish log reply, a Russian /log, Russian words during a session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.texts import session_log as log_texts
from tests.support.harness import ChatRunner, Coach, running_coach
from tests.support.live_session import (
    TRACK_JOGGER,
    pass_safety_check,
    register,
    texts_to,
    wait_for_text,
    wait_until,
)

SCALE = 2000.0
CHAT = TRACK_JOGGER.user_id


@pytest.fixture
async def coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, database_url=database_url, time_scale=SCALE) as coach:
        yield coach


async def _speaking(coach: Coach, language: str) -> ChatRunner:
    """A registered runner whose stored language is `language`."""
    runner = await register(coach)
    assert await coach.services.runners.set_language(CHAT, language)
    return runner


async def test_a_spanish_runner_logs_effort_and_knee_pain_by_typing(coach: Coach) -> None:
    runner = await register(coach)
    await pass_safety_check(runner)
    await wait_for_text(coach, CHAT, log_texts.EFFORT_QUESTION[:20])
    await coach.services.runners.set_language(CHAT, "es")
    await runner.send("esfuerzo 6, rodilla 2")
    [entry] = await coach.services.logs.recent(CHAT)
    # Read without a confirmation: the Spanish labels placed both numbers.
    assert (entry.effort, entry.pain, entry.pain_site) == (6, 2, "knee")


async def test_a_russian_runner_logs_yesterday_with_number_words(coach: Coach) -> None:
    runner = await _speaking(coach, "ru")
    await runner.send("/log вчера 20 минут, усилие шесть")
    [entry] = await coach.services.logs.recent(CHAT)
    yesterday = datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date() - timedelta(days=1)
    assert (entry.day, entry.reverse_seconds, entry.effort) == (yesterday, 1200, 6)


async def test_a_russian_fall_during_a_session_stops_it(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(tmp_path, database_url=database_url, time_scale=20.0) as slow:
        runner = await register(slow)
        await pass_safety_check(runner)
        await wait_until(lambda: any(t.startswith("🔥") for t in texts_to(slow, CHAT)))
        await slow.services.runners.set_language(CHAT, "ru")
        await runner.send("упал на повороте")
        assert await slow.services.live_sessions.get(CHAT) is None
