"""Settings: defaults, .env files, and one clear line with exit code 2 for each bad variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_DB_PATH, ConfigError, load_settings


def test_defaults_with_an_empty_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    settings = load_settings({}, env_file=None)

    assert settings.token is None
    assert settings.api_base_url is None
    assert settings.db_path == DEFAULT_DB_PATH
    assert settings.time_scale == 1.0
    assert settings.admin_ids == frozenset()
    assert settings.default_timezone == "UTC"
    assert settings.log_level == "INFO"
    assert settings.concurrent_updates == 256


def test_every_variable_is_read(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc_DEF-9",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot/",
            "BACKSTRIDE_DB_PATH": str(tmp_path / "x" / "b.sqlite3"),
            "BACKSTRIDE_TIME_SCALE": "60",
            "BACKSTRIDE_ADMIN_IDS": "1, 22,333",
            "BACKSTRIDE_DEFAULT_TZ": "Europe/London",
            "LOG_LEVEL": "debug",
            "BACKSTRIDE_CONCURRENT_UPDATES": " 32 ",
        },
        env_file=None,
    )

    assert settings.token == "123:abc_DEF-9"
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.db_path == tmp_path / "x" / "b.sqlite3"
    assert (tmp_path / "x").is_dir()
    assert settings.time_scale == 60.0
    assert settings.admin_ids == frozenset({1, 22, 333})
    assert settings.default_timezone == "Europe/London"
    assert settings.log_level == "DEBUG"
    assert settings.concurrent_updates == 32


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TELEGRAM_BOT_TOKEN=1:fromfile\nBACKSTRIDE_TIME_SCALE=5\n")

    settings = load_settings({"BACKSTRIDE_TIME_SCALE": "7"}, env_file=env_file)

    assert settings.token == "1:fromfile"
    assert settings.time_scale == 7.0


BAD_VALUES = [
    ("TELEGRAM_BOT_TOKEN", "not-a-token"),
    ("TELEGRAM_BOT_TOKEN", "123:abc def"),
    ("TELEGRAM_API_BASE_URL", "ftp://example.org/bot"),
    ("TELEGRAM_API_BASE_URL", "localhost:8081"),
    ("BACKSTRIDE_TIME_SCALE", "fast"),
    ("BACKSTRIDE_TIME_SCALE", "0"),
    ("BACKSTRIDE_TIME_SCALE", "-3"),
    ("BACKSTRIDE_ADMIN_IDS", "12,abc"),
    ("BACKSTRIDE_DEFAULT_TZ", "Mars/Olympus"),
    ("LOG_LEVEL", "LOUD"),
    ("BACKSTRIDE_CONCURRENT_UPDATES", "many"),
    ("BACKSTRIDE_CONCURRENT_UPDATES", "2.5"),
    ("BACKSTRIDE_CONCURRENT_UPDATES", "0"),
    ("BACKSTRIDE_CONCURRENT_UPDATES", "-4"),
    ("BACKSTRIDE_DATABASE_URL", "mysql://db/backstride"),
    ("BACKSTRIDE_DATABASE_URL", "backstride.sqlite3"),
    ("BACKSTRIDE_SEND_RATE", "fast"),
    ("BACKSTRIDE_SEND_RATE", "0"),
    ("BACKSTRIDE_SEND_RATE", "1001"),
]


@pytest.mark.parametrize(("variable", "value"), BAD_VALUES)
def test_a_bad_value_names_its_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({variable: value}, env_file=None)

    assert raised.value.variable == variable
    assert str(raised.value).startswith(f"{variable}: ")


def test_a_postgresql_url_chooses_postgresql_and_none_keeps_sqlite() -> None:
    url = "postgresql://coach:secret@db:5432/backstride"

    chosen = load_settings({"BACKSTRIDE_DATABASE_URL": url}, env_file=None)
    default = load_settings({}, env_file=None)

    assert (chosen.database_url, default.database_url) == (url, None)


def test_one_concurrent_update_is_accepted() -> None:
    settings = load_settings({"BACKSTRIDE_CONCURRENT_UPDATES": "1"}, env_file=None)

    assert settings.concurrent_updates == 1


@pytest.mark.parametrize(("raw", "rate"), [("", 30), ("1000", 1000), (" OFF ", None)])
def test_the_send_rate_is_telegrams_by_default_paid_broadcasts_or_off(
    raw: str, rate: int | None
) -> None:
    settings = load_settings({"BACKSTRIDE_SEND_RATE": raw}, env_file=None)

    assert settings.send_rate == rate


def test_an_unwritable_db_path_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # root ignores permissions; use a path under a file
        target = tmp_path / "afile"
        target.write_text("")
        path = target / "sub" / "db.sqlite3"
    else:
        path = locked / "db.sqlite3"

    with pytest.raises(ConfigError) as raised:
        load_settings({"BACKSTRIDE_DB_PATH": str(path)}, env_file=None)

    assert raised.value.variable == "BACKSTRIDE_DB_PATH"


def test_a_directory_as_db_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_settings({"BACKSTRIDE_DB_PATH": str(tmp_path)}, env_file=None)


@pytest.mark.parametrize(
    ("variable", "value"),
    [*BAD_VALUES, ("BACKSTRIDE_DB_PATH", "/proc/no/such/place.sqlite3")],
)
def test_the_program_exits_2_with_one_clear_line(tmp_path: Path, variable: str, value: str) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "BACKSTRIDE_DB_PATH": str(tmp_path / "d.sqlite3"),
        variable: value,
    }

    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"backstride: configuration error: {variable}: ")
    assert "Traceback" not in result.stderr
