"""Button taps: unpack them, stop their spinner, and redraw their message without risk."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.runtime.coach_bot import coach_bot

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Tap:
    """A button tap: the query, who tapped, and the message the button is on."""

    query: CallbackQuery
    user_id: int
    message: Message

    def number(self, index: int) -> int | None:
        """Part `index` of the callback data as a plain id or count (ASCII digits that fit a
        database integer); None for anything else, forged or not."""
        parts = self.data
        if index >= len(parts) or not parts[index].isascii() or not parts[index].isdigit():
            return None
        value = int(parts[index])
        return value if value < 2**62 else None

    @property
    def data(self) -> tuple[str, ...]:
        """The callback data split on "|" ("live|pause" → ("live", "pause"))."""
        return tuple((self.query.data or "").split("|"))


async def tapped(update: Update, *, answer: str | None = None) -> Tap | None:
    """The parts of a button tap, after stopping its spinner (showing `answer` if given);
    None if there is nothing to answer on (no user, or a message Telegram no longer shows)."""
    if update.callback_query is not None:
        await stop_spinner(update.callback_query, answer)
    return tap_of(update)


async def stop_spinner(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a tap's query. Only cosmetic: Telegram refuses queries that are too old (a tap
    made while the bot was down), and the tap is handled all the same."""
    try:
        await coach_bot(query.get_bot()).answer_tap(query.id, text)
    except BadRequest as error:
        logger.info("could not answer a button tap: %s", error)


def tap_of(update: Update) -> Tap | None:
    """The parts of a button tap, spinner still running: for a caller in a hurry, who
    answers the query together with its reply (see `answered_with`)."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or not isinstance(query.message, Message):
        return None
    return Tap(query, user.id, query.message)


async def answered_with(tap: Tap, reply: Coroutine[Any, Any, object]) -> None:
    """Stop the tap's spinner and send `reply` at the same time, not one after the other."""
    await asyncio.gather(stop_spinner(tap.query), reply)


async def redraw(
    tap: Tap, *, text: str | None = None, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show a tap's effect on its message. Only cosmetic: the tap is handled either way,
    so Telegram refusing the edit (too old, deleted, unchanged) loses nothing."""
    try:
        if text is None:
            await tap.query.edit_message_reply_markup(markup)
        else:
            await tap.query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        logger.info("could not update a message after a tap: %s", error)


async def edit_or_send(tap: Tap, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Show `text` on the tapped message; if Telegram refuses the edit (too old, deleted),
    send it as a new message, since here the text is not cosmetic."""
    try:
        await coach_bot(tap.query.get_bot()).edit_text(
            tap.message.chat_id, tap.message.message_id, text, markup=markup
        )
    except BadRequest as error:
        logger.info("could not edit a message after a tap, sending anew: %s", error)
        await tap.message.reply_text(text, reply_markup=markup)
