"""The bot object: python-telegram-bot's ExtBot, plus sends whose answer nobody reads.

Telegram answers every sent or edited message with the whole message, keyboard included,
and PTB turns that answer into Telegram objects; it also serialises the keyboard afresh
for every call. When hundreds of runners start at once, that work was the largest share of
the CPU time (`python -m bench.cues`). A cue, a safety-check edit, a tap's answer or a
message the bot sends on its own never looks at the answer, so these calls skip both: the
keyboard goes out as JSON made once, the parameters skip PTB's conversions of Telegram
objects, and the answer is not parsed. Errors (429, 403, 400, network) are raised exactly
as PTB raises them (its request class checks the answer), and the calls go through the
same rate limiter.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Chat, InlineKeyboardMarkup, Message
from telegram.ext import ExtBot
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter


class CoachBot(ExtBot[dict[str, Any]]):
    """ExtBot with `send_text`, `edit_text` and `answer_tap` for calls whose answer is not
    needed."""

    async def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        markup: InlineKeyboardMarkup | None = None,
        rate_limit_args: dict[str, Any] | None = None,
    ) -> None:
        """sendMessage, without turning Telegram's answer into a Message."""
        await self._post_unread(
            "sendMessage", {"chat_id": chat_id, "text": text}, markup, rate_limit_args
        )

    async def edit_text(
        self,
        chat_id: int,
        message_id: int,
        text: str,
        *,
        markup: InlineKeyboardMarkup | None = None,
    ) -> None:
        """editMessageText, without turning Telegram's answer into a Message."""
        params = {"chat_id": chat_id, "message_id": message_id, "text": text}
        await self._post_unread("editMessageText", params, markup, None)

    async def answer_tap(self, query_id: str, text: str | None = None) -> None:
        """answerCallbackQuery (stops a tap's spinner, showing `text` if given), without
        PTB's parameter conversions: every tap makes one."""
        params: dict[str, Any] = {"callback_query_id": query_id}
        if text is not None:
            params["text"] = text
        await self._post_unread("answerCallbackQuery", params, None, None)

    async def _post_unread(
        self,
        endpoint: str,
        params: dict[str, Any],
        markup: InlineKeyboardMarkup | None,
        rate_limit_args: dict[str, Any] | None,
    ) -> None:
        """Through the rate limiter to the request object, past PTB's conversions of the
        parameters; the answer is only checked for an error (PTB's own check, so the same
        exceptions), not parsed."""
        if markup is not None:
            params["reply_markup"] = markup_json(markup)
        request = self.request
        # Plain strings and numbers: none of RequestParameter.from_input's conversions apply.
        body = RequestData([RequestParameter(name, value, None) for name, value in params.items()])
        url = f"{self.base_url}/{endpoint}"

        async def post() -> bool:
            # PTB's own answer check (private, but it is what its request classes use).
            await request._request_wrapper(url, "POST", body)
            return True

        if self.rate_limiter is None:
            await post()
            return
        await self.rate_limiter.process_request(
            callback=post,
            args=(),
            kwargs={},
            endpoint=endpoint,
            data=params,
            rate_limit_args=rate_limit_args,
        )


_MARKUP_JSON: dict[int, tuple[InlineKeyboardMarkup, str]] = {}
_MARKUP_JSON_LIMIT = 256


def markup_json(markup: InlineKeyboardMarkup) -> str:
    """A keyboard as the JSON Telegram reads, made once per keyboard object.

    Keyed by identity (hashing a keyboard costs more than looking it up), and the object is
    kept with its JSON, so an id reused by a new keyboard is never mistaken for the old one.
    """
    entry = _MARKUP_JSON.get(id(markup))
    if entry is None or entry[0] is not markup:
        if len(_MARKUP_JSON) >= _MARKUP_JSON_LIMIT:
            _MARKUP_JSON.clear()
        entry = _MARKUP_JSON[id(markup)] = (markup, markup.to_json())
    return entry[1]


async def reply_unread(
    message: Message, text: str, *, reply_markup: InlineKeyboardMarkup | None = None
) -> None:
    """`message.reply_text(text, reply_markup=...)` for a reply whose sent message nobody
    reads: in a plain private chat (where PTB neither quotes nor names a topic) through the
    lean path; anywhere else through PTB's own reply."""
    if (
        message.chat.type != Chat.PRIVATE
        or message.is_topic_message
        or message.business_connection_id is not None
        or message.direct_messages_topic is not None
    ):
        await message.reply_text(text, reply_markup=reply_markup)
        return
    await coach_bot(message.get_bot()).send_text(message.chat_id, text, markup=reply_markup)


def coach_bot(bot: Bot) -> CoachBot:
    """The application's bot as a CoachBot (it always is one: see `build_application`)."""
    if not isinstance(bot, CoachBot):
        raise TypeError(f"expected the application's CoachBot, not {type(bot).__name__}")
    return bot
