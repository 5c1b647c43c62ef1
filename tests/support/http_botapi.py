"""A loopback HTTP server that speaks the Bot API, for running `python -m bot` as a process."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from bot.emulator.botapi import BotApiEmulator, Json
from bot.emulator.user import EmulatedUser

# Parameters the bot sends JSON-encoded inside a form field.
_JSON_FIELDS = frozenset({"reply_markup", "commands", "entities", "allowed_updates"})


class HttpBotApi:
    """Serves /bot<token>/<method> from a BotApiEmulator; getUpdates hands out queued updates."""

    def __init__(self) -> None:
        self.emulator = BotApiEmulator()
        self.requested_paths: list[str] = []
        # Called with each call but getUpdates before it is answered (it may block); False
        # drops the call unanswered and unrecorded, as if it never reached Telegram.
        self.intercept: Callable[[str, Json], bool] | None = None
        self._lock = threading.Lock()
        self._queued: list[Json] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def send_from_user(self, payload: Json) -> None:
        """Queue an update for the bot's next getUpdates."""
        with self._lock:
            self._queued.append(self.emulator.number_update(payload))

    def messages_in(self, chat_id: int) -> list[Json]:
        """A snapshot of the bot's messages in one chat, oldest first (edits applied)."""
        with self._lock:
            return json.loads(json.dumps(self.emulator.messages_in(chat_id)))

    def calls_of(self, method: str) -> list[Json]:
        """The parameters of every call of one Bot API method so far."""
        with self._lock:
            return [dict(call.params) for call in self.emulator.calls if call.method == method]

    def tap(self, user: EmulatedUser, label: str) -> bool:
        """Queue a press on the button whose label contains `label` on the newest message with
        buttons in the user's chat; False (nothing queued) if that message has no such button."""
        keyboards = [m for m in self.messages_in(user.user_id) if "reply_markup" in m]
        rows = keyboards[-1]["reply_markup"]["inline_keyboard"] if keyboards else []
        for button in (button for row in rows for button in row):
            if label in button["text"]:
                self.send_from_user(user.tap(keyboards[-1], button["callback_data"]))
                return True
        return False

    def _take_updates(self, offset: int) -> list[Json]:
        with self._lock:
            self._queued = [u for u in self._queued if u["update_id"] >= offset]
            return list(self._queued)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                if len(raw) < length:  # the bot died mid-request: Telegram never sees it
                    self.close_connection = True
                    return
                params = _params(raw, self.headers.get("Content-Type", ""))
                method = self.path.rsplit("/", 1)[-1]
                with api._lock:
                    api.requested_paths.append(self.path)
                if method == "getUpdates":
                    updates = api._take_updates(int(params.get("offset", 0)))
                    if not updates:
                        time.sleep(0.1)
                    status, body = 200, {"ok": True, "result": updates}
                elif api.intercept is not None and not api.intercept(method, params):
                    self.close_connection = True
                    return
                else:
                    with api._lock:
                        status, body = api.emulator.answer(method, params, {})
                encoded = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(encoded)))
                self.end_headers()
                # The bot may have been stopped (or killed) while it waited for this answer.
                with suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(encoded)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet: the test reads the recorded calls instead."""

        return Handler

    @contextmanager
    def serving(self) -> Iterator[HttpBotApi]:
        """Serve in a background thread until the block ends."""
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join()


def _params(raw: bytes, content_type: str) -> Json:
    """A call's parameters from its JSON body or form, JSON-encoded fields read as objects."""
    if content_type.startswith("application/json"):
        fields: dict[str, Any] = json.loads(raw)
    else:
        fields = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
    return {
        key: json.loads(value) if key in _JSON_FIELDS and isinstance(value, str) else value
        for key, value in fields.items()
    }
