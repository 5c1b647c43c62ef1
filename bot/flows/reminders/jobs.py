"""Reminder jobs: before each planned session, a daily look for missed sessions, and
one-off reminders (snoozed or moved sessions). Rows in SQLite say which jobs exist;
`rebuild_reminder_jobs` recreates them at start.

Repeating reminders are grouped: runners who share a wall-clock time, zone and days share
one `run_daily` job, which reminds each of them when it fires. APScheduler spends about half
a millisecond creating a job, so a job per runner would take most of a minute to rebuild for
100,000 runners; a few thousand groups take about a second.

Reminders are bulk messages: they wait behind cues. APScheduler may run a reminder up to
REMINDER_GRACE late (a busy moment). At start, a repeating reminder due within the last
REMINDER_GRACE runs at once (it finds who was not reminded yet); a one-off reminder more
overdue than that is sent if its session is still ahead, and deleted either way, never
scheduled again. A reminder is marked sent only once it went out.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from bot.domain.programme import (
    choose_place,
    current_template,
    reverse_weekdays,
    timeline_seconds,
)
from bot.domain.reminders import (
    DailyReminder,
    MissedAction,
    daily_reminder_time,
    in_quiet_hours,
    missed_session_verdict,
)
from bot.flows.live_session.check import GO_DATA
from bot.flows.workout.handlers import workout_button
from bot.runtime.delivery import Priority
from bot.runtime.job_registry import JobRegistry
from bot.runtime.language import speaking_to
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext, Services, services_of
from bot.storage.reminders import DayMark, ReminderKind, ReminderRow
from bot.texts import plan as plan_texts
from bot.texts import reminders as texts
from bot.texts.session_timeline import build_session_timeline, session_shape

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

REMINDER_GRACE = 15 * 60  # seconds a reminder may run late and still be sent
STILL_USEFUL = timedelta(hours=1)  # after a session's start, a late reminder still helps
CHECKUP_AT = time(10, 0)  # when the missed-session look runs, on the runner's clock
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
_LOOK_BACK = timedelta(days=21)
REMINDER_PREFIX = "rem"
REALIGN_PREFIX = "realign"


def reminder_job_name(row: ReminderRow, jobs: JobRegistry) -> str:
    """A one-off reminder's job name (it ends with the runner's hash like every job of
    theirs); a repeating reminder's group job name (shared by everyone in the group)."""
    if row.kind is ReminderKind.ONCE:
        return jobs.runner_job(f"reminder:once:{row.id}", row.user_id)
    at = "" if row.at_local is None else row.at_local.strftime("%H:%M")
    days = ",".join(str(day) for day in row.days)
    return f"reminders:{row.kind.value}:{at}:{row.timezone}:{days}:{row.day_shift}"


async def sync_reminders(application: AnyApplication, user_id: int) -> None:
    """Recompute the runner's repeating reminders from their profile and choices."""
    services = services_of(application)
    profile = await services.profiles.get(user_id)
    if profile is None:
        return
    prefs = await services.reminders.prefs(user_id)
    rows = [ReminderRow(user_id, ReminderKind.CHECKUP, CHECKUP_AT, profile.timezone, EVERY_DAY)]
    daily = daily_reminder_time(profile.session_time, prefs, profile.timezone)
    weekdays = reverse_weekdays(profile)
    if daily is not None and weekdays:
        rows.append(
            ReminderRow(
                user_id,
                ReminderKind.DAILY,
                daily.at.replace(tzinfo=None),
                profile.timezone,
                daily.run_days(weekdays),
                daily.day_shift,
            )
        )
    # A group job stays when its last member leaves: it finds nobody to remind.
    ids = await services.reminders.replace_repeating(user_id, rows)
    for row, row_id in zip(rows, ids, strict=True):
        schedule_reminder(application, replace(row, id=row_id))


