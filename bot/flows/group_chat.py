"""Group chats: the coach is personal, so in a group it only points to the private chat.

One pair of handlers, registered ahead of every flow but the club's (bot/flows/club: /club
and its buttons, the one thing a group runs), takes each message and button tap from a
group: a /command gets a link to the private chat, anything else gets silence. No personal
flow ever runs for a group chat, so nothing personal is ever posted to one. Membership
updates (the bot added or removed) are not messages and still reach their handlers.
"""

from __future__ import annotations

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.runtime.deep_links import private_chat_link
from bot.runtime.language import speaking_to_group
from bot.runtime.services import CoachContext
from bot.runtime.taps import stop_spinner
from bot.texts import group_chat as texts

GROUP_PAYLOAD = "group"  # /start payload of the link: a plain /start in the private chat
_GROUP_TYPES = frozenset({Chat.GROUP, Chat.SUPERGROUP})


async def point_to_private_chat(update: Update, context: CoachContext) -> None:
    """A /command in a group: answer with a link to the private chat, and nothing else."""
    message = update.effective_message
    if message is None or not _for_this_bot(message.text or "", context.bot.username):
        return
    link = private_chat_link(context.bot, GROUP_PAYLOAD)
    async with speaking_to_group(context.services, message.chat_id):  # a club's language
        button = InlineKeyboardButton(texts.BUTTON_OPEN_PRIVATE, url=link)
        await message.reply_text(
            texts.PRIVATE_ONLY.format(link=link), reply_markup=InlineKeyboardMarkup([[button]])
        )


def _for_this_bot(text: str, username: str) -> bool:
    """False for a /command@other_bot: in a group it is another bot's to answer."""
    command = text.split(maxsplit=1)[0] if text.strip() else ""
    _, at, addressee = command.partition("@")
    return not at or addressee.lower() == username.lower()


async def ignore(_: Update, __: CoachContext) -> None:
    """Group talk that is not for the bot: no flow may take it for a runner's answer."""


async def tap_in_group(update: Update, context: CoachContext) -> None:
    """A button in a group (the bot posts none there): stop its spinner with the pointer."""
    if update.callback_query is not None:
        link = private_chat_link(context.bot, GROUP_PAYLOAD)
        await stop_spinner(update.callback_query, texts.PRIVATE_ONLY.format(link=link))


class _GroupTapHandler(CallbackQueryHandler[CoachContext, None]):
    """Button taps on messages in a group chat."""

    def check_update(self, update: object) -> bool | object | None:
        """Only taps whose message sits in a group."""
        if not isinstance(update, Update) or update.callback_query is None:
            return False
        message = update.callback_query.message
        return message is not None and message.chat.type in _GROUP_TYPES


def build_group_chat_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Put first, ahead of every flow: they take every message and tap from a group."""
    in_group = filters.ChatType.GROUPS & ~filters.StatusUpdate.ALL
    return [
        MessageHandler(in_group & filters.COMMAND, point_to_private_chat),
        MessageHandler(in_group, ignore),
        _GroupTapHandler(tap_in_group),
    ]
