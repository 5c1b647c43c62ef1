"""Onboarding and /profile: the conversation that builds (or changes) the runner's profile.

The draft in SQLite is the source of truth: every answer is stored before the next question
goes out, and the question being asked is always `next_step(draft.answers)`. So a restart at
any step, or a button tapped on an old message, lands on the right question. The
ConversationHandler only routes a runner's messages here while they are answering.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import replace
from datetime import datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.domain.daylight import INDOOR_PLACES, dark_months
from bot.domain.onboarding import (
    Accepted,
    ParseResult,
    Readiness,
    Rejected,
    Step,
    StepId,
    StepKind,
    assess_readiness,
    build_profile,
    next_step,
    parse_location,
    toggle,
    zone_label,
)
from bot.domain.onboarding.editing import ProfileField, answers_for_edit, changed_fields
from bot.domain.profile import Profile
from bot.flows.basics import show_help
from bot.flows.language import LANGUAGE_MENU
from bot.flows.live_session.sos import clearance_allowed
from bot.flows.live_session.words import read_words_during_session
from bot.flows.plan.coaching import first_session_text, start_plan_for
from bot.flows.reminders.jobs import sync_reminders
from bot.flows.session_log.handlers import reply_text as reply_to_log_question
from bot.runtime.language import remember_first_language
from bot.runtime.services import CoachContext
from bot.runtime.taps import redraw, tapped
from bot.storage.profiles import Draft
from bot.texts import common
from bot.texts import language as language_texts
from bot.texts import onboarding as questions
from bot.texts import onboarding_flow as texts
from bot.texts import safety as safety_texts
from bot.texts.onboarding_prompts import notice_text, question_text, readiness_text, rejection_text
from bot.texts.profile_summary import render_summary
from bot.texts.translation import current_language, month_name

logger = logging.getLogger(__name__)

# The conversation is per chat on purpose (one runner, one set of questions); PTB warns that
# buttons are then not tracked per message, which is what we want.
warnings.filterwarnings("ignore", message=r".*per_message=False.*", category=PTBUserWarning)


class Stage(IntEnum):
    """Where a runner is in the conversation."""

    ANSWERING = 1
    RESUMING = 2


END = ConversationHandler.END
_ANSWER = "ob"  # callback data "ob|<step id>|<choice key>"
_DONE = "=done"
_RESUME = "obresume"  # callback data "obresume|continue" / "obresume|restart"
_PROFILE = "pf"  # callback data "pf|<field>"
_CLEARED = "cleared"
_CLEARED_CONFIRMED, _NOT_CLEARED = "cleared_yes", "cleared_no"


# --- entry: /start and /profile -----------------------------------------------------


async def start(update: Update, context: CoachContext) -> int:
    """Welcome a new runner into the questions, offer to resume a draft, or greet a set-up one."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    if user is None or chat is None or message is None:
        return END
    services = context.services
    await services.runners.record_contact(user.id, chat.id, user.first_name, services.now())
    await remember_first_language(services, user.id, user.language_code)
    profile = await services.profiles.get(user.id)
    if profile is not None:
        await services.profiles.discard_draft(user.id)  # an abandoned /profile change
        await message.reply_text(
            f"{texts.WELCOME_BACK.format(name=user.first_name)}\n\n"
            f"{render_summary(profile)}\n\n{texts.WELCOME_BACK_NEXT}"
        )
        return END
    draft = await services.profiles.get_draft(user.id)
    if draft is not None and draft.answers:
        await message.reply_text(texts.RESUME_OFFER, reply_markup=_resume_keyboard())
        return Stage.RESUMING
    await message.reply_text(common.WELCOME.format(name=user.first_name))
    return await _begin(message, context, user.id)


