"""The deploy kit without a Docker engine: the Dockerfile linted, its entrypoint and health
check run as processes with the image's settings, the compose file and systemd unit checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
# A full version (3.11.13, not 3.11) or a digest: a rebuild gets the same base.
_PINNED_IMAGE = re.compile(r"^[\w./-]+(:[\w-]*\d+\.\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$")


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    lines = [line.strip() for line in joined.splitlines()]
    pairs = [line.split(maxsplit=1) for line in lines if line and not line.startswith("#")]
    return [(pair[0].upper(), pair[1] if len(pair) > 1 else "") for pair in pairs]


def _final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last_from = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[last_from:]


def _arguments(instructions: list[tuple[str, str]], name: str) -> list[str]:
    return [arguments for instruction, arguments in instructions if instruction == name]


def _image_env(stage: list[tuple[str, str]]) -> dict[str, str]:
    pairs = " ".join(_arguments(stage, "ENV")).split()
    return dict(pair.split("=", 1) for pair in pairs)


STAGE = _final_stage(_instructions((DEPLOY / "Dockerfile").read_text()))


def test_the_dockerfile_pins_its_bases_and_fetches_nothing_with_add() -> None:
    instructions = _instructions((DEPLOY / "Dockerfile").read_text())
    bases = [arguments.split()[0] for arguments in _arguments(instructions, "FROM")]

    assert bases and all(_PINNED_IMAGE.match(base) for base in bases), bases
    assert all(base.startswith("python:3.11") and "slim" in base for base in bases)
    assert _arguments(instructions, "ADD") == []  # COPY only: no URLs, no auto-extraction


def test_the_image_runs_as_a_non_root_user_with_the_database_on_a_volume() -> None:
    [user] = _arguments(STAGE, "USER")
    env = _image_env(STAGE)

    assert user.split(":")[0] not in ("root", "0")
    assert env["BACKSTRIDE_DB_PATH"] == "/data/backstride.sqlite3"
    assert env["MPLCONFIGDIR"].startswith("/tmp/")  # writable under a read-only root
    assert json.loads(_arguments(STAGE, "VOLUME")[0]) == ["/data"]
    assert _arguments(STAGE, "HEALTHCHECK"), "no HEALTHCHECK"


def _exec_form(arguments: str) -> list[str]:
    command: list[str] = json.loads(arguments[arguments.index("[") :])
    return command


def _as_here(command: list[str], data: Path) -> list[str]:
    """The image's command for this machine: this Python, `data` instead of /data."""
    python = [sys.executable] if command[0] == "python" else [command[0]]
    return python + [part.replace("/data", str(data)) for part in command[1:]]


def test_the_images_entrypoint_and_health_check_work_with_its_settings(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    entrypoint = _exec_form(_arguments(STAGE, "ENTRYPOINT")[0])
    health = _exec_form(_arguments(STAGE, "HEALTHCHECK")[0])
    env = {
        **os.environ,
        **{k: v.replace("/data", str(data)) for k, v in _image_env(STAGE).items()},
    }

    def run(command: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _as_here(command, data), env=env, cwd=tmp_path, capture_output=True, text=True
        )

    before_migration = run(health)
    migrated = run([*entrypoint, "migrate"])
    after_migration = run(health)
    schema_only = run([*health, "--schema"])
    backup = run([*entrypoint, "backup", "/data/backups/first.sqlite3"])

    assert before_migration.returncode == 1  # no database yet: unhealthy
    assert migrated.returncode == 0, migrated.stderr
    assert after_migration.returncode == 1  # no bot has beaten on it yet
    assert after_migration.stderr == "unhealthy: the bot has not run on this database yet\n"
    assert schema_only.returncode == 0, schema_only.stderr
    assert schema_only.stdout.startswith("healthy: ")
    assert backup.returncode == 0, backup.stderr
    assert (data / "backups" / "first.sqlite3").stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint is not installed")
def test_hadolint_finds_nothing() -> None:
    result = subprocess.run(
        ["hadolint", str(DEPLOY / "Dockerfile")], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stdout


def test_the_compose_file_keeps_the_database_on_a_named_volume_and_caddy_optional() -> None:
    compose = (DEPLOY / "compose.yaml").read_text()
    caddy = compose[compose.index("\n  caddy:") : compose.index("\nvolumes:")]

    assert "dockerfile: deploy/Dockerfile" in compose
    assert "- backstride-data:/data" in compose
    assert "\n  backstride-data:" in compose[compose.index("\nvolumes:") :]
    assert "BACKSTRIDE_DB_PATH: /data/backstride.sqlite3" in compose
    assert 'test: ["CMD", "python", "-m", "bot", "health"]' in compose
    assert "profiles:\n      - webhook" in caddy
    assert "reverse_proxy bot:8443" in (DEPLOY / "Caddyfile").read_text()


def _unit_settings(unit: str) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = defaultdict(list)
    for line in unit.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings[key].append(value)
    return settings


def test_the_systemd_unit_runs_the_bot_unprivileged_and_hardened() -> None:
    unit = _unit_settings((DEPLOY / "backstride.service").read_text())
    db_path = dict(v.split("=", 1) for v in unit["Environment"])["BACKSTRIDE_DB_PATH"]

    assert unit["ExecStart"] == ["/opt/backstride/.venv/bin/python -m bot run"]
    assert unit["Type"] == ["notify"] and unit["NotifyAccess"] == ["main"]
    assert unit["WatchdogSec"] == ["60"]
    assert unit["User"] == ["backstride"] and unit["KillSignal"] == ["SIGTERM"]
    assert unit["ReadWritePaths"] == [str(Path(db_path).parent)]
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "PrivateDevices": "yes",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
        "CapabilityBoundingSet": "",
        "UMask": "0077",
    }.items():
        assert unit[key] == [value], key