async def rebuild_reminder_jobs(application: AnyApplication) -> int:
    """At start: one job per group of repeating reminders and per one-off still to come;
    returns how many rows were scheduled. A group due moments ago runs now; a one-off
    that is long overdue is settled (`_settle_overdue`) instead of scheduled."""
    rows = await services_of(application).reminders.to_schedule()
    now = datetime.now(UTC)
    scheduled = 0
    for row in rows:
        if row.kind is ReminderKind.ONCE and _overdue(row, now):
            await _settle_overdue(application, row, now)
            continue
        schedule_reminder(application, row)
        scheduled += 1
        if row.kind is ReminderKind.DAILY and _just_missed(row, now):
            _fire_now(application, row)
    return scheduled


async def restore_runner_jobs(application: AnyApplication, user_id: int) -> None:
    """A runner reachable again: their repeating reminders and their one-offs."""
    await sync_reminders(application, user_id)
    now = datetime.now(UTC)
    for row in await services_of(application).reminders.of_runner(user_id):
        if row.kind is not ReminderKind.ONCE:
            continue
        if _overdue(row, now):
            await _settle_overdue(application, row, now)
        else:
            schedule_reminder(application, row)


def _overdue(row: ReminderRow, now: datetime) -> bool:
    return row.due_at is not None and row.due_at < now.timestamp() - REMINDER_GRACE


def _just_missed(group: ReminderRow, now: datetime) -> bool:
    """True if the group's reminder was due within the grace before `now` (the bot was
    down at that moment: APScheduler would wait for the next day)."""
    if group.at_local is None or group.timezone is None:
        return False
    daily = DailyReminder(group.at_local.replace(tzinfo=ZoneInfo(group.timezone)), group.day_shift)
    return daily.fell_within(now, timedelta(seconds=REMINDER_GRACE), group.days)


def _fire_now(application: AnyApplication, group: ReminderRow) -> None:
    if application.job_queue is not None:
        application.job_queue.run_once(_fire_daily, when=0, data=group)


async def _settle_overdue(application: AnyApplication, row: ReminderRow, now: datetime) -> None:
    """A one-off reminder whose moment passed while the bot was down: sent now if its
    session can still happen (now is before its start plus STILL_USEFUL), then
    deleted: it is never scheduled again."""
    services = services_of(application)
    profile = await services.profiles.get(row.user_id)
    if profile is not None and row.session_day is not None:
        starts = datetime.combine(
            row.session_day, profile.session_time, tzinfo=ZoneInfo(profile.timezone)
        )
        if now < starts + STILL_USEFUL:
            await send_reminder(application, row.user_id, row.session_day, again=True)
    if row.id is not None:
        await services.reminders.remove(row.id)
    logger.info(
        "an overdue one-off reminder of runner %s was settled", services.runner_tag(row.user_id)
    )


def schedule_reminder(application: AnyApplication, row: ReminderRow) -> None:
    """Create the job a reminder row needs: its own for a one-off, its group's otherwise
    (a group that has its job already is left alone)."""
    services = services_of(application)
    name = reminder_job_name(row, services.jobs)
    if application.job_queue is None or (
        row.kind is not ReminderKind.ONCE and name in services.jobs
    ):
        return
    options = {"misfire_grace_time": REMINDER_GRACE, "coalesce": True}
    if row.kind is ReminderKind.ONCE:
        if row.due_at is None:
            return
        job = application.job_queue.run_once(
            _fire_once,
            when=datetime.fromtimestamp(row.due_at, UTC),
            data=row,
            name=name,
            job_kwargs=options,
        )
    else:
        if row.at_local is None or row.timezone is None:
            return
        job = application.job_queue.run_daily(
            _fire_daily if row.kind is ReminderKind.DAILY else _fire_checkup,
            time=row.at_local.replace(tzinfo=ZoneInfo(row.timezone)),
            days=row.days,
            data=row,
            name=name,
            job_kwargs=options,
        )
    services.jobs.replace(name, job)