async def show_profile(update: Update, context: CoachContext) -> int:
    """/profile: the summary, with a button per part that can be changed on its own."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return END
    profile = await context.services.profiles.get(user.id)
    if profile is None:
        await message.reply_text(texts.PROFILE_NONE)
        return END
    buttons = [
        InlineKeyboardButton(texts.PROFILE_FIELD_LABELS[field], callback_data=f"{_PROFILE}|{field}")
        for field in ProfileField
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([InlineKeyboardButton(language_texts.PROFILE_BUTTON, callback_data=LANGUAGE_MENU)])
    if profile.walk_only:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.PROFILE_CLEARED_BUTTON, callback_data=f"{_PROFILE}|{_CLEARED}"
                )
            ]
        )
    await message.reply_text(
        f"{render_summary(profile)}\n\n{texts.PROFILE_PICK}",
        reply_markup=InlineKeyboardMarkup(rows),
    )
    return END


async def change_profile(update: Update, context: CoachContext) -> int:
    """A /profile button: ask that part's questions again, or record a doctor's clearance."""
    tap = await tapped(update)
    if tap is None:
        return END
    services = context.services
    profile = await services.profiles.get(tap.user_id)
    choice = (tap.query.data or "").partition("|")[2]
    if profile is None:
        await tap.message.reply_text(texts.PROFILE_NONE)
        return END
    if choice in (_CLEARED, _CLEARED_CONFIRMED) and not await clearance_allowed(
        services, tap.user_id
    ):
        await tap.message.reply_text(safety_texts.CLEARANCE_TOO_SOON)
        return END
    if choice == _CLEARED:  # a clearance is confirmed in a second step, never one tap
        await tap.message.reply_text(
            safety_texts.CLEARANCE_CONFIRM, reply_markup=_clearance_keyboard()
        )
        return END
    if choice == _CLEARED_CONFIRMED:
        await services.profiles.save(_cleared(profile), services.now())
        await tap.message.reply_text(texts.PROFILE_CLEARED)
        return END
    if choice == _NOT_CLEARED:
        await tap.message.reply_text(safety_texts.CLEARANCE_NOT_YET)
        return END
    if choice not in set(ProfileField):
        await tap.message.reply_text(texts.STALE_BUTTON)
        return END
    draft = Draft(answers_for_edit(profile, ProfileField(choice)))
    await services.profiles.save_draft(tap.user_id, draft, services.now())
    return await _ask(tap.message, draft)


# --- answering ---------------------------------------------------------------------------


async def answer_button(update: Update, context: CoachContext) -> int:
    """A tap on a question's button: single choices answer, multi choices tick, Done submits."""
    tap = await tapped(update)
    if tap is None:
        return END
    draft = await context.services.profiles.get_draft(tap.user_id)
    if draft is None:
        await tap.message.reply_text(texts.OLD_BUTTON)
        return END
    step = next_step(draft.answers)
    step_id, key = _answer_data(tap.query.data)
    if step is None or step_id != step.id:
        await tap.message.reply_text(texts.STALE_BUTTON)
        return await _ask(tap.message, draft) if step else END
    if step.kind is StepKind.MULTI and key != _DONE:
        draft = Draft(draft.answers, toggle(step, draft.selection, key))
        await context.services.profiles.save_draft(tap.user_id, draft, context.services.now())
        await redraw(tap, markup=_keyboard(step, draft))
        return Stage.ANSWERING
    if step.kind is StepKind.MULTI and not draft.selection:
        await tap.message.reply_text(texts.TAP_SOMETHING)
        return Stage.ANSWERING
    # Ticked choices in the question's own order: days Monday first, not alphabetical.
    keys = (
        [choice.key for choice in step.choices if choice.key in draft.selection]
        if step.kind is StepKind.MULTI
        else [key]
    )
    result = step.pick(keys, draft.answers)
    if isinstance(result, Accepted):
        await redraw(tap, text=f"{tap.message.text}\n→ {_labels(step, keys)}")
    return await _take(tap.message, context, tap.user_id, draft, step, result)


