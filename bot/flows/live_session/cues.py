"""Cue chains: one pending moment per live session, for its next due cue, on the one timer
all sessions share (`CueTimer`: a heap and a task, not an APScheduler job per runner).

The database holds each session's due times; the timer only says "look at runner N's
session now". Each firing sends one cue and arms the next, so pause, skip and restarts only
ever have one moment to replace. The timer never drops a late moment: lateness is judged
here, where a stale cue becomes one catch-up message instead of silence or a late
instruction.

A cue the rate limiter drops as stale (a 429 for the runner's chat, or a queue too long) is
followed by one "where you are" line, sent once Telegram lets the bot write to that chat
again and worded at that moment: several stale cues in a row still make one line.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bot.domain.live_session import LiveSession
from bot.flows.live_session.ending import Ending, end_session
from bot.flows.live_session.view import cue_text, position_values, session_buttons
from bot.flows.spotter.session import cue_started
from bot.runtime.coach_bot import coach_bot
from bot.runtime.cue_stats import Outcome
from bot.runtime.delivery import Priority, PriorityRateLimiter, StaleDelivery, delivery_args
from bot.runtime.job_registry import HELD_BACK
from bot.runtime.language import speaking_to
from bot.runtime.sending import runner_unreachable
from bot.runtime.services import CoachContext, Services, services_of
from bot.storage.live_sessions import StoredSession
from bot.texts import session as texts

logger = logging.getLogger(__name__)

_CUE_JOB_OPTIONS = {"misfire_grace_time": None, "coalesce": True}


def schedule_next_cue(application: Application, user_id: int, live: LiveSession) -> None:  # type: ignore[type-arg]
    """Replace the runner's pending cue by the session's next due cue (none if paused)."""
    timer = services_of(application).cue_timer
    due = live.next_due
    if due is None:
        timer.cancel(user_id)
        return
    timer.arm(user_id, due, functools.partial(_fire_cue, application))


async def start_cues(application: Application, stored: StoredSession) -> None:  # type: ignore[type-arg]
    """A session just stored: send its first cue (due now) and arm the job for the next."""
    services = services_of(application)
    async with services.session_locks[stored.user_id]:
        await _advance(application, services, stored)


async def rebuild_cue_jobs(application: Application) -> None:  # type: ignore[type-arg]
    """At start: each live session's next cue armed on the timer. Nothing is sent here: an
    overdue cue goes out (or one catch-up message, past the grace) as soon as the timer runs
    it, so a new leader polls and runs jobs at once, and the overdue sessions queue for the
    send budget side by side, oldest due first, rather than one after another first."""
    services = services_of(application)
    for stored in await services.live_sessions.all():
        schedule_next_cue(application, stored.user_id, stored.live)


SessionAction = Callable[[Application, Services, StoredSession], Awaitable[None]]  # type: ignore[type-arg]


async def _on_session(application: Application, user_id: int, action: SessionAction) -> None:  # type: ignore[type-arg]
    """Run `action` on the runner's session, if it is still live, in the runner's language
    (one timer task runs every runner's cues, so the language is set for this one only)."""
    services = services_of(application)
    # One change at a time per session: a /skip or /pause waits until this is out.
    async with services.session_locks[user_id], speaking_to(services, user_id):
        stored = await services.live_sessions.get(user_id)
        if stored is not None:
            await action(application, services, stored)


async def _fire_cue(application: Application, user_id: int) -> None:  # type: ignore[type-arg]
    """The runner's next cue is due."""
    await _on_session(application, user_id, _advance)


async def _advance(application: Application, services: Services, stored: StoredSession) -> None:  # type: ignore[type-arg]
    """Send what is due now for this session (a cue, the end, or a catch-up) and re-arm."""
    live = stored.live
    due = live.next_due
    if due is None:
        return
    now = services.now().timestamp()
    if due > now:
        schedule_next_cue(application, stored.user_id, live)
        return
    if now - due > services.settings.cue_grace_seconds:
        await _catch_up(application, services, stored, now)
        return
    live, event = live.fired()
    if event.step is None:
        await end_session(application, stored, now, Ending.FINISHED)
        return
    # Sent before it is recorded as sent: a crash in between repeats this cue once after
    # the restart (or says where the runner is), rather than losing it without a word.
    schedule_next_cue(application, stored.user_id, live)
    deadline = due + services.settings.cue_grace_seconds
    outcome = await _send(
        application,
        services,
        stored,
        cue_text(event),
        deadline=deadline,
        next_index=live.next_index,
    )
    services.cue_stats.count_cue(outcome)
    await services.live_sessions.save_progress(stored.user_id, live)
    await cue_started(application, stored.user_id, event)


async def _catch_up(
    application: Application,  # type: ignore[type-arg]
    services: Services,
    stored: StoredSession,
    now: float,
) -> None:
    """Cues were missed (the bot was down): skip them and say once where the runner is."""
    live, position = stored.live.caught_up(now)
    if not await services.live_sessions.save_progress(stored.user_id, live):
        return
    services.cue_stats.caught_up += 1
    if position is None:
        await end_session(application, stored, now, Ending.INTERRUPTED)
        return
    schedule_next_cue(application, stored.user_id, live)
    text = texts.CAUGHT_UP.format(**position_values(position, len(live.steps)))
    await _send(application, services, stored, text, deadline=None, next_index=live.next_index)


def _arm_held_back_line(application: Application, stored: StoredSession) -> None:  # type: ignore[type-arg]
    """A cue went stale: say where the runner is once their chat may be written to again."""
    services = services_of(application)
    name = services.jobs.runner_job(HELD_BACK, stored.user_id)
    if name in services.jobs or application.job_queue is None:
        return  # one line is already on its way
    limiter = application.bot.rate_limiter
    at = services.now().timestamp()
    if isinstance(limiter, PriorityRateLimiter):
        at += limiter.chat_paused_for(stored.chat_id)
    job = application.job_queue.run_once(
        _fire_held_back_line,
        when=datetime.fromtimestamp(at, UTC),
        data=stored.user_id,
        name=name,
        job_kwargs=_CUE_JOB_OPTIONS,
    )
    services.jobs.replace(name, job)


async def _fire_held_back_line(context: CoachContext) -> None:
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    services = context.services
    services.jobs.ran(services.jobs.runner_job(HELD_BACK, job.data), job)
    await _on_session(context.application, job.data, _say_where_the_runner_is)


async def _say_where_the_runner_is(
    application: Application,  # type: ignore[type-arg]
    services: Services,
    stored: StoredSession,
) -> None:
    if stored.live.paused:
        return  # paused by the runner: they know where they are
    now = services.now().timestamp()
    position = stored.live.position(now)
    if position is None:
        return  # the session's end is the cue chain's to say
    text = texts.CUE_HELD_BACK.format(**position_values(position, len(stored.live.steps)))
    grace = services.settings.cue_grace_seconds
    deadline, next_index = now + grace, stored.live.next_index
    outcome = await _send(
        application, services, stored, text, deadline=deadline, next_index=next_index
    )
    services.cue_stats.count_held_back_line(outcome)


async def _send(
    application: Application,  # type: ignore[type-arg]
    services: Services,
    stored: StoredSession,
    text: str,
    *,
    deadline: float | None,
    next_index: int,
) -> Outcome:
    """Send a cue first in line. A stale one is dropped (and a line saying where the runner is
    follows), a blocked bot ends the session."""
    tag = services.runner_tag(stored.chat_id)
    try:
        await coach_bot(application.bot).send_text(
            stored.chat_id,
            text,
            markup=session_buttons(paused=False, next_index=next_index),
            rate_limit_args=delivery_args(Priority.CUE, deadline=deadline),
        )
    except StaleDelivery:
        logger.warning("a cue for runner %s was too late to send; dropped", tag)
        _arm_held_back_line(application, stored)
        return Outcome.STALE
    except Forbidden:
        await runner_unreachable(application, stored.chat_id, user_id=stored.user_id)
        return Outcome.BLOCKED
    except TelegramError as error:
        logger.warning("a cue for runner %s could not be sent: %s", tag, error)
        return Outcome.FAILED
    return Outcome.SENT
