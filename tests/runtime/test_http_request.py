"""The bot's aiohttp request class, through a real python-telegram-bot Bot and real HTTP on
127.0.0.1: answers, Telegram's errors, time-outs, dead servers, and file uploads."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.runtime.http_request import AiohttpRequest

TOKEN = "123:abc"
Answer = Callable[[str, dict[str, Any]], Awaitable[web.Response]]
_ME = {"id": 1, "is_bot": True, "first_name": "Coach", "username": "coach_bot"}


class LoopbackApi:
    """A Bot API on 127.0.0.1 whose answers a test chooses; records what it was sent."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, Any]]] = []
        self.content_types: list[str] = []
        self.answer: Answer = self.ok
        self.url = ""

    async def ok(self, method: str, params: dict[str, Any]) -> web.Response:
        """getMe answers the bot, sendMessage echoes a message."""
        if method == "getMe":
            return web.json_response({"ok": True, "result": _ME})
        message = {
            "message_id": 7,
            "date": 0,
            "chat": {"id": int(params["chat_id"]), "type": "private"},
        }
        return web.json_response({"ok": True, "result": {**message, "text": params.get("text")}})

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict[str, Any] = {}
        if request.content_type == "application/json":
            params = await request.json()
        else:
            for key, value in (await request.post()).items():
                params[key] = value.file.read() if isinstance(value, web.FileField) else str(value)
        self.received.append((method, params))
        self.content_types.append(request.content_type)
        return await self.answer(method, params)


@pytest.fixture
async def api() -> AsyncIterator[LoopbackApi]:
    loopback = LoopbackApi()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", loopback.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    loopback.url = f"http://127.0.0.1:{runner.addresses[0][1]}/bot"
    yield loopback
    await runner.cleanup()


def bot_on(url: str, **options: Any) -> Bot:
    request = AiohttpRequest(4, **options)
    return Bot(TOKEN, base_url=url, request=request, get_updates_request=AiohttpRequest(1))


async def test_a_message_goes_out_as_json_and_comes_back_parsed(api: LoopbackApi) -> None:
    async with bot_on(api.url) as bot:
        message = await bot.send_message(42, "Reverse jog, 25 s ⏪")
    assert message.text == "Reverse jog, 25 s ⏪"
    assert ("sendMessage", {"chat_id": "42", "text": "Reverse jog, 25 s ⏪"}) in api.received
    assert set(api.content_types) == {"application/json"}


async def test_telegrams_errors_become_ptbs_exceptions(api: LoopbackApi) -> None:
    async def refuse(method: str, params: dict[str, Any]) -> web.Response:
        if method == "getMe":
            return await api.ok(method, params)
        if params["chat_id"] == "1":
            body = {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
            }
            body["parameters"] = {"retry_after": 3}
            return web.json_response(body, status=429)
        body = {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        return web.json_response(body, status=400)

    api.answer = refuse
    async with bot_on(api.url) as bot:
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "cue")
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await bot.send_message(2, "cue")


async def test_a_slow_answer_times_out(api: LoopbackApi) -> None:
    async def slow(method: str, params: dict[str, Any]) -> web.Response:
        if method != "getMe":
            await asyncio.sleep(2)
        return await api.ok(method, params)

    api.answer = slow
    async with bot_on(api.url, read_timeout=0.2, write_timeout=0.1) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(42, "cue")


async def test_a_server_that_is_gone_is_a_network_error() -> None:
    with pytest.raises(NetworkError) as raised:
        async with bot_on("http://127.0.0.1:9/bot"):  # the discard port: nobody listens
            pass
    assert not isinstance(raised.value, TimedOut)


async def test_a_file_goes_out_as_multipart(api: LoopbackApi) -> None:
    async def document(method: str, params: dict[str, Any]) -> web.Response:
        if method == "getMe":
            return await api.ok(method, params)
        message = {"message_id": 8, "date": 0, "chat": {"id": 42, "type": "private"}}
        doc = {"file_id": "f1", "file_unique_id": "u1", "file_name": "runs.csv"}
        return web.json_response({"ok": True, "result": {**message, "document": doc}})

    api.answer = document
    async with bot_on(api.url) as bot:
        await bot.send_document(42, b"date,km\n2026-12-01,3\n", filename="runs.csv", caption="Runs")
    method, params = api.received[-1]
    assert method == "sendDocument"
    assert params["caption"] == "Runs"
    assert params["chat_id"] == "42"
    assert params["document"] == b"date,km\n2026-12-01,3\n"