async def answer_text(update: Update, context: CoachContext) -> int:
    """A typed answer to the question being asked."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return END
    draft = await context.services.profiles.get_draft(user.id)
    if draft is None:
        # Not onboarding: words typed during a live session are read for what they say;
        # other text outside any question is a reply to the logging one.
        if not await read_words_during_session(update, context):
            await reply_to_log_question(update, context)
        return END
    step = next_step(draft.answers)
    if step is None:
        return await _finish(message, context, user.id, draft)
    return await _take(
        message,
        context,
        user.id,
        draft,
        step,
        step.parse(message.text, draft.answers, current_language()),
    )


async def answer_location(update: Update, context: CoachContext) -> int:
    """A shared location: the time zone question's offline answer."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.location is None:
        return END
    draft = await context.services.profiles.get_draft(user.id)
    step = None if draft is None else next_step(draft.answers)
    if draft is None or step is None or step.id is not StepId.TIMEZONE:
        await message.reply_text(texts.LOCATION_NOT_NOW)
        return await _ask(message, draft) if draft and step else END
    location = message.location
    return await _take(
        message,
        context,
        user.id,
        draft,
        step,
        parse_location(location.latitude, location.longitude),
    )


async def not_an_answer(update: Update, context: CoachContext) -> int:
    """Stickers, photos, voice notes… during the questions: a kind re-prompt of the same one."""
    return await _reprompt(update, context, texts.NOT_AN_ANSWER)


async def other_command(update: Update, context: CoachContext) -> int:
    """Another flow's command in the middle of the questions."""
    return await _reprompt(update, context, texts.FINISH_FIRST)


async def help_while_answering(update: Update, context: CoachContext) -> int:
    """/help works everywhere; then the question comes back."""
    await show_help(update, context)
    return await _reprompt(update, context, None)


async def pause(update: Update, context: CoachContext) -> int:
    """/cancel: leave the questions; the draft stays for /start to resume (a /profile change
    is dropped, leaving the saved profile as it was)."""
    user, message = update.effective_user, update.effective_message
    if user is not None and await context.services.profiles.get(user.id) is not None:
        await context.services.profiles.discard_draft(user.id)
        if message:
            await message.reply_text(common.CANCELLED, reply_markup=ReplyKeyboardRemove())
        return END
    if message:
        await message.reply_text(texts.PAUSED, reply_markup=ReplyKeyboardRemove())
    return END


async def resume_choice(update: Update, context: CoachContext) -> int:
    """The "carry on / start over" buttons after /start with a draft."""
    tap = await tapped(update)
    if tap is None:
        return END
    await redraw(tap, markup=None)
    draft = await context.services.profiles.get_draft(tap.user_id)
    if draft is None or tap.query.data == f"{_RESUME}|restart":
        return await _begin(tap.message, context, tap.user_id)
    return await _ask(tap.message, draft)


async def resume_reminder(update: Update, _: CoachContext) -> int:
    """Anything but a tap while we wait for "carry on / start over"."""
    if update.effective_message:
        await update.effective_message.reply_text(
            texts.RESUME_PICK, reply_markup=_resume_keyboard()
        )
    return Stage.RESUMING


# --- the steps ---------------------------------------------------------------------------


async def _begin(message: Message, context: CoachContext, user_id: int) -> int:
    draft = Draft({})
    await context.services.profiles.save_draft(user_id, draft, context.services.now())
    await message.reply_text(questions.INTRO)
    return await _ask(message, draft)


async def _take(
    message: Message,
    context: CoachContext,
    user_id: int,
    draft: Draft,
    step: Step[Any],
    result: ParseResult[Any],
) -> int:
    """Store an accepted answer and ask the next question, or re-prompt a rejected one."""
    if isinstance(result, Rejected):
        # Candidates (e.g. "usa" → several zones) become the buttons to pick from.
        keyboard = _option_keyboard(step, result.options) or _keyboard(step, draft)
        await message.reply_text(rejection_text(step.id, result), reply_markup=keyboard)
        return Stage.ANSWERING
    assert isinstance(result, Accepted)
    draft = Draft(step.record(draft.answers, result.value))
    await context.services.profiles.save_draft(user_id, draft, context.services.now())
    for notice in result.notices:
        await message.reply_text(notice_text(notice))
    if next_step(draft.answers) is None:
        return await _finish(message, context, user_id, draft)
    return await _ask(message, draft)