async def add_one_off(
    application: AnyApplication,
    user_id: int,
    due_at: float,
    session_day: date,
    starts: time | None = None,
) -> None:
    """A one-off reminder (snooze, moved session), stored and scheduled; `starts` is the
    session's new start when it was moved to a later time that day."""
    services = services_of(application)
    row = ReminderRow(user_id, ReminderKind.ONCE, starts, due_at=due_at, session_day=session_day)
    row_id = await services.reminders.add(row)
    schedule_reminder(application, replace(row, id=row_id))


# --- firing ------------------------------------------------------------------------------


async def _fire_daily(context: CoachContext) -> None:
    """Remind everyone in the group of their session."""
    group = _row_of(context)
    if group is None or group.at_local is None or group.timezone is None:
        return
    daily = DailyReminder(group.at_local.replace(tzinfo=ZoneInfo(group.timezone)), group.day_shift)
    day = daily.session_day(context.services.now())
    members = await context.services.reminders.members(group)
    # All at once: the rate limiter paces them (behind any cue), not one round trip each.
    await asyncio.gather(*(send_reminder(context.application, uid, day) for uid in members))


async def _fire_once(context: CoachContext) -> None:
    row = _row_of(context)
    if row is None or row.session_day is None or row.id is None:
        return
    services = context.services
    services.jobs.ran(reminder_job_name(row, services.jobs), context.job)  # type: ignore[arg-type]
    # Sent before the row goes: a crash in between sends it again rather than never.
    await send_reminder(
        context.application, row.user_id, row.session_day, again=True, starts=row.at_local
    )
    await services.reminders.remove(row.id)


async def send_reminder(
    application: AnyApplication,
    user_id: int,
    session_day: date,
    *,
    again: bool = False,
    starts: time | None = None,
) -> bool:
    """`_remind`, in the runner's language."""
    async with speaking_to(services_of(application), user_id):
        return await _remind(application, user_id, session_day, again=again, starts=starts)


async def _remind(
    application: AnyApplication,
    user_id: int,
    session_day: date,
    *,
    again: bool,
    starts: time | None,
) -> bool:
    """Remind the runner of the session on `session_day` (at `starts` if it was moved to
    later that day), unless it is done, skipped, moved, already reminded (APScheduler fires
    twice in a repeated autumn hour) or they are away."""
    services = services_of(application)
    profile = await services.profiles.get(user_id)
    runner = await services.runners.get(user_id)
    plan = await services.plans.get(user_id)
    if profile is None or runner is None or plan is None or not runner.active:
        return False
    marks = (await services.reminders.marks(user_id, session_day)).get(session_day, set())
    if marks & {DayMark.SKIPPED, DayMark.MOVED_AWAY}:
        return False
    if not again and DayMark.REMINDED in marks:
        return False
    if await _active_on(services, user_id, session_day):
        return False
    template = current_template(profile, plan.state)
    place = choose_place(profile)
    steps = build_session_timeline(template, profile, place)
    text = texts.REMINDER.format(
        when=texts.REMINDER_WHEN_SOON.format(
            time=(starts or profile.session_time).strftime("%H:%M")
        ),
        shape=session_shape(template),
        place=plan_texts.PLACE_NAMES[place],
        minutes=round(timeline_seconds(steps) / 60),
    )
    day = session_day.isoformat()
    buttons = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BUTTON_START, callback_data=GO_DATA)],
            [
                InlineKeyboardButton(
                    texts.BUTTON_SNOOZE, callback_data=f"{REMINDER_PREFIX}|snooze|{day}"
                ),
                InlineKeyboardButton(
                    texts.BUTTON_SKIP, callback_data=f"{REMINDER_PREFIX}|skip|{day}"
                ),
            ],
            [
                InlineKeyboardButton(
                    texts.BUTTON_MOVE, callback_data=f"{REMINDER_PREFIX}|move|{day}"
                )
            ],
            [workout_button(session_day)],
        ]
    )
    # Marked once sent: a failed send is tried again by a later firing or after a restart.
    sent = await _send_reminder(application, runner.chat_id, text, buttons)
    if sent:
        await services.reminders.mark(user_id, session_day, DayMark.REMINDED)
    return sent


