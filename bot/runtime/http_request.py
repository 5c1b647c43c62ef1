"""The bot's HTTP client: python-telegram-bot's `BaseRequest` on aiohttp.

PTB's default, HTTPXRequest, goes through httpcore, whose connection pool is scanned on
every request (each queued request against each connection) and which tried to import
sniffio on every request when it was not installed. With hundreds of sends in flight that
was the largest share of the bot's CPU (`python -m bench.cues --profile`). aiohttp's
connector hands out a free keep-alive connection from a per-host queue, so a send costs the
same however many are in flight.

Timeouts mean what PTB means by them: `connect` covers waiting for a free connection and
opening one, `read` the wait for Telegram's answer. Any time-out raises TimedOut, any other
transport failure NetworkError, as PTB's own request classes do; HTTP error statuses are left
to PTB, which turns them into its exceptions.
"""

from __future__ import annotations

import functools
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded pool of keep-alive connections."""

    def __init__(
        self,
        connections: int = 256,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        """`connections` bounds the connections open at once (requests beyond wait)."""
        self._connections = connections
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The read time-out used when a call does not give its own."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (it needs the running event loop)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._connections, limit_per_host=0, ttl_dns_cache=300
            )
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

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
        """One HTTP request; (status, body). PTB checks the status and parses the body."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        write = _given(write_timeout, self._media_write_timeout if files else self._write_timeout)
        read = _given(read_timeout, self._read_timeout)
        # aiohttp has no separate write time-out: the answer's wait covers sending too.
        timeout = _timeout(
            _given(connect_timeout, self._connect_timeout),
            None if read is None or write is None else read + write,
        )
        body, headers = _encoded(request_data, files)
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, sock_read: float | None) -> aiohttp.ClientTimeout:
    """The time-out of a request (a handful of combinations, made once each)."""
    return aiohttp.ClientTimeout(total=None, connect=connect, sock_read=sock_read)


def _given(value: Any, default: float | None) -> float | None:
    """A call's time-out, or ours when PTB passes its DEFAULT_NONE."""
    if isinstance(value, DefaultValue):
        return default
    return None if value is None else float(value)


def _encoded(
    request_data: RequestData | None, files: dict[str, Any] | None
) -> tuple[bytes | aiohttp.FormData | None, dict[str, str] | None]:
    """The request's body: the parameters as JSON (json.dumps is faster than url quoting),
    or a multipart form with its files."""
    if request_data is None:
        return None, None
    if not files:
        return request_data.json_payload, _JSON
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, field in files.items():
        if isinstance(field, tuple):
            filename, content, mime = (*field, None)[:3]
            form.add_field(name, content, filename=filename, content_type=mime)
        else:
            form.add_field(name, field)
    return form, None
