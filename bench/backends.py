"""One benchmark on both stores in the same run: SQLite, then PostgreSQL.

    python -m bench.backends updates --runners 500 --replies 4
    python -m bench.backends cues --sessions 2000 --latency-ms 50 --check-s 60 --think-ms 2000

Runs `python -m bench.<name> ARGS` twice, each in a fresh process: on a fresh SQLite file,
then on a fresh database of a throwaway PostgreSQL server started on a loopback port (or the
empty database BACKSTRIDE_DATABASE_URL names). Prints each run's line under its store.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from tests.support.postgres_server import PostgresServer, start_server


def main(argv: list[str] | None = None) -> None:
    """Run the named benchmark on SQLite, then on PostgreSQL."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.exit("usage: python -m bench.backends BENCHMARK [ARGS...]")
    name, rest = args[0], args[1:]
    given = os.environ.pop("BACKSTRIDE_DATABASE_URL", None)
    _run("SQLite", name, rest, None)
    server: PostgresServer | None = None if given else start_server()
    try:
        url = given or asyncio.run(server.new_database())  # type: ignore[union-attr]
        _run("PostgreSQL", name, rest, url)
    finally:
        if server is not None:
            server.stop()


def _run(store: str, name: str, args: list[str], url: str | None) -> None:
    env = dict(os.environ)
    if url is not None:
        env["BACKSTRIDE_DATABASE_URL"] = url
    print(f"{store}:", flush=True)
    subprocess.run([sys.executable, "-m", f"bench.{name}", *args], env=env, check=True)


if __name__ == "__main__":
    main()
