"""/reminders, and the buttons under reminders and realignment offers."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.profile import Profile
from bot.domain.programme import realigned, reverse_weekdays
from bot.domain.reminders import (
    MAX_LEAD_MINUTES,
    QUIET_HOURS_OFF,
    MoveOutcome,
    ReminderPrefs,
    moved_to_tomorrow,
    parse_lead,
    parse_quiet_hours,
)
from bot.flows.plan.coaching import reason_text
from bot.flows.reminders.jobs import (
    REALIGN_PREFIX,
    REMINDER_PREFIX,
    add_one_off,
    one_off_due,
    sync_reminders,
)
from bot.runtime.exactly_once import single_use
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachContext
from bot.runtime.taps import redraw, tapped
from bot.storage.reminders import DayMark
from bot.texts import exactly_once as once_texts
from bot.texts import plan as plan_texts
from bot.texts import reminders as texts

SNOOZE_MINUTES = 30
_BUTTON_DAYS = 14
_SETTINGS_PREFIX = "remset"
_LEADS = (15, 30, 60)
_QUIET_PRESET = ("22:00", "07:00")


async def show_reminders(update: Update, context: CoachContext) -> None:
    """/reminders [on|off|lead N|quiet 22-7|quiet off]: show or change the schedule."""
    sender = await sender_with_profile(update, context, texts.NEEDS_PROFILE)
    if sender is None:
        return
    prefs = await context.services.reminders.prefs(sender.user_id)
    if context.args:
        request = " ".join(context.args)
        changed = _changed_prefs(prefs, request)
        if changed is None:
            await sender.message.reply_text(_refusal(request))
            return
        await _store(context, sender.user_id, changed)
        await sender.message.reply_text(
            _change_line(prefs, changed), reply_markup=_settings_buttons(changed)
        )
        return
    await sender.message.reply_text(
        _summary(sender.profile, prefs), reply_markup=_settings_buttons(prefs)
    )


async def tap_setting(update: Update, context: CoachContext) -> None:
    """A /reminders button: on/off, lead time or quiet hours."""
    tap = await tapped(update)
    if tap is None or len(tap.data) != 2:
        return
    services = context.services
    profile = await services.profiles.get(tap.user_id)
    if profile is None:
        return
    before = await services.reminders.prefs(tap.user_id)
    changed = _changed_prefs(before, tap.data[1])
    if changed is None:
        return
    prefs = await _store(context, tap.user_id, changed)
    await redraw(tap, text=_summary(profile, prefs), markup=_settings_buttons(prefs))
    await tap.message.reply_text(_change_line(before, prefs))


async def tap_reminder(update: Update, context: CoachContext) -> None:
    """Snooze, skip or move, under a reminder."""
    tap = await tapped(update)
    if tap is None or len(tap.data) not in (3, 4):
        return
    action, day_text = tap.data[1], tap.data[2]
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        return
    services = context.services
    profile = await services.profiles.get(tap.user_id)
    if profile is None:
        return
    if abs((day - profile.local_time(services.now()).date()).days) > _BUTTON_DAYS:
        return  # no reminder names a day that far off: forged or very old
    if action == "snooze":
        await _snooze(tap.message, context, profile, day)
    elif action == "later" and len(tap.data) == 4:
        await _move_later(tap.message, context, profile, day, tap.data[3])
    elif action == "skip":
        await services.reminders.mark(tap.user_id, day, DayMark.SKIPPED)
        await tap.message.reply_text(texts.SKIPPED)
    elif action == "move":
        await _move(tap.message, context, profile, day)


async def _snooze(message: Message, context: CoachContext, profile: Profile, day: date) -> None:
    """Remind again in 30 minutes; if that is after the session's start, offer to move the
    session instead (later today, tomorrow) or skip it."""
    services, zone = context.services, ZoneInfo(profile.timezone)
    now = services.now().astimezone(zone)
    snoozed = now + timedelta(minutes=SNOOZE_MINUTES)
    starts = datetime.combine(day, profile.session_time, tzinfo=zone)
    if not now < starts < snoozed:
        due = one_off_due(services, SNOOZE_MINUTES)
        await add_one_off(context.application, profile.user_id, due, day)
        await message.reply_text(texts.SNOOZED.format(time=snoozed.strftime("%H:%M")))
        return
    later = _next_five_minutes(snoozed)
    iso = day.isoformat()
    rows = [
        [
            InlineKeyboardButton(texts.BUTTON_MOVE, callback_data=f"{REMINDER_PREFIX}|move|{iso}"),
            InlineKeyboardButton(texts.BUTTON_SKIP, callback_data=f"{REMINDER_PREFIX}|skip|{iso}"),
        ]
    ]
    if later.date() == day:
        label = texts.BUTTON_LATER.format(time=later.strftime("%H:%M"))
        data = f"{REMINDER_PREFIX}|later|{iso}|{later.strftime('%H:%M')}"
        rows.insert(0, [InlineKeyboardButton(label, callback_data=data)])
    await message.reply_text(
        texts.SNOOZE_PAST_START.format(start=profile.session_time.strftime("%H:%M")),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def _move_later(
    message: Message, context: CoachContext, profile: Profile, day: date, at_text: str
) -> None:
    """Today's session starts at `at_text` instead; its reminder says so, then."""
    try:
        starts = time.fromisoformat(at_text)
    except ValueError:
        return
    zone = ZoneInfo(profile.timezone)
    wait = datetime.combine(day, starts, tzinfo=zone) - context.services.now()
    minutes = max(0.0, wait.total_seconds() / 60)
    due = one_off_due(context.services, minutes)
    await add_one_off(context.application, profile.user_id, due, day, starts)
    await message.reply_text(texts.MOVED_LATER.format(time=at_text))


