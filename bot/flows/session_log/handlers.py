"""Logging how a session felt: two taps (effort, pain) or one free-text reply, /log for a
session done alone, and the next-morning check-in.

The log row exists before the first question is sent, and every answer is stored before the
reply; buttons carry the log's id, so an answer to an old question updates that log rather
than creating another. The open question (and a reply awaiting confirmation) is in
`log_prompts`, so a restart between the end of a session and the answer loses nothing.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
)

from bot.domain.log_reading import (
    LogReply,
    ManualLog,
    parse_log_reply,
    parse_manual_log,
    parse_morning_answer,
    parse_sore_or_joint,
)
from bot.domain.log_reading.triage import RESPONSES, warning_after_session
from bot.domain.pain import PainBand, pain_band
from bot.domain.profile import Profile, Units
from bot.domain.programme import Cause, Decision
from bot.domain.session_logs import MorningAfter
from bot.flows.basics import cancel_outside_conversation, not_understood
from bot.flows.live_session.sos import apply_class, which_buttons
from bot.flows.plan.coaching import reason_text, review_plan
from bot.flows.session_log import guided
from bot.flows.session_log.checkin import MORNING, MORNING_PREFIX, morning_buttons, plan_checkin
from bot.flows.spotter.session import red_flag_logged
from bot.runtime.coach_bot import reply_unread
from bot.runtime.delivery import Priority
from bot.runtime.senders import sender_with_profile
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext, Services, services_of
from bot.runtime.taps import tapped
from bot.storage.session_logs import LogAnswers, LogEntry, LogPrompt, LogSource, NewLog
from bot.texts import safety as safety_texts
from bot.texts import session as session_texts
from bot.texts import session_log as texts
from bot.texts.translation import current_language

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

LOG_PREFIX, CONFIRM_PREFIX = "log", "logok"
EFFORT, PAIN, SITE, MORE = "effort", "pain", "site", "more"
SKIP = "skip"
JOINT = "joint"  # "worse, in a joint", the answer to MORNING_WHICH
WHICH = "which"  # the open question after "worse": sore muscles or a joint?
_SCALE_VALUES = frozenset(str(n) for n in range(11))


async def ask_how_it_felt(
    application: AnyApplication, user_id: int, chat_id: int, log_id: int
) -> None:
    """Open the log's questions with the effort buttons (after a session ends)."""
    services = services_of(application)
    await services.logs.ask(user_id, log_id, EFFORT, services.now())
    await send_or_mark_unreachable(
        application,
        chat_id,
        texts.EFFORT_QUESTION,
        priority=Priority.REPLY,
        what="the first question after a session",
        markup=_scale_buttons(log_id, EFFORT),
    )


# --- buttons -------------------------------------------------------------------------------


async def tap_answer(update: Update, context: CoachContext) -> None:
    """An effort, pain or pain-site button (of this session or an older one)."""
    tap = await tapped(update)
    log_id = tap.number(1) if tap is not None and len(tap.data) == 4 else None
    if tap is None or log_id is None:
        return
    _, _, field, value = tap.data
    answers = _button_answers(field, value)
    services = context.services
    entry = await services.logs.answer(tap.user_id, log_id, answers, services.now())
    if entry is None:
        await reply_unread(tap.message, texts.NOTHING_TO_LOG)
        return
    skipped = value == SKIP
    await _continue(context, tap.message, entry, after=field, skipped=skipped)


async def tap_confirm(update: Update, context: CoachContext) -> None:
    """Yes or no to "Effort 7, knee pain 2: right?"."""
    tap = await tapped(update)
    if tap is None or len(tap.data) != 3:
        return
    services = context.services
    prompt = await services.logs.prompt(tap.user_id)
    if prompt is None or prompt.pending is None or str(prompt.log_id) != tap.data[1]:
        await reply_unread(tap.message, texts.NOTHING_TO_LOG)
        return
    if tap.data[2] != "yes":
        await services.logs.ask(tap.user_id, prompt.log_id, prompt.step, services.now())
        await reply_unread(tap.message, texts.FIX_IT)
        await _ask_step(tap.message, prompt.log_id, prompt.step)
        return
    answers = LogAnswers(**prompt.pending)  # type: ignore[arg-type]
    entry = await services.logs.answer(tap.user_id, prompt.log_id, answers, services.now())
    if entry is not None:
        await _continue(context, tap.message, entry, after=prompt.step, skipped=False)


