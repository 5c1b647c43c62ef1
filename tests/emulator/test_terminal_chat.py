"""The terminal chat: the real bot, typed lines in, printed messages out, buttons by number."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.emulator.botapi import ApiCall, BotApiEmulator
from bot.emulator.terminal_chat import TerminalChat, run_terminal_chat
from bot.emulator.user import EmulatedUser
from bot.texts import common
from tests.support.harness import settings_for_test


async def test_start_and_help_answer_in_the_terminal(tmp_path: Path) -> None:
    out = io.StringIO()
    lines = io.StringIO("/start\n\n/help\n/quit\nnever read\n")

    await run_terminal_chat(settings_for_test(tmp_path / "c.sqlite3"), lines, out, tmp_path)

    printed = out.getvalue()
    assert "coach> " + common.WELCOME.format(name="You") in printed
    assert "coach> " + common.help_text() in printed
    assert printed.index("you> /start") < printed.index("coach> Hi You")
    assert "never read" not in printed
    assert printed.rstrip().endswith("run me again any time.")


async def test_end_of_input_ends_the_chat(tmp_path: Path) -> None:
    out = io.StringIO()

    await run_terminal_chat(
        settings_for_test(tmp_path / "c.sqlite3"), io.StringIO("/help\n"), out, tmp_path
    )

    assert "coach> " + common.help_text() in out.getvalue()


def _chat_with_keyboard(tmp_path: Path) -> tuple[TerminalChat, io.StringIO]:
    emulator = BotApiEmulator()
    out = io.StringIO()
    chat = TerminalChat(emulator, EmulatedUser(emulator, 5, "You"), out, tmp_path)
    keyboard = {
        "inline_keyboard": [
            [{"text": "Track", "callback_data": "place:track"}],
            [{"text": "Park", "callback_data": "place:park"}],
        ]
    }
    _, body = emulator.answer(
        "sendMessage", {"chat_id": 5, "text": "Where?", "reply_markup": keyboard}, {}
    )
    chat.show(ApiCall("sendMessage", {"chat_id": 5}, 0.0, result=body["result"]))
    return chat, out


def test_buttons_print_as_numbered_choices(tmp_path: Path) -> None:
    _, out = _chat_with_keyboard(tmp_path)

    assert out.getvalue() == "coach> Where?\n   [1] Track\n   [2] Park\n"


def test_a_number_presses_the_button(tmp_path: Path) -> None:
    chat, _ = _chat_with_keyboard(tmp_path)

    payload = chat.to_payload("2")

    assert payload is not None
    assert payload["callback_query"]["data"] == "place:park"
    assert payload["callback_query"]["message"]["text"] == "Where?"


def test_a_number_out_of_range_is_sent_as_text(tmp_path: Path) -> None:
    chat, _ = _chat_with_keyboard(tmp_path)

    payload = chat.to_payload("42")

    assert payload is not None
    assert payload["message"]["text"] == "42"


def test_extras_send_locations_and_media(tmp_path: Path) -> None:
    chat, out = _chat_with_keyboard(tmp_path)
    sample = tmp_path / "run.gpx"
    sample.write_text("<gpx/>")

    location = chat.to_payload(":location 48.85 2.35")
    document = chat.to_payload(f":file {sample}")
    sticker = chat.to_payload(":sticker")
    bad = chat.to_payload(":location north")

    assert location is not None and location["message"]["location"]["latitude"] == 48.85
    assert document is not None and document["message"]["document"]["file_name"] == "run.gpx"
    assert sticker is not None and "sticker" in sticker["message"]
    assert bad is None and "usage: :location" in out.getvalue()


def test_a_sent_photo_is_saved_and_its_path_printed(tmp_path: Path) -> None:
    emulator = BotApiEmulator()
    out = io.StringIO()
    chat = TerminalChat(emulator, EmulatedUser(emulator, 5), out, tmp_path / "files")
    _, body = emulator.answer(
        "sendPhoto",
        {"chat_id": 5, "photo": "attach://p", "caption": "Your week"},
        {"p": b"\x89PNG"},
    )

    chat.show(ApiCall("sendPhoto", {"chat_id": 5}, 0.0, result=body["result"]))

    saved = list((tmp_path / "files").iterdir())
    assert [p.read_bytes() for p in saved] == [b"\x89PNG"]
    assert f"[photo saved to {saved[0]}]" in out.getvalue()


def test_python_m_bot_without_a_token_runs_the_terminal_chat(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    env["BACKSTRIDE_DB_PATH"] = str(tmp_path / "c.sqlite3")

    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        input="/start\n/help\n",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert "No TELEGRAM_BOT_TOKEN is set" in result.stdout
    assert common.WELCOME.format(name="You") in result.stdout
    assert common.help_text() in result.stdout


def test_numbered_labels_get_letters_and_a_typed_number_is_the_answer(tmp_path: Path) -> None:
    emulator = BotApiEmulator()
    out = io.StringIO()
    chat = TerminalChat(emulator, EmulatedUser(emulator, 5), out, tmp_path)
    keyboard = {
        "inline_keyboard": [[{"text": f"{n} a week", "callback_data": f"s|{n}"} for n in (2, 3, 4)]]
    }
    _, body = emulator.answer(
        "sendMessage", {"chat_id": 5, "text": "How many?", "reply_markup": keyboard}, {}
    )
    chat.show(ApiCall("sendMessage", {"chat_id": 5}, 0.0, result=body["result"]))

    typed, pressed = chat.to_payload("2"), chat.to_payload("B")

    assert out.getvalue().splitlines()[1:] == [
        "   [a] 2 a week",
        "   [b] 3 a week",
        "   [c] 4 a week",
    ]
    assert typed is not None and typed["message"]["text"] == "2"
    assert pressed is not None and pressed["callback_query"]["data"] == "s|3"


def test_typing_a_button_s_exact_label_presses_it(tmp_path: Path) -> None:
    emulator = BotApiEmulator()
    chat = TerminalChat(emulator, EmulatedUser(emulator, 5), io.StringIO(), tmp_path)
    keyboard = {
        "inline_keyboard": [[{"text": str(n), "callback_data": f"p|{n}"} for n in range(11)]]
    }
    _, body = emulator.answer(
        "sendMessage", {"chat_id": 5, "text": "Pain now?", "reply_markup": keyboard}, {}
    )
    chat.show(ApiCall("sendMessage", {"chat_id": 5}, 0.0, result=body["result"]))

    five, park = chat.to_payload("5"), chat.to_payload("park")

    assert five is not None and five["callback_query"]["data"] == "p|5"
    assert park is not None and park["message"]["text"] == "park"
