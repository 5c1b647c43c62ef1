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

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class Ending(StrEnum):
    """Why a session ended."""

    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # finished while the bot was down
    STOPPED = "stopped"
    UNWELL = "unwell"


async def end_session(
    application: AnyApplication, stored: StoredSession, now: float, ending: Ending
) -> bool:
    """Remove the session, stop its cues and tell the runner; False if it had already ended."""
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
        return False
    services.jobs.cancel(cue_job_name(stored.user_id))
    if ending is Ending.UNWELL:
        await services.logs.answer(
            stored.user_id, log_id, LogAnswers(red_flag=True), services.now()
        )
    reverse = format_duration(reverse_seconds)
    text = {
        Ending.FINISHED: texts.DONE.format(reverse=reverse),
        Ending.INTERRUPTED: texts.DONE_CAUGHT_UP,
        Ending.STOPPED: texts.STOPPED.format(reverse=reverse),
        Ending.UNWELL: safety_texts.UNWELL_ADVICE,
    }[ending]
    # The end of a session, or the stop-now advice, is as time-critical as a cue, but has no
    # deadline: it is never dropped.
    told, _ = await asyncio.gather(
        send_or_mark_unreachable(
            application, stored.chat_id, text, priority=Priority.CUE, what="the session's end"
        ),
        session_ended(application, stored.user_id, unwell=ending is Ending.UNWELL),
    )
    if told and ending is not Ending.UNWELL:
        await ask_how_it_felt(application, stored.user_id, stored.chat_id, log_id)
    return True