async def tap_morning(update: Update, context: CoachContext) -> None:
    """Better, same or worse this morning; after "worse", sore muscles or a joint."""
    tap = await tapped(update)
    log_id = tap.number(1) if tap is not None and len(tap.data) == 3 else None
    if tap is None or log_id is None:
        return
    answer = tap.data[2]
    if answer == JOINT:
        await _store_morning(context, tap.message, tap.user_id, log_id, MorningAfter.WORSE)
        return
    try:
        morning = MorningAfter(answer)
    except ValueError:
        return
    if morning is MorningAfter.WORSE:
        await _ask_which(context, tap.message, tap.user_id, log_id)
        return
    await _store_morning(context, tap.message, tap.user_id, log_id, morning)


async def _ask_which(context: CoachContext, message: Message, user_id: int, log_id: int) -> None:
    """Soreness is not joint pain: one tap (or word) says which, before anything changes."""
    services = context.services
    if await services.logs.get(user_id, log_id) is None:  # an old or forged button
        await reply_unread(message, texts.NOTHING_TO_LOG)
        return
    await services.logs.ask(user_id, log_id, WHICH, services.now())
    await reply_unread(
        message,
        texts.MORNING_WHICH,
        reply_markup=morning_buttons(log_id, texts.MORNING_WHICH_LABELS),
    )


# --- typed replies -------------------------------------------------------------------------


async def reply_text(update: Update, context: CoachContext) -> None:
    """A typed reply: the answer to the open logging question, or not understood."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return
    services = context.services
    prompt = await services.logs.prompt(user.id)
    profile = await services.profiles.get(user.id)
    if profile is not None:
        guided_log, entry = await guided.take_text(context, message, profile, message.text)
        if entry is not None:
            await _complete(context, message, entry)
        if guided_log:
            return
    if prompt is None or profile is None:
        if await services.safety_checks.get(user.id) is not None:
            await reply_unread(message, session_texts.CHECK_USE_BUTTONS)
        else:
            await not_understood(update, context)
        return
    if prompt.step == MORE and not _asked_today(prompt, profile, services.now()):
        # A note belongs to the session just logged: text another day is not added to it.
        await services.logs.close_prompt(user.id)
        await not_understood(update, context)
        return
    if prompt.step in (MORNING, WHICH):
        await _typed_morning(context, message, user.id, prompt.log_id, prompt.step)
        return
    reply = parse_log_reply(message.text, profile.units, current_language())
    if not reply.usable:
        await reply_unread(message, texts.NOTHING_USABLE)
        await _ask_step(message, prompt.log_id, prompt.step)
        return
    answers = _reply_answers(reply)
    if reply.ambiguous:
        pending = {key: value for key, value in asdict(answers).items() if value is not None}
        await services.logs.ask(user.id, prompt.log_id, prompt.step, services.now(), pending)
        await reply_unread(
            message,
            texts.CONFIRM.format(summary=_summary(reply, profile.units)),
            reply_markup=_confirm_buttons(prompt.log_id),
        )
        return
    entry = await services.logs.answer(user.id, prompt.log_id, answers, services.now())
    if entry is None:
        return
    if prompt.step == MORE and not reply.red_flags:
        # Pain mentioned only now still earns a morning check-in.
        await plan_checkin(context.application, profile, entry)
        await reply_unread(
            message,
            guided.echo_text(entry, profile.units),
            reply_markup=guided.fix_keyboard(entry.id),
        )
        return
    await _continue(context, message, entry, after=prompt.step, skipped=False)


async def _typed_morning(
    context: CoachContext, message: Message, user_id: int, log_id: int, step: str
) -> None:
    """A typed answer to the check-in, or to "sore muscles or a joint?" after "worse"."""
    if step == WHICH:
        morning = parse_sore_or_joint(message.text or "", current_language())
        if morning is None:
            await reply_unread(message, texts.MORNING_WHICH_NOT_UNDERSTOOD)
            return
    else:
        morning = parse_morning_answer(message.text or "", current_language())
        if morning is None:
            await reply_unread(message, texts.MORNING_NOT_UNDERSTOOD)
            return
        if morning is MorningAfter.WORSE:
            await _ask_which(context, message, user_id, log_id)
            return
    await _store_morning(context, message, user_id, log_id, morning)


def _asked_today(prompt: LogPrompt, profile: Profile, now: datetime) -> bool:
    """True when the question was asked today on the runner's clock."""
    asked = prompt.asked_at
    return asked is not None and profile.local_time(asked).date() == profile.local_time(now).date()


