"""`python -m bot` / `backstride`: run the bot or the terminal chat, migrate, back up, check.

The bot stops cleanly on SIGTERM and SIGINT: python-telegram-bot's run_polling and
run_webhook catch them, stop taking updates, finish running handlers and jobs, write the
conversation states, then post_shutdown closes the database. Live sessions need nothing
more: their due times are in SQLite and the next start rebuilds the cue chains.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

from bot.config import ConfigError, Settings, load_settings, log_level_number
from bot.runtime.logging_config import configure_logging
from bot.storage.heartbeat import HEARTBEAT_LIMIT, beat_age
from bot.storage.maintenance import MaintenanceError, back_up, health_facts

# The Telegram stack is imported only by the commands that need it: `health` runs every
# minute in the container and should stay quick and light.

logger = logging.getLogger("bot")

_GC_YOUNG_OBJECTS = 10_000  # objects made between two passes of the collector (Python: 700)
_GIL_SWITCH_S = 0.0005  # how often a busy thread lets the database thread in (default 5 ms)

NO_TOKEN_NOTE = (
    "No TELEGRAM_BOT_TOKEN is set, so here is the terminal chat with the real coach.\n"
    "Put a token from @BotFather in .env to talk to Telegram instead.\n"
)
# With neither a token nor a person at a terminal (a container, a service), say so and stop.
NO_TOKEN_NO_TERMINAL = (
    "backstride: set TELEGRAM_BOT_TOKEN, or run python -m bot chat for the terminal chat"
)


def main(argv: list[str] | None = None) -> None:
    """Entry point: parse the command line, validate settings, run the chosen command."""
    args = _parser().parse_args(argv)
    command = args.command or "run"
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"backstride: configuration error: {error}", file=sys.stderr)
        sys.exit(2)
    if command == "health":
        sys.exit(_health(settings, schema_only=args.schema, limit=args.max_age))
    if command == "backup":
        sys.exit(_backup(settings, Path(args.path)))
    if command == "migrate":
        _configure_logging(settings)
        asyncio.run(_migrate(settings))
    elif command == "run" and settings.token is None and not sys.stdin.isatty():
        print(NO_TOKEN_NO_TERMINAL, file=sys.stderr)
        sys.exit(2)
    elif command == "chat" or settings.token is None:
        # The chat owns the terminal: only warnings and errors reach stderr.
        _configure_logging(settings, floor=logging.WARNING)
        if command == "run":
            print(NO_TOKEN_NOTE)
        from bot.emulator.terminal_chat import run_terminal_chat, terminal_language

        asyncio.run(run_terminal_chat(settings, language_code=terminal_language(os.environ)))
    else:
        _configure_logging(settings)
        _run_bot(settings, settings.token)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backstride", description="Backstride coach bot")
    commands = parser.add_subparsers(dest="command", metavar="command")
    commands.add_parser("run", help="the bot (the terminal chat if no token is set); the default")
    commands.add_parser("chat", help="the terminal chat with the real coach")
    commands.add_parser("migrate", help="bring the database schema up to date")
    backup = commands.add_parser(
        "backup", help="copy the database, consistently, while the bot runs"
    )
    backup.add_argument("path", help="the backup file to write (replaced if it exists)")
    health = commands.add_parser(
        "health",
        help="exit 0 if the database is at the current schema and the bot beat within a minute",
    )
    health.add_argument(
        "--schema", action="store_true", help="check only the schema (a stopped bot, a restore)"
    )
    health.add_argument(
        "--max-age",
        type=float,
        default=HEARTBEAT_LIMIT.total_seconds(),
        metavar="SECONDS",
        help="how old the last heartbeat may be (default %(default)g)",
    )
    return parser


def _configure_logging(settings: Settings, floor: int = logging.NOTSET) -> None:
    configure_logging(
        max(log_level_number(settings), floor),
        settings.token,
        settings.webhook_secret,
        json_lines=settings.log_format == "json",
    )


def _run_bot(settings: Settings, token: str) -> None:
    """Poll for updates, or serve a webhook when BACKSTRIDE_WEBHOOK_URL is set, until a stop
    signal. On PostgreSQL, first wait to lead (bot/storage/leadership.py): a standby builds
    nothing, so all it will know comes from the database the moment it takes over."""
    from telegram import Update

    from bot.app import build_application
    from bot.runtime.update_trace import install_update_trace, log_key_for

    # One event loop for the wait and the bot: the lock's connection lives on it.
    # The database thread needs the GIL for every statement it runs; while the event loop is
    # busy it got it only every 5 ms (Python's default), which capped the database at a few
    # hundred trips a second just when most runners were waiting for it (python -m bench.cues).
    sys.setswitchinterval(_GIL_SWITCH_S)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    leadership = None
    if settings.database_url is not None:
        from bot.storage.leadership import Leadership

        leadership = Leadership(settings.database_url)
        loop.run_until_complete(leadership.acquire())
    application = build_application(settings, fence=leadership)
    install_update_trace(application, log_key_for(token))
    # A handled update or a send makes a few hundred short-lived objects, most of them gone
    # before the next young pass if passes are rarer: fewer survivors are scanned again in
    # the older generations (the start-up heap is frozen out of them: bot/app.py).
    gc.set_threshold(_GC_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    if settings.webhook_url is None:
        logger.info("polling Telegram for updates")
        application.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
    else:
        logger.info(
            "webhook server on %s:%s for Telegram's calls",
            settings.webhook_listen,
            settings.webhook_port,
        )
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
            close_loop=False,
        )
    if leadership is not None:
        loop.run_until_complete(leadership.release())
    loop.close()
    logger.info("stopped cleanly")


async def _migrate(settings: Settings) -> None:
    from bot.storage.database import Database

    database = Database(settings.db_path, settings.database_url)
    await database.open()
    await database.close()
    print(f"database {_store_name(settings)} is at the latest schema version")


def _backup(settings: Settings, target: Path) -> int:
    try:
        if settings.database_url is None:
            pages = back_up(settings.db_path, target)
            done = f"{pages} pages, integrity ok"
        else:
            from bot.storage.postgres_maintenance import pg_dump_to

            done = f"pg_dump custom format, {pg_dump_to(settings.database_url, target)} bytes"
    except MaintenanceError as error:
        print(f"backstride: backup failed: {error}", file=sys.stderr)
        return 1
    print(f"backed up {_store_name(settings)} to {target} ({done})")
    return 0


def _health(settings: Settings, *, schema_only: bool, limit: float) -> int:
    """0 when the database opens at the current schema and (unless `schema_only`) the
    running bot's heartbeat is at most `limit` seconds old; 1 with the reason otherwise."""
    try:
        if settings.database_url is None:
            version, beat_at = health_facts(settings.db_path)
            role = ""
        else:
            from bot.storage.postgres_maintenance import postgres_health

            health = asyncio.run(postgres_health(settings.database_url))
            version, beat_at = health.version, health.beat_at
            role = f"; {health.role} (leader: {health.leader or 'none yet'})"
    except MaintenanceError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if schema_only:
        print(f"healthy: {_store_name(settings)} opens at schema version {version}{role}")
        return 0
    age = beat_age(beat_at, datetime.now(UTC))
    if age is None:
        print("unhealthy: the bot has not run on this database yet", file=sys.stderr)
        return 1
    if age > timedelta(seconds=limit):
        seconds = age.total_seconds()
        print(f"unhealthy: the bot's last heartbeat was {seconds:.0f} s ago", file=sys.stderr)
        return 1
    print(f"healthy: the bot beat {age.total_seconds():.0f} s ago (schema version {version}){role}")
    return 0


def _store_name(settings: Settings) -> str:
    """The store, for messages: the SQLite file, or the server and database (no password)."""
    if settings.database_url is None:
        return str(settings.db_path)
    from bot.storage.postgres_maintenance import where

    return where(settings.database_url)


if __name__ == "__main__":
    main()
