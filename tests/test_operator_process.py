"""What an operator is told: no token and no terminal stops with exit 2, a terminal still
gets the chat, and `health` follows the running bot's heartbeat (and systemd is notified)."""

from __future__ import annotations

import os
import pty
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

from bot.__main__ import NO_TOKEN_NO_TERMINAL
from tests.support.bot_process import bot_environment, bot_process, wait_for
from tests.support.http_botapi import HttpBotApi


def _without_token(db_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    return {**env, "BACKSTRIDE_DB_PATH": str(db_path)}


def _health(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "health", *args],
        env=_without_token(db_path),
        cwd=db_path.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_token_and_no_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=_without_token(tmp_path / "bot.sqlite3"),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr == NO_TOKEN_NO_TERMINAL + "\n"
    assert NO_TOKEN_NO_TERMINAL.endswith(
        "set TELEGRAM_BOT_TOKEN, or run python -m bot chat for the terminal chat"
    )


def test_no_token_at_a_terminal_still_opens_the_terminal_chat(tmp_path: Path) -> None:
    """What `make run` does from a terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        env={**_without_token(tmp_path / "bot.sqlite3"), "TERM": "dumb"},
        cwd=tmp_path,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        while b"> " not in seen and time.monotonic() < deadline:
            if select.select([leader], [], [], 0.5)[0]:
                seen += os.read(leader, 4096)
    finally:
        process.kill()
        process.wait(timeout=30)
        os.close(leader)

    assert b"terminal chat" in seen and b"Type /start to begin" in seen, seen[-500:]


def test_health_follows_the_heartbeat_and_systemd_hears_ready_and_watchdog(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    notify_path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(notify_path))
        notify.settimeout(60)
        with HttpBotApi().serving() as api:
            env = bot_environment(api, db_path, NOTIFY_SOCKET=str(notify_path))
            with bot_process(env, tmp_path) as bot:
                heard = {notify.recv(64).decode(), notify.recv(64).decode()}
                assert wait_for(lambda: _health(db_path).returncode == 0, 30), bot.stderr()
                alive = _health(db_path)
                assert bot.stop() == 0
        time.sleep(1.5)
        stopped = _health(db_path, "--max-age", "1")

    assert heard == {"READY=1", "WATCHDOG=1"}
    assert alive.stdout.startswith("healthy: the bot beat ")
    assert stopped.returncode == 1
    assert stopped.stderr.startswith("unhealthy: the bot's last heartbeat was ")