# --- /log ----------------------------------------------------------------------------------


async def log_command(update: Update, context: CoachContext) -> None:
    """/log <when> <minutes> <effort> <pain>: a session done without the bot; /log alone
    asks for it question by question."""
    sender = await sender_with_profile(update, context, texts.NOTHING_TO_LOG)
    if sender is None:
        return
    services, profile, message = context.services, sender.profile, sender.message
    user_id = sender.user_id
    arguments = " ".join(context.args or ())
    if not arguments:
        prompt = await services.logs.prompt(user_id)
        if prompt is not None and prompt.step in (EFFORT, PAIN, SITE):
            await _ask_step(message, prompt.log_id, prompt.step)
        else:
            await guided.start(context, message, user_id)
        return
    today = profile.local_time(services.now()).date()
    parsed = parse_manual_log(arguments, today, profile.units, current_language())
    if not isinstance(parsed, ManualLog):
        await reply_unread(message, texts.LOG_PROBLEMS[parsed.value])
        return
    answers = LogAnswers(
        effort=parsed.effort,
        pain=parsed.pain,
        pain_site=None if parsed.pain_site is None else parsed.pain_site.value,
        notes=parsed.notes or None,
        red_flag=bool(parsed.red_flags),
        heart_rate=parsed.heart_rate,
        distance_km=parsed.distance_km,
    )
    # The log and its answers in one transaction: a crash never leaves half a log.
    entry = await services.logs.create_answered(
        NewLog(user_id, parsed.day, LogSource.MANUAL, True, round(parsed.reverse_minutes * 60)),
        answers,
        services.now(),
    )
    await _complete(context, message, entry)


async def tap_guided(update: Update, context: CoachContext) -> None:
    """A button of the guided /log (or of a fix)."""
    tap = await tapped(update)
    profile = None if tap is None else await context.services.profiles.get(tap.user_id)
    if tap is None or profile is None:
        return
    entry = await guided.take_tap(context, tap.message, profile, tap.data)
    if entry is not None:
        await _complete(context, tap.message, entry)


async def tap_fix(update: Update, context: CoachContext) -> None:
    """✏️ Fix under what was recorded: which part to fix."""
    tap = await tapped(update)
    log_id = tap.number(1) if tap is not None and len(tap.data) == 2 else None
    if tap is not None and log_id is not None:
        await guided.start_fix(context, tap.message, tap.user_id, log_id)


async def cancel_command(update: Update, context: CoachContext) -> None:
    """/cancel: stops a guided /log; otherwise there is nothing to cancel here."""
    user, message = update.effective_user, update.effective_message
    if user is not None and message is not None and await guided.cancel(context, message, user.id):
        return
    await cancel_outside_conversation(update, context)


# --- the flow ------------------------------------------------------------------------------