def _next_five_minutes(moment: datetime) -> datetime:
    """`moment` rounded up to a whole five minutes (08:43:10 -> 08:45)."""
    hour = moment.replace(minute=0, second=0, microsecond=0)
    past = moment - hour
    return hour + timedelta(minutes=5 * math.ceil(past / timedelta(minutes=5)))


async def _move(message: Message, context: CoachContext, profile: Profile, day: date) -> None:
    weekdays = set(reverse_weekdays(profile))
    window = [day + timedelta(days=offset) for offset in range(-2, 4)]
    reverse_days = [other for other in window if other.weekday() in weekdays]
    outcome = moved_to_tomorrow(day, reverse_days)
    if outcome is MoveOutcome.TOMORROW_TAKEN:
        await message.reply_text(texts.MOVE_TOMORROW_TAKEN)
        return
    if outcome is MoveOutcome.BACK_TO_BACK:
        await message.reply_text(texts.MOVE_BACK_TO_BACK)
        return
    services = context.services
    tomorrow = day + timedelta(days=1)
    await services.reminders.mark(profile.user_id, day, DayMark.MOVED_AWAY)
    await services.reminders.mark(profile.user_id, tomorrow, DayMark.MOVED_HERE)
    prefs = await services.reminders.prefs(profile.user_id)
    zone = ZoneInfo(profile.timezone)
    starts = datetime.combine(tomorrow, profile.session_time, tzinfo=zone)
    remind = starts - timedelta(minutes=prefs.lead_minutes)
    minutes = max(0.0, (remind - services.now()).total_seconds() / 60)
    await add_one_off(
        context.application, profile.user_id, one_off_due(services, minutes), tomorrow
    )
    await message.reply_text(texts.MOVED.format(time=profile.session_time.strftime("%H:%M")))


async def tap_realign(update: Update, context: CoachContext) -> None:
    """Repeat this step, or one step back, after several missed sessions."""
    tap = await tapped(update)
    if tap is None or len(tap.data) != 2 or tap.data[1] not in ("repeat", "back"):
        return
    services = context.services
    profile = await services.profiles.get(tap.user_id)
    plan = await services.plans.get(tap.user_id)
    if profile is None or plan is None:
        return
    now = services.now()
    today = profile.local_time(now).date()
    decision = realigned(profile, plan.state, today, step_back=tap.data[1] == "back")
    if tap.data[1] == "back":
        await services.plans.apply(tap.user_id, decision, today, now)
    else:
        await services.plans.start(tap.user_id, decision.state, decision.reason, now)
    await tap.message.reply_text(reason_text(profile, decision.state, decision.reason))


async def _store(context: CoachContext, user_id: int, prefs: ReminderPrefs) -> ReminderPrefs:
    services = context.services
    await services.reminders.save_prefs(user_id, prefs, services.now())
    await sync_reminders(context.application, user_id)
    return prefs


