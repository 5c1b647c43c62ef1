"""An in-process stand-in for the Telegram Bot API.

The terminal chat and the tests run the real Application against it: it answers the Bot API
methods the bot uses the way Telegram does, records every call, hands out updates through
getUpdates, and can be told to fail (429 with retry_after, 403, 5xx, time-outs, connection
resets), one call at a time or a random share of all calls.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

Json = dict[str, Any]

BOT_USER: Json = {
    "id": 1000,
    "is_bot": True,
    "first_name": "Backstride",
    "username": "backstride_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

_ERROR_DESCRIPTIONS = {
    400: "Bad Request: message is not modified",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
TIMEOUT = 0  # a Fault status meaning "the request times out"
CONNECTION_RESET = -1  # a Fault status meaning "the connection drops before any answer"
# What `fault_rate` draws from: flood control, server errors, time-outs, dropped connections.
RANDOM_FAULTS = (429, 500, 502, TIMEOUT, CONNECTION_RESET)


@dataclass(frozen=True, slots=True)
class Fault:
    """One failure to inject: an HTTP error status (or TIMEOUT) for a method, or for any."""

    status: int
    method: str | None = None
    retry_after: int = 1
    chat_id: int | None = None  # only calls to this chat (None: any)


@dataclass(slots=True)
class ApiCall:
    """One Bot API request the bot made, and when (loop time)."""

    method: str
    params: Json
    at: float
    ok: bool = True
    result: Any = None


@dataclass(slots=True)
class _Files:
    contents: dict[str, bytes] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def store(self, content: bytes) -> str:
        file_id = f"file-{next(self.ids)}"
        self.contents[file_id] = content
        return file_id


class BotApiEmulator:
    """Telegram's side of the conversation, kept in memory."""

    def __init__(self, *, keep_calls: bool = True) -> None:
        """`keep_calls=False` keeps no history in `calls` (listeners still see every call):
        benchmarks, where Telegram's memory must not weigh on the bot's garbage collector."""
        self.calls: list[ApiCall] = []
        self._keep_calls = keep_calls
        self.faults: deque[Fault] = deque()
        self.files = _Files()
        self.listeners: list[Callable[[ApiCall], None]] = []
        self.commands: list[Json] = []
        self.faults_injected: Counter[int] = Counter()  # random faults, by status
        self._fault_share = 0.0
        self._fault_rng = random.Random(0)
        self._messages: dict[tuple[int, int], Json] = {}
        self._message_ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._pending_updates: list[Json] = []
        self._update_arrived = asyncio.Event()

    # --- what the bot calls -------------------------------------------------------------

    def answer(self, method: str, params: Json, uploads: dict[str, bytes]) -> tuple[int, Json]:
        """Answer one Bot API call as Telegram would: (HTTP status, JSON body)."""
        fault = self._take_fault(method, params) or self._random_fault(method)
        call = ApiCall(method, params, _now())
        if self._keep_calls:
            self.calls.append(call)
        if fault is not None:
            call.ok = False
            return fault.status, _error_body(fault)
        result = self._result(method, params, uploads)
        call.result = result
        for listener in self.listeners:
            listener(call)
        return 200, {"ok": True, "result": result}

    def file_content(self, url: str) -> bytes:
        """The bytes behind a file download URL (…/file/bot<token>/<file_path>)."""
        return self.files.contents.get(url.rsplit("/", 1)[-1], b"")

    async def next_updates(self, offset: int, wait_seconds: float) -> list[Json]:
        """Long-poll: updates with id >= offset, waiting up to `wait_seconds` for one."""
        # Telegram forgets updates below the offset: the bot has confirmed them.
        self._pending_updates = [u for u in self._pending_updates if u["update_id"] >= offset]
        if not self._pending_updates:
            self._update_arrived.clear()
            try:
                await asyncio.wait_for(self._update_arrived.wait(), wait_seconds)
            except TimeoutError:
                return []
        return list(self._pending_updates)

    def has_pending_updates(self) -> bool:
        """True while some queued update has not been confirmed by a later getUpdates."""
        return bool(self._pending_updates)

    def fail_next(
        self,
        status: int,
        *,
        method: str | None = None,
        times: int = 1,
        retry_after: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls (of `method`, or of any method; to `chat_id`, or to any
        chat) fail with `status`."""
        self.faults.extend(Fault(status, method, retry_after, chat_id) for _ in range(times))

    def fault_rate(self, share: float, rng: random.Random) -> None:
        """From now on fail a random `share` of calls (0 stops it) with a status drawn by `rng`
        from RANDOM_FAULTS (429s ask to retry after 1 s); `faults_injected` counts them."""
        self._fault_share = share
        self._fault_rng = rng

    # --- what the runner sends ----------------------------------------------------------

    def number_updates_after(self, update_id: int) -> None:
        """Number the next updates from `update_id` + 1 on, as Telegram numbers a bot's
        updates upwards across its restarts."""
        self._update_ids = itertools.count(update_id + 1)

    def number_update(self, payload: Json) -> Json:
        """The payload as a full update, with the next update_id."""
        return {"update_id": next(self._update_ids), **payload}

    def queue_update(self, payload: Json) -> Json:
        """Number an update and make it available to getUpdates; returns it."""
        update = self.number_update(payload)
        self._pending_updates.append(update)
        self._update_arrived.set()
        return update

    def forget_message(self, chat_id: int, message_id: int) -> None:
        """Drop a message the bot will not touch again (benchmarks, as for `keep_calls`)."""
        self._messages.pop((chat_id, message_id), None)

    def messages_in(self, chat_id: int) -> list[Json]:
        """Every message the bot has in one chat, oldest first."""
        return [m for (chat, _), m in self._messages.items() if chat == chat_id]

    # --- internals ----------------------------------------------------------------------

    def _random_fault(self, method: str) -> Fault | None:
        if not self._fault_share or self._fault_rng.random() >= self._fault_share:
            return None
        status = self._fault_rng.choice(RANDOM_FAULTS)
        self.faults_injected[status] += 1
        return Fault(status, method)

    def _take_fault(self, method: str, params: Json) -> Fault | None:
        for fault in self.faults:
            chat_ok = fault.chat_id is None or str(fault.chat_id) == str(params.get("chat_id"))
            if fault.method in (None, method) and chat_ok:
                self.faults.remove(fault)
                return fault
        return None

    def _result(self, method: str, params: Json, uploads: dict[str, bytes]) -> Any:
        handler = _METHODS.get(method)
        if handler is None:
            return True
        return handler(self, params, uploads)

    def _send(self, params: Json, extra: Json) -> Json:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat_of(chat_id),
            "from": BOT_USER,
            **extra,
        }
        markup = _as_json(params.get("reply_markup", {}))
        if "inline_keyboard" in markup:  # Telegram echoes inline keyboards only
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def _send_message(self, params: Json, _: dict[str, bytes]) -> Json:
        return self._send(params, {"text": params["text"]})

    def _send_file(self, kind: str, params: Json, uploads: dict[str, bytes]) -> Json:
        # A lone upload travels as the form field named after the parameter itself.
        reference = str(params.get(kind, kind)).removeprefix("attach://")
        content = uploads.get(reference, b"")
        file_id = self.files.store(content)
        caption = {"caption": params["caption"]} if "caption" in params else {}
        if kind == "photo":
            sizes = [
                {
                    "file_id": file_id,
                    "file_unique_id": file_id,
                    "width": 800,
                    "height": 600,
                    "file_size": len(content),
                }
            ]
            return self._send(params, {"photo": sizes, **caption})
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": params.get("filename", "file"),
            "file_size": len(content),
        }
        return self._send(params, {"document": document, **caption})

    def _edit_message(self, params: Json, _: dict[str, bytes]) -> Json | bool:
        key = (int(params["chat_id"]), int(params["message_id"]))
        message = self._messages.get(key)
        if message is None:
            return True
        if "text" in params:
            message["text"] = params["text"]
        if "reply_markup" in params:
            message["reply_markup"] = _as_json(params["reply_markup"])
        else:
            message.pop("reply_markup", None)
        return message

    def _get_file(self, params: Json, _: dict[str, bytes]) -> Json:
        file_id = str(params["file_id"])
        content = self.files.contents.get(file_id, b"")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(content),
            "file_path": file_id,
        }

    def _set_commands(self, params: Json, _: dict[str, bytes]) -> bool:
        self.commands = list(_as_json(params["commands"]))
        return True


def chat_of(chat_id: int) -> Json:
    """A chat as Telegram describes it: a positive id is a private chat, a negative one a
    group (the emulator's groups are all supergroups, as Telegram's groups become)."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private"}
    return {"id": chat_id, "type": "supergroup", "title": f"Group {-chat_id}"}


