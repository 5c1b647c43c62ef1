"""Run an Application the way run_polling does, but inside a caller's event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application


@asynccontextmanager
async def running(
    application: Application[Any, Any, Any, Any, Any, Any], *, poll: bool
) -> AsyncIterator[None]:
    """Initialize, post_init, start (and poll for updates if `poll`); undo it all on exit."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        if poll and application.updater:
            await application.updater.start_polling(poll_interval=0, timeout=1)
        await application.start()
        try:
            yield
        finally:
            if application.updater and application.updater.running:
                await application.updater.stop()
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
