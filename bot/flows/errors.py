"""The error handler: log the error, keep the runner informed, never crash the bot."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import Forbidden

from bot.runtime.delivery import Priority
from bot.runtime.sending import runner_unreachable, send_or_mark_unreachable
from bot.runtime.services import CoachContext
from bot.texts import common

logger = logging.getLogger(__name__)


async def handle_error(update: object, context: CoachContext) -> None:
    """Log any error a handler or job raised; tell the runner something kind when we can."""
    error = context.error
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        if chat is not None:
            await runner_unreachable(context.application, chat.id)
        return
    context.services.errors.record(time.time())
    logger.error("error while handling an update", exc_info=error)
    if chat is not None:
        await send_or_mark_unreachable(
            context.application,
            chat.id,
            common.SOMETHING_WENT_WRONG,
            priority=Priority.REPLY,
            what="an apology for an error",
        )
