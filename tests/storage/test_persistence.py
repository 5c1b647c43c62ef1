"""Conversations survive a restart: a new Application on the same database continues them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.storage.database import Database
from bot.storage.persistence import SqlitePersistence
from tests.support.harness import running_coach, texts

ASKED = 1


async def _ask(update: Update, _: Any) -> int:
    assert update.effective_message
    await update.effective_message.reply_text("what is your name?")
    return ASKED


async def _answer(update: Update, _: Any) -> int:
    assert update.effective_message
    await update.effective_message.reply_text(f"hello {update.effective_message.text}")
    return ConversationHandler.END


def _probe_conversation() -> list[BaseHandler[Any, Any, Any]]:
    return [
        ConversationHandler(
            entry_points=[CommandHandler("probe", _ask)],
            states={ASKED: [MessageHandler(filters.TEXT & ~filters.COMMAND, _answer)]},
            fallbacks=[],
            name="probe",
            persistent=True,
        )
    ]


async def test_a_conversation_continues_after_a_restart(tmp_path: Path) -> None:
    async with running_coach(tmp_path, _probe_conversation) as coach:
        runner = coach.runner(31)
        assert texts(await runner.send("/probe")) == ["what is your name?"]

        await coach.restart()

        assert texts(await runner.send("Dana")) == ["hello Dana"]


async def test_an_ended_conversation_is_forgotten(tmp_path: Path) -> None:
    async with running_coach(tmp_path, _probe_conversation) as coach:
        runner = coach.runner(32)
        await runner.send("/probe")
        await runner.send("Eli")

        await coach.restart()

        assert await coach.services.db.fetch_all("SELECT * FROM ptb_conversations") == []


async def test_user_and_chat_data_round_trip(tmp_path: Path, database_url: str | None) -> None:
    database = Database(tmp_path / "d.sqlite3", database_url)
    await database.open()
    persistence = SqlitePersistence(database)
    await persistence.update_user_data(7, {"units": "km"})
    await persistence.update_chat_data(8, {"page": 2})
    await persistence.update_user_data(7, {"units": "mi"})

    second_connection = Database(database.path, database_url)
    reopened = SqlitePersistence(second_connection)
    users, chats = await reopened.get_user_data(), await reopened.get_chat_data()
    await second_connection.close()
    await persistence.drop_user_data(7)
    await persistence.drop_chat_data(8)
    emptied = (await persistence.get_user_data(), await persistence.get_chat_data())
    await database.close()

    assert users == {7: {"units": "mi"}}
    assert chats == {8: {"page": 2}}
    assert emptied == ({}, {})
