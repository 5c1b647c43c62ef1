"""Webhook mode: `python -m bot` serves Telegram's calls over HTTP and checks the secret, on
SQLite and on PostgreSQL (where the process serves the webhook only once it leads)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from bot.emulator.botapi import Json
from bot.emulator.user import EmulatedUser
from bot.texts import common
from tests.support.bot_process import TOKEN, bot_environment, bot_process, free_port, wait_for
from tests.support.http_botapi import HttpBotApi

SECRET = "club_webhook-Secret42"
WEBHOOK_URL = "https://bot.example.org/telegram/hook"


def webhook_environment(api: HttpBotApi, db_path: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of a bot in webhook mode on a loopback port."""
    return bot_environment(
        api,
        db_path,
        BACKSTRIDE_WEBHOOK_URL=WEBHOOK_URL,
        BACKSTRIDE_WEBHOOK_LISTEN="127.0.0.1",
        BACKSTRIDE_WEBHOOK_PORT=str(port),
        BACKSTRIDE_WEBHOOK_SECRET=SECRET,
        **extra,
    )


def post_update(port: int, update: Json, secret: str | None) -> int:
    """POST one update to the bot's webhook as Telegram would; returns the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram/hook",
        data=json.dumps(update).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_webhook_mode_handles_updates_with_the_secret_and_refuses_the_rest(
    tmp_path: Path, database_url: str | None
) -> None:
    port = free_port()
    store = {} if database_url is None else {"BACKSTRIDE_DATABASE_URL": database_url}
    with HttpBotApi().serving() as api:
        env = webhook_environment(api, tmp_path / "bot.sqlite3", port, LOG_LEVEL="DEBUG", **store)
        with bot_process(env, tmp_path) as bot:
            # PTB starts the web server, then registers it with setWebhook.
            assert wait_for(lambda: api.calls_of("setWebhook"), 30), bot.stderr()[-2000:]
            no_secret, wrong_secret, right_secret = (
                EmulatedUser(api.emulator, user_id, "Fay") for user_id in (71, 72, 73)
            )
            statuses = (
                post_update(port, api.emulator.number_update(no_secret.text("/help")), None),
                post_update(port, api.emulator.number_update(wrong_secret.text("/help")), "guess"),
                post_update(port, api.emulator.number_update(right_secret.text("/help")), SECRET),
            )
            answered = wait_for(lambda: api.messages_in(73), 30)
            exit_code = bot.stop()
            stderr = bot.stderr()

    assert statuses == (403, 403, 200)
    assert answered, stderr[-2000:]
    assert [m["text"] for m in api.messages_in(73)] == [common.help_text()]
    assert api.messages_in(71) == api.messages_in(72) == []
    [registration] = api.calls_of("setWebhook")
    assert (registration["url"], registration["secret_token"]) == (WEBHOOK_URL, SECRET)
    assert api.calls_of("getUpdates") == []
    assert exit_code == 0
    assert "Webhook received data" in stderr  # DEBUG logging was really on…
    assert TOKEN not in stderr and SECRET not in stderr  # …and leaked neither secret
