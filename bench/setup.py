"""What every benchmark builds the same way: its settings.

With BACKSTRIDE_DATABASE_URL set (an empty PostgreSQL database), a benchmark runs on
PostgreSQL instead of a fresh SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import Settings


def bench_settings(
    directory: Path, *, time_scale: float = 1.0, concurrent_updates: int = 256
) -> Settings:
    """Settings for a benchmark run: a fresh database under `directory`, quiet logging."""
    return Settings(
        token=None,
        api_base_url=None,
        db_path=directory / "bench.sqlite3",
        time_scale=time_scale,
        admin_ids=frozenset(),
        default_timezone="UTC",
        log_level="WARNING",
        concurrent_updates=concurrent_updates,
        database_url=os.environ.get("BACKSTRIDE_DATABASE_URL") or None,
    )
