"""The error handler: log the error, keep the runner informed, never crash the bot."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot.runtime.services import CoachContext
from bot.texts import common

logger = logging.getLogger(__name__)


async def handle_error(update: object, context: CoachContext) -> None:
    """Log any error a handler or job raised; tell the runner something kind when we can."""
    error = context.error
    chat = update.effective_chat if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        if chat is not None:
            await _blocked(context, chat.id)
        return
    context.services.errors.record(time.time())
    logger.error("error while handling an update", exc_info=error)
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, common.SOMETHING_WENT_WRONG)
    except Forbidden:  # blocked between the failed reply and the apology
        await _blocked(context, chat.id)
    except TelegramError as send_error:
        logger.warning(
            "could not tell runner %s about the error: %s",
            context.services.runner_tag(chat.id),
            send_error,
        )


async def _blocked(context: CoachContext, chat_id: int) -> None:
    """The runner blocked the bot: stop messaging them (their data stays)."""
    logger.info(
        "runner %s blocked the bot; marking them unreachable", context.services.runner_tag(chat_id)
    )
    await context.services.runners.mark_unreachable(chat_id)
