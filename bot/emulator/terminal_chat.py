"""`python -m bot chat`: the real bot in a terminal, no Telegram needed.

The runner types; the coach's messages print; inline buttons show as numbered choices
picked by typing the number. Photos and documents the coach sends are saved to a folder.
At a terminal, lines are read with readline (arrow keys edit, up and down walk the
history), and a message that arrives while the runner types (a cue, a reminder) prints
above the input line, which is then drawn again with what was typed so far.
"""

from __future__ import annotations

import asyncio
import getpass
import html
import re
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from bot.app import build_application
from bot.config import Settings
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest, Json
from bot.emulator.user import EmulatedUser
from bot.runtime.lifecycle import running
from bot.runtime.services import services_of

TERMINAL_USER_ID = 4242
_QUIT = frozenset({"/quit", "/exit", ":q"})
_TAG = re.compile(r"<[^>]+>")

PROMPT = "you> "
INTRO = """Type /start to begin (or /help to see everything I can do).
Backstride terminal chat: you are talking to the real coach, with no Telegram.
Type messages and /commands. To press a button, type the number or letter beside it.
Extras: :location LAT LON, :sticker, :photo, :voice, :file PATH. Quit with /quit or Ctrl-D.
"""
# Said under the first keyboard of each kind: what the keys beside the buttons mean.
NUMBER_KEYS_HINT = "   (type a number to tap that button, or type your own answer)\n"
LETTER_KEYS_HINT = (
    "   (these buttons start with numbers, so type the letter to tap one;"
    " a number you type is sent as your answer)\n"
)