def _as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_METHODS: dict[str, Callable[[BotApiEmulator, Json, dict[str, bytes]], Any]] = {
    "getMe": lambda _emulator, _params, _uploads: BOT_USER,
    "sendMessage": BotApiEmulator._send_message,
    "sendPhoto": lambda emulator, params, uploads: emulator._send_file("photo", params, uploads),
    "sendDocument": lambda emulator, params, uploads: emulator._send_file(
        "document", params, uploads
    ),
    "editMessageText": BotApiEmulator._edit_message,
    "editMessageReplyMarkup": BotApiEmulator._edit_message,
    "getFile": BotApiEmulator._get_file,
    "setMyCommands": BotApiEmulator._set_commands,
}


def _error_body(fault: Fault) -> Json:
    body: Json = {
        "ok": False,
        "error_code": fault.status,
        "description": _ERROR_DESCRIPTIONS.get(fault.status, "Error").format(
            retry_after=fault.retry_after
        ),
    }
    if fault.status == 429:
        body["parameters"] = {"retry_after": fault.retry_after}
    return body


def _now() -> float:
    try:
        return asyncio.get_running_loop().time()
    except RuntimeError:
        return time.monotonic()


class EmulatedRequest(BaseRequest):
    """A python-telegram-bot request backend that talks to a BotApiEmulator, not the network."""

    def __init__(self, emulator: BotApiEmulator, latency: float = 0.0) -> None:
        """`latency`: seconds each answer takes to come back (benchmarks); the emulator
        records a call when it arrives, before that delay."""
        self.emulator = emulator
        self.latency = latency

    @property
    def read_timeout(self) -> float | None:
        """No network, so no read time-out of our own."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Hand the call to the emulator and encode its answer like Telegram's HTTP reply."""
        if "/file/bot" in url:
            return 200, self.emulator.file_content(url)
        api_method = url.rsplit("/", 1)[-1]
        params: Json = dict(request_data.parameters) if request_data else {}
        if api_method == "getUpdates":
            updates = await self.emulator.next_updates(
                int(params.get("offset", 0)), float(params.get("timeout", 0))
            )
            return 200, json.dumps({"ok": True, "result": updates}).encode()
        uploads = _uploads(request_data)
        if request_data is not None and request_data.contains_files:
            # Telegram learns an upload's name from its form field; keep it like Telegram does.
            for file_name, _, _ in request_data.multipart_data.values():
                if file_name:
                    params.setdefault("filename", file_name)
        status, body = self.emulator.answer(api_method, params, uploads)
        if self.latency:
            await asyncio.sleep(self.latency)
        if status == TIMEOUT:
            raise TimedOut(f"emulated time-out calling {api_method}")
        if status == CONNECTION_RESET:
            raise NetworkError(f"emulated connection reset calling {api_method}")
        return status, json.dumps(body).encode()


def _uploads(request_data: RequestData | None) -> dict[str, bytes]:
    if request_data is None or not request_data.contains_files:
        return {}
    uploads = {}
    for name, (_, content, _) in request_data.multipart_data.items():
        uploads[name] = content if isinstance(content, bytes) else content.read()
    return uploads
