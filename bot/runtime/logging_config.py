"""Logging set-up that never lets the bot token (or another secret) reach a log line."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# Bot API URLs carry the token as /bot<token>/; redact any such path, whoever logs it.
_TOKEN_IN_URL = re.compile(r"bot\d{1,20}:[A-Za-z0-9_-]+")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def redact(text: str, *secrets: str | None) -> str:
    """`text` with the secrets (the token first), and anything shaped like a Bot API URL
    token, replaced."""
    text = _TOKEN_IN_URL.sub("bot<redacted>", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>")
    return text


class RedactingFormatter(logging.Formatter):
    """Formats a record (traceback included), then redacts the secrets from the result."""

    def __init__(self, fmt: str, *secrets: str | None) -> None:
        super().__init__(fmt)
        self._secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record with no secret in it."""
        return redact(super().format(record), *self._secrets)


class JsonLinesFormatter(RedactingFormatter):
    """One JSON object per record (time, level, logger, message, exception), redacted.

    Secrets contain no character JSON escapes, so redacting the encoded line catches them
    in every field.
    """

    def __init__(self, *secrets: str | None) -> None:
        super().__init__("%(message)s", *secrets)

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON with no secret in it."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return redact(json.dumps(entry, ensure_ascii=False), *self._secrets)


def configure_logging(level: int, *secrets: str | None, json_lines: bool = False) -> None:
    """Send logs to stderr at `level`, human-readable or as JSON lines, with the secrets
    (the token, the webhook secret) redacted from every line."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLinesFormatter(*secrets) if json_lines else RedactingFormatter(TEXT_FORMAT, *secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL (token included) at INFO, tornado every webhook request;
    # keep them to warnings.
    for noisy in ("httpx", "httpcore", "apscheduler", "tornado.access"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # At DEBUG, python-telegram-bot writes every update, request and answer whole, and
    # aiosqlite every statement with its parameters (runners' ids and messages, health
    # notes included); our own lines say what happened instead.
    for whole_requests in _WHOLE_REQUEST_LOGGERS:
        logging.getLogger(whole_requests).setLevel(max(level, logging.INFO))


_WHOLE_REQUEST_LOGGERS = (
    "aiosqlite",
    "telegram.Bot",
    "telegram.ext.ConversationHandler",
    "telegram.ext.ExtBot",
    "telegram.ext.Application",
    "telegram.request.BaseRequest",
    "telegram.request.HTTPXRequest",
)