async def _ask(message: Message, draft: Draft) -> int:
    step = next_step(draft.answers)
    if step is None:
        return END
    await message.reply_text(
        question_text(step, draft.answers), reply_markup=_keyboard(step, draft)
    )
    if step.id is StepId.TIMEZONE:
        share = KeyboardButton(questions.SHARE_LOCATION_LABEL, request_location=True)
        await message.reply_text(
            texts.LOCATION_PROMPT,
            reply_markup=ReplyKeyboardMarkup(
                [[share]], resize_keyboard=True, one_time_keyboard=True
            ),
        )
    return Stage.ANSWERING


async def _finish(message: Message, context: CoachContext, user_id: int, draft: Draft) -> int:
    services = context.services
    previous = await services.profiles.get(user_id)
    profile = build_profile(user_id, draft.answers)
    if previous is not None:
        # A change never undoes a doctor's clearance unless the health answers changed.
        same_health = previous.parq_yes == profile.parq_yes
        profile = _cleared(profile) if same_health and previous.medically_cleared else profile
        # Only a confirmed clearance lifts a hold after a cardiac stop, not new answers.
        profile = replace(profile, safety_hold=previous.safety_hold)
    now = services.now()
    await services.profiles.save(profile, now)
    # A change of profile keeps the runner's place in the plan; the rules adapt it from there.
    plan = await services.plans.get(user_id)
    if plan is None:
        plan = await start_plan_for(services, profile, now)
    await sync_reminders(context.application, user_id)
    if previous is not None:
        await message.reply_text(
            _change_text(previous, profile), reply_markup=ReplyKeyboardRemove()
        )
        return END
    health = safety_texts.HOLD_NOTE if profile.safety_hold else readiness_text(_readiness(profile))
    dark = _dark_time_note(profile, now)
    await message.reply_text(
        f"{texts.ALL_SET}\n\n{render_summary(profile)}\n\n{health}\n\n{dark}"
        f"{first_session_text(profile, plan, now)}\n{texts.WHATS_NEXT}",
        reply_markup=ReplyKeyboardRemove(),
    )
    return END


def _readiness(profile: Profile) -> Readiness:
    return assess_readiness(profile.parq_yes, profile.age, cleared=profile.medically_cleared)


def _change_text(previous: Profile, profile: Profile) -> str:
    """A /profile change in words: the setup lines that changed, then what follows from it
    (a different readiness, moved sessions...), never the whole onboarding ending again."""
    before = set(render_summary(previous).splitlines())
    lines = [line for line in render_summary(profile).splitlines() if line not in before]
    if not lines:
        return texts.PROFILE_UNCHANGED
    consequences: list[str] = []
    if _readiness(previous) != _readiness(profile):
        consequences.append(readiness_text(_readiness(profile)))
    for field in changed_fields(previous, profile):
        consequence = texts.PROFILE_CONSEQUENCES.get(field)
        if consequence and consequence not in consequences:
            consequences.append(consequence)
    return "\n\n".join([texts.PROFILE_CHANGED.format(lines="\n".join(lines)), *consequences])


async def _reprompt(update: Update, context: CoachContext, text: str | None) -> int:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return END
    draft = await context.services.profiles.get_draft(user.id)
    if draft is None or next_step(draft.answers) is None:
        return END
    if text:
        await message.reply_text(text)
    return await _ask(message, draft)


# --- taps on buttons ---------------------------------------------------------------------


# --- keyboards ---------------------------------------------------------------------------


