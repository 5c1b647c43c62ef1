"""Each update applied once, and each single-use keyboard answered once.

Telegram re-delivers updates whose offset was not confirmed and retries webhooks, and people
double-tap. An update's id is recorded in the transaction of the update's first database
write (`Database.unit_of_work`), or on its own after the update if it wrote nothing; an update
whose id is recorded is acknowledged (a tap's spinner stopped) and not applied again. A crash
before the first write leaves no record, so the re-delivered update is applied in full; a
crash between a handler's first and a later write (a handler should make one) would leave
the later one undone.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.runtime.services import CoachContext, services_of
from bot.runtime.taps import stop_spinner, tap_of
from bot.runtime.update_trace import log_key_for

logger = logging.getLogger(__name__)

Callback = Callable[[Update, CoachContext], Coroutine[Any, Any, None]]


class ExactlyOnceApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's Application, applying each update at most once and recording that it did."""

    async def process_update(self, update: object) -> None:
        """Apply `update` unless it was applied already (then only acknowledge it)."""
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        services = services_of(self)
        applied = services.applied_updates
        async with services.db.unit_of_work():
            if not await applied.claim(update.update_id):
                logger.info("update %s arrived again; not applied twice", update.update_id)
                if update.callback_query is not None:
                    await stop_spinner(update.callback_query)
                return
            try:
                await super().process_update(update)
            finally:
                applied.release(update.update_id)
        await applied.prune()


def single_use(callback: Callback, *, already: str) -> Callback:
    """A tap handler for a keyboard that acts once (a reminder's snooze/skip/move, an offer
    to step back): the first tap that changes something spends the message's keyboard, in
    the same transaction; a later tap on it is answered with `already` and changes nothing."""

    async def handle(update: Update, context: CoachContext) -> None:
        tap = tap_of(update)
        if tap is None:
            await callback(update, context)
            return
        services = context.services
        offer = _offer_key(services.settings.token, tap.message.chat_id, tap.message.message_id)
        if await services.spent_offers.is_spent(offer):
            await stop_spinner(tap.query, already)
            return
        services.spent_offers.spend_with_next_write(offer)
        await callback(update, context)

    return handle


def _offer_key(token: str | None, chat_id: int, message_id: int) -> str:
    """An opaque key for one message: a keyed hash, so the table holds no chat id."""
    message = f"{chat_id}:{message_id}".encode()
    return hmac.new(log_key_for(token or ""), message, hashlib.sha256).hexdigest()[:32]
