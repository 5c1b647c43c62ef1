"""Telling the operator the bot is alive: a heartbeat row every few seconds, and systemd's
notify protocol (READY once started, WATCHDOG with every beat) when NOTIFY_SOCKET is set."""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, ContextTypes

from bot.runtime.services import services_of
from bot.storage.heartbeat import beat

logger = logging.getLogger(__name__)

# Real seconds (the time scale does not apply): four beats fit in health's one-minute limit
# and in the systemd unit's WatchdogSec.
BEAT_EVERY_S = 15
HEARTBEAT_JOB = "heartbeat:beat"


def start_heartbeat(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Beat now and every BEAT_EVERY_S seconds; tell systemd the bot is ready."""
    assert application.job_queue is not None
    application.job_queue.run_repeating(_beat, interval=BEAT_EVERY_S, first=0, name=HEARTBEAT_JOB)
    notify_systemd("READY=1")


async def _beat(context: ContextTypes.DEFAULT_TYPE) -> None:
    await beat(services_of(context.application).db, datetime.now(UTC))
    notify_systemd("WATCHDOG=1")


def notify_systemd(state: str) -> None:
    """Send `state` to the service manager's socket; nothing when not run by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.sendto(state.encode(), address)
    except OSError as error:
        logger.warning("could not notify systemd: %s", error)
