"""/stats: the figures for an admin, and for anyone else the unknown-command reply."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import CommandHandler

from bot.flows.reminders.jobs import sync_reminders
from bot.runtime.recent_events import RecentEvents
from bot.runtime.services import CoachContext
from bot.storage.session_logs import LogSource, NewLog
from bot.texts import admin as admin_texts
from bot.texts import common
from tests.support.harness import Coach, running_coach, texts
from tests.support.live_session import pass_safety_check, register

ADMIN = 900
_MESSAGE_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})


async def _fail(_: Update, __: CoachContext) -> None:
    raise RuntimeError("a handler broke")


def _messages_sent(coach: Coach) -> int:
    return sum(call.ok and call.method in _MESSAGE_METHODS for call in coach.emulator.calls)


async def test_stats_is_an_unknown_command_for_anyone_but_an_admin(
    tmp_path: Path, database_url: str | None
) -> None:
    async with running_coach(
        tmp_path, database_url=database_url, admin_ids=frozenset({ADMIN})
    ) as coach:
        stranger = coach.runner(12)

        asked_stats = texts(await stranger.send("/stats"))
        asked_nonsense = texts(await stranger.send("/nosuchcommand"))

    assert asked_stats == asked_nonsense == [common.UNKNOWN_COMMAND]


async def test_stats_counts_runners_sessions_reminders_messages_and_errors(
    tmp_path: Path,
    database_url: str | None,
) -> None:
    async with running_coach(
        tmp_path,
        database_url=database_url,
        extra_handlers=lambda: [CommandHandler("fail", _fail)],
        admin_ids=frozenset({ADMIN}),
    ) as coach:
        now = datetime.now(UTC)
        runner = await register(coach)  # seen now
        await pass_safety_check(runner)  # a live session (16 real minutes long)
        await coach.services.runners.record_contact(7, 7, "Old", now - timedelta(days=30))
        await coach.services.logs.create(
            NewLog(7, date.today() - timedelta(days=30), LogSource.MANUAL, True, 300),
            now - timedelta(days=30),
        )
        await sync_reminders(coach.app, runner.chat_id)  # a daily reminder and a check-up
        await coach.runner(8).send("/fail")
        sent_before = _messages_sent(coach)

        [reply] = texts(await coach.runner(ADMIN).send("/stats"))

    assert reply == admin_texts.STATS.format(
        runners=2,
        active=1,
        live_sessions=1,
        sessions_logged=1,
        reminder_rows=2,
        reminder_jobs=2,
        messages_sent=sent_before,
        errors=1,
    )
    assert sent_before >= 3  # the safety check (its timeline is an edit), the first cue, the error


def test_recent_events_forget_what_is_older_than_the_window() -> None:
    events = RecentEvents(window=100, limit=3)
    for at in (0.0, 50.0, 120.0):
        events.record(at)

    assert events.count(now=120.0) == 2  # the one at 0 is more than 100 s old
    assert events.count(now=151.0) == 1
    events.record(200.0)
    events.record(201.0)
    events.record(202.0)
    assert events.count(now=202.0) == 3  # capped at the limit
