"""`python -m bot` as a real process, polling a loopback Bot API server over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bot.emulator.user import EmulatedUser
from bot.texts import common
from bot.texts import onboarding as questions
from tests.support.http_botapi import HttpBotApi

TOKEN = "123456:SECRET-token_value"


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


def test_the_bot_polls_answers_and_registers_commands_without_leaking_the_token(
    tmp_path: Path,
) -> None:
    with HttpBotApi().serving() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "BACKSTRIDE_DB_PATH": str(tmp_path / "bot.sqlite3"),
            "LOG_LEVEL": "DEBUG",
        }
        # Output goes to files, not pipes: at DEBUG a pipe nobody reads fills up (64 KiB) and
        # the bot blocks on its next log line.
        out_path, err_path = tmp_path / "stdout.log", tmp_path / "stderr.log"
        with out_path.open("w") as out_file, err_path.open("w") as err_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot"],
                env=env,
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=out_file,
                stderr=err_file,
                text=True,
            )
        try:
            user = EmulatedUser(api.emulator, 77, "Fay")
            assert _wait_for(lambda: api.emulator.commands, 30), "never registered commands"
            api.send_from_user(user.text("/start"))
            api.send_from_user(user.text("/help"))
            answered = _wait_for(lambda: len(api.emulator.messages_in(77)) >= 5, 30)
        finally:
            process.terminate()
            process.wait(timeout=30)
        stdout, stderr = out_path.read_text(), err_path.read_text()

    sent = [m["text"] for m in api.emulator.messages_in(77)]
    assert answered, stderr[-2000:]
    assert sent == [
        common.WELCOME.format(name="Fay"),
        questions.INTRO,
        questions.QUESTIONS["age"],
        common.help_text(),  # /help mid-onboarding answers, then the question comes back
        questions.QUESTIONS["age"],
    ]
    assert [c["command"] for c in api.emulator.commands] == list(common.COMMANDS)
    assert all(path.startswith(f"/bot{TOKEN}/") for path in api.requested_paths)
    assert " DEBUG " in stderr  # DEBUG logging was really on…
    assert TOKEN not in stderr + stdout  # …and still never printed the token
    assert "SECRET" not in stderr + stdout
