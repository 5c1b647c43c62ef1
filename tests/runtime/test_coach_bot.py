"""CoachBot's sends whose answer is not read: what Telegram receives, and errors as PTB's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

import bot.runtime.coach_bot as coach_bot_module
from bot.runtime.coach_bot import coach_bot, markup_json
from bot.runtime.delivery import Priority, delivery_args
from tests.support.harness import running_coach

KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("⏸ Pause", callback_data="live|pause")],
        [InlineKeyboardButton("🆘 I feel unwell", callback_data="live|unwell")],
    ]
)


def _keyboard(label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=label)]])


async def test_a_send_reaches_telegram_as_ptb_would_send_it(tmp_path: Path) -> None:
    async with running_coach(tmp_path) as coach:
        bot = coach_bot(coach.app.bot)
        await bot.send_text(
            42,
            "⏪🏃 BACKWARDS · jog · 25 s",
            markup=KEYBOARD,
            rate_limit_args=delivery_args(Priority.CUE),
        )
        await bot.send_message(42, "⏪🏃 BACKWARDS · jog · 25 s", reply_markup=KEYBOARD)

    lean, full = (call.params for call in coach.emulator.calls if call.method == "sendMessage")
    assert lean["text"] == full["text"]
    # PTB hands the keyboard over as an object, CoachBot as its JSON: the same keyboard.
    assert json.loads(lean["reply_markup"]) == full["reply_markup"]
    assert int(lean["chat_id"]) == 42


async def test_an_edit_changes_the_message_in_place(tmp_path: Path) -> None:
    async with running_coach(tmp_path) as coach:
        bot = coach_bot(coach.app.bot)
        sent = await bot.send_message(42, "Where are you running today?", reply_markup=KEYBOARD)
        await bot.edit_text(42, sent.message_id, "✔︎ 🏟️ Running track")

    [message] = coach.emulator.messages_in(42)
    assert message["text"] == "✔︎ 🏟️ Running track"
    assert "reply_markup" not in message  # an edit without a keyboard removes it, as Telegram does


@pytest.mark.parametrize(("status", "error"), [(403, Forbidden), (400, BadRequest)])
async def test_telegram_refusing_raises_what_ptb_raises(
    tmp_path: Path, status: int, error: type[Exception]
) -> None:
    async with running_coach(tmp_path) as coach:
        bot = coach_bot(coach.app.bot)
        coach.emulator.fail_next(status, method="sendMessage")
        with pytest.raises(error):
            await bot.send_text(42, "Step 2 of 11")
        coach.emulator.fail_next(status, method="editMessageText")
        with pytest.raises(error):
            await bot.edit_text(42, 1, "Step 2 of 11")


def test_a_keyboard_is_serialised_once() -> None:
    assert markup_json(KEYBOARD) is markup_json(KEYBOARD)
    assert json.loads(markup_json(KEYBOARD)) == KEYBOARD.to_dict()


def test_a_new_keyboard_under_a_reused_id_gets_its_own_json() -> None:
    old, new = _keyboard("old"), _keyboard("new")
    # What a garbage-collected keyboard whose id Python gave to a new one would leave behind.
    markup_json(old)
    cache = coach_bot_module._MARKUP_JSON
    cache[id(new)] = cache.pop(id(old))

    assert json.loads(markup_json(new)) == new.to_dict()


def test_only_the_applications_bot_is_accepted() -> None:
    with pytest.raises(TypeError, match="CoachBot"):
        coach_bot(object())  # type: ignore[arg-type]
