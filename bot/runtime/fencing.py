"""Sends only while this process leads: a `BaseRequest` wrapper that asks the fence first.

With PostgreSQL, a leader that was paused (a frozen virtual machine, a stopped process, a
long stall) may wake up after a standby has taken over. Every call to the Bot API, polling
included, first asks the leadership whether its lead is still confirmed
(bot/storage/leadership.py: a lease on the local clock, renewed by checking the leadership
epoch over the lock's own connection). The question costs nothing while the lease is fresh;
after a pause it costs one query, and a process that no longer leads sends nothing and
stops. The check comes after the rate limiter's queue, right before the HTTP request leaves.
"""

from __future__ import annotations

from typing import Any, Protocol

from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData


class Fence(Protocol):
    """What a request asks before it leaves."""

    async def hold(self) -> bool:
        """True if this process still leads and may send now."""
        ...


class NotLeading(TelegramError):
    """A call that was not made because this process no longer leads."""

    def __init__(self) -> None:
        super().__init__("not sent: this process no longer leads")

    def __reduce__(self) -> tuple[type, tuple[()]]:  # type: ignore[override]
        return self.__class__, ()


class FencedRequest(BaseRequest):
    """`inner`, but every request first makes sure `fence` still holds."""

    def __init__(self, inner: BaseRequest, fence: Fence) -> None:
        self._inner = inner
        self._fence = fence

    @property
    def read_timeout(self) -> float | None:
        """The inner request's read time-out."""
        return self._inner.read_timeout

    async def initialize(self) -> None:
        """Initialise the inner request."""
        await self._inner.initialize()

    async def shutdown(self) -> None:
        """Shut the inner request down."""
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """The inner request, if the fence holds; NotLeading otherwise."""
        if not await self._fence.hold():
            raise NotLeading
        return await self._inner.do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
