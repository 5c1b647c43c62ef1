"""The baseline chat: /help, /cancel, and for anything else a pointer to the next step."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.runtime.services import CoachContext
from bot.runtime.taps import stop_spinner
from bot.texts import common


def replying(
    text: Callable[[], str],
) -> Callable[[Update, CoachContext], Coroutine[Any, Any, None]]:
    """A callback that answers any message with `text()`, worded in the runner's language."""

    async def reply(update: Update, _: CoachContext) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(text())

    return reply


# /help lists every command; the others answer /cancel with nothing running and an unknown
# /command.
show_help = replying(common.help_text)
cancel_outside_conversation = replying(lambda: common.NOTHING_TO_CANCEL)
unknown_command = replying(lambda: common.UNKNOWN_COMMAND)


async def not_understood(update: Update, context: CoachContext) -> None:
    """Anything no flow took: a voice note, a photo or a sticker said kindly, then the next
    step: /start for a runner not set up yet, /go, /plan and /log for one between sessions."""
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    if message.voice or message.video_note or message.audio:
        opening: str | None = common.VOICE_NOT_YET
    elif message.photo or message.video:
        opening = common.PHOTO_NOT_YET
    elif message.sticker:
        opening = common.STICKER_THANKS
    else:
        opening = None
    set_up = await context.services.profiles.get(update.effective_user.id) is not None
    await message.reply_text(common.unexpected_reply(opening, set_up))


async def expired_button(update: Update, _: CoachContext) -> None:
    """A button no flow recognises (old, or forged): stop the spinner and say so."""
    if update.callback_query:
        await stop_spinner(update.callback_query, common.BUTTON_EXPIRED)


def build_basic_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Handlers for the baseline commands."""
    return [
        CommandHandler("help", show_help),
        CommandHandler("cancel", cancel_outside_conversation),
    ]


def build_fallback_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Catch-alls, registered last so every other handler gets its chance first."""
    return [
        CallbackQueryHandler(expired_button),
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL, not_understood),
    ]
