"""Logging set-up that never lets the bot token reach a log line."""

from __future__ import annotations

import logging
import re

# Bot API URLs carry the token as /bot<token>/; redact any such path, whoever logs it.
_TOKEN_IN_URL = re.compile(r"bot\d{1,20}:[A-Za-z0-9_-]+")


def redact(text: str, token: str | None) -> str:
    """`text` with the token, and anything shaped like a Bot API URL token, replaced."""
    text = _TOKEN_IN_URL.sub("bot<redacted>", text)
    return text.replace(token, "<redacted>") if token else text


class RedactingFormatter(logging.Formatter):
    """Formats a record (traceback included), then redacts the token from the result."""

    def __init__(self, fmt: str, token: str | None) -> None:
        super().__init__(fmt)
        self._token = token

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with no token in it."""
        return redact(super().format(record), self._token)


def configure_logging(level: int, token: str | None) -> None:
    """Send logs to stderr at `level`, with the token redacted from every line."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", token)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL (token included) at INFO; keep it to warnings.
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
