"""What a runner's Telegram app sends: update payloads (without update_id) for the emulator."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.botapi import BotApiEmulator, Json, chat_of

_callback_ids = itertools.count(1)
_message_ids = itertools.count(1_000_000)


@dataclass(slots=True)
class EmulatedUser:
    """One runner writing in a chat with the bot: their private chat (whose id equals their
    user id), or a group the bot is in (a negative `chat_id`)."""

    emulator: BotApiEmulator
    user_id: int
    first_name: str = "Runner"
    language_code: str = "en"
    chat_id: int = 0  # 0: the private chat
    _user: Json = field(init=False)

    def __post_init__(self) -> None:
        self._user = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if not self.chat_id:
            self.chat_id = self.user_id

    def text(self, text: str) -> Json:
        """A text message; a leading /command is marked as a command, as Telegram does."""
        extra: Json = {"text": text}
        if text.startswith("/"):
            command_length = len(text.split(maxsplit=1)[0]) if text.strip() else 1
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": command_length}]
        return self._message(extra)

    def edited(self, text: str, message_id: int | None = None) -> Json:
        """An edit of one of the runner's earlier messages (`message_id`, or a new one), now
        reading `text`: Telegram sends it as an edited_message update."""
        message = self.text(text)["message"]
        if message_id is not None:
            message["message_id"] = message_id
        return {"edited_message": {**message, "edit_date": int(time.time())}}

    def tap(self, message: Json, callback_data: str) -> Json:
        """A press on an inline button of one of the bot's messages."""
        return {
            "callback_query": {
                "id": str(next(_callback_ids)),
                "from": self._user,
                "chat_instance": str(self.chat_id),
                "message": message,
                "data": callback_data,
            }
        }

    def sticker(self) -> Json:
        """A sticker."""
        sticker = {
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "🏃",
        }
        return self._message({"sticker": {**self._file("sticker", b"webp"), **sticker}})

    def photo(self) -> Json:
        """A photo from the camera."""
        return self._message(
            {"photo": [{**self._file("photo", b"jpeg"), "width": 90, "height": 90}]}
        )

    def voice(self) -> Json:
        """A voice note."""
        return self._message({"voice": {**self._file("voice", b"ogg"), "duration": 2}})

    def location(self, latitude: float, longitude: float) -> Json:
        """A shared location."""
        return self._message({"location": {"latitude": latitude, "longitude": longitude}})

    def document(self, file_name: str, content: bytes) -> Json:
        """A file sent as a document; the bot can download its bytes."""
        document = {
            **self._file("document", content),
            "file_name": file_name,
            "file_size": len(content),
        }
        return self._message({"document": document})

    def _file(self, kind: str, content: bytes) -> Json:
        file_id = self.emulator.files.store(content)
        return {"file_id": file_id, "file_unique_id": f"{kind}-{file_id}"}

    def _message(self, extra: dict[str, Any]) -> Json:
        chat = chat_of(self.chat_id)
        if self.chat_id == self.user_id:
            chat["first_name"] = self.first_name
        return {
            "message": {
                "message_id": next(_message_ids),
                "date": int(time.time()),
                "chat": chat,
                "from": self._user,
                **extra,
            }
        }