def _keys_for(labels: list[str]) -> list[str]:
    """1, 2, 3… for the buttons; a, b, c… when a label starts with a number."""
    if any(label[:1].isdigit() for label in labels):
        return [string.ascii_lowercase[n % 26] * (1 + n // 26) for n in range(len(labels))]
    return [str(n) for n in range(1, len(labels) + 1)]


@dataclass
class _Button:
    message: Json
    data: str


@dataclass
class TerminalChat:
    """Prints what the bot sends to one chat and turns typed lines into updates."""

    emulator: BotApiEmulator
    user: EmulatedUser
    out: TextIO
    files_dir: Path
    _buttons: list[_Button] = field(default_factory=list)
    _labels: list[str] = field(default_factory=list)
    # What to type to press each button: numbers, or letters where labels start with a
    # number ("2 a week", a 0-10 scale), so that a typed number always means that answer.
    _keys: list[str] = field(default_factory=list)
    _hinted: set[str] = field(default_factory=set)

    def show(self, call: ApiCall) -> None:
        """Print one Bot API call if it is something the runner would see."""
        if not isinstance(call.result, dict) or call.result.get("chat", {}).get("id") != (
            self.user.user_id
        ):
            return
        message: Json = call.result
        edited = call.method.startswith("edit")
        # A changed keyboard alone (ticks on a multi-choice) reprints only the buttons.
        text = "" if call.method == "editMessageReplyMarkup" else message.get("text") or ""
        text = text or message.get("caption") or ""
        if call.params.get("parse_mode") == "HTML":
            text = html.unescape(_TAG.sub("", text))
        prefix = "coach (edited)>" if edited else "coach>"
        if text:
            self.out.write(f"{prefix} {text}\n")
        for kind in ("photo", "document"):
            if kind in message:
                self.out.write(f"coach> [{kind} saved to {self._save_file(message[kind])}]\n")
        self._show_buttons(message)
        self.out.flush()

    def to_payload(self, line: str) -> Json | None:
        """The update a typed line stands for, or None if it only needed a local answer."""
        for button, label in zip(self._buttons, self._labels, strict=True):
            if line.strip().casefold() == label.casefold():  # "5" on a 0-10 scale: that button
                return self.user.tap(button.message, button.data)
        if line.strip().casefold() in self._keys:
            button = self._buttons[self._keys.index(line.strip().casefold())]
            return self.user.tap(button.message, button.data)
        extra = _EXTRAS.get(line.split(maxsplit=1)[0]) if line.startswith(":") else None
        if extra is not None:
            return extra(self, line.split()[1:])
        return self.user.text(line)

    def _show_buttons(self, message: Json) -> None:
        rows = message.get("reply_markup", {}).get("inline_keyboard")
        if rows is None:
            if message.get("message_id") in {b.message["message_id"] for b in self._buttons}:
                self._buttons, self._labels, self._keys = [], [], []
            return
        self._buttons = [
            _Button(message, button["callback_data"])
            for row in rows
            for button in row
            if "callback_data" in button
        ]
        labels = [button["text"] for row in rows for button in row if "callback_data" in button]
        self._labels = labels
        self._keys = _keys_for(labels)
        self.out.write(
            "".join(f"   [{k}] {label}\n" for k, label in zip(self._keys, labels, strict=True))
        )
        hint = NUMBER_KEYS_HINT if self._keys[:1] == ["1"] else LETTER_KEYS_HINT
        if hint not in self._hinted:
            self._hinted.add(hint)
            self.out.write(hint)

    def _save_file(self, sent: Any) -> Path:
        item = sent[-1] if isinstance(sent, list) else sent
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = item.get("file_name") or f"{item['file_id']}.png"
        path = self.files_dir / name
        path.write_bytes(self.emulator.files.contents.get(item["file_id"], b""))
        return path

    def _location(self, args: list[str]) -> Json | None:
        try:
            latitude, longitude = (float(a) for a in args)
        except ValueError:
            self.out.write("usage: :location LAT LON (e.g. :location 51.5 -0.12)\n")
            return None
        return self.user.location(latitude, longitude)

    def _file(self, args: list[str]) -> Json | None:
        path = Path(" ".join(args))
        if not path.is_file():
            self.out.write(f"no such file: {path}\n")
            return None
        return self.user.document(path.name, path.read_bytes())


_EXTRAS: dict[str, Callable[[TerminalChat, list[str]], Json | None]] = {
    ":location": TerminalChat._location,
    ":file": TerminalChat._file,
    ":sticker": lambda chat, _: chat.user.sticker(),
    ":photo": lambda chat, _: chat.user.photo(),
    ":voice": lambda chat, _: chat.user.voice(),
}


async def run_terminal_chat(
    settings: Settings,
    lines: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    files_dir: Path = Path("chat-files"),
) -> None:
    """Run the bot against the emulator, reading the runner's lines until /quit or EOF."""
    emulator = BotApiEmulator()
    at_terminal = lines.isatty() and out.isatty()
    screen = AboveInput(out) if at_terminal else out
    user = EmulatedUser(emulator, TERMINAL_USER_ID, runner_name())
    chat = TerminalChat(emulator, user, screen, files_dir)  # type: ignore[arg-type]
    emulator.listeners.append(chat.show)
    application = build_application(
        settings, request=EmulatedRequest(emulator), updates_request=EmulatedRequest(emulator)
    )
    out.write(INTRO)
    async with running(application, poll=True):
        # Updates applied in an earlier chat on this database are ignored if seen again.
        emulator.number_updates_after(await services_of(application).applied_updates.highest())
        while True:
            if at_terminal:
                raw = await _read_at_terminal(screen)  # type: ignore[arg-type]
            else:
                out.write(PROMPT)
                out.flush()
                raw = await asyncio.to_thread(lines.readline)
            line = raw.strip()
            if not raw or line in _QUIT:  # readline() gives "" only at end of input
                break
            if not line:
                continue
            if not lines.isatty():
                out.write(f"{line}\n")  # piped input is not echoed by a terminal
            payload = chat.to_payload(line)
            if payload is not None:
                emulator.queue_update(payload)
                await _settle(emulator, application.update_queue)
    out.write("\nBye! Your profile and plan are saved; run me again any time.\n")


class AboveInput:
    """The terminal as the chat writes to it: while the runner is typing, what the coach
    sends goes above the input line, and the prompt with the half-typed line comes back."""

    def __init__(self, out: TextIO, typed_so_far: Callable[[], str] | None = None) -> None:
        self._out = out
        self._typed_so_far = typed_so_far or _readline_buffer
        self.reading = False
        self._cleared = False

    def write(self, text: str) -> None:
        """Print `text`; the first write while reading clears the input line."""
        if self.reading and not self._cleared:
            self._out.write("\r\x1b[K")  # to the line's start, then erase the line
            self._cleared = True
        self._out.write(text)

    def flush(self) -> None:
        """Show what was written; redraw the prompt and the typed text if it was cleared."""
        if self._cleared:
            self._out.write(PROMPT + self._typed_so_far())
            self._cleared = False
        self._out.flush()


async def _read_at_terminal(screen: AboveInput) -> str:
    """One line read with readline (editing, history); "" at Ctrl-D."""
    import readline  # noqa: F401  (importing it gives input() editing and history)

    screen.reading = True
    try:
        return await asyncio.to_thread(_input_line) + "\n"
    except EOFError:
        return ""
    finally:
        screen.reading = False


def _input_line() -> str:
    return input(PROMPT)


def _readline_buffer() -> str:
    import readline

    return readline.get_line_buffer()


def runner_name() -> str:
    """The name the coach greets: the computer account's, unless that is a system one."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return "Runner" if name in ("", "root") or not name.isalpha() else name.capitalize()


async def _settle(emulator: BotApiEmulator, queue: asyncio.Queue[object]) -> None:
    """Wait until the update was handled and the bot has gone quiet, so output reads in order."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while loop.time() < deadline:
        await asyncio.sleep(0.05)
        last_call = emulator.calls[-1].at if emulator.calls else 0.0
        if not emulator.has_pending_updates() and queue.empty() and loop.time() - last_call > 0.3:
            return
