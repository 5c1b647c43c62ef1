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
from bot.runtime.taps import stop_spinner, tap_of
from bot.texts import session as texts


async def control(
    action: str,
    user_id: int,
    context: CoachContext,
    message: Message,
    offered_at: int | None = None,
) -> bool:
    """Apply one control to the runner's live session and say what happened; False for a
    skip offered at a point the session has already left (`offered_at`, its next_index)."""
    async with context.services.session_locks[user_id]:
        return await _control(action, user_id, context, message, offered_at)


async def _control(
    action: str, user_id: int, context: CoachContext, message: Message, offered_at: int | None
) -> bool:
    services = context.services
    stored = await services.live_sessions.get(user_id)
    if stored is None:
        await message.reply_text(texts.NO_SESSION)
        return True
    if action == SKIP and offered_at is not None and offered_at != stored.live.next_index:
        return False
    now = context.services.now().timestamp()
    if action in (STOP, UNWELL):
        ending = Ending.UNWELL if action == UNWELL else Ending.STOPPED
        log_id = await end_session(context.application, stored, now, ending)
        if log_id is None:
            await message.reply_text(texts.NO_SESSION)
        elif ending is Ending.UNWELL:
            await after_sos_button(context.application, stored, log_id)
        return True
    live = stored.live
    if action == PAUSE and live.paused:
        await message.reply_text(texts.ALREADY_PAUSED)
        return True
    if action == RESUME and not live.paused:
        await message.reply_text(texts.NOT_PAUSED)
        return True
    changed = {PAUSE: live.pause, RESUME: live.resume, SKIP: live.skip}[action](now)
    if not await services.live_sessions.save_progress(user_id, changed):
        await message.reply_text(texts.NO_SESSION)
        return True
    schedule_next_cue(context.application, user_id, changed)
    # A skip needs no words: the next cue is due now and arrives at once.
    position = changed.position(now)
    if action != SKIP and position is not None:
        text = texts.PAUSED if changed.paused else texts.RESUMED
        await message.reply_text(
            text.format(**position_values(position, len(changed.steps))),
            reply_markup=session_buttons(paused=changed.paused, next_index=changed.next_index),
        )
    return True


def _command(action: str) -> Callable[[Update, CoachContext], Coroutine[Any, Any, None]]:
    async def handle(update: Update, context: CoachContext) -> None:
        user, message = update.effective_user, update.effective_message
        if user is not None and message is not None:
            await control(action, user.id, context, message)

    return handle


async def tap_control(update: Update, context: CoachContext) -> None:
    """A session button: pause, resume, skip, stop or "I feel unwell"."""
    tap = tap_of(update)
    if tap is None:
        return
    action = tap.data[1] if len(tap.data) in (2, 3) else ""
    if action not in (PAUSE, RESUME, SKIP, STOP, UNWELL):
        await stop_spinner(tap.query)
        return
    offered_at = tap.number(2) if len(tap.data) == 3 else None
    applied = await control(action, tap.user_id, context, tap.message, offered_at)
    await stop_spinner(tap.query, None if applied else texts.SKIP_ALREADY_DONE)


def build_live_session_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Handlers for the session controls (commands and buttons)."""
    return [
        *(CommandHandler(action, _command(action)) for action in (PAUSE, RESUME, SKIP, STOP)),
        CallbackQueryHandler(tap_control, pattern=rf"^{LIVE_PREFIX}\|"),
    ]
