"""`python -m bot` / `backstride`: run the bot, the terminal chat, or a migration."""

from __future__ import annotations

import argparse
import asyncio
import sys

from telegram import Update

from bot.app import build_application
from bot.config import ConfigError, Settings, load_settings, log_level_number
from bot.logging_config import configure_logging
from bot.storage.database import Database
from bot.terminal_chat import run_terminal_chat

NO_TOKEN_NOTE = (
    "No TELEGRAM_BOT_TOKEN is set, so here is the terminal chat with the real coach.\n"
    "Put a token from @BotFather in .env to talk to Telegram instead.\n"
)


def main(argv: list[str] | None = None) -> None:
    """Entry point: parse the command line, validate settings, run the chosen command."""
    parser = argparse.ArgumentParser(prog="backstride", description="Backstride coach bot")
    parser.add_argument(
        "command",
        nargs="?",
        default="run",
        choices=("run", "chat", "migrate"),
        help="run: the bot (terminal chat if no token); chat: terminal chat; migrate: "
        "bring the database schema up to date",
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"backstride: configuration error: {error}", file=sys.stderr)
        sys.exit(2)
    if args.command == "migrate":
        configure_logging(log_level_number(settings), settings.token)
        asyncio.run(_migrate(settings))
    elif args.command == "chat" or settings.token is None:
        # The chat owns the terminal: only warnings and errors reach stderr.
        configure_logging(max(log_level_number(settings), 30), settings.token)
        if args.command == "run":
            print(NO_TOKEN_NOTE)
        asyncio.run(run_terminal_chat(settings))
    else:
        configure_logging(log_level_number(settings), settings.token)
        build_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)


async def _migrate(settings: Settings) -> None:
    database = Database(settings.db_path)
    await database.open()
    await database.close()
    print(f"database {settings.db_path} is at the latest schema version")


if __name__ == "__main__":
    main()
