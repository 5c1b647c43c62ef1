"""Drive the real Application (handlers, JobQueue, SQLite) through the Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.app import build_application
from bot.config import DEFAULT_CONCURRENT_UPDATES, Settings
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest, Json
from bot.emulator.user import EmulatedUser
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication, Services, services_of, utc_now

_SENDING_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "editMessageReplyMarkup"}
)


def settings_for_test(db_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: no token, a temporary database, UTC."""
    base = Settings(
        token=None,
        api_base_url=None,
        db_path=db_path,
        time_scale=1.0,
        admin_ids=frozenset(),
        default_timezone="UTC",
        log_level="INFO",
        concurrent_updates=DEFAULT_CONCURRENT_UPDATES,
    )
    return replace(base, **overrides)


@dataclass
class Coach:
    """A running bot on an emulated Telegram; `restart()` swaps in a new Application."""

    settings: Settings
    emulator: BotApiEmulator = field(default_factory=BotApiEmulator)
    application: CoachApplication | None = None
    # Test-only handlers put ahead of the catch-alls of every Application this coach builds.
    extra_handlers: Callable[[], list[BaseHandler[Any, Any, Any]]] | None = None
    # What `Services.now()` reads; a test sets it to place "now" (the JobQueue keeps real time).
    clock: Callable[[], datetime] = utc_now
    _stack: AsyncExitStack = field(default_factory=AsyncExitStack)

    @property
    def app(self) -> CoachApplication:
        """The current Application."""
        assert self.application is not None, "the coach is not running"
        return self.application

    @property
    def services(self) -> Services:
        """The current Application's services."""
        return services_of(self.app)

    async def start(self) -> None:
        """Build and start a new Application on the same emulator and database."""
        self.application = build_application(
            self.settings,
            request=EmulatedRequest(self.emulator),
            updates_request=EmulatedRequest(self.emulator),
            clock=lambda: self.clock(),
        )
        if self.extra_handlers is not None:
            self.application.handlers[0][:0] = self.extra_handlers()
        await self._stack.enter_async_context(running(self.application, poll=False))

    async def stop(self) -> None:
        """Stop the Application cleanly (as on SIGTERM)."""
        await self._stack.aclose()
        self._stack = AsyncExitStack()

    async def restart(self) -> None:
        """A new Application on the same database file: what a runner sees after a restart."""
        await self.stop()
        await self.start()

    async def deliver(self, payload: Json) -> Update:
        """Process one incoming update the way polling would, and wait until it is handled."""
        return await self.deliver_update(self.emulator.number_update(payload))

    async def deliver_update(self, numbered: Json) -> Update:
        """Process an update that has its update_id already (delivering one again, as
        Telegram does when the offset was not confirmed), and wait until it is handled."""
        update = Update.de_json(numbered, self.app.bot)
        await self.app.update_processor.process_update(update, self.app.process_update(update))
        return update

    def set_time(self, moment: datetime) -> None:
        """From now on the bot's clock reads `moment` (until set again)."""
        self.clock = lambda: moment

    def runner(self, user_id: int, first_name: str = "Runner", *, group: int = 0) -> ChatRunner:
        """A runner chatting with this coach: in private, or in the group whose (negative)
        id is `group`."""
        return ChatRunner(self, EmulatedUser(self.emulator, user_id, first_name, chat_id=group))


@dataclass
class ChatRunner:
    """One runner's side of the chat: send things, tap buttons, read what came back."""

    coach: Coach
    user: EmulatedUser

    @property
    def chat_id(self) -> int:
        """The chat's id (a private chat's equals the user id)."""
        return self.user.chat_id

    async def send(self, text: str) -> list[ApiCall]:
        """Send a text (or /command); returns what the bot sent to this chat in reply."""
        return await self._exchange(self.user.text(text))

    async def tap(self, label: str, message: Json | None = None) -> list[ApiCall]:
        """Press the button whose label contains `label` (on `message` or the latest keyboard)."""
        message = message or self.last_keyboard_message()
        for row in message["reply_markup"]["inline_keyboard"]:
            for button in row:
                if label in button["text"]:
                    return await self._exchange(self.user.tap(message, button["callback_data"]))
        raise AssertionError(f"no button {label!r} in {self.buttons(message)}")

    async def press_data(self, message: Json, callback_data: str) -> list[ApiCall]:
        """Press a button by raw callback data (forged or stale data included)."""
        return await self._exchange(self.user.tap(message, callback_data))

    async def send_payload(self, payload: Json) -> list[ApiCall]:
        """Send any payload built with `self.user` (sticker, photo, location…)."""
        return await self._exchange(payload)

    async def send_update(self, numbered: Json) -> list[ApiCall]:
        """Deliver an update with its update_id (again); what the bot sent in reply."""
        first_new = len(self.coach.emulator.calls)
        await self.coach.deliver_update(numbered)
        return self._sent_since(first_new)

    def inbox(self) -> list[Json]:
        """Every message the bot has in this chat, oldest first (edits applied)."""
        return self.coach.emulator.messages_in(self.chat_id)

    def last_keyboard_message(self) -> Json:
        """The newest message in this chat that still has inline buttons."""
        for message in reversed(self.inbox()):
            if message.get("reply_markup", {}).get("inline_keyboard"):
                return message
        raise AssertionError("no message with buttons in this chat")

    @staticmethod
    def buttons(message: Json) -> list[str]:
        """The labels of a message's inline buttons."""
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        return [button["text"] for row in rows for button in row]

    async def _exchange(self, payload: Json) -> list[ApiCall]:
        return await self.send_update(self.coach.emulator.number_update(payload))

    def _sent_since(self, first_new: int) -> list[ApiCall]:
        return [
            call
            for call in self.coach.emulator.calls[first_new:]
            if call.method in _SENDING_METHODS and _chat_of(call) == self.chat_id
        ]


def _chat_of(call: ApiCall) -> int | None:
    chat_id = call.params.get("chat_id")
    return int(chat_id) if chat_id is not None else None


def texts(calls: list[ApiCall]) -> list[str]:
    """The texts (or captions) the bot sent in these calls."""
    return [str(call.params.get("text") or call.params.get("caption") or "") for call in calls]


@asynccontextmanager
async def running_coach(
    tmp_path: Path,
    extra_handlers: Callable[[], list[BaseHandler[Any, Any, Any]]] | None = None,
    **overrides: Any,
) -> AsyncIterator[Coach]:
    """A started Coach on a fresh database under tmp_path; stopped on exit."""
    coach = Coach(
        settings_for_test(tmp_path / "coach.sqlite3", **overrides), extra_handlers=extra_handlers
    )
    await coach.start()
    try:
        yield coach
    finally:
        await coach.stop()
