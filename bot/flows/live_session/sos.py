"""After a session stopped for a warning sign (an SOS): what the triage class asks for.

A stop is stored first (so a doctor's clearance is refused within a day of it, and the
follow-up survives a restart); a cardiac or neurological sign holds the plan at backward
walking until a confirmed clearance and asks the readiness questions again; a fall leaves
place advice for the next safety check; later that day a message asks how the runner is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from bot.domain.log_reading.triage import RESPONSES, WHICH_ANSWERS, Triage
from bot.domain.profile import Place, Profile
from bot.runtime.delivery import Priority
from bot.runtime.job_registry import FOLLOW_UP
from bot.runtime.language import speak_to
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext, Services, services_of
from bot.texts import safety as texts

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

# The follow-up comes this long after the stop, but not after this hour on the runner's
# clock (it is about today); a stop later than that is followed up an hour on.
FOLLOW_UP_AFTER = timedelta(hours=3)
FOLLOW_UP_LATEST_HOUR = 21
# No doctor's clearance is accepted this soon after an SOS stop.
CLEARANCE_WAIT = timedelta(days=1)
# The /profile button that asks the health (readiness) questions again.
READINESS_AGAIN_DATA = "pf|health"
# Callback data of the triage questions: "tri|pain|<0-10>", "tri|which|<log id>|<class>",
# "tri|hurt|<log id>|hurt|fine".
TRIAGE_PREFIX = "tri"
PAIN, WHICH, HURT = "pain", "which", "hurt"
LIVE = 0  # in "tri|which|<log id>|<class>": the live session, paused, rather than a log


async def record_stop(
    application: AnyApplication, profile: Profile, chat_id: int, kind: str
) -> None:
    """Store an SOS stop (`kind`: its triage class, or "sos" while unknown) and plan the
    follow-up later today."""
    services = services_of(application)
    now = services.now()
    due = now.timestamp() + _follow_up_wait(profile, now) / services.settings.time_scale
    await services.safety_stops.record(profile.user_id, now, kind, due)
    _schedule_follow_up(application, profile.user_id, chat_id, due)


async def apply_class(
    application: AnyApplication, profile: Profile, chat_id: int, kind: Triage, place: Place | None
) -> None:
    """What a class asks for beyond the stop: the walk-only hold and the readiness questions
    again (cardiac), place advice for the next safety check (a fall)."""
    services = services_of(application)
    response = RESPONSES[kind]
    if response.place_advice and place is not None:
        await services.safety_stops.advise_place(profile.user_id, place.value)
    if not response.walk_only:
        return
    held = replace(profile, safety_hold=True, medically_cleared=False)
    await services.profiles.save(held, services.now())
    if response.readiness_again:
        button = InlineKeyboardButton(
            texts.READINESS_AGAIN_BUTTON, callback_data=READINESS_AGAIN_DATA
        )
        await send_or_mark_unreachable(
            application,
            chat_id,
            texts.READINESS_AGAIN,
            priority=Priority.CUE,
            what="the readiness questions",
            markup=InlineKeyboardMarkup([[button]]),
        )


async def clearance_allowed(services: Services, user_id: int) -> bool:
    """False within a day of an SOS stop: a clearance then cannot be a doctor's."""
    last = await services.safety_stops.last_at(user_id)
    return last is None or services.now() - last >= CLEARANCE_WAIT


def which_buttons(log_id: int) -> InlineKeyboardMarkup:
    """The one follow-up question's answers; `log_id` is LIVE while the session waits."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.WHICH_LABELS[kind.value],
                    callback_data=f"{TRIAGE_PREFIX}|{WHICH}|{log_id}|{kind.value}",
                )
            ]
            for kind in WHICH_ANSWERS
        ]
    )


def hurt_buttons(log_id: int) -> InlineKeyboardMarkup:
    """Are you hurt? Yes or no, about the log of the session stopped by a fall."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"{TRIAGE_PREFIX}|{HURT}|{log_id}|{key}")
                for key, label in texts.HURT_LABELS.items()
            ]
        ]
    )


def _follow_up_wait(profile: Profile, now: datetime) -> float:
    """Seconds until the follow-up: a few hours on, but still today on the runner's clock."""
    local = profile.local_time(now)
    latest = local.replace(hour=FOLLOW_UP_LATEST_HOUR, minute=0, second=0, microsecond=0)
    at = min(local + FOLLOW_UP_AFTER, latest)
    if at <= local:
        at = local + timedelta(hours=1)
    return (at - local).total_seconds()


@dataclass(frozen=True, slots=True)
class _FollowUp:
    user_id: int
    chat_id: int


def _schedule_follow_up(
    application: AnyApplication, user_id: int, chat_id: int, due: float
) -> None:
    if application.job_queue is None:
        return
    jobs = services_of(application).jobs
    name = jobs.runner_job(FOLLOW_UP, user_id)
    job = application.job_queue.run_once(
        _send_follow_up,
        when=datetime.fromtimestamp(due).astimezone(),
        data=_FollowUp(user_id, chat_id),
        name=name,
        job_kwargs={"misfire_grace_time": None},
    )
    jobs.replace(name, job)


async def _send_follow_up(context: CoachContext) -> None:
    job = context.job
    if job is None or not isinstance(job.data, _FollowUp):
        return
    services = context.services
    services.jobs.ran(services.jobs.runner_job(FOLLOW_UP, job.data.user_id), job)
    await speak_to(services, job.data.user_id)
    sent = await send_or_mark_unreachable(
        context.application,
        job.data.chat_id,
        texts.FOLLOW_UP,
        priority=Priority.BULK,
        what="an SOS follow-up",
    )
    if sent:  # marked once sent: a crash in between asks after the restart rather than never
        await services.safety_stops.follow_ups_sent(job.data.user_id)


async def rebuild_follow_up_jobs(application: AnyApplication) -> None:
    """At start: a job for every follow-up not sent yet (one per runner)."""
    services = services_of(application)
    for user_id, due in await services.safety_stops.pending_follow_ups():
        runner = await services.runners.get(user_id)
        if runner is not None and runner.active:
            _schedule_follow_up(application, user_id, runner.chat_id, due)