async def _continue(
    context: CoachContext, message: Message, entry: LogEntry, *, after: str, skipped: bool
) -> None:
    """Ask what is still missing, or finish the log with its take-away."""
    step = _next_question(entry, after, skipped)
    if step is None:
        await _complete(context, message, entry)
        return
    services = context.services
    await services.logs.ask(entry.user_id, entry.id, step, services.now())
    await _ask_step(message, entry.id, step)


def _next_question(entry: LogEntry, after: str, skipped: bool) -> str | None:
    """Effort, then pain, then where it hurt (only if it did); None once nothing is missing.

    A warning sign ends the questions at once: the advice matters more than the numbers.
    """
    if entry.red_flag or after not in (EFFORT, PAIN):
        return None
    if after == EFFORT and entry.effort is None and not skipped:
        return EFFORT
    if after == EFFORT and entry.pain is None:
        return PAIN
    if entry.pain and entry.pain_site is None:
        return SITE
    return None


async def _complete(context: CoachContext, message: Message, entry: LogEntry) -> None:
    """The take-away, what changes next and why; a morning check-in if anything hurt."""
    services = context.services
    profile = await services.profiles.get(entry.user_id)
    if profile is None:
        return
    await services.logs.ask(entry.user_id, entry.id, MORE, services.now())
    await plan_checkin(context.application, profile, entry)
    plan, decision = await review_plan(services, profile, services.now())
    if decision.reason.cause is Cause.NONE_NO_LOGS:
        # Today's session was the first of a plan changed today (a break noticed at /go):
        # what explains it is the change.
        decision = Decision(plan.state, decision.change, plan.reason)
    lines = []
    notes = " ".join(note.text for note in entry.notes)
    warning = warning_after_session(notes, entry.red_flag, entry.pain, current_language())
    if warning is not None:
        await reply_unread(message, safety_texts.AFTER_ADVICE[warning.value])
        await apply_class(context.application, profile, message.chat_id, warning, entry.place)
    if entry.red_flag:
        lines.append(texts.RED_FLAG_SEEN)
    lines.append(guided.echo_text(entry, profile.units))
    if entry.red_flag and entry.source is LogSource.LIVE:
        await red_flag_logged(context.application, entry.user_id)
    lines.append(texts.TAKEAWAYS[_takeaway(entry)])
    lines += await _next_line(services, profile, decision)
    lines.append(texts.ADD_MORE)
    await reply_unread(message, "\n\n".join(lines), reply_markup=guided.fix_keyboard(entry.id))
    if warning is not None and RESPONSES[warning].ask_which:
        # Unclear: one question decides what it means; it comes last, as the thing to answer.
        await reply_unread(
            message, safety_texts.SOS_WHICH_QUESTION, reply_markup=which_buttons(entry.id)
        )


async def _store_morning(
    context: CoachContext, message: Message, user_id: int, log_id: int, morning: MorningAfter
) -> None:
    services = context.services
    entry = await services.logs.answer(
        user_id, log_id, LogAnswers(morning_after=morning), services.now()
    )
    profile = await services.profiles.get(user_id)
    if entry is None or profile is None:
        await reply_unread(message, texts.NOTHING_TO_LOG)
        return
    await services.logs.close_prompt(user_id)
    _, decision = await review_plan(services, profile, services.now())
    first = _morning_reply(morning)
    lines = [first, *await _next_line(services, profile, decision)]
    await reply_unread(message, "\n\n".join(lines))


async def _next_line(services: Services, profile: Profile, decision: Decision) -> list[str]:
    """What comes next and why, unless it is what the runner was last told."""
    if not await services.plans.tell(profile.user_id, decision.reason):
        return []
    return [texts.NEXT.format(reason=reason_text(profile, decision.state, decision.reason))]


def _morning_reply(morning: MorningAfter) -> str:
    if morning is MorningAfter.WORSE:
        return texts.MORNING_WORSE
    if morning is MorningAfter.SORE:
        return texts.MORNING_SORE
    return texts.MORNING_THANKS


# --- helpers -------------------------------------------------------------------------------


