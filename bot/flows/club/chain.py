"""A club session's life in the group: opened (the pinned status), started (the group's
session chosen for the members who are ready), one cue per step for everyone, the status
edited in place, and the end (each member's log in their own history).

Everything a restart needs is stored first: the session, its timeline and due times, who is
in, and an edit of the status still owed. At start, `rebuild_club_jobs` arms the start, the
next cue and the owed edit again; cues missed while the bot was down become one "where we
are" line, as for a runner's own session. One change at a time per group: every change
holds the group's lock (the session locks, keyed by the group's negative chat id).

The group hears little: one cue per step, the status edited with it, and between cues at
most one edit per STATUS_EDIT_GAP_SECONDS for members joining or dropping out, so a club
stays well inside Telegram's 20 messages a minute per group.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.domain.club import STATUS_EDIT_GAP_SECONDS, MemberState, as_done_by, club_template
from bot.domain.live_session import LiveSession
from bot.domain.log_reading.triage import RESPONSES, Triage
from bot.flows.club.view import club_cue_text, gathering_buttons, status_text
from bot.flows.live_session.stops import after_stop
from bot.flows.session_log.handlers import ask_how_it_felt
from bot.flows.spotter.session import Alert, session_ended
from bot.runtime.coach_bot import coach_bot
from bot.runtime.cue_stats import Outcome
from bot.runtime.delivery import Priority, StaleDelivery, delivery_args
from bot.runtime.language import speaking_to, speaking_to_group
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext, Services, services_of
from bot.storage.clubs import ClubMember, ClubSession
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import club as texts
from bot.texts import safety as safety_texts
from bot.texts import session as session_texts
from bot.texts import spotter as spotter_texts
from bot.texts.session_timeline import build_session_timeline, format_duration

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

CLUB_CUE, CLUB_START, CLUB_STATUS = "club-cue", "club-start", "club-status"
SessionAction = Callable[[AnyApplication, Services, ClubSession], Awaitable[None]]


class Started(StrEnum):
    """What a start (an admin's tap, or the time set) came to."""

    STARTED = "started"
    NOBODY_READY = "nobody_ready"
    NOT_GATHERING = "not_gathering"  # started already, or gone


class MemberEnding(StrEnum):
    """Why a member's part ends."""

    FINISHED = "finished"  # with the group
    STOPPED = "stopped"
    UNWELL = "unwell"  # the 🆘 button
    WARNING = "warning"  # a warning sign they typed in private (its triage class is given)


async def open_session(application: AnyApplication, chat_id: int, starts_at: float | None) -> bool:
    """Open a session for members to join, post its status and pin it, and arm its start
    (if it has a time); False if the club has a session already."""
    services = services_of(application)
    async with _holding(services, chat_id):
        if not await services.clubs.open(chat_id, starts_at, services.now()):
            return False
        session = await services.clubs.session(chat_id)
        if session is None:
            return False
        message = await application.bot.send_message(
            chat_id,
            status_text(session, None, services.now().timestamp()),
            reply_markup=gathering_buttons(),
            rate_limit_args=delivery_args(Priority.REPLY),
        )
        await services.clubs.set_status(chat_id, message.message_id)
    try:
        await application.bot.pin_chat_message(
            chat_id, message.message_id, disable_notification=True
        )
    except TelegramError as error:  # no right to pin: the status still works unpinned
        logger.info("could not pin a club's status: %s", error)
    if starts_at is not None:
        _arm(application, CLUB_START, chat_id, starts_at, _fire_start)
    return True


async def start_session(application: AnyApplication, chat_id: int) -> Started:
    """Start the club's session with the members who are ready: the group's session is the
    most cautious of theirs; members still checking in are told it went on without them."""
    services = services_of(application)
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        if session is None or session.live is not None:
            return Started.NOT_GATHERING
        ready = [m for m in session.members if m.state is MemberState.READY and m.template]
        if not ready:
            return Started.NOBODY_READY
        now = services.now()
        group = club_template(
            [m.template for m in ready if m.template is not None],
            walkers=sum(1 for m in ready if m.walks),
        )
        day_number = now.astimezone(ZoneInfo(session.club.timezone)).date().toordinal()
        steps = build_session_timeline(group, None, session.club.place, day_number)
        live = LiveSession.begin(steps, now.timestamp(), services.settings.time_scale)
        if not await services.clubs.start(chat_id, group, live):
            return Started.NOT_GATHERING
        services.jobs.cancel(services.jobs.runner_job(CLUB_START, chat_id))
        late = [m for m in session.members if m.state is MemberState.CHECKING]
        started = await services.clubs.session(chat_id)
        if started is not None:
            await _advance(application, services, started)
    await _tell(application, [m.user_id for m in late], lambda: texts.TOO_LATE, "a late check")
    return Started.STARTED


async def status_changed(application: AnyApplication, chat_id: int) -> None:
    """Members joined, checked in or dropped out: edit the status once the gap since the
    last request has passed (one edit for a burst of changes), stored so a restart owes it
    too."""
    services = services_of(application)
    name = services.jobs.runner_job(CLUB_STATUS, chat_id)
    if name in services.jobs:
        return
    at = services.now().timestamp() + STATUS_EDIT_GAP_SECONDS
    await services.clubs.status_due(chat_id, at)
    _arm(application, CLUB_STATUS, chat_id, at, _fire_status)


async def member_stops(
    application: AnyApplication,
    chat_id: int,
    user_id: int,
    ending: MemberEnding,
    *,
    sign: Triage | None = None,
    pain: int | None = None,
) -> bool:
    """A member stops, taps 🆘 or types a warning sign (`sign`, with the `pain` they gave)
    in their private chat: their part ends with a log in their own history, they get the
    same safety words as a runner on their own, their spotters hear of a 🆘 or a warning
    sign, and the group is only told that they stopped. Before the start, they simply leave
    the session. False if they were not in it."""
    services = services_of(application)
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        member = None if session is None else session.member(user_id)
        if session is None or member is None or member.state not in _IN:
            return False
        if session.live is None:
            await services.clubs.leave(chat_id, user_id)
            log_id = None
        else:
            answers = _stop_answers(ending, sign, pain)
            log_id = await _finish_member(services, session, member, ending, answers)
    if ending is MemberEnding.UNWELL:
        await _alert(application, user_id, safety_texts.UNWELL_ADVICE, lambda: spotter_texts.ALERT)
    elif ending is MemberEnding.WARNING and sign is not None:
        advice = safety_texts.STOP_ADVICE[sign.value]
        await _alert(application, user_id, advice, lambda: spotter_texts.ALERT_WARNING)
        if log_id is not None:
            await after_stop(application, (user_id, user_id), sign, log_id, record=True)
    elif log_id is not None and session.live is not None:
        reverse = session.live.reverse_seconds_done(services.now().timestamp())
        text = texts.STOPPED.format(reverse=format_duration(reverse))
        if await send_or_mark_unreachable(
            application, user_id, text, priority=Priority.REPLY, what="a club stop"
        ):
            await ask_how_it_felt(application, user_id, user_id, log_id)
    await status_changed(application, chat_id)
    return True


def _stop_answers(ending: MemberEnding, sign: Triage | None, pain: int | None) -> LogAnswers | None:
    """What a member's stop puts in their log: the red flag of a 🆘, or a warning sign's
    pain and red flag as a runner's own session would have them."""
    if ending is MemberEnding.UNWELL:
        return LogAnswers(red_flag=True)
    if ending is MemberEnding.WARNING and sign is not None:
        return LogAnswers(pain=pain, red_flag=RESPONSES[sign].step_back)
    return None


async def _alert(application: AnyApplication, user_id: int, advice: str, alert: Alert) -> None:
    """The stop-now advice to the member, and the alert to their spotters, at once."""
    await asyncio.gather(
        send_or_mark_unreachable(
            application,
            user_id,
            f"{advice}\n\n{texts.ALERT_NOTE}",
            priority=Priority.CUE,
            what="a club safety stop",
        ),
        session_ended(application, user_id, alert=alert),
    )


async def reword_status(application: AnyApplication, chat_id: int) -> None:
    """The group's language changed: its session's status, worded again in it."""
    services = services_of(application)
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        if session is not None:
            await _edit_status(application, services, session, session.live)


async def member_left(application: AnyApplication, chat_id: int, user_id: int) -> None:
    """A member left the group: they are out of its session, and off its status."""
    services = services_of(application)
    async with _holding(services, chat_id):
        left = await services.clubs.leave(chat_id, user_id)
    if left:
        await status_changed(application, chat_id)


async def end_session(application: AnyApplication, chat_id: int) -> bool:
    """An admin ends the club's session: a running one ends now (each member's log says
    stopped), a gathering one is called off. False if there was none."""
    services = services_of(application)
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        if session is None:
            return False
        if session.live is not None:
            await _finish(application, services, session, session.live, MemberEnding.STOPPED)
            return True
    await _call_off(application, chat_id, lambda: texts.STATUS_ENDED)
    return True


async def rebuild_club_jobs(application: AnyApplication) -> None:
    """At start: each club session's start, next cue and owed status edit, armed again."""
    services = services_of(application)
    now = services.now().timestamp()
    for session in await services.clubs.sessions():
        if session.status_due is not None:
            _arm(application, CLUB_STATUS, session.chat_id, session.status_due, _fire_status)
        if session.live is not None:
            async with _holding(services, session.chat_id):
                await _advance(application, services, session)
        elif session.starts_at is not None:
            _arm(application, CLUB_START, session.chat_id, max(now, session.starts_at), _fire_start)


# --- the group's cue chain -------------------------------------------------------------------

_IN = (MemberState.CHECKING, MemberState.READY)


@asynccontextmanager
async def _holding(services: Services, chat_id: int) -> AsyncIterator[None]:
    """The group's lock, speaking the group's language: every change of a club session
    runs inside, so whatever it posts to the group is worded for the group (words for a
    member inside are wrapped in `speaking_to` the member)."""
    async with services.session_locks[chat_id], speaking_to_group(services, chat_id):
        yield


def _arm(application: AnyApplication, kind: str, chat_id: int, at: float, callback: Any) -> None:
    if application.job_queue is None:
        return
    jobs = services_of(application).jobs
    jobs.arm(application.job_queue, jobs.runner_job(kind, chat_id), at, callback, chat_id)


async def _fire_cue(context: CoachContext) -> None:
    await _on_session(context, CLUB_CUE, _advance)


async def _fire_start(context: CoachContext) -> None:
    chat_id = _job_chat(context, CLUB_START)
    if chat_id is None:
        return
    if await start_session(context.application, chat_id) is Started.NOBODY_READY:
        await _call_off(context.application, chat_id, lambda: texts.STATUS_CALLED_OFF)


async def _fire_status(context: CoachContext) -> None:
    await _on_session(context, CLUB_STATUS, _refresh_status)


async def _on_session(context: CoachContext, kind: str, action: SessionAction) -> None:
    """A group's job fired: run `action` on its club session, if there still is one."""
    chat_id = _job_chat(context, kind)
    if chat_id is None:
        return
    services = context.services
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        if session is not None:
            await action(context.application, services, session)


async def _refresh_status(
    application: AnyApplication, services: Services, session: ClubSession
) -> None:
    """The debounced edit: first one line for whoever stopped since the group was last
    told (the same words whatever the reason: nothing of anyone's health), then the status."""
    stopped = await services.clubs.take_unsaid_stops(session.chat_id)
    if stopped:
        said = (
            texts.MEMBER_STOPPED.format(name=stopped[0])
            if len(stopped) == 1
            else texts.MEMBERS_STOPPED.format(names=", ".join(stopped))
        )
        await send_or_mark_unreachable(
            application, session.chat_id, said, priority=Priority.REPLY, what="a club's stop line"
        )
        session = await services.clubs.session(session.chat_id) or session
    await _edit_status(application, services, session, session.live)


def _job_chat(context: CoachContext, kind: str) -> int | None:
    job = context.job
    if job is None or not isinstance(job.data, int):
        return None
    jobs = context.services.jobs
    jobs.ran(jobs.runner_job(kind, job.data), job)
    return job.data


async def _advance(application: AnyApplication, services: Services, session: ClubSession) -> None:
    """Send the group what is due now (a cue, the end, or where we are) and re-arm."""
    live = session.live
    due = None if live is None else live.next_due
    if live is None or due is None:
        return
    now = services.now().timestamp()
    if due > now:
        _arm(application, CLUB_CUE, session.chat_id, due, _fire_cue)
        return
    if now - due > services.settings.cue_grace_seconds:
        await _catch_up(application, services, session, live, now)
        return
    live, event = live.fired()
    if event.step is None:
        await _finish(application, services, session, live)
        return
    if live.next_due is not None:
        _arm(application, CLUB_CUE, session.chat_id, live.next_due, _fire_cue)
    deadline = due + services.settings.cue_grace_seconds
    text = club_cue_text(event, mixed=_walkers_and_joggers(session))
    await _send_to_group(application, session.chat_id, text, deadline)
    await services.clubs.save_progress(session.chat_id, live)
    await _edit_status(application, services, session, live)


def _walkers_and_joggers(session: ClubSession) -> bool:
    """True when the members running go backwards both ways: the cue names both."""
    ways = {m.walks for m in session.members if m.state is MemberState.READY}
    return len(ways) == 2


async def _catch_up(
    application: AnyApplication,
    services: Services,
    session: ClubSession,
    live: LiveSession,
    now: float,
) -> None:
    """Cues were missed (the bot was down): say once where the group is, or end it."""
    live, position = live.caught_up(now)
    if position is None:
        await _finish(application, services, session, live)
        return
    await services.clubs.save_progress(session.chat_id, live)
    if live.next_due is not None:
        _arm(application, CLUB_CUE, session.chat_id, live.next_due, _fire_cue)
    text = texts.CAUGHT_UP.format(
        number=position.index + 1,
        count=len(live.steps),
        name=session_texts.STEP_NAMES[position.step.kind],
        left=format_duration(position.step_seconds_left),
    )
    await _send_to_group(application, session.chat_id, text, None)
    await _edit_status(application, services, session, live)


async def _finish(
    application: AnyApplication,
    services: Services,
    session: ClubSession,
    live: LiveSession,
    ending: MemberEnding = MemberEnding.FINISHED,
) -> None:
    """The group is done: each member still running gets their log (and its first
    question) privately; the group a last cue and the final status; the session is gone."""
    finished = []
    for member in session.members:
        if member.state is MemberState.READY:
            log_id = await _finish_member(services, session, member, ending, None)
            if log_id is not None:
                finished.append((member, log_id))
    await services.clubs.save_progress(session.chat_id, live)
    last_word = texts.CLUB_DONE if ending is MemberEnding.FINISHED else texts.CLUB_ENDED
    await _send_to_group(application, session.chat_id, last_word, None)
    done = await services.clubs.session(session.chat_id)
    await _edit_status(application, services, done or session, live)
    await services.clubs.end(session.chat_id)
    for kind in (CLUB_CUE, CLUB_STATUS, CLUB_START):
        services.jobs.cancel(services.jobs.runner_job(kind, session.chat_id))
    reverse = live.reverse_seconds_done(services.now().timestamp())
    for member, log_id in finished:
        async with speaking_to(services, member.user_id):
            text = texts.MEMBER_DONE.format(reverse=format_duration(reverse))
            if await send_or_mark_unreachable(
                application, member.user_id, text, priority=Priority.REPLY, what="a club's end"
            ):
                await ask_how_it_felt(application, member.user_id, member.user_id, log_id)


async def _finish_member(
    services: Services,
    session: ClubSession,
    member: ClubMember,
    ending: MemberEnding,
    answers: LogAnswers | None,
) -> int | None:
    """Store the member's log in their own history (once): the group's session as they did
    it, up to now, with `answers` (a stop's red flag or pain)."""
    live, group = session.live, session.template
    if live is None or group is None:
        return None
    stopped = ending is not MemberEnding.FINISHED
    now = services.now()
    log = NewLog(
        member.user_id,
        now.astimezone(ZoneInfo(session.club.timezone)).date(),
        LogSource.LIVE,
        completed=ending is MemberEnding.FINISHED,
        reverse_seconds=live.reverse_seconds_done(now.timestamp()),
        template=as_done_by(group, member.walks),
        place=session.club.place,
        downgraded=member.downgraded,
    )
    return await services.clubs.finish_member(
        session.chat_id, member.user_id, log, now, answers, stopped=stopped
    )


async def _call_off(application: AnyApplication, chat_id: int, text: Callable[[], str]) -> None:
    """Close a session that never started (nobody ready at the time set, or an admin ended
    it): the status says so in `text`, and whoever was checking in hears it privately."""
    services = services_of(application)
    async with _holding(services, chat_id):
        session = await services.clubs.session(chat_id)
        if session is None or session.live is not None:
            return
        place = texts.CLUB_PLACES[session.club.place]
        await _edit(application, session, text().format(place=place), None)
        await services.clubs.end(chat_id)
        services.jobs.cancel(services.jobs.runner_job(CLUB_STATUS, chat_id))
    checking = [m.user_id for m in session.members if m.state is MemberState.CHECKING]
    await _tell(application, checking, lambda: texts.CALLED_OFF, "a called-off session")


async def _edit_status(
    application: AnyApplication,
    services: Services,
    session: ClubSession,
    live: LiveSession | None,
) -> None:
    """Show the status as it is now; any owed edit is paid with it, unless the group is
    still to hear who stopped (the owed edit says it)."""
    if not any(member.stop_unsaid for member in session.members):
        services.jobs.cancel(services.jobs.runner_job(CLUB_STATUS, session.chat_id))
        if session.status_due is not None:
            await services.clubs.status_due(session.chat_id, None)
    text = status_text(session, live, services.now().timestamp())
    await _edit(application, session, text, gathering_buttons() if live is None else None)


async def _edit(application: AnyApplication, session: ClubSession, text: str, markup: Any) -> None:
    if session.status_id is None:
        return
    try:
        await application.bot.edit_message_text(
            text,
            session.chat_id,
            session.status_id,
            reply_markup=markup,
            rate_limit_args=delivery_args(Priority.CUE),
        )
    except BadRequest as error:  # unchanged, or deleted by an admin: cosmetic either way
        logger.info("could not edit a club's status: %s", error)
    except TelegramError as error:
        logger.warning("a club's status could not be edited: %s", error)


async def _send_to_group(
    application: AnyApplication, chat_id: int, text: str, deadline: float | None
) -> None:
    """A cue for the whole group, first in line; too late, it is dropped (the status that
    follows says where the group is); the bot removed from the group ends the session."""
    services = services_of(application)
    try:
        await coach_bot(application.bot).send_text(
            chat_id, text, rate_limit_args=delivery_args(Priority.CUE, deadline=deadline)
        )
    except StaleDelivery:
        logger.warning("a club cue was too late to send; dropped")
        services.cue_stats.count_cue(Outcome.STALE)
        return
    except Forbidden:
        logger.info("the bot is no longer in a club's group; its session ends")
        await services.clubs.end(chat_id)
        return
    except TelegramError as error:
        logger.warning("a club cue could not be sent: %s", error)
        services.cue_stats.count_cue(Outcome.FAILED)
        return
    services.cue_stats.count_cue(Outcome.SENT)


async def _tell(
    application: AnyApplication, user_ids: Sequence[int], text: Callable[[], str], what: str
) -> None:
    """Send `text()` to each member's private chat, worded in their language."""

    async def tell(user_id: int) -> None:
        async with speaking_to(services_of(application), user_id):
            words = text()
        await send_or_mark_unreachable(
            application, user_id, words, priority=Priority.REPLY, what=what
        )

    await asyncio.gather(*(tell(user_id) for user_id in user_ids))
