"""Shared test configuration: Hypothesis profiles (quick for `make test`, thorough for the soak)."""

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support.harness import Coach, running_coach
from tests.support.log_scan import SCAN

settings.register_profile("quick", max_examples=60, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture
async def coach(tmp_path: Path) -> AsyncIterator[Coach]:
    """The real bot on an emulated Telegram with a fresh SQLite file."""
    async with running_coach(tmp_path) as running:
        yield running


def pytest_configure(config: pytest.Config) -> None:
    """Keep every log line of the run for the raw-id scan (tests/test_zz_log_scan.py)."""
    SCAN.install()
