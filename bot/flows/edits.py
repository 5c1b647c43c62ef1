"""Edited messages: a defined outcome, never a second message.

An edit never acts as a new message, and never corrects what was recorded: the runner is
told the edit changed nothing and how to correct it. Correcting in place would need every
step of every conversation to know how to undo itself (an edited health answer must re-route
set-up; an edited /log must replace a stored log that progression already counted), and
Telegram sends edits of any old message, not only of the last answer.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, MessageHandler, filters

from bot.runtime.services import CoachContext
from bot.texts import exactly_once as texts

# Ahead of every flow (group 0), so no flow sees an edit.
EDITS_GROUP = -1


async def refuse_edit(update: Update, _: CoachContext) -> None:
    """Say that the edit changed nothing (in private chats, to people), and stop there."""
    message = update.edited_message
    if message is not None and message.chat.type == "private" and message.from_user is not None:
        await message.reply_text(texts.EDIT_NOT_APPLIED)
    raise ApplicationHandlerStop


def build_edit_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """The one handler for edits of any kind (messages, channel posts, business messages)."""
    return [MessageHandler(filters.UpdateType.EDITED, refuse_edit)]
