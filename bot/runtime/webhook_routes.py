"""More pages on python-telegram-bot's webhook server, on the same port as Telegram's calls.

PTB's `Updater.start_webhook` runs a tornado web application with one route, Telegram's.
PTB has no public way to add another, so `RoutedUpdater` adds ours to that tornado
application once the server is up (tornado takes new routes while it serves). Reaching the
application goes through two of PTB's private attributes; if a PTB release renames them,
start-up fails loudly here rather than serving without the routes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

import tornado.web
from telegram import Bot
from telegram.ext import Updater

Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]


class RoutedUpdater(Updater):
    """PTB's Updater, whose webhook server also serves `routes()` (polling is unchanged)."""

    def __init__(
        self,
        bot: Bot,
        update_queue: asyncio.Queue[object],
        routes: Callable[[], Sequence[Route]],
    ) -> None:
        super().__init__(bot, update_queue)
        self._routes = routes

    async def start_webhook(self, *args: Any, **kwargs: Any) -> asyncio.Queue[object]:
        """Start PTB's webhook server, then add our routes to it."""
        queue = await super().start_webhook(*args, **kwargs)
        _web_application(self).add_handlers(r".*", list(self._routes()))
        return queue


def _web_application(updater: Updater) -> tornado.web.Application:
    server = getattr(updater, "_httpd", None)
    application = getattr(getattr(server, "_http_server", None), "request_callback", None)
    if not isinstance(application, tornado.web.Application):
        raise RuntimeError("python-telegram-bot's webhook server is not where it used to be")
    return application