async def _fire_checkup(context: CoachContext) -> None:
    """The daily look for everyone in the group."""
    group = _row_of(context)
    if group is None:
        return
    members = await context.services.reminders.members(group)
    await asyncio.gather(*(look_for_missed_sessions(context.application, uid) for uid in members))


async def look_for_missed_sessions(application: AnyApplication, user_id: int) -> None:
    """`_look_for_missed_sessions`, in the runner's language."""
    async with speaking_to(services_of(application), user_id):
        await _look_for_missed_sessions(application, user_id)


async def _look_for_missed_sessions(application: AnyApplication, user_id: int) -> None:
    """One nudge the day after a missed session, or after three in a row an offer to
    realign the plan (each said once)."""
    services = services_of(application)
    profile = await services.profiles.get(user_id)
    runner = await services.runners.get(user_id)
    plan = await services.plans.get(user_id)
    if profile is None or runner is None or plan is None or not runner.active:
        return
    local_now = profile.local_time(services.now())
    today = local_now.date()
    prefs = await services.reminders.prefs(user_id)
    if in_quiet_hours(local_now.time(), prefs):
        return
    since = max(today - _LOOK_BACK, plan.state.since - timedelta(days=1))
    marks = await services.reminders.marks(user_id, since)
    weekdays = set(reverse_weekdays(profile))
    planned = [
        day
        for offset in range((today - since).days)
        if (day := since + timedelta(days=offset)).weekday() in weekdays
        and not marks.get(day, set()) & {DayMark.SKIPPED, DayMark.MOVED_AWAY}
    ] + [day for day, found in marks.items() if DayMark.MOVED_HERE in found]
    active = {entry.day for entry in await services.logs.recent(user_id, limit=50)}
    nudged = {day for day, found in marks.items() if DayMark.NUDGED in found}
    verdict = missed_session_verdict(sorted(planned), active, nudged, today)
    if verdict.action is MissedAction.NOTHING or verdict.about is None:
        return
    await services.reminders.mark(user_id, verdict.about, DayMark.NUDGED)
    if verdict.action is MissedAction.NUDGE:
        await _send_reminder(application, runner.chat_id, texts.NUDGE, None)
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_REPEAT, callback_data=f"{REALIGN_PREFIX}|repeat"),
                InlineKeyboardButton(
                    texts.BUTTON_STEP_BACK, callback_data=f"{REALIGN_PREFIX}|back"
                ),
            ]
        ]
    )
    text = texts.REALIGN.format(count=verdict.missed_in_a_row)
    await _send_reminder(application, runner.chat_id, text, buttons)


async def _active_on(services: Services, user_id: int, day: date) -> bool:
    """True if the runner logged a session that day or has one running."""
    if await services.live_sessions.get(user_id) is not None:
        return True
    return any(entry.day == day for entry in await services.logs.recent(user_id, limit=10))


def _row_of(context: CoachContext) -> ReminderRow | None:
    job = context.job
    return job.data if job is not None and isinstance(job.data, ReminderRow) else None


def one_off_due(services: Services, minutes: float) -> float:
    """Unix time `minutes` from now, on the bot's (possibly scaled) clock."""
    return services.now().timestamp() + minutes * 60 / services.settings.time_scale


async def _send_reminder(
    application: AnyApplication, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None
) -> bool:
    """Send behind any cue; a blocked bot makes the runner unreachable until they /start."""
    return await send_or_mark_unreachable(
        application, chat_id, text, priority=Priority.BULK, what="a reminder", markup=buttons
    )
