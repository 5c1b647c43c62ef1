"""/go: the pre-session safety check, then the live session starts.

The answers so far are in SQLite after every tap, so a restart mid-check loses nothing; a
session that starts is stored before anything is sent. Then the check message shows its
timeline and its first cue (the warm-up), due at once, goes out.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.daylight import INDOOR_PLACES, Daylight, dark_during
from bot.domain.live_session import LiveSession
from bot.domain.precautions import precautions_of
from bot.domain.profile import Place, Profile
from bot.domain.programme import (
    SessionTemplate,
    choose_place,
    current_template,
)
from bot.domain.programme.templates import WARM_UP_SECONDS
from bot.domain.safety_check import (
    CheckStep,
    OtherPlace,
    Outcome,
    Question,
    QuestionId,
    SafetyVerdict,
    answer_keys,
    answered_options,
    answers_from_keys,
    first_step,
    fitted_to_place,
    option_by_key,
    take_answer,
    with_session,
)
from bot.flows.live_session.cues import start_cues
from bot.flows.live_session.view import (
    position_values,
    resume_or_stop_buttons,
    timeline_text,
)
from bot.flows.plan.coaching import review_plan
from bot.flows.spotter.session import session_started
from bot.flows.workout.handlers import workout_button
from bot.runtime.services import CoachContext
from bot.runtime.taps import Tap, answered_with, edit_or_send, stop_spinner, tap_of, tapped
from bot.storage.live_sessions import StoredSession
from bot.texts import safety as safety_texts
from bot.texts import session as texts
from bot.texts.session_timeline import build_session_timeline
from bot.texts.translation import cache_per_language

SAFETY_PREFIX = "safety"
GO_DATA = "go"  # a "Start now" button anywhere (a reminder, /plan) sends this
# Under the timeline: the session just started, as a watch workout.
_WATCH_BUTTON = InlineKeyboardMarkup([[workout_button()]])


async def go(update: Update, context: CoachContext) -> None:
    """/go or a "Start now" button: begin the safety check (or point at the running session)."""
    user, message = update.effective_user, update.effective_message
    if update.callback_query is not None:
        tap = await tapped(update)
        message = tap.message if tap else None
    if user is None or message is None:
        return
    services = context.services
    profile = await services.profiles.get(user.id)
    if profile is None:
        await message.reply_text(texts.NEEDS_PROFILE)
        return
    if await _point_at_running_session(user.id, context, message):
        return
    await services.safety_checks.save(user.id, {}, services.now())
    fell_at = await services.safety_stops.take_place_advice(user.id)
    if fell_at is not None:  # once, at the first check after a fall there
        await message.reply_text(safety_texts.PLACE_ADVICE[fell_at])
    step = first_step(profile, done_today=await done_today(context, profile))
    markup = check_keyboard(step.question)
    await context.bot.send_text(message.chat_id, check_text(step), markup=markup)


async def answer(update: Update, context: CoachContext) -> None:
    """A tap on a safety-check button.

    The check lives in one message that shows the answers so far and the next question, so
    each tap costs one edit, sent together with the tap's acknowledgement. The tap that
    starts a session stores it and sends its first cue without waiting for anything else.
    """
    tap = tap_of(update)
    if tap is None:
        if update.callback_query is not None:
            await stop_spinner(update.callback_query)
        return
    services = context.services
    stored, profile = await asyncio.gather(
        services.safety_checks.get(tap.user_id), services.profiles.get(tap.user_id)
    )
    option = option_by_key(tap.data[1]) if len(tap.data) == 2 else None
    if stored is None or option is None or profile is None:
        await answered_with(tap, tap.message.reply_text(texts.CHECK_ENDED))
        return
    step = take_answer(
        answers_from_keys(stored),
        option,
        profile,
        done_today=await done_today(context, profile),
    )
    if step.starts and step.verdict is not None:
        verdict = with_session(step.verdict, await todays_template(context, profile))
        if verdict.template is not None:
            downgraded = verdict.outcome is Outcome.DOWNGRADE
            extra = step.answers.again_today is True
            await _start(tap, context, profile, step, (verdict.template, downgraded, extra))
            return
    if step.ends:
        await services.safety_checks.discard(profile.user_id)
    else:
        await services.safety_checks.save(tap.user_id, answer_keys(step.answers), services.now())
    dark = _darkness(profile, step, services.now())
    text, markup = check_text(step, dark), check_keyboard(step.question)
    await answered_with(tap, edit_or_send(tap, text, markup))


def _darkness(profile: Profile, step: CheckStep, now: datetime) -> Daylight | None:
    """Right after an outdoor place is tapped: the day's daylight if the session would be
    in the dark (indoor places are exempt)."""
    where = step.answers.where
    if step.question is None or step.question.id is not QuestionId.SURFACE:
        return None
    if where in INDOOR_PLACES or where is OtherPlace.SIDEWALK_OR_ROAD:
        return None
    return dark_during(profile.timezone, now)


def check_text(step: CheckStep, dark: Daylight | None = None) -> str:
    """The check message: a line per answer so far, the verdict to show, a darkness
    warning, the next question."""
    lines = [
        texts.CHECK_ANSWER.format(answer=safety_texts.OPTION_LABELS[option.key])
        for option in answered_options(step.answers)
    ]
    if step.verdict is not None and not step.starts:
        lines += ["", _verdict_text(step.verdict)]
    if dark is not None:
        times = {"sunrise": f"{dark.sunrise:%H:%M}", "sunset": f"{dark.sunset:%H:%M}"}
        lines += ["", safety_texts.DARK_NOW.format(**times)]
    if step.question_key is not None:
        question = safety_texts.QUESTIONS[step.question_key]
        lines += ["", question.format(minutes=WARM_UP_SECONDS // 60)]
    return "\n".join(lines).strip()


async def _start(
    tap: Tap,
    context: CoachContext,
    profile: Profile,
    step: CheckStep,
    session: tuple[SessionTemplate, bool, bool],
) -> None:
    """Close the check and store the session (template, downgraded, an extra one today) in
    one trip to the database; then the check message shows the timeline while the first cue
    goes out."""
    services = context.services
    planned, downgraded, extra = session
    where = step.answers.where
    place = where if isinstance(where, Place) else choose_place(profile)
    template = fitted_to_place(planned, place)
    now = services.now()
    # The day picks the warm-up's drill: sessions on different days read differently.
    day_number = profile.local_time(now).date().toordinal()
    steps = build_session_timeline(template, profile, place, day_number)
    stored = StoredSession(
        profile.user_id,
        tap.message.chat_id,
        profile.local_time(now).date(),
        place,
        template,
        downgraded or extra,
        LiveSession.begin(steps, now.timestamp(), services.settings.time_scale),
    )
    _, started = await asyncio.gather(
        services.safety_checks.discard(profile.user_id), services.live_sessions.start(stored, now)
    )
    if not started:
        await asyncio.gather(
            stop_spinner(tap.query),
            _point_at_running_session(profile.user_id, context, tap.message),
        )
        return
    timeline = timeline_text(steps, template, place, downgraded, precautions_of(profile))
    await asyncio.gather(  # the first cue first: its moment has come
        start_cues(context.application, stored),
        answered_with(tap, edit_or_send(tap, f"{check_text(step)}\n\n{timeline}", _WATCH_BUTTON)),
    )
    await session_started(context.application, profile.user_id, steps)


async def _point_at_running_session(user_id: int, context: CoachContext, message: Message) -> bool:
    """If the runner has a live session, say where it is and offer resume or stop."""
    stored = await context.services.live_sessions.get(user_id)
    if stored is None:
        return False
    live = stored.live
    position = live.position(context.services.now().timestamp())
    if position is None:
        await message.reply_text(texts.NO_SESSION_STEP, reply_markup=resume_or_stop_buttons())
        return True
    text = texts.ALREADY_RUNNING_PAUSED if live.paused else texts.ALREADY_RUNNING
    await message.reply_text(
        text.format(**position_values(position, len(live.steps))),
        reply_markup=resume_or_stop_buttons(),
    )
    return True


async def todays_template(context: CoachContext, profile: Profile) -> SessionTemplate:
    """The runner's planned session for today (their plan reviewed first)."""
    plan, _ = await review_plan(context.services, profile, context.services.now())
    return current_template(profile, plan.state)


def _verdict_text(verdict: SafetyVerdict) -> str:
    why = safety_texts.REASONS[verdict.reason]
    if not verdict.safe_place_reminder:
        return why
    return f"{why}\n\n{safety_texts.SAFE_PLACE_REMINDER}"


async def done_today(context: CoachContext, profile: Profile) -> bool:
    """True when the runner already did a session today (their clock)."""
    services = context.services
    today = profile.local_time(services.now()).date()
    return await services.logs.sessions_on(profile.user_id, today) > 0


@cache_per_language
def check_keyboard(
    question: Question | None, prefix: str = SAFETY_PREFIX
) -> InlineKeyboardMarkup | None:
    """A check question's buttons; each sends "<prefix>|<option key>"."""
    if question is None:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    safety_texts.OPTION_LABELS[option.key],
                    callback_data=f"{prefix}|{option.key}",
                )
                for option in row
            ]
            for row in question.rows
        ]
    )


def build_go_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/go, the "Start now" button and the safety-check buttons."""
    return [
        CommandHandler("go", go),
        CallbackQueryHandler(go, pattern=rf"^{GO_DATA}$"),
        CallbackQueryHandler(answer, pattern=rf"^{SAFETY_PREFIX}\|"),
    ]
