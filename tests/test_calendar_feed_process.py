"""Webhook mode: `python -m bot` serves calendar feeds on the same port as Telegram's calls."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.programme import Cause, PlanState, Reason
from bot.runtime.services import Services
from tests.support.bot_process import bot_process, free_port, wait_for
from tests.support.harness import settings_for_test
from tests.support.http_botapi import HttpBotApi
from tests.support.live_session import TRACK_JOGGER
from tests.test_webhook_process import webhook_environment


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:
        return 0  # not listening yet


async def _runner_with_a_feed(db_path: Path) -> str:
    """A runner with a plan and a feed token in the database; returns the token."""
    services = Services.create(settings_for_test(db_path))
    await services.db.open()
    now = datetime.now(UTC)
    user_id = TRACK_JOGGER.user_id
    await services.runners.record_contact(user_id, user_id, "Ana", now)
    await services.profiles.save(TRACK_JOGGER, now)
    await services.plans.start(
        user_id, PlanState.starting(1, now.date()), Reason(Cause.START_OCCASIONAL), now
    )
    token = await services.calendar_feeds.token_for(user_id, now)
    await services.db.close()
    return token


def test_the_webhook_server_serves_feeds_and_404s_unknown_tokens(tmp_path: Path) -> None:
    port = free_port()
    token = asyncio.run(_runner_with_a_feed(tmp_path / "bot.sqlite3"))
    with HttpBotApi().serving() as api:
        env = webhook_environment(api, tmp_path / "bot.sqlite3", port)
        with bot_process(env, tmp_path) as bot:
            assert wait_for(lambda: api.calls_of("setWebhook"), 30), bot.stderr()[-2000:]
            # setWebhook comes before the server listens, and the route right after it does.
            origin = f"http://127.0.0.1:{port}"
            assert wait_for(lambda: _status(f"{origin}/calendar/{token}.ics") == 200, 30)
            with urllib.request.urlopen(f"{origin}/calendar/{token}.ics", timeout=10) as response:
                content_type, body = response.headers["Content-Type"], response.read()
            unknown = _status(f"{origin}/calendar/nobody.ics")
            exit_code = bot.stop()
            stderr = bot.stderr()
    assert content_type == "text/calendar; charset=utf-8"
    assert body.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in body
    assert unknown == 404
    assert exit_code == 0
    assert token not in stderr  # a feed's secret never reaches the log
