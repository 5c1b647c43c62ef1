"""JSON log lines, and the one line per handled update: parseable, no token, no text, no id."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from collections.abc import Iterator

import pytest

from bot.runtime import update_trace as update_log
from bot.runtime.logging_config import JsonLinesFormatter, configure_logging
from bot.runtime.update_trace import install_update_trace, log_key_for, runner_tag
from tests.support.harness import Coach

TOKEN = "987654:AAH-secret_value"
WEBHOOK_SECRET = "hook-Secret_9"
KEY = log_key_for(TOKEN)


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Root logging as `python -m bot` sets it up with LOG_FORMAT=json, into a buffer."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging(logging.INFO, TOKEN, WEBHOOK_SECRET, json_lines=True)
    buffer = io.StringIO()
    root.handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    try:
        yield buffer
    finally:
        root.handlers[:], root.level = saved


def _entries(buffer: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_json_lines_parse_and_redact_every_secret_tracebacks_included(
    json_log: io.StringIO,
) -> None:
    logger = logging.getLogger("bot.test")
    logger.warning("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f'secret "{WEBHOOK_SECRET}" and token {TOKEN}')
    except RuntimeError:
        logger.exception("it failed")

    first, second = _entries(json_log)

    assert first["level"] == "WARNING" and first["logger"] == "bot.test"
    assert first["message"] == "calling https://api.telegram.org/bot<redacted>/getMe"
    assert second["message"] == "it failed" and "RuntimeError" in second["exception"]
    assert TOKEN not in json_log.getvalue() and "secret_value" not in json_log.getvalue()
    assert WEBHOOK_SECRET not in json_log.getvalue()


def test_text_lines_redact_the_webhook_secret_too() -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging(logging.INFO, TOKEN, WEBHOOK_SECRET)
    buffer = io.StringIO()
    root.handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    try:
        logging.getLogger("bot.test").info("header %s", WEBHOOK_SECRET)
    finally:
        root.handlers[:], root.level = saved

    assert buffer.getvalue().rstrip().endswith("bot.test: header <redacted>")


def test_a_json_line_is_one_line_whatever_the_message() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, 'two\nlines "quoted"', (), None)

    line = JsonLinesFormatter(TOKEN).format(record)

    assert "\n" not in line
    assert json.loads(line)["message"] == 'two\nlines "quoted"'


def test_runner_tags_are_short_stable_keyed_and_hide_the_id() -> None:
    tag = runner_tag(501, KEY)

    assert tag == runner_tag(501, KEY) and len(tag) == 12
    assert "501" not in tag
    assert tag != runner_tag(502, KEY)
    assert tag != runner_tag(501, log_key_for("111:another-token"))


async def test_each_handled_update_logs_one_line_without_its_text_or_sender(
    coach: Coach, json_log: io.StringIO
) -> None:
    install_update_trace(coach.app, KEY)
    runner = coach.runner(501, "Zelda")

    await runner.send("/help")
    await runner.send("my knee hurts a little")

    lines = [e for e in _entries(json_log) if e["logger"] == "bot.runtime.update_trace"]
    tag = runner_tag(501, KEY)
    assert [e["message"] for e in lines] == [
        f"update 1 handled: command from runner {tag}",
        f"update 2 handled: message from runner {tag}",
    ]
    assert all(e["level"] == "INFO" for e in lines)
    everything = json_log.getvalue()
    assert "knee" not in everything and "/help" not in everything and "Zelda" not in everything


async def test_nothing_is_computed_for_the_update_line_when_info_is_off(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[int] = []
    monkeypatch.setattr(update_log, "runner_tag", lambda user_id, _: hashed.append(user_id))
    install_update_trace(coach.app, KEY)
    logging.getLogger("bot.runtime.update_trace").setLevel(logging.WARNING)
    try:
        await coach.runner(501).send("/help")
    finally:
        logging.getLogger("bot.runtime.update_trace").setLevel(logging.NOTSET)

    assert hashed == []


def test_the_benchmarks_run_with_warning_logs() -> None:
    """The benchmarks build their Application without configure_logging: Python's default
    root level (WARNING) applies, so INFO lines such as the update line cost nothing."""
    probe = (
        "import logging, bench.cues, bench.reminders, bench.charts;"
        "print(logging.getLogger().getEffectiveLevel(),"
        " logging.getLogger('bot.runtime.update_trace').isEnabledFor(logging.INFO))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == [str(logging.WARNING), "False"]
