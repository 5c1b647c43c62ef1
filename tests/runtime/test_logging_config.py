"""The token is redacted from every formatted log line, tracebacks included."""

from __future__ import annotations

import logging

from bot.runtime.logging_config import RedactingFormatter, redact

TOKEN = "987654:AAH-secret_value"


def test_redact_removes_the_token_and_url_shaped_tokens() -> None:
    line = f"POST https://api.telegram.org/bot{TOKEN}/getMe and bot111:other-token/x {TOKEN}"

    redacted = redact(line, TOKEN)

    assert TOKEN not in redacted
    assert "other-token" not in redacted
    assert redacted.count("<redacted>") == 3


def test_the_formatter_redacts_messages_args_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(message)s", TOKEN)
    try:
        raise RuntimeError(f"failed calling https://api.telegram.org/bot{TOKEN}/sendMessage")
    except RuntimeError:
        import sys

        record = logging.LogRecord(
            "httpx",
            logging.INFO,
            __file__,
            1,
            "HTTP Request: %s",
            (f"url {TOKEN}",),
            sys.exc_info(),
        )

    formatted = formatter.format(record)

    assert "RuntimeError" in formatted
    assert TOKEN not in formatted
    assert "secret_value" not in formatted
