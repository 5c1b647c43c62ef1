"""The deployment settings: webhook mode, its secret, and the log format."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

WEBHOOK = {
    "BACKSTRIDE_WEBHOOK_URL": "https://bot.example.org/telegram",
    "BACKSTRIDE_WEBHOOK_SECRET": "a-Secret_42",
}


def _load(tmp_path: Path, **variables: str) -> object:
    return load_settings(
        {"BACKSTRIDE_DB_PATH": str(tmp_path / "b.sqlite3"), **variables}, env_file=None
    )


def test_polling_and_text_logs_by_default(tmp_path: Path) -> None:
    settings = load_settings({"BACKSTRIDE_DB_PATH": str(tmp_path / "b.sqlite3")}, env_file=None)

    assert settings.webhook_url is None
    assert (settings.webhook_listen, settings.webhook_port) == ("0.0.0.0", 8443)
    assert settings.webhook_secret is None
    assert settings.log_format == "text"


def test_every_webhook_variable_is_read(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "BACKSTRIDE_DB_PATH": str(tmp_path / "b.sqlite3"),
            **WEBHOOK,
            "BACKSTRIDE_WEBHOOK_LISTEN": "127.0.0.1",
            "BACKSTRIDE_WEBHOOK_PORT": "9000",
            "LOG_FORMAT": "JSON",
        },
        env_file=None,
    )

    assert settings.webhook_url == "https://bot.example.org/telegram"
    assert settings.webhook_secret == "a-Secret_42"
    assert (settings.webhook_listen, settings.webhook_port) == ("127.0.0.1", 9000)
    assert settings.log_format == "json"


def test_the_webhook_url_needs_its_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, BACKSTRIDE_WEBHOOK_URL="https://bot.example.org/telegram")

    assert raised.value.variable == "BACKSTRIDE_WEBHOOK_SECRET"
    assert "BACKSTRIDE_WEBHOOK_URL" in str(raised.value)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("BACKSTRIDE_WEBHOOK_URL", "http://bot.example.org/telegram"),
        ("BACKSTRIDE_WEBHOOK_URL", "bot.example.org/telegram"),
        ("BACKSTRIDE_WEBHOOK_URL", "https://bot.example.org:8080/telegram"),
        ("BACKSTRIDE_WEBHOOK_SECRET", "has space"),
        ("BACKSTRIDE_WEBHOOK_SECRET", "semi;colon"),
        ("BACKSTRIDE_WEBHOOK_SECRET", "x" * 257),
        ("BACKSTRIDE_WEBHOOK_LISTEN", "localhost"),
        ("BACKSTRIDE_WEBHOOK_PORT", "0"),
        ("BACKSTRIDE_WEBHOOK_PORT", "70000"),
        ("BACKSTRIDE_WEBHOOK_PORT", "https"),
        ("LOG_FORMAT", "xml"),
    ],
)
def test_a_bad_value_names_its_variable(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        _load(tmp_path, **{**WEBHOOK, variable: value})

    assert raised.value.variable == variable


def test_telegrams_webhook_ports_and_a_long_secret_are_accepted(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "BACKSTRIDE_DB_PATH": str(tmp_path / "b.sqlite3"),
            "BACKSTRIDE_WEBHOOK_URL": "https://bot.example.org:88/hook",
            "BACKSTRIDE_WEBHOOK_SECRET": "A" * 256,
        },
        env_file=None,
    )

    assert settings.webhook_url == "https://bot.example.org:88/hook"
