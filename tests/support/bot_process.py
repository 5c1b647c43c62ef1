"""`python -m bot` as a child process against a loopback Bot API, for process-level tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.http_botapi import HttpBotApi

TOKEN = "123456:SECRET-token_value"


def bot_environment(api: HttpBotApi, db_path: Path, **variables: str) -> dict[str, str]:
    """The process environment of a bot talking to `api` with its database at `db_path`."""
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "BACKSTRIDE_DB_PATH": str(db_path),
        **variables,
    }


def wait_for(condition: Callable[[], object], seconds: float) -> bool:
    """Poll `condition` until it is truthy; False if `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class BotProcess:
    """A running `python -m bot`; its stderr goes to a file, so a chatty log never blocks it."""

    process: subprocess.Popen[bytes]
    stderr_path: Path

    def stop(self, signal_number: int = signal.SIGTERM, within: float = 30) -> int:
        """Send the signal and wait for the exit; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal_number)
        return self.process.wait(timeout=within)

    def stderr(self) -> str:
        """Everything the process wrote to stderr so far."""
        return self.stderr_path.read_text()


@contextmanager
def bot_process(env: dict[str, str], workdir: Path, *args: str) -> Iterator[BotProcess]:
    """Start `python -m bot [args]` in `workdir`; killed on exit if still running."""
    stderr_path = workdir / f"bot-stderr-{time.monotonic_ns()}.log"
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            env=env,
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        yield BotProcess(process, stderr_path)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
