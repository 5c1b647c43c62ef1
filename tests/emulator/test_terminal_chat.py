"""The terminal chat: the real bot, typed lines in, printed messages out, buttons by number."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.emulator.botapi import ApiCall, BotApiEmulator
from bot.emulator.terminal_chat import (
    LETTER_KEYS_HINT,
    NUMBER_KEYS_HINT,
    PROMPT,
    AboveInput,
    TerminalChat,
    run_terminal_chat,
    runner_name,
)
from bot.emulator.user import EmulatedUser
from bot.texts import common
from tests.support.harness import settings_for_test


async def test_start_and_help_answer_in_the_terminal(tmp_path: Path) -> None:
    out = io.StringIO()
    lines = io.StringIO("/start\n\n/help\n/quit\nnever read\n")

    await run_terminal_chat(settings_for_test(tmp_path / "c.sqlite3"), lines, out, tmp_path)

    printed = out.getvalue()
    assert printed.startswith("Type /start to begin")
    assert "coach> " + common.WELCOME.format(name=runner_name()) in printed
    assert "coach> " + common.help_text() in printed
    assert printed.index("you> /start") < printed.index("coach> Hi ")
    assert "never read" not in printed
    assert printed.rstrip().endswith("run me again any time.")


async def test_end_of_input_ends_the_chat(tmp_path: Path) -> None:
    out = io.StringIO()

    await run_terminal_chat(
        settings_for_test(tmp_path / "c.sqlite3"), io.StringIO("/help\n"), out, tmp_path
    )

    assert "coach> " + common.help_text() in out.getvalue()


async def test_a_second_chat_on_the_same_database_is_answered(tmp_path: Path) -> None:
    settings = settings_for_test(tmp_path / "c.sqlite3")
    await run_terminal_chat(settings, io.StringIO("/help\n/help\n"), io.StringIO(), tmp_path)
    out = io.StringIO()

    await run_terminal_chat(settings, io.StringIO("/help\n"), out, tmp_path)

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

    assert out.getvalue() == "coach> Where?\n   [1] Track\n   [2] Park\n" + NUMBER_KEYS_HINT


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


def test_python_m_bot_chat_runs_the_terminal_chat_from_piped_input(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    env["BACKSTRIDE_DB_PATH"] = str(tmp_path / "c.sqlite3")

    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="/start\n/help\n",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert common.WELCOME.format(name=runner_name()) in result.stdout
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
        LETTER_KEYS_HINT.rstrip("\n"),
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


def test_a_message_while_typing_goes_above_the_input_line_which_comes_back() -> None:
    out = io.StringIO()
    screen = AboveInput(out, typed_so_far=lambda: "/hel")
    screen.reading = True

    screen.write("coach> ⏪🏃 BACKWARDS · jog · 25 s\n")
    screen.write("   [1] Pause\n")
    screen.flush()

    assert out.getvalue() == (
        "\r\x1b[K" + "coach> ⏪🏃 BACKWARDS · jog · 25 s\n   [1] Pause\n" + PROMPT + "/hel"
    )


def test_a_pseudo_terminal_gets_line_editing_history_and_what_to_type_first(
    tmp_path: Path,
) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TELEGRAM_BOT_TOKEN"}
    env.update(BACKSTRIDE_DB_PATH=str(tmp_path / "c.sqlite3"), TERM="xterm")
    with _in_a_pty([sys.executable, "-m", "bot", "chat"], env, tmp_path) as terminal:
        first = terminal.until(PROMPT)
        terminal.type("/hlp\x1b[D\x1b[De\r")  # two steps left, insert the missing "e"
        terminal.until("/cancel - ")
        terminal.until(PROMPT)
        terminal.type("\x1b[A\r")  # up: the same line again from the history
        again = terminal.until("/cancel - ")
        terminal.until(PROMPT)
        terminal.type("\x04")  # Ctrl-D
        bye = terminal.until("Bye!")

    assert first.lstrip().startswith("Type /start to begin")
    assert "/help" in again and "Bye!" in bye


class _Pty:
    def __init__(self, leader: int) -> None:
        self.leader = leader
        self.seen = b""
        self.cursor = 0

    def type(self, keys: str) -> None:
        os.write(self.leader, keys.encode())

    def until(self, text: str, within: float = 60) -> str:
        """Read until `text` shows after the last one found; the output up to its end."""
        deadline = time.monotonic() + within
        while text.encode() not in self.seen[self.cursor :]:
            assert time.monotonic() < deadline, self.seen[-800:]
            if select.select([self.leader], [], [], 0.2)[0]:
                try:
                    self.seen += os.read(self.leader, 65536)
                except OSError:  # the other side closed
                    break
        start = self.cursor
        self.cursor = self.seen.index(text.encode(), start) + len(text.encode())
        return self.seen[start : self.cursor].decode(errors="replace")


@contextmanager
def _in_a_pty(command: list[str], env: dict[str, str], cwd: Path) -> Iterator[_Pty]:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    try:
        yield _Pty(leader)
    finally:
        process.kill()
        process.wait(timeout=30)
        os.close(leader)
