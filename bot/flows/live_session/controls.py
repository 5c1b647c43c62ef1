"""A session in progress: /pause, /resume, /skip, /stop and the buttons under every cue.

Each control loads the session, applies the domain change, stores it and re-arms the cue
chain before replying, so a restart right after a tap loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.flows.live_session.cues import schedule_next_cue
from bot.flows.live_session.ending import Ending, end_session
from bot.flows.live_session.stops import after_sos_button
from bot.flows.live_session.view import (
    LIVE_PREFIX,
    PAUSE,
    RESUME,
    SKIP,
    STOP,
    UNWELL,
    position_values,
    session_buttons,
)
from bot.runtime.services import CoachContext
from bot.runtime.taps import tapped
from bot.texts import session as texts


async def control(action: str, user_id: int, context: CoachContext, message: Message) -> None:
    """Apply one control to the runner's live session and say what happened."""
    async with context.services.session_locks[user_id]:
        await _control(action, user_id, context, message)


async def _control(action: str, user_id: int, context: CoachContext, message: Message) -> None:
    services = context.services
    stored = await services.live_sessions.get(user_id)
    if stored is None:
        await message.reply_text(texts.NO_SESSION)
        return
    now = context.services.now().timestamp()
    if action in (STOP, UNWELL):
        ending = Ending.UNWELL if action == UNWELL else Ending.STOPPED
        log_id = await end_session(context.application, stored, now, ending)
        if log_id is None:
            await message.reply_text(texts.NO_SESSION)
        elif ending is Ending.UNWELL:
            await after_sos_button(context.application, stored, log_id)
        return
    live = stored.live
    if action == PAUSE and live.paused:
        await message.reply_text(texts.ALREADY_PAUSED)
        return
    if action == RESUME and not live.paused:
        await message.reply_text(texts.NOT_PAUSED)
        return
    changed = {PAUSE: live.pause, RESUME: live.resume, SKIP: live.skip}[action](now)
    if not await services.live_sessions.save_progress(user_id, changed):
        await message.reply_text(texts.NO_SESSION)
        return
    schedule_next_cue(context.application, user_id, changed)
    # A skip needs no words: the next cue is due now and arrives at once.
    position = changed.position(now)
    if action != SKIP and position is not None:
        text = texts.PAUSED if changed.paused else texts.RESUMED
        await message.reply_text(
            text.format(**position_values(position, len(changed.steps))),
            reply_markup=session_buttons(paused=changed.paused),
        )


def _command(action: str) -> Callable[[Update, CoachContext], Coroutine[Any, Any, None]]:
    async def handle(update: Update, context: CoachContext) -> None:
        user, message = update.effective_user, update.effective_message
        if user is not None and message is not None:
            await control(action, user.id, context, message)

    return handle


async def tap_control(update: Update, context: CoachContext) -> None:
    """A session button: pause, resume, skip, stop or "I feel unwell"."""
    tap = await tapped(update)
    if tap is None:
        return
    action = tap.data[1] if len(tap.data) == 2 else ""
    if action not in (PAUSE, RESUME, SKIP, STOP, UNWELL):
        return
    await control(action, tap.user_id, context, tap.message)


def build_live_session_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Handlers for the session controls (commands and buttons)."""
    return [
        *(CommandHandler(action, _command(action)) for action in (PAUSE, RESUME, SKIP, STOP)),
        CallbackQueryHandler(tap_control, pattern=rf"^{LIVE_PREFIX}\|"),
    ]
