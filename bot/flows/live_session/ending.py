"""How a live session ends: finished, stopped, stopped because the runner felt unwell, or
cut off because the runner blocked the bot. Handlers and the cue chain both end sessions here.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application

from bot.domain.session_recap import DoneSession, SessionRecap, recap_session
from bot.flows.plan.coaching import day_changes, next_session
from bot.flows.session_log.handlers import ask_how_it_felt
from bot.flows.spotter.session import Alert, session_ended
from bot.runtime.delivery import Priority
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import Services, services_of
from bot.storage.live_sessions import StoredSession
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import safety as safety_texts
from bot.texts import session as texts
from bot.texts import spotter as spotter_texts
from bot.texts.session_timeline import format_duration
from bot.texts.translation import month_name, weekday_name

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class Ending(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # finished while the bot was down
    STOPPED = "stopped"
    UNWELL = "unwell"  # the 🆘 button
    WARNING = "warning"  # a warning sign the runner typed (the advice is given)


# What every spotter is told at once when the runner stops for their health.
_SPOTTER_ALERTS: dict[Ending, Alert] = {
    Ending.UNWELL: lambda: spotter_texts.ALERT,
    Ending.WARNING: lambda: spotter_texts.ALERT_WARNING,
}


async def end_session(
    application: AnyApplication,
    stored: StoredSession,
    now: float,
    ending: Ending,
    *,
    answers: LogAnswers | None = None,
    advice: str = "",
) -> int | None:
    """Remove the session, stop its cues and tell the runner; returns the log's id, None if
    the session had already ended. A stop for a warning sign stores `answers` (the red flag,
    the pain) in the log and sends `advice` instead of the usual words."""
    services = services_of(application)
    reverse_seconds = stored.live.reverse_seconds_done(now)
    services.live_sessions.forget(stored.user_id)  # deleted below, beside the log
    log_id = await services.logs.create_for_ended_session(
        NewLog(
            stored.user_id,
            stored.day,
            LogSource.LIVE,
            completed=ending in (Ending.FINISHED, Ending.INTERRUPTED),
            reverse_seconds=reverse_seconds,
            template=stored.template,
            place=stored.place,
            downgraded=stored.downgraded,
        ),
        services.now(),
        LogAnswers(red_flag=True) if ending is Ending.UNWELL else answers,
    )
    if log_id is None:
        return None
    services.cue_timer.cancel(stored.user_id)
    if ending is Ending.FINISHED:
        text = await _finished_text(services, stored, log_id, reverse_seconds)
    else:
        text = {
            Ending.INTERRUPTED: texts.DONE_CAUGHT_UP,
            Ending.STOPPED: texts.STOPPED.format(reverse=format_duration(reverse_seconds)),
            Ending.UNWELL: safety_texts.UNWELL_ADVICE,
            Ending.WARNING: advice,
        }[ending]
    # The end of a session, or the stop-now advice, is as time-critical as a cue, but has no
    # deadline: it is never dropped.
    told, _ = await asyncio.gather(
        send_or_mark_unreachable(
            application, stored.chat_id, text, priority=Priority.CUE, what="the session's end"
        ),
        session_ended(application, stored.user_id, alert=_SPOTTER_ALERTS.get(ending)),
    )
    if told and ending not in (Ending.UNWELL, Ending.WARNING):
        await ask_how_it_felt(application, stored.user_id, stored.chat_id, log_id)
    return log_id


async def _finished_text(
    services: Services, stored: StoredSession, log_id: int, reverse_seconds: int
) -> str:
    """What was done, in all, a first or a best, the streak, against last time, and when
    the next session is: only the lines that are true."""
    # Read side by side: the session's end is as time-critical as a cue.
    recent, next_line = await asyncio.gather(
        services.logs.recent(stored.user_id), _next_session_line(services, stored.user_id)
    )
    earlier = [DoneSession(log.day, log.reverse_seconds) for log in recent if log.id != log_id]
    recap = recap_session(DoneSession(stored.day, reverse_seconds), earlier)
    lines = [_headline(recap)]
    if recap.best_by is not None:
        lines.append(texts.DONE_BEST.format(more=format_duration(recap.best_by)))
    elif recap.versus_last is not None:
        lines.append(_versus_last(recap.versus_last))
    if recap.streak_weeks > 1:
        lines.append(texts.DONE_STREAK.format(weeks=recap.streak_weeks))
    if next_line:
        lines.append(next_line)
    return "\n".join(lines)


def _headline(recap: SessionRecap) -> str:
    reverse = format_duration(recap.reverse_seconds)
    if recap.first:
        return texts.DONE_FIRST.format(reverse=reverse)
    return texts.DONE.format(reverse=reverse, total=format_duration(recap.total_seconds))


def _versus_last(difference: int) -> str:
    if difference > 0:
        return texts.DONE_MORE.format(difference=format_duration(difference))
    if difference < 0:
        return texts.DONE_LESS.format(difference=format_duration(-difference))
    return texts.DONE_SAME


async def _next_session_line(services: Services, user_id: int) -> str | None:
    """When the next session is, from tomorrow on (today's is the one just done), where
    the runner moved it if they did."""
    profile, plan = await asyncio.gather(
        services.profiles.get(user_id), services.plans.get(user_id)
    )
    if profile is None or plan is None:
        return None
    today = profile.local_time(services.now()).date()
    tomorrow = datetime.combine(today + timedelta(days=1), time(0), ZoneInfo(profile.timezone))
    changes = await day_changes(services, user_id, today)
    try:
        session = next_session(profile, plan.state, tomorrow - timedelta(microseconds=1), changes)
    except ValueError:
        return None
    return texts.DONE_NEXT.format(
        weekday=weekday_name(session.day.weekday(), "abbreviated"),
        day=session.day.day,
        month=month_name(session.day.month, "abbreviated"),
        time=session.at.strftime("%H:%M"),
    )
