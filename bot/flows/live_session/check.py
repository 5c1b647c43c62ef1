"""/go: the pre-session safety check, then the live session starts.

The answers so far are in SQLite after every tap, so a restart mid-check loses nothing; a
session that starts is stored before anything is sent. Then the check message shows its
timeline and its first cue (the warm-up), due at once, goes out.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.live_session import LiveSession
from bot.domain.profile import Place, Profile
from bot.domain.programme import (
    SessionTemplate,
    build_session_timeline,
    choose_place,
    current_template,
)
from bot.domain.safety_check import (
    Outcome,
    Question,
    QuestionId,
    SafetyAnswers,
    SafetyVerdict,
    answer_keys,
    answered_labels,
    answers_from_keys,
    assess,
    decided_early,
    next_question,
    option_by_key,
    option_label,
    question_text,
    with_answer,
)
from bot.flows.live_session.cues import start_cues
from bot.flows.live_session.view import (
    position_values,
    resume_or_stop_buttons,
    timeline_text,
)
from bot.flows.plan.coaching import review_plan
from bot.flows.spotter.session import session_started
from bot.runtime.services import CoachContext
from bot.runtime.taps import Tap, answered_with, edit_or_send, stop_spinner, tap_of, tapped
from bot.storage.live_sessions import StoredSession
from bot.texts import session as texts

SAFETY_PREFIX = "safety"
GO_DATA = "go"  # a "Start now" button anywhere (a reminder, /plan) sends this


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
    question = next_question(SafetyAnswers(), profile)
    await context.bot.send_text(
        message.chat_id, _check_text(SafetyAnswers(), None, question), markup=_keyboard(question)
    )


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
    answers = with_answer(answers_from_keys(stored), option)
    step = await _next_step(context, profile, answers)
    if step.start is not None and step.start.template is not None:
        downgraded = step.start.outcome is Outcome.DOWNGRADE
        await _start(tap, context, profile, answers, (step.start.template, downgraded), step.text)
        return
    if step.ends_check:
        await services.safety_checks.discard(profile.user_id)
    else:
        await services.safety_checks.save(tap.user_id, answer_keys(answers), services.now())
    also = () if step.start is None else (tap.message.reply_text(step.start.why),)
    await asyncio.gather(answered_with(tap, edit_or_send(tap, step.text, step.markup)), *also)


@dataclass(frozen=True, slots=True)
class _CheckStep:
    """What the check message shows after an answer, and whether a session starts."""

    text: str
    markup: InlineKeyboardMarkup | None = None
    ends_check: bool = False
    start: SafetyVerdict | None = None


async def _next_step(context: CoachContext, profile: Profile, answers: SafetyAnswers) -> _CheckStep:
    """After an answer: stop (or ask for another place), ask the next question, or start."""
    early = decided_early(answers)
    if early is not None:
        if early.can_move:
            question = next_question(answers, profile)
            return _CheckStep(_check_text(answers, early.why, question), _keyboard(question))
        return _CheckStep(_check_text(answers, early.why, None), ends_check=True)
    question = next_question(answers, profile)
    if question is None:
        verdict = assess(answers, profile, await _todays_template(context, profile))
        return _CheckStep(_check_text(answers, None, None), ends_check=True, start=verdict)
    note = None
    if question.id is QuestionId.WARM_UP and answers.warm_up_ready is None:
        note = _verdict_text(assess(answers, profile, await _todays_template(context, profile)))
    return _CheckStep(_check_text(answers, note, question), _keyboard(question))


def _check_text(answers: SafetyAnswers, note: str | None, question: Question | None) -> str:
    """The check message: a line per answer so far, a note (a verdict), the next question."""
    lines = [texts.CHECK_ANSWER.format(answer=label) for label in answered_labels(answers)]
    if note:
        lines += ["", note]
    if question is not None:
        lines += ["", question_text(question, answers)]
    return "\n".join(lines).strip()


async def _start(
    tap: Tap,
    context: CoachContext,
    profile: Profile,
    answers: SafetyAnswers,
    session: tuple[SessionTemplate, bool],
    check_text: str,
) -> None:
    """Close the check and store the session (template, downgraded) in one trip to the
    database; then the check message shows the timeline while the first cue goes out."""
    services = context.services
    template, downgraded = session
    place = answers.where if isinstance(answers.where, Place) else choose_place(profile)
    done_before = await services.logs.count(profile.user_id)
    steps = build_session_timeline(template, profile, place, done_before)
    now = services.now()
    stored = StoredSession(
        profile.user_id,
        tap.message.chat_id,
        profile.local_time(now).date(),
        place,
        template,
        downgraded,
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
    timeline = timeline_text(steps, template, place, downgraded)
    await asyncio.gather(
        answered_with(tap, edit_or_send(tap, f"{check_text}\n\n{timeline}", None)),
        start_cues(context.application, stored),
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


async def _todays_template(context: CoachContext, profile: Profile) -> SessionTemplate:
    plan, _ = await review_plan(context.services, profile, context.services.now())
    return current_template(profile, plan.state)


def _verdict_text(verdict: SafetyVerdict) -> str:
    return verdict.why if verdict.reminder is None else f"{verdict.why}\n\n{verdict.reminder}"


@functools.cache
def _keyboard(question: Question | None) -> InlineKeyboardMarkup | None:
    if question is None:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    option_label(option), callback_data=f"{SAFETY_PREFIX}|{option.key}"
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