def _changed_prefs(prefs: ReminderPrefs, request: str) -> ReminderPrefs | None:
    """The preferences after a typed or tapped request; None if it makes no sense."""
    words = request.strip().lower().split(maxsplit=1)
    if not words:
        return None
    command, rest = words[0], (words[1] if len(words) > 1 else "")
    try:
        if command in ("on", "off"):
            return replace(prefs, enabled=command == "on")
        if command == "lead":
            minutes = parse_lead(rest)
            return None if minutes is None else replace(prefs, lead_minutes=minutes, enabled=True)
        if command == "quiet":
            window = parse_quiet_hours(rest)
            if window is None:
                return None
            if window is QUIET_HOURS_OFF:
                return replace(prefs, quiet_start=None, quiet_end=None)
            start, end = window
            return replace(prefs, quiet_start=start, quiet_end=end)
    except ValueError:
        return None
    return None


def _summary(profile: Profile, prefs: ReminderPrefs) -> str:
    state = texts.STATE_ON.format(lead=prefs.lead_minutes) if prefs.enabled else texts.STATE_OFF
    quiet = texts.QUIET_NONE
    if prefs.quiet_start is not None and prefs.quiet_end is not None:
        quiet = texts.QUIET_WINDOW.format(
            start=prefs.quiet_start.strftime("%H:%M"), end=prefs.quiet_end.strftime("%H:%M")
        )
    days = ", ".join(plan_texts.WEEKDAYS_SHORT[day] for day in reverse_weekdays(profile))
    return texts.SUMMARY.format(
        state=state,
        days=days,
        time=profile.session_time.strftime("%H:%M"),
        timezone=profile.timezone,
        quiet=quiet,
    )


def _change_line(before: ReminderPrefs, after: ReminderPrefs) -> str:
    """What a settings change did, in one line."""
    if before == after:
        return texts.UNCHANGED
    if not after.enabled:
        return texts.CHANGED_OFF
    if not before.enabled:
        return texts.CHANGED_ON.format(lead=after.lead_minutes)
    if before.lead_minutes != after.lead_minutes:
        return texts.CHANGED_LEAD.format(lead=after.lead_minutes)
    if after.quiet_start is None or after.quiet_end is None:
        return texts.CHANGED_NO_QUIET
    return texts.CHANGED_QUIET.format(
        start=after.quiet_start.strftime("%H:%M"), end=after.quiet_end.strftime("%H:%M")
    )


def _refusal(request: str) -> str:
    """Why a typed setting was not taken, with the range it must be in."""
    command = request.strip().lower().split(maxsplit=1)[0] if request.strip() else ""
    if command == "lead":
        return texts.LEAD_RANGE.format(most=MAX_LEAD_MINUTES)
    if command == "quiet":
        return texts.QUIET_RANGE
    return texts.NOT_UNDERSTOOD


def _settings_buttons(prefs: ReminderPrefs) -> InlineKeyboardMarkup:
    """The settings, the current choice marked ✓."""

    def button(label: str, request: str, current: bool = False) -> InlineKeyboardButton:
        mark = texts.CURRENT_MARK if current else ""
        return InlineKeyboardButton(mark + label, callback_data=f"{_SETTINGS_PREFIX}|{request}")

    toggle = (
        button(texts.BUTTON_TURN_OFF, "off")
        if prefs.enabled
        else button(texts.BUTTON_TURN_ON, "on")
    )
    quiet = (prefs.quiet_start, prefs.quiet_end)
    preset = tuple(time.fromisoformat(moment) for moment in _QUIET_PRESET)
    return InlineKeyboardMarkup(
        [
            [toggle],
            [
                button(
                    texts.BUTTON_LEAD.format(minutes=m),
                    f"lead {m}",
                    prefs.enabled and prefs.lead_minutes == m,
                )
                for m in _LEADS
            ],
            [
                button(
                    texts.BUTTON_QUIET,
                    f"quiet {_QUIET_PRESET[0]}-{_QUIET_PRESET[1]}",
                    quiet == preset,
                ),
                button(texts.BUTTON_NO_QUIET, "quiet off", quiet == (None, None)),
            ],
        ]
    )


def build_reminder_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/reminders and the reminder, settings and realignment buttons."""
    return [
        CommandHandler("reminders", show_reminders),
        CallbackQueryHandler(tap_setting, pattern=rf"^{_SETTINGS_PREFIX}\|"),
        # A reminder's buttons and a realignment offer act once per message.
        CallbackQueryHandler(
            single_use(tap_reminder, already=once_texts.OFFER_ALREADY_ANSWERED),
            pattern=rf"^{REMINDER_PREFIX}\|",
        ),
        CallbackQueryHandler(
            single_use(tap_realign, already=once_texts.OFFER_ALREADY_ANSWERED),
            pattern=rf"^{REALIGN_PREFIX}\|",
        ),
    ]
