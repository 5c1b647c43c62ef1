"""/calendar's feed: a private address per runner, served by the bot's web server in webhook
mode, following the plan; 404 for a wrong or reset token; refused in polling mode."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.netutil
import tornado.web

from bot.domain.programme import Cause, PlanState, Reason
from bot.flows.calendar_feed import calendar_feed_routes
from bot.texts import calendar as texts
from tests.support.harness import ChatRunner, Coach, running_coach
from tests.support.live_session import TRACK_JOGGER, register

CHAT = TRACK_JOGGER.user_id
WEBHOOK_URL = "https://bot.example.org/telegram/hook"
LEVEL_1_1, LEVEL_1_3 = "5 × 25 s reverse jog / 1 min walk", "6 × 30 s reverse jog / 1 min walk"
_URL = re.compile(r"https://bot\.example\.org/calendar/[A-Za-z0-9_-]+\.ics")


@asynccontextmanager
async def _feed_server(coach: Coach) -> AsyncIterator[str]:
    """The feed's routes on a loopback port, as the webhook server serves them."""
    [sock] = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(tornado.web.Application(calendar_feed_routes(coach.app)))
    server.add_sockets([sock])
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.stop()
        await server.close_all_connections()


async def _get(origin: str, public_url: str) -> tuple[int, bytes]:
    path = public_url.removeprefix("https://bot.example.org")
    response = await tornado.httpclient.AsyncHTTPClient().fetch(origin + path, raise_error=False)
    return response.code, response.body


def _first_event(content: bytes) -> icalendar.Event:
    events = sorted(
        icalendar.Calendar.from_ical(content).walk("VEVENT"), key=lambda e: e.decoded("DTSTART")
    )
    return events[0]


async def _planned_runner(coach: Coach) -> ChatRunner:
    runner = await register(coach)
    today = datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date()
    await coach.services.plans.start(
        CHAT, PlanState.starting(1, today), Reason(Cause.START_RUNNER), datetime.now(UTC)
    )
    return runner


@pytest.fixture
async def webhook_coach(tmp_path: Path) -> AsyncIterator[Coach]:
    """The bot in webhook mode (its web server is started by each test that needs it)."""
    async with running_coach(
        tmp_path, webhook_url=WEBHOOK_URL, webhook_secret="hook_secret"
    ) as coach:
        yield coach


async def _feed_address(runner: ChatRunner) -> str:
    """/calendar: the file, then the message with the feed's address."""
    file_call, link = await runner.send("/calendar")
    assert file_call.method == "sendDocument"
    [url] = _URL.findall(str(link.params["text"]))
    assert link.params["text"] == texts.FEED_LINK.format(url=url)
    return url


async def test_the_feed_follows_a_plan_change_and_refuses_wrong_tokens(
    webhook_coach: Coach,
) -> None:
    coach = webhook_coach
    url = await _feed_address(await _planned_runner(coach))
    async with _feed_server(coach) as origin:
        status, before = await _get(origin, url)
        assert status == 200
        assert _first_event(before)["SUMMARY"] == f"Backstride: {LEVEL_1_1}"

        today = datetime.now(ZoneInfo(TRACK_JOGGER.timezone)).date()
        await coach.services.plans.start(
            CHAT, PlanState(1, 3, today), Reason(Cause.PROGRESS_STAGE), datetime.now(UTC)
        )
        status, after = await _get(origin, url)
        assert status == 200
        assert _first_event(after)["SUMMARY"] == f"Backstride: {LEVEL_1_3}"
        assert _first_event(after)["UID"] == _first_event(before)["UID"]  # updated, not added

        token = url.removesuffix(".ics").rsplit("/", 1)[1]
        wrong = url.replace(token, token[:-1] + ("B" if token.endswith("A") else "A"))
        assert (await _get(origin, wrong))[0] == 404
        assert (await _get(origin, "https://bot.example.org/calendar/x.ics"))[0] == 404


async def test_calendar_reset_switches_the_old_address_off(webhook_coach: Coach) -> None:
    coach = webhook_coach
    runner = await _planned_runner(coach)
    old = await _feed_address(runner)
    [reply] = await runner.send("/calendar reset")
    [new] = _URL.findall(str(reply.params["text"]))
    assert new != old
    async with _feed_server(coach) as origin:
        assert (await _get(origin, old))[0] == 404
        assert (await _get(origin, new))[0] == 200
    _, again = await runner.send("/calendar")
    assert new in str(again.params["text"])  # the same address until the next reset


async def test_polling_mode_refuses_the_feed_with_a_clear_reply(coach: Coach) -> None:
    runner = await _planned_runner(coach)
    [reply] = await runner.send("/calendar reset")
    assert reply.params["text"] == texts.NO_FEED_TO_RESET
    file_call, note = await runner.send("/calendar")
    assert file_call.method == "sendDocument"
    assert note.params["text"] == texts.NO_FEED
    assert await coach.services.calendar_feeds.owner_of("anything") is None
