"""The next-morning check-in: after a session with any pain, one question the next morning at
the runner's check-in time (never at once), one per session.

Pain 0 needs no question: it is the best signal, and progress never waits for it. A log for
a day whose next morning has already passed (a backdated /log) gets no "good morning"
question: that morning is gone. Check-ins are rows (`checkins`), so a restart rebuilds the
jobs; each job is named after its log, so a second session never replaces the first one's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from bot.domain.profile import Profile
from bot.domain.reminders import in_quiet_hours
from bot.runtime.delivery import Priority
from bot.runtime.job_registry import JobRegistry
from bot.runtime.language import speak_to
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext, services_of
from bot.storage.session_logs import LogEntry
from bot.texts import session_log as texts
from bot.texts.translation import weekday_name

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

MORNING_PREFIX = "am"
MORNING = "morning"
CHECKIN_AT = clock_time(8, 30)
CHECKIN_STALE_AFTER = 12 * 3600  # a check-in more than this late (bot down) is dropped
MORNING_ENDS = 12  # before noon on the runner's clock, the question says "good morning"


async def plan_checkin(application: AnyApplication, profile: Profile, entry: LogEntry) -> None:
    """Ask about a session with pain the morning after it, at the runner's check-in time
    (after their quiet hours); nothing if that morning has passed. Scaled for demos."""
    if not entry.pain:
        return
    services = services_of(application)
    now = services.now()
    prefs = await services.reminders.prefs(profile.user_id)
    at = CHECKIN_AT
    if in_quiet_hours(at, prefs) and prefs.quiet_end is not None:
        at = prefs.quiet_end
    local_now = profile.local_time(now)
    target = datetime.combine(entry.day + timedelta(days=1), at, tzinfo=local_now.tzinfo)
    if target <= local_now:
        return
    wait = (target - local_now).total_seconds() / services.settings.time_scale
    due = now.timestamp() + wait
    await services.logs.plan_checkin(entry.user_id, entry.id, due)
    _schedule_checkin(application, entry.user_id, entry.id, due)


async def rebuild_checkin_jobs(application: AnyApplication, *, user_id: int | None = None) -> None:
    """At start: a job for every check-in not sent yet (only `user_id`'s, if given)."""
    services = services_of(application)
    for runner, log_id, due in await services.logs.pending_checkins():
        if user_id in (None, runner):
            _schedule_checkin(application, runner, log_id, due)


def morning_buttons(log_id: int, answers: dict[str, str]) -> InlineKeyboardMarkup:
    """One row of morning-answer buttons for a log: key -> label."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"{MORNING_PREFIX}|{log_id}|{key}")
                for key, label in answers.items()
            ]
        ]
    )


@dataclass(frozen=True, slots=True)
class _Checkin:
    user_id: int
    log_id: int
    due: float


def _schedule_checkin(application: AnyApplication, user_id: int, log_id: int, due: float) -> None:
    if application.job_queue is None:
        return
    jobs = services_of(application).jobs
    name = _checkin_job_name(jobs, user_id, log_id)
    job = application.job_queue.run_once(
        _send_checkin,
        when=datetime.fromtimestamp(due).astimezone(),
        data=_Checkin(user_id, log_id, due),
        name=name,
        job_kwargs={"misfire_grace_time": None},
    )
    jobs.replace(name, job)


def _checkin_job_name(jobs: JobRegistry, user_id: int, log_id: int) -> str:
    """The check-in job of one logged session (several may wait, one per session)."""
    return jobs.runner_job(f"checkin:{log_id}", user_id)


async def _send_checkin(context: CoachContext) -> None:
    job = context.job
    if job is None or not isinstance(job.data, _Checkin):
        return
    user_id, log_id, due = job.data.user_id, job.data.log_id, job.data.due
    services = context.services
    services.jobs.ran(_checkin_job_name(services.jobs, user_id, log_id), job)
    await speak_to(services, user_id)
    if not await services.logs.checkin_pending(log_id):
        return
    entry = await services.logs.get(user_id, log_id)
    runner = await services.runners.get(user_id)
    profile = await services.profiles.get(user_id)
    if entry is None or runner is None or profile is None or not runner.active:
        return
    now = services.now()
    if now.timestamp() - due > CHECKIN_STALE_AFTER:
        await services.logs.checkin_sent(log_id)  # too late to ask about that morning
        return
    morning = profile.local_time(now).hour < MORNING_ENDS
    site = texts.MORNING_SITE_NAMES.get(entry.pain_site or "")
    question = texts.MORNING_QUESTIONS[(morning, site is not None)]
    text = question.format(site=site, day=weekday_name(entry.day.weekday()))
    await services.logs.ask(user_id, log_id, MORNING, now)
    sent = await send_or_mark_unreachable(
        context.application,
        runner.chat_id,
        text,
        priority=Priority.BULK,
        what="a morning check-in",
        markup=morning_buttons(log_id, texts.MORNING_LABELS),
    )
    if not sent:
        return
    # Marked once sent: a crash in between asks again after the restart rather than never.
    await services.logs.checkin_sent(log_id)
