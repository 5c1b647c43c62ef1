"""Words typed during a live session, read for what they say (COACHING.md, "Triage, not
keywords"), and the buttons of the questions they lead to.

Every typed text but "stop" is kept first as a note of *this* session (it joins the
session's log when the session ends), then answered by its triage class: a red flag stops
the session with the stop-now advice; pain asks how bad (0-10, above 5 stops); a sign that
could be harmless or not pauses the session for one question; "stop" stops; anything else
is reassured or noted.

A club member's words in their private chat during the club's session are read the same
way: a red flag ends their part (the same advice, the spotter alert; the group only hears
that they stopped), and a sign to ask about asks without pausing the group.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.domain.log_reading.triage import RESPONSES, WHICH_ANSWERS, Triage, after_pain, triage
from bot.domain.pain import SAFE_PAIN_MAX
from bot.flows.club.chain import MemberEnding, member_stops
from bot.flows.live_session.controls import control
from bot.flows.live_session.sos import HURT, LIVE, PAIN, TRIAGE_PREFIX, WHICH, which_buttons
from bot.flows.live_session.stops import after_stop, stop_for_warning
from bot.flows.live_session.view import PAUSE, RESUME, STOP
from bot.flows.session_log.checkin import plan_checkin
from bot.runtime.services import CoachContext
from bot.runtime.taps import Tap, tapped
from bot.storage.session_logs import LogAnswers
from bot.texts import club as club_texts
from bot.texts import safety as texts
from bot.texts import session as session_texts
from bot.texts.translation import current_language

_SCALE = range(11)


async def read_words_during_session(update: Update, context: CoachContext) -> bool:
    """A text from a runner with a live session: keep it, answer it; False without one."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or message.text is None:
        return False
    services = context.services
    own = await services.live_sessions.get(user.id)
    club = None if own is not None else await services.clubs.running_group(user.id)
    if own is None and club is None:
        return False
    reading = triage(message.text, current_language())
    kind, response = reading.triage, RESPONSES[reading.triage]
    if kind is not Triage.STOP:  # "stop" is a command, not a note
        await services.logs.add_live_note(user.id, message.text, services.now())
    if kind is Triage.STOP and club is not None:
        await member_stops(context.application, club, user.id, MemberEnding.STOPPED)
    elif kind is Triage.STOP:
        await control(STOP, user.id, context, message)
    elif response.stop:
        await _stop(context, user.id, kind, reading.pain)
    elif response.ask_how_bad:
        await message.reply_text(texts.HOW_BAD, reply_markup=_pain_buttons())
    elif response.ask_which and club is not None:
        await message.reply_text(club_texts.WHICH_QUESTION, reply_markup=which_buttons(LIVE))
    elif response.ask_which:
        await control(PAUSE, user.id, context, message)
        await message.reply_text(texts.WHICH_QUESTION, reply_markup=which_buttons(LIVE))
    else:
        await message.reply_text(_calm_words(kind, reading.pain))
    return True


async def tap_triage(update: Update, context: CoachContext) -> None:
    """A button of a triage question: how bad, which was it, are you hurt."""
    tap = await tapped(update)
    if tap is None:
        return
    question, *rest = tap.data[1:]
    if question == PAIN and len(rest) == 1 and rest[0].isdigit() and int(rest[0]) in _SCALE:
        await _rated(tap, context, int(rest[0]))
    elif question == WHICH and len(rest) == 2 and rest[0].isdigit():
        kind = next((kind for kind in WHICH_ANSWERS if kind.value == rest[1]), None)
        if kind is not None:
            await _which(tap, context, int(rest[0]), kind)
    elif question == HURT and len(rest) == 2 and rest[0].isdigit():
        await _hurt(tap, context, int(rest[0]), hurt=rest[1] == "hurt")


async def _rated(tap: Tap, context: CoachContext, pain: int) -> None:
    """How bad, 0-10: above 5 stops the session (a joint warning), else go on gently."""
    kind = after_pain(pain)
    if RESPONSES[kind].stop:
        if not await _stop(context, tap.user_id, kind, pain):
            await tap.message.reply_text(session_texts.NO_SESSION)
        return
    await tap.message.reply_text(_calm_words(kind, pain))


async def _which(tap: Tap, context: CoachContext, log_id: int, kind: Triage) -> None:
    """The answer to "which is closest?": during the session, stop or go on; after the 🆘
    stop, what it means for the plan."""
    stopping = RESPONSES[kind].stop
    if log_id == LIVE:
        if stopping:
            if not await _stop(context, tap.user_id, kind, None):
                await tap.message.reply_text(session_texts.NO_SESSION)
            return
        if await _club_session(context, tap.user_id) is not None:
            await tap.message.reply_text(club_texts.CARRY_ON)
            return
        await tap.message.reply_text(texts.RESUMED_AFTER_WHICH)
        await control(RESUME, tap.user_id, context, tap.message)
        return
    services = context.services
    entry = await services.logs.get(tap.user_id, log_id)
    if entry is None:
        return
    if not stopping:
        await tap.message.reply_text(texts.REASSURE)
        return
    runner = (tap.user_id, tap.message.chat_id)
    await after_stop(context.application, runner, kind, log_id, record=False)


async def _hurt(tap: Tap, context: CoachContext, log_id: int, *, hurt: bool) -> None:
    """After a fall: hurt marks the log (a step back, a morning check); not hurt, relief."""
    services = context.services
    if not hurt:
        await tap.message.reply_text(texts.HURT_NO)
        return
    entry = await services.logs.answer(
        tap.user_id, log_id, LogAnswers(red_flag=True), services.now()
    )
    profile = await services.profiles.get(tap.user_id)
    if entry is not None and profile is not None:
        await plan_checkin(context.application, profile, entry)
    await tap.message.reply_text(texts.HURT_YES)


async def _stop(context: CoachContext, user_id: int, kind: Triage, pain: int | None) -> bool:
    """Stop the runner's session (their own, or their part of a club's) for a warning sign;
    False if it had already ended."""
    services = context.services
    async with services.session_locks[user_id]:
        stored = await services.live_sessions.get(user_id)
        if stored is not None:
            return await stop_for_warning(context.application, stored, kind, pain) is not None
    club = await _club_session(context, user_id)
    if club is None:
        return False
    ending = MemberEnding.WARNING
    return await member_stops(context.application, club, user_id, ending, sign=kind, pain=pain)


async def _club_session(context: CoachContext, user_id: int) -> int | None:
    """The group whose running session the runner is in, when they have none of their own."""
    services = context.services
    if await services.live_sessions.get(user_id) is not None:
        return None
    return await services.clubs.running_group(user_id)


def _calm_words(kind: Triage, pain: int | None) -> str:
    if kind is Triage.BEARABLE_PAIN and pain is not None and pain > SAFE_PAIN_MAX:
        return texts.BEARABLE_PAIN.format(pain=pain)
    if kind in (Triage.REASSURE, Triage.BEARABLE_PAIN):
        return texts.REASSURE
    return texts.NOTE_KEPT


def _pain_buttons() -> InlineKeyboardMarkup:
    def button(n: int) -> InlineKeyboardButton:
        return InlineKeyboardButton(str(n), callback_data=f"{TRIAGE_PREFIX}|{PAIN}|{n}")

    return InlineKeyboardMarkup([[button(n) for n in range(6)], [button(n) for n in range(6, 11)]])


def build_words_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """The buttons of the triage questions (typed words arrive through the text router)."""
    return [CallbackQueryHandler(tap_triage, pattern=rf"^{TRIAGE_PREFIX}\|")]
