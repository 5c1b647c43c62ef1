"""The baseline chat: /help, /cancel and the pointer to /help for anything else."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.runtime.services import CoachContext
from bot.runtime.taps import stop_spinner
from bot.texts import common


def replying(text: str) -> Callable[[Update, CoachContext], Coroutine[Any, Any, None]]:
    """A callback that answers any message with `text`."""

    async def reply(update: Update, _: CoachContext) -> None:
        if update.effective_message:
            await update.effective_message.reply_text(text)

    return reply


# /help lists every command; the others answer /cancel with nothing running, an unknown
# /command, and anything else (text, stickers, photos, voice…) with a pointer to /help.
show_help = replying(common.help_text())
cancel_outside_conversation = replying(common.NOTHING_TO_CANCEL)
unknown_command = replying(common.UNKNOWN_COMMAND)
not_understood = replying(common.NOT_UNDERSTOOD)


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
