"""`python -m bot` / `backstride`: run the bot or the terminal chat, migrate, back up, check.

The bot stops cleanly on SIGTERM and SIGINT: python-telegram-bot's run_polling and
run_webhook catch them, stop taking updates, finish running handlers and jobs, write the
conversation states, then post_shutdown closes the database. Live sessions need nothing
more: their due times are in SQLite and the next start rebuilds the cue chains.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from urllib.parse import urlparse

from bot.config import ConfigError, Settings, load_settings, log_level_number
from bot.runtime.logging_config import configure_logging
from bot.storage.maintenance import MaintenanceError, back_up, schema_version_of

# The Telegram stack is imported only by the commands that need it: `health` runs every
# minute in the container and should stay quick and light.

logger = logging.getLogger("bot")

NO_TOKEN_NOTE = (
    "No TELEGRAM_BOT_TOKEN is set, so here is the terminal chat with the real coach.\n"
    "Put a token from @BotFather in .env to talk to Telegram instead.\n"
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
        sys.exit(_health(settings))
    if command == "backup":
        sys.exit(_backup(settings, Path(args.path)))
    if command == "migrate":
        _configure_logging(settings)
        asyncio.run(_migrate(settings))
    elif command == "chat" or settings.token is None:
        # The chat owns the terminal: only warnings and errors reach stderr.
        _configure_logging(settings, floor=logging.WARNING)
        if command == "run":
            print(NO_TOKEN_NOTE)
        from bot.emulator.terminal_chat import run_terminal_chat

        asyncio.run(run_terminal_chat(settings))
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
    commands.add_parser("health", help="exit 0 if the database opens at the current schema")
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
    signal."""
    from telegram import Update

    from bot.app import build_application
    from bot.runtime.update_trace import install_update_trace, log_key_for

    application = build_application(settings)
    install_update_trace(application, log_key_for(token))
    if settings.webhook_url is None:
        logger.info("polling Telegram for updates")
        application.run_polling(allowed_updates=Update.ALL_TYPES)
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
        )
    logger.info("stopped cleanly")


async def _migrate(settings: Settings) -> None:
    from bot.storage.database import Database

    database = Database(settings.db_path)
    await database.open()
    await database.close()
    print(f"database {settings.db_path} is at the latest schema version")


def _backup(settings: Settings, target: Path) -> int:
    try:
        pages = back_up(settings.db_path, target)
    except MaintenanceError as error:
        print(f"backstride: backup failed: {error}", file=sys.stderr)
        return 1
    print(f"backed up {settings.db_path} to {target} ({pages} pages, integrity ok)")
    return 0


def _health(settings: Settings) -> int:
    try:
        version = schema_version_of(settings.db_path)
    except MaintenanceError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    print(f"healthy: {settings.db_path} opens at schema version {version}")
    return 0


if __name__ == "__main__":
    main()
