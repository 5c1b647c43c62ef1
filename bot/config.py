"""Settings from the environment and a `.env` file, validated once at start."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_DB_PATH = Path("data") / "backstride.sqlite3"
DEFAULT_CONCURRENT_UPDATES = 256
DEFAULT_SEND_RATE = 30  # Telegram's bulk limit: new messages per second to many chats
MAX_SEND_RATE = 1000  # what paid broadcasts (allow_paid_broadcast) allow
_TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
DEFAULT_WEBHOOK_LISTEN = "0.0.0.0"  # every interface: Telegram or the proxy must reach it
DEFAULT_WEBHOOK_PORT = 8443
# Telegram's rule for setWebhook's secret_token: 1-256 of A-Z, a-z, 0-9, _ and -.
_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# The ports Telegram delivers webhooks to.
_TELEGRAM_WEBHOOK_PORTS = (443, 80, 88, 8443)


class ConfigError(Exception):
    """A setting is malformed; the message names the variable and what is wrong."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated configuration. `token` is None when the bot should run the terminal chat."""

    token: str | None
    api_base_url: str | None
    db_path: Path
    time_scale: float  # cues, one-off reminders, check-in and SOS follow-up waits; not daily ones
    admin_ids: frozenset[int]
    default_timezone: str
    log_level: str
    concurrent_updates: int
    log_format: str = "text"
    # Webhook mode when `webhook_url` is set (the secret is then set too); polling otherwise.
    webhook_url: str | None = None
    webhook_listen: str = DEFAULT_WEBHOOK_LISTEN
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    webhook_secret: str | None = None
    # PostgreSQL instead of the SQLite file at `db_path` when set (postgresql://...).
    database_url: str | None = None
    # New messages per second to many chats (Telegram's bulk limit); None: no limits at all.
    send_rate: int | None = DEFAULT_SEND_RATE
    # A cue more than this many wall-clock seconds late is not sent; the runner gets one
    # catch-up message instead. Not an environment setting: tests lower it.
    cue_grace_seconds: float = 5.0


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings from `.env` (if present) overlaid by the process environment.

    Raises ConfigError naming the first variable that is wrong.
    """
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str) -> str:
        return values.get(name, "").strip()

    webhook_url = _parse_webhook_url(get("BACKSTRIDE_WEBHOOK_URL"))
    return Settings(
        token=_parse_token(get("TELEGRAM_BOT_TOKEN")),
        api_base_url=_parse_base_url(get("TELEGRAM_API_BASE_URL")),
        db_path=_parse_db_path(get("BACKSTRIDE_DB_PATH")),
        time_scale=_parse_time_scale(get("BACKSTRIDE_TIME_SCALE")),
        admin_ids=_parse_admin_ids(get("BACKSTRIDE_ADMIN_IDS")),
        default_timezone=_parse_timezone(get("BACKSTRIDE_DEFAULT_TZ")),
        log_level=_parse_log_level(get("LOG_LEVEL")),
        concurrent_updates=_parse_concurrent_updates(get("BACKSTRIDE_CONCURRENT_UPDATES")),
        log_format=_parse_log_format(get("LOG_FORMAT")),
        webhook_url=webhook_url,
        webhook_listen=_parse_webhook_listen(get("BACKSTRIDE_WEBHOOK_LISTEN")),
        webhook_port=_parse_webhook_port(get("BACKSTRIDE_WEBHOOK_PORT")),
        webhook_secret=_parse_webhook_secret(
            get("BACKSTRIDE_WEBHOOK_SECRET"), required=webhook_url is not None
        ),
        database_url=_parse_database_url(get("BACKSTRIDE_DATABASE_URL")),
        send_rate=_parse_send_rate(get("BACKSTRIDE_SEND_RATE")),
    )


def _parse_token(raw: str) -> str | None:
    if not raw:
        return None
    if not _TOKEN_PATTERN.fullmatch(raw):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN", "does not look like a bot token (digits, a colon, then letters)"
        )
    return raw


def _parse_base_url(raw: str) -> str | None:
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(
            "TELEGRAM_API_BASE_URL", "must be an http(s) URL like http://127.0.0.1:8081/bot"
        )
    return raw.rstrip("/")


def _parse_db_path(raw: str) -> Path:
    path = Path(raw) if raw else DEFAULT_DB_PATH
    if path.is_dir():
        raise ConfigError("BACKSTRIDE_DB_PATH", f"{path} is a directory, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(
            "BACKSTRIDE_DB_PATH", f"cannot create folder {path.parent}: {error.strerror}"
        ) from None
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        raise ConfigError("BACKSTRIDE_DB_PATH", f"{target} is not writable")
    return path


def _parse_database_url(raw: str) -> str | None:
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in ("postgresql", "postgres") or not (parsed.netloc or parsed.query):
        raise ConfigError(
            "BACKSTRIDE_DATABASE_URL",
            "must be a PostgreSQL URL like postgresql://user:password@host:5432/backstride",
        )
    return raw


def _parse_time_scale(raw: str) -> float:
    if not raw:
        return 1.0
    try:
        scale = float(raw)
    except ValueError:
        raise ConfigError("BACKSTRIDE_TIME_SCALE", f"{raw!r} is not a number") from None
    if not 0.01 <= scale <= 10_000:
        raise ConfigError("BACKSTRIDE_TIME_SCALE", "must be between 0.01 and 10000")
    return scale


def _parse_admin_ids(raw: str) -> frozenset[int]:
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if not all(part.isdigit() for part in parts):
        raise ConfigError("BACKSTRIDE_ADMIN_IDS", "must be Telegram user ids separated by commas")
    return frozenset(int(part) for part in parts)


def _parse_timezone(raw: str) -> str:
    name = raw or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            "BACKSTRIDE_DEFAULT_TZ", f"{name!r} is not an IANA timezone like Europe/London"
        ) from None
    return name


def _parse_log_level(raw: str) -> str:
    level = (raw or "INFO").upper()
    if level not in _LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", f"must be one of {', '.join(_LOG_LEVELS)}")
    return level


def _parse_concurrent_updates(raw: str) -> int:
    if not raw:
        return DEFAULT_CONCURRENT_UPDATES
    try:
        bound = int(raw)
    except ValueError:
        raise ConfigError(
            "BACKSTRIDE_CONCURRENT_UPDATES", f"{raw!r} is not a whole number"
        ) from None
    if bound < 1:
        raise ConfigError("BACKSTRIDE_CONCURRENT_UPDATES", "must be 1 or more (1: one at a time)")
    return bound


def _parse_send_rate(raw: str) -> int | None:
    if not raw:
        return DEFAULT_SEND_RATE
    if raw.lower() == "off":
        return None
    try:
        rate = int(raw)
    except ValueError:
        raise ConfigError("BACKSTRIDE_SEND_RATE", f"{raw!r} is not a whole number or off") from None
    if not 1 <= rate <= MAX_SEND_RATE:
        raise ConfigError(
            "BACKSTRIDE_SEND_RATE",
            f"must be 1 to {MAX_SEND_RATE} messages a second (paid broadcasts allow up to "
            f"{MAX_SEND_RATE}), or off",
        )
    return rate


def _parse_log_format(raw: str) -> str:
    log_format = (raw or "text").lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError("LOG_FORMAT", "must be text (for people) or json (one object per line)")
    return log_format


def _parse_webhook_url(raw: str) -> str | None:
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme != "https" or not parsed.hostname:
        raise ConfigError(
            "BACKSTRIDE_WEBHOOK_URL", "must be a public https URL like https://bot.example.org/tg"
        )
    try:
        port = parsed.port
    except ValueError:
        port = -1
    if port is not None and port not in _TELEGRAM_WEBHOOK_PORTS:
        raise ConfigError(
            "BACKSTRIDE_WEBHOOK_URL", "Telegram only calls ports 443, 80, 88 and 8443"
        )
    return raw


def _parse_webhook_listen(raw: str) -> str:
    if not raw:
        return DEFAULT_WEBHOOK_LISTEN
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        raise ConfigError(
            "BACKSTRIDE_WEBHOOK_LISTEN", f"{raw!r} is not an IP address like 0.0.0.0 or 127.0.0.1"
        ) from None


def _parse_webhook_port(raw: str) -> int:
    if not raw:
        return DEFAULT_WEBHOOK_PORT
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError("BACKSTRIDE_WEBHOOK_PORT", "must be a port number from 1 to 65535")
    return int(raw)


def _parse_webhook_secret(raw: str, *, required: bool) -> str | None:
    if not raw:
        if required:
            raise ConfigError(
                "BACKSTRIDE_WEBHOOK_SECRET",
                "is required with BACKSTRIDE_WEBHOOK_URL (Telegram sends it with every update)",
            )
        return None
    if not _SECRET_PATTERN.fullmatch(raw):
        raise ConfigError(
            "BACKSTRIDE_WEBHOOK_SECRET", "must be 1-256 letters, digits, _ or - (Telegram's rule)"
        )
    return raw


def log_level_number(settings: Settings) -> int:
    """The `logging` module's number for the configured level."""
    return logging.getLevelNamesMapping()[settings.log_level]
