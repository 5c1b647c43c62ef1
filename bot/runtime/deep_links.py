"""Links that open the bot's private chat, optionally with a /start payload."""

from __future__ import annotations

from telegram import Bot


def private_chat_link(bot: Bot, payload: str) -> str:
    """t.me link to the bot that opens the private chat and sends `/start <payload>`."""
    return f"https://t.me/{bot.username}?start={payload}"
