"""The Bot API emulator behind a network-like delay, for benchmarks."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from telegram.error import TimedOut
from telegram.request import RequestData

from bot.botapi_emulator import TIMEOUT, BotApiEmulator, EmulatedRequest


class LatencyRequest(EmulatedRequest):
    """Like EmulatedRequest, but every answer takes `latency` seconds to come back.

    The emulator records a call (and its listeners see it) when it arrives, before the delay,
    which is the moment a benchmark measures.
    """

    def __init__(self, emulator: BotApiEmulator, latency: float) -> None:
        super().__init__(emulator)
        self.latency = latency

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
        """Answer like the emulator, `latency` seconds later."""
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        status, body = self.emulator.answer(api_method, params, {})
        await asyncio.sleep(self.latency)
        if status == TIMEOUT:
            raise TimedOut(f"emulated time-out calling {api_method}")
        return status, json.dumps(body).encode()
