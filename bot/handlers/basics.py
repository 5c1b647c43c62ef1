"""The baseline chat: /help, /cancel and the pointer to /help for anything else."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.services import CoachContext
from bot.texts import common


async def show_help(update: Update, _: CoachContext) -> None:
    """List every command with one line each."""
    if update.effective_message:
        await update.effective_message.reply_text(common.help_text())


async def cancel_outside_conversation(update: Update, _: CoachContext) -> None:
    """/cancel when no conversation is running."""
    if update.effective_message:
        await update.effective_message.reply_text(common.NOTHING_TO_CANCEL)


async def unknown_command(update: Update, _: CoachContext) -> None:
    """A /command we do not have."""
    if update.effective_message:
        await update.effective_message.reply_text(common.UNKNOWN_COMMAND)


async def not_understood(update: Update, _: CoachContext) -> None:
    """Anything else: text, stickers, photos, voice… gets a short pointer to /help."""
    if update.effective_message:
        await update.effective_message.reply_text(common.NOT_UNDERSTOOD)


async def expired_button(update: Update, _: CoachContext) -> None:
    """A button no flow recognises (old, or forged): stop the spinner and say so."""
    if update.callback_query:
        await update.callback_query.answer(common.BUTTON_EXPIRED)


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
