"""Messages the bot sends on its own (cues, session ends, reminders, check-ins, apologies):
one way to send them, and one outcome when the runner has blocked the bot."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bot.runtime.coach_bot import coach_bot
from bot.runtime.delivery import Priority, delivery_args
from bot.runtime.services import services_of

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


async def runner_unreachable(
    application: AnyApplication, chat_id: int, *, user_id: int | None = None
) -> None:
    """The bot can no longer write to `chat_id` (blocked in a private chat, removed from a
    group): every runner whose chat it is becomes inactive, and they and `user_id` (whose
    session ran in that chat) have their live session ended and their jobs cancelled.

    A private chat's id is its runner's id, a group's is not: the runners are found by
    their chat. Their data stays until they ask to delete it; /start, or unblocking the
    bot, makes them active again.
    """
    services = services_of(application)
    runners = set(await services.runners.mark_unreachable(chat_id))
    for runner in sorted(runners | ({user_id} if user_id is not None else set())):
        logger.info(
            "runner %s blocked the bot or left the chat; marking them unreachable",
            services.runner_tag(runner),
        )
        await services.live_sessions.end(runner)
        services.cancel_runner_timers(runner)


async def send_or_mark_unreachable(
    application: AnyApplication,
    chat_id: int,
    text: str,
    *,
    priority: Priority,
    what: str,
    markup: InlineKeyboardMarkup | None = None,
) -> bool:
    """Send `text` to a runner with `priority`; True if it went out. A blocked bot makes the
    runner unreachable; any other refusal is logged as `what` could not be sent."""
    try:
        await coach_bot(application.bot).send_text(
            chat_id, text, markup=markup, rate_limit_args=delivery_args(priority)
        )
    except Forbidden:
        await runner_unreachable(application, chat_id)
        return False
    except TelegramError as error:
        logger.warning(
            "%s for runner %s could not be sent: %s",
            what,
            services_of(application).runner_tag(chat_id),
            error,
        )
        return False
    return True
