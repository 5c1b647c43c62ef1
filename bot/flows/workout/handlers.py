"""/workout and the "Send to my watch" buttons: a session as a FIT workout file.

Which session: the one running now (the button under the timeline), the one a reminder is
about (its button carries the day), or else the plan's next session after reviewing it, so
the file follows the adapted plan. `/workout speed 5` sets a treadmill walking speed for
speed targets; `/workout help` says how to load the file on a watch.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.profile import Place, Profile, Units
from bot.domain.programme import (
    SessionTemplate,
    TimelineStep,
    build_week,
    choose_place,
    current_template,
    timeline_reverse_seconds,
    timeline_seconds,
    whole_minutes,
)
from bot.domain.watch_workout import parse_walking_speed, workout_items
from bot.flows.plan.coaching import day_changes, next_session, review_plan
from bot.flows.workout.fit_file import workout_fit
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachContext
from bot.runtime.taps import tapped
from bot.storage.watch_workouts import SentWorkout
from bot.texts import plan as plan_texts
from bot.texts import workout as texts
from bot.texts.session_timeline import build_session_timeline, session_shape

# Callback data: "workout" (the session running, else the next one) or "workout|YYYY-MM-DD".
WORKOUT_PREFIX = "workout"
_KM_PER_MILE = 1.609344
_BUTTON_DAYS = 14


@dataclass(frozen=True, slots=True)
class WatchSession:
    """The session a workout file is made of."""

    day: date
    starts: datetime
    place: Place
    template: SessionTemplate
    steps: tuple[TimelineStep, ...]


def workout_button(day: date | None = None) -> InlineKeyboardButton:
    """The "Send to my watch" button: for `day`'s session, or the running or next one."""
    data = WORKOUT_PREFIX if day is None else f"{WORKOUT_PREFIX}|{day.isoformat()}"
    return InlineKeyboardButton(texts.BUTTON, callback_data=data)


async def workout_command(update: Update, context: CoachContext) -> None:
    """/workout [help | speed N | speed off]."""
    sender = await sender_with_profile(update, context, texts.NO_PROFILE)
    if sender is None:
        return
    args = [arg.lower() for arg in context.args or []]
    if args[:1] == ["help"]:
        await sender.message.reply_text(texts.HOW_TO_LOAD)
    elif args[:1] == ["speed"]:
        await _set_speed(sender.message, context, sender.profile, " ".join(args[1:]))
    else:
        await _send_workout(sender.message, context, sender.profile, None)


async def tap_workout(update: Update, context: CoachContext) -> None:
    """The button under the timeline or a reminder."""
    tap = await tapped(update)
    if tap is None or len(tap.data) > 2:
        return
    profile = await context.services.profiles.get(tap.user_id)
    if profile is None:
        await tap.message.reply_text(texts.NO_PROFILE)
        return
    day = None
    if len(tap.data) == 2:
        try:
            day = date.fromisoformat(tap.data[1])
        except ValueError:
            return
        if abs((day - date.today()).days) > _BUTTON_DAYS:
            return  # no reminder names a day that far off: forged or very old
    await _send_workout(tap.message, context, profile, day)


async def _send_workout(
    message: Message, context: CoachContext, profile: Profile, day: date | None
) -> None:
    services = context.services
    session = await _watch_session(context, profile, day)
    walking_kmh = await services.watch_workouts.walking_kmh(profile.user_id)
    treadmill = session.place is Place.TREADMILL
    speed = walking_kmh if treadmill else None
    items = workout_items(session.steps, speed)
    name = workout_name(session.day)
    content = await asyncio.to_thread(workout_fit, name, items, session.starts, treadmill=treadmill)
    sent = SentWorkout(
        profile.user_id,
        name,
        session.day,
        session.template,
        session.place,
        timeline_reverse_seconds(session.steps),
        timeline_seconds(session.steps),
    )
    # Stored before the file goes out: the activity that comes back must find its session.
    await services.watch_workouts.record_sent(sent, services.now())
    caption = texts.CAPTION.format(
        shape=session_shape(session.template),
        minutes=whole_minutes(timeline_seconds(session.steps)),
    )
    if speed is not None:
        caption += texts.CAPTION_SPEEDS.format(**_speed_values(speed, profile.units))
    await message.reply_document(
        content, filename=texts.FILE_NAME.format(date=session.day.isoformat()), caption=caption
    )


def workout_name(day: date) -> str:
    """The workout's name on the watch, which its activity file carries back."""
    return texts.WORKOUT_NAME.format(
        weekday=plan_texts.WEEKDAYS_SHORT[day.weekday()],
        day=day.day,
        month=plan_texts.MONTHS_SHORT[day.month - 1],
    )


async def _watch_session(context: CoachContext, profile: Profile, day: date | None) -> WatchSession:
    """The session running now, the one on `day`, or the plan's next one (where the runner
    moved it, if they did)."""
    services = context.services
    zone = ZoneInfo(profile.timezone)
    live = await services.live_sessions.get(profile.user_id)
    if live is not None and (day is None or live.day == day):
        starts = datetime.combine(live.day, profile.session_time, tzinfo=zone)
        return WatchSession(live.day, starts, live.place, live.template, live.live.steps)
    plan, _ = await review_plan(services, profile, services.now())
    if day is None:
        today = profile.local_time(services.now()).date()
        changes = await day_changes(services, profile.user_id, today)
        upcoming = next_session(profile, plan.state, services.now(), changes)
        starts = datetime.combine(upcoming.day, upcoming.at, tzinfo=zone)
        return WatchSession(upcoming.day, starts, upcoming.place, upcoming.template, upcoming.steps)
    monday = day - timedelta(days=day.weekday())
    entries = [e for e in build_week(profile, plan.state, monday) if e.day == day]
    # A day the plan has no session on (a session moved there) gets the plan's usual one.
    if entries and entries[0].template is not None:
        template, place = entries[0].template, entries[0].place
    else:
        template, place = current_template(profile, plan.state), choose_place(profile)
    starts = datetime.combine(day, profile.session_time, tzinfo=zone)
    steps = build_session_timeline(template, profile, place)
    return WatchSession(day, starts, place, template, steps)


async def _set_speed(message: Message, context: CoachContext, profile: Profile, text: str) -> None:
    services = context.services
    if text == "off":
        await services.watch_workouts.set_walking_kmh(profile.user_id, None, services.now())
        await message.reply_text(texts.SPEED_CLEARED)
        return
    per_hour = _KM_PER_MILE if profile.units is Units.MILES else 1.0
    kmh = parse_walking_speed(text, per_hour)
    if kmh is None:
        await message.reply_text(texts.SPEED_NOT_UNDERSTOOD)
        return
    await services.watch_workouts.set_walking_kmh(profile.user_id, kmh, services.now())
    await message.reply_text(texts.SPEED_SET.format(**_speed_values(kmh, profile.units)))


def _speed_values(kmh: float, units: Units) -> dict[str, str]:
    if units is Units.MILES:
        return {"speed": f"{kmh / _KM_PER_MILE:.1f}", "unit": "mph"}
    return {"speed": f"{kmh:.1f}", "unit": "km/h"}


def build_workout_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/workout and the "Send to my watch" buttons."""
    return [
        CommandHandler("workout", workout_command),
        CallbackQueryHandler(tap_workout, pattern=rf"^{WORKOUT_PREFIX}(\|[0-9-]+)?$"),
    ]