async def _ask_step(message: Message, log_id: int, step: str) -> None:
    if step == EFFORT:
        await reply_unread(
            message, texts.EFFORT_QUESTION, reply_markup=_scale_buttons(log_id, EFFORT)
        )
    elif step == PAIN:
        await reply_unread(message, texts.PAIN_QUESTION, reply_markup=_scale_buttons(log_id, PAIN))
    elif step == SITE:
        await reply_unread(message, texts.PAIN_SITE_QUESTION, reply_markup=_site_buttons(log_id))
    else:
        await reply_unread(message, texts.ADD_MORE)


def _scale_buttons(log_id: int, field: str) -> InlineKeyboardMarkup:
    def button(label: str, value: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=f"{LOG_PREFIX}|{log_id}|{field}|{value}")

    return InlineKeyboardMarkup(
        [
            [button(str(n), str(n)) for n in range(6)],
            [button(str(n), str(n)) for n in range(6, 11)],
            [button(texts.BUTTON_SKIP, SKIP)],
        ]
    )


def _site_buttons(log_id: int) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(label, callback_data=f"{LOG_PREFIX}|{log_id}|{SITE}|{key}")
        for key, label in texts.PAIN_SITES.items()
    ]
    return InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def _confirm_buttons(log_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BUTTON_YES, callback_data=f"{CONFIRM_PREFIX}|{log_id}|yes"
                ),
                InlineKeyboardButton(
                    texts.BUTTON_NO, callback_data=f"{CONFIRM_PREFIX}|{log_id}|no"
                ),
            ]
        ]
    )


def _button_answers(field: str, value: str) -> LogAnswers:
    if value == SKIP:
        return LogAnswers()
    if field == SITE:
        return LogAnswers(pain_site=value)
    number = int(value) if value in _SCALE_VALUES else None
    return LogAnswers(effort=number) if field == EFFORT else LogAnswers(pain=number)


def _reply_answers(reply: LogReply) -> LogAnswers:
    return LogAnswers(
        effort=reply.effort,
        pain=reply.pain,
        pain_site=None if reply.pain_site is None else reply.pain_site.value,
        heart_rate=reply.heart_rate,
        distance_km=reply.distance_km,
        notes=reply.notes or None,
        red_flag=bool(reply.red_flags),
    )


def _summary(reply: LogReply, units: Units) -> str:
    site = reply.pain_site.value if reply.pain_site else None
    parts = guided.answer_parts(
        reply.effort, reply.pain, site, reply.heart_rate, reply.distance_km, units
    )
    summary = ", ".join(parts) or texts.CONFIRM_NOTES.format(notes=reply.notes)
    return summary[:1].upper() + summary[1:]


def _takeaway(entry: LogEntry) -> str:
    band, effort = pain_band(entry.pain or 0), entry.effort
    if band is PainBand.TOO_MUCH:
        return "pain_high"
    if band is PainBand.ACCEPTABLE:
        return "some_pain"
    if effort is None:
        return "unanswered"
    if effort >= 9:
        return "very_hard"
    if effort >= 7:
        return "hard"
    if effort >= 4:
        return "moderate"
    return "easy"


def build_session_log_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/log and the logging buttons. Typed replies reach `reply_text` through the onboarding
    conversation, whose crash-recovery entry point sees every text first."""
    return [
        CommandHandler("log", log_command),
        CommandHandler("cancel", cancel_command),
        CallbackQueryHandler(tap_guided, pattern=rf"^{guided.GUIDED_PREFIX}\|"),
        CallbackQueryHandler(tap_fix, pattern=rf"^{guided.FIX_PREFIX}\|"),
        CallbackQueryHandler(tap_answer, pattern=rf"^{LOG_PREFIX}\|"),
        CallbackQueryHandler(tap_confirm, pattern=rf"^{CONFIRM_PREFIX}\|"),
        CallbackQueryHandler(tap_morning, pattern=rf"^{MORNING_PREFIX}\|"),
    ]
