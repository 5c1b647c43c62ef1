"""python-telegram-bot persistence on our SQLite database, so conversations survive restarts.

Only conversation states and small per-user/per-chat dictionaries live here. bot_data holds
the live services and callback data is not arbitrary, so neither is persisted. Anything a
runner would miss (answers, plans, logs) goes to our own tables immediately instead.
"""

from __future__ import annotations

import json
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.storage.database import Database

Data = dict[Any, Any]

_UPSERT_USER_DATA = (
    "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET data = excluded.data"
)
_UPSERT_CHAT_DATA = (
    "INSERT INTO ptb_chat_data (chat_id, data) VALUES (?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET data = excluded.data"
)


class SqlitePersistence(BasePersistence[Data, Data, Data]):
    """Stores conversation states and user/chat data as JSON rows."""

    def __init__(self, database: Database, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=False
            ),
            update_interval=update_interval,
        )
        self._db = database

    async def get_conversations(self, name: str) -> ConversationDict:
        """All stored conversation states of one ConversationHandler."""
        await self._db.open()
        rows = await self._db.fetch_all(
            "SELECT conversation_key, state FROM ptb_conversations WHERE name = ?", (name,)
        )
        return {
            tuple(json.loads(row["conversation_key"])): json.loads(row["state"]) for row in rows
        }

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store a conversation's new state; None ends it and deletes the row."""
        encoded_key = json.dumps(list(key))
        if new_state is None:
            await self._db.execute(
                "DELETE FROM ptb_conversations WHERE name = ? AND conversation_key = ?",
                (name, encoded_key),
            )
        else:
            await self._db.execute(
                "INSERT INTO ptb_conversations (name, conversation_key, state) VALUES (?, ?, ?)"
                " ON CONFLICT (name, conversation_key) DO UPDATE SET state = excluded.state",
                (name, encoded_key, json.dumps(new_state)),
            )

    async def get_user_data(self) -> dict[int, Data]:
        """Every user's stored dictionary."""
        await self._db.open()
        rows = await self._db.fetch_all("SELECT user_id, data FROM ptb_user_data")
        return {int(row["user_id"]): json.loads(row["data"]) for row in rows}

    async def get_chat_data(self) -> dict[int, Data]:
        """Every chat's stored dictionary."""
        await self._db.open()
        rows = await self._db.fetch_all("SELECT chat_id, data FROM ptb_chat_data")
        return {int(row["chat_id"]): json.loads(row["data"]) for row in rows}

    async def update_user_data(self, user_id: int, data: Data) -> None:
        """Store one user's dictionary."""
        await self._upsert(_UPSERT_USER_DATA, user_id, data)

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        """Store one chat's dictionary."""
        await self._upsert(_UPSERT_CHAT_DATA, chat_id, data)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's dictionary."""
        await self._db.execute("DELETE FROM ptb_user_data WHERE user_id = ?", (user_id,))

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget one chat's dictionary."""
        await self._db.execute("DELETE FROM ptb_chat_data WHERE chat_id = ?", (chat_id,))

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        """Nothing to refresh: this process is the only writer."""

    async def get_bot_data(self) -> Data:
        """bot_data is not persisted (it holds live services); starts empty."""
        return {}

    async def update_bot_data(self, data: Data) -> None:
        """bot_data is not persisted."""

    async def refresh_bot_data(self, bot_data: Data) -> None:
        """bot_data is not persisted."""

    async def get_callback_data(self) -> CDCData | None:
        """Arbitrary callback data is not used."""
        return None

    async def update_callback_data(self, data: CDCData) -> None:
        """Arbitrary callback data is not used."""

    async def flush(self) -> None:
        """Every update is written when it happens, so there is nothing left to flush."""

    async def _upsert(self, sql: str, key: int, data: Data) -> None:
        await self._db.execute(sql, (key, json.dumps(data)))