def _keyboard(step: Step[Any], draft: Draft) -> InlineKeyboardMarkup | None:
    if step.kind is StepKind.FREE or not step.choices:
        return None
    buttons = [
        InlineKeyboardButton(
            ("✅ " if choice.key in draft.selection else "")
            + questions.choice_label(step.id, choice.key),
            callback_data=f"{_ANSWER}|{step.id}|{choice.key}",
        )
        for choice in step.choices
    ]
    per_row = 2 if max(len(b.text) for b in buttons) > 14 else 3
    rows = [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
    if step.kind is StepKind.MULTI:
        rows.append(
            [
                InlineKeyboardButton(
                    questions.DONE_LABEL, callback_data=f"{_ANSWER}|{step.id}|{_DONE}"
                )
            ]
        )
    return InlineKeyboardMarkup(rows)


def _option_keyboard(step: Step[Any], options: tuple[str, ...]) -> InlineKeyboardMarkup | None:
    if not options:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    zone_label(option, current_language()),
                    callback_data=f"{_ANSWER}|{step.id}|{option}",
                )
            ]
            for option in options
        ]
    )


def _resume_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.RESUME_CONTINUE, callback_data=f"{_RESUME}|continue"),
                InlineKeyboardButton(texts.RESUME_RESTART, callback_data=f"{_RESUME}|restart"),
            ]
        ]
    )


def _answer_data(data: str | None) -> tuple[str, str]:
    """(step id, choice key) from "ob|<step id>|<key>"; blanks for forged or old data."""
    parts = (data or "").split("|", 2)
    return (parts[1], parts[2]) if len(parts) == 3 else ("", "")


def _labels(step: Step[Any], keys: list[str]) -> str:
    return questions.join_list([questions.choice_label(step.id, key) for key in keys])


def _dark_time_note(profile: Profile, now: datetime) -> str:
    """A warning when the chosen time is dark outdoors in some months, for a runner with an
    outdoor place (then followed by a blank line); else nothing."""
    if profile.places <= INDOOR_PLACES:
        return ""
    day = profile.local_time(now).date()
    at = datetime.combine(day, profile.session_time, tzinfo=ZoneInfo(profile.timezone))
    months = dark_months(profile.timezone, at)
    if not months:
        return ""
    names = ", ".join(month_name(month, "abbreviated", standalone=True) for month in months)
    note = safety_texts.DARK_AT_TIME.format(time=f"{profile.session_time:%H:%M}", months=names)
    return f"{note}\n\n"


def _cleared(profile: Profile) -> Profile:
    return replace(profile, medically_cleared=True, safety_hold=False)


def _clearance_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"{_PROFILE}|{key}")
                for key, label in (
                    (_CLEARED_CONFIRMED, safety_texts.CLEARANCE_YES),
                    (_NOT_CLEARED, safety_texts.CLEARANCE_NO),
                )
            ]
        ]
    )


# --- wiring ------------------------------------------------------------------------------


def build_onboarding_handlers() -> list[BaseHandler[Update, CoachContext, Any]]:
    """The onboarding/profile conversation, persistent across restarts."""
    answering: list[BaseHandler[Update, CoachContext, Any]] = [
        CallbackQueryHandler(answer_button, pattern=rf"^{_ANSWER}\|"),
        MessageHandler(filters.TEXT & ~filters.COMMAND, answer_text),
        MessageHandler(filters.LOCATION, answer_location),
    ]
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("start", start),
                CommandHandler("profile", show_profile),
                CallbackQueryHandler(change_profile, pattern=rf"^{_PROFILE}\|"),
                # After a crash that lost the routing state, the draft still says where we are.
                *answering,
            ],
            states={
                Stage.ANSWERING: answering,
                Stage.RESUMING: [
                    CallbackQueryHandler(resume_choice, pattern=rf"^{_RESUME}\|"),
                    MessageHandler(~filters.COMMAND, resume_reminder),
                ],
            },
            fallbacks=[
                CommandHandler("cancel", pause),
                CommandHandler("start", start),
                CommandHandler("help", help_while_answering),
                MessageHandler(filters.COMMAND, other_command),
                MessageHandler(~filters.StatusUpdate.ALL, not_an_answer),
            ],
            name="onboarding",
            persistent=True,
            allow_reentry=True,
        )
    ]
