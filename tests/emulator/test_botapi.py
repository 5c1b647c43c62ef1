"""The Bot API emulator's options for benchmarks: no call history, forgotten messages."""

from __future__ import annotations

from bot.emulator.botapi import ApiCall, BotApiEmulator


def test_without_history_listeners_still_see_every_call() -> None:
    emulator = BotApiEmulator(keep_calls=False)
    seen: list[ApiCall] = []
    emulator.listeners.append(seen.append)

    emulator.answer("sendMessage", {"chat_id": 5, "text": "⏪🏃 BACKWARDS · jog · 25 s"}, {})

    assert emulator.calls == []
    assert [call.params["text"] for call in seen] == ["⏪🏃 BACKWARDS · jog · 25 s"]


def test_a_forgotten_message_is_gone_and_the_others_stay() -> None:
    emulator = BotApiEmulator()
    _, cue = emulator.answer("sendMessage", {"chat_id": 5, "text": "cue"}, {})
    emulator.answer("sendMessage", {"chat_id": 5, "text": "question"}, {})

    emulator.forget_message(5, cue["result"]["message_id"])
    emulator.forget_message(5, 999)  # never sent: nothing happens

    assert [message["text"] for message in emulator.messages_in(5)] == ["question"]
