"""One INFO line per handled update: its id, its kind and a keyed hash of the runner's id.

Never the content: no message text, no name, no callback data. The line is cheap: nothing is
computed unless INFO is enabled, and the hash only when the line is really written.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, TypeHandler

logger = logging.getLogger(__name__)

# After every other group (0: the flows, 1: conversation states), so the update was handled.
UPDATE_LOG_GROUP = 100
_TAG_LENGTH = 12


@functools.cache
def log_key_for(token: str) -> bytes:
    """The hashing key, derived from the bot token: tags stay the same across restarts, and
    without the token nobody can find an id by hashing every possible one."""
    return hashlib.sha256(b"backstride update log\0" + token.encode()).digest()


@functools.lru_cache(maxsize=8192)  # a cue names its runner's job each time
def runner_tag(user_id: int, key: bytes) -> str:
    """A short keyed hash (HMAC-SHA256) of a Telegram user id."""
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:_TAG_LENGTH]


class RunnerTag:
    """Formats as `runner_tag(...)`, computed only if the log line is written."""

    __slots__ = ("_key", "_user_id")

    def __init__(self, user_id: int, key: bytes) -> None:
        self._user_id = user_id
        self._key = key

    def __str__(self) -> str:
        return runner_tag(self._user_id, self._key)


def update_kind(update: Update) -> str:
    """What arrived, without its content: "command", "message", "callback_query", …"""
    kind = next((kind for kind in Update.ALL_TYPES if getattr(update, kind, None)), "other")
    message = update.message
    if message is not None and message.text is not None and message.text.startswith("/"):
        return "command"
    return kind


def install_update_trace(
    application: Application[Any, Any, Any, Any, Any, Any], key: bytes
) -> None:
    """Log every update `application` handles, once every handler group has seen it."""

    async def log_update(update: Update, _: object) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return
        user = update.effective_user
        logger.info(
            "update %s handled: %s from runner %s",
            update.update_id,
            update_kind(update),
            "-" if user is None else RunnerTag(user.id, key),
        )

    application.add_handler(TypeHandler(Update, log_update), group=UPDATE_LOG_GROUP)
