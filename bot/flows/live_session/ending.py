"""How a live session ends: finished, stopped, stopped because the runner felt unwell, or
cut off because the runner blocked the bot. Handlers and the cue chain both end sessions here.
"""

from __future__ import annotations

import asyncio
from enum import StrEnum
from typing import Any

from telegram.ext import Application

from bot.domain.programme import format_duration
from bot.flows.session_log.handlers import ask_how_it_felt
from bot.flows.spotter.session import session_ended
from bot.runtime.delivery import Priority
from bot.runtime.job_registry import cue_job_name
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import services_of
from bot.storage.live_sessions import StoredSession
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import safety as safety_texts
from bot.texts import session as texts
from bot.texts import spotter as spotter_texts

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class Ending(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # finished while the bot was down
    STOPPED = "stopped"
    UNWELL = "unwell"  # the 🆘 button
    WARNING = "warning"  # a warning sign the runner typed (the advice is given)


# What every spotter is told at once when the runner stops for their health.
_SPOTTER_ALERTS = {Ending.UNWELL: spotter_texts.ALERT, Ending.WARNING: spotter_texts.ALERT_WARNING}


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
    )
    if log_id is None:
        return None
    services.jobs.cancel(cue_job_name(stored.user_id))
    if ending is Ending.UNWELL:
        answers = LogAnswers(red_flag=True)
    if answers is not None:
        await services.logs.answer(stored.user_id, log_id, answers, services.now())
    reverse = format_duration(reverse_seconds)
    text = {
        Ending.FINISHED: texts.DONE.format(reverse=reverse),
        Ending.INTERRUPTED: texts.DONE_CAUGHT_UP,
        Ending.STOPPED: texts.STOPPED.format(reverse=reverse),
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
