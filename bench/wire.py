"""The real wire for benchmarks: a loopback aiohttp fake Bot API, `python -m bot` as its own
process against it, and a minimal reference sender on the same API.

The fake API answers from the Bot API emulator after an injected latency, and can fail a
share of sends with 429 (retry after 1 s) or 500. It listens on 127.0.0.1 only. Arrivals are
stamped when a request reaches it, before its latency, as Telegram would see them.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app import build_application
from bot.config import Settings
from bot.emulator.botapi import BotApiEmulator, EmulatedRequest, Json
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication

TOKEN = "123456:bench-wire"
_REPO = Path(__file__).resolve().parents[1]
_JSON_FIELDS = frozenset({"reply_markup", "commands", "entities", "allowed_updates"})
_FAULTABLE = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup"})
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class FakeBotApi:
    """The Bot API on 127.0.0.1: `emulator` answers, `queue_update` feeds getUpdates."""

    def __init__(self, latency_s: float, *, seed: int = 0) -> None:
        self.emulator = BotApiEmulator(keep_calls=False)
        self.latency_s = latency_s
        self.faults = {429: 0, 500: 0}
        self._shares = ((429, 0.0), (500, 0.0))
        self._rng = random.Random(seed)
        self._updates: list[Json] = []
        self._arrived = asyncio.Event()
        self.polled = asyncio.Event()  # set by the first getUpdates: the bot is up
        self.base_url = ""

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[FakeBotApi]:
        """Listen on a free loopback port until the block ends (with as many open files as
        the system allows this process: two clients' connections end here)."""
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._answer)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        port = runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        try:
            yield self
        finally:
            await runner.cleanup()

    def fail_sends(self, share_429: float, share_500: float) -> None:
        """From now on fail these shares of sends (and edits) with 429 and 500."""
        self._shares = ((429, share_429), (500, share_500))

    def queue_update(self, payload: Json) -> None:
        """Number an update and hand it out with the next getUpdates."""
        self._updates.append(self.emulator.number_update(payload))
        self._arrived.set()

    async def _answer(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        if method == "getUpdates":
            return await self._get_updates(params)
        fault = self._fault(method)
        if fault is None:
            status, body = self.emulator.answer(method, params, {})
        else:
            status, body = fault, _fault_body(fault)
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        return web.json_response(body, status=status)

    def _fault(self, method: str) -> int | None:
        if method not in _FAULTABLE:
            return None
        draw = self._rng.random()
        for status, share in self._shares:
            if draw < share:
                self.faults[status] += 1
                return status
            draw -= share
        return None

    async def _get_updates(self, params: Json) -> web.Response:
        self.polled.set()
        offset = int(params.get("offset", 0))
        self._updates = [update for update in self._updates if update["update_id"] >= offset]
        if not self._updates:
            self._arrived.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), float(params.get("timeout", 0)))
        return web.json_response({"ok": True, "result": self._updates[:100]})


async def _params(request: web.Request) -> Json:
    """A call's parameters, from a JSON body or a form, with Telegram's JSON-serialized
    fields (a keyboard, ...) read as objects."""
    if request.content_type == "application/json":
        fields: dict[str, Any] = await request.json()
    else:
        fields = {key: str(value) for key, value in (await request.post()).items()}
    return {
        key: json.loads(value) if key in _JSON_FIELDS and isinstance(value, str) else value
        for key, value in fields.items()
    }


def _fault_body(status: int) -> Json:
    if status == 429:
        return {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        }
    return {"ok": False, "error_code": status, "description": "Internal Server Error"}


async def seed_offline(
    settings: Settings, fill: Callable[[CoachApplication], Awaitable[None]]
) -> None:
    """Store what a run needs (`fill`) with the bot offline: the emulator answers its calls."""
    offline = BotApiEmulator()
    application = build_application(
        settings, request=EmulatedRequest(offline), updates_request=EmulatedRequest(offline)
    )
    async with running(application, poll=False):
        await fill(application)


@dataclass(frozen=True)
class Usage:
    """A process's CPU-seconds (user + system) and its resident memory now and at its peak."""

    cpu_s: float
    rss_mb: float
    peak_rss_mb: float

    def __sub__(self, earlier: Usage) -> Usage:
        return Usage(self.cpu_s - earlier.cpu_s, self.rss_mb, self.peak_rss_mb)


def usage_of(pid: int) -> Usage:
    """Read a live process's usage from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return Usage(cpu, _kb(status.get("VmRSS", "0 kB")) / 1024, _kb(status["VmHWM"]) / 1024)


def _kb(text: str) -> float:
    return float(text.split()[0])


def child_environment(**variables: str) -> dict[str, str]:
    """The environment of a child process that imports this checkout."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(_REPO), path)))} | (
        variables
    )


@asynccontextmanager
async def bot_process(
    api: FakeBotApi, db_path: Path, **variables: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m bot` polling `api`, its database at `db_path`; stderr kept beside it. On
    exit it is stopped with SIGTERM; the fake API goes on answering while it shuts down."""
    env = child_environment(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        BACKSTRIDE_DB_PATH=str(db_path),
        LOG_LEVEL="WARNING",
        **variables,
    )
    with (db_path.parent / "bot-stderr.log").open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            env=env,
            cwd=db_path.parent,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


@asynccontextmanager
async def profiled(pid: int, output: Path | None) -> AsyncIterator[None]:
    """With an output path, sample `pid` with py-spy (collapsed stacks) while the block runs.
    py-spy is not a dependency: install it into the environment to use --profile."""
    if output is None:
        yield
        return
    spy = await asyncio.create_subprocess_exec(
        *_py_spy(),
        "record",
        "--pid",
        str(pid),
        "--format",
        "raw",
        "--rate",
        "97",
        "--nonblocking",
        "--output",
        str(output),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        await spy.wait()


def _py_spy() -> list[str]:
    beside = Path(sys.executable).with_name("py-spy")
    return [str(beside) if beside.exists() else "py-spy"]


def loop_profile(collapsed: Path, count: int = 5) -> tuple[list[tuple[str, float]], str]:
    """From a py-spy raw profile, the event loop's busy time: its `count` hottest frames (on
    top of the stack) as (frame, share), and its shares by package of those frames. Samples
    of other threads (aiosqlite's) and of the loop waiting in select() are left out."""
    frames: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    for line in collapsed.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        leaf = stack.rsplit(";", 1)[-1]
        if "run_forever" not in stack or leaf.startswith("EpollSelector.select"):
            continue
        frames[leaf] += int(samples)
        path = leaf.rpartition("(")[2]
        packages[path.split("/", 1)[0] if "/" in path else path.split(":")[0]] += int(samples)
    total = max(1, sum(frames.values()))
    by_package = " ".join(f"{name}={hits / total:.0%}" for name, hits in packages.most_common(8))
    return [(frame, hits / total) for frame, hits in frames.most_common(count)], by_package


def print_profile(collapsed: Path) -> None:
    """Print `loop_profile`'s figures: shares by package, then the hottest frames."""
    hottest, by_package = loop_profile(collapsed)
    print(f"profile: event loop busy time by package: {by_package}")
    for frame, share in hottest:
        print(f"profile: {share:.1%} {frame}")


@dataclass(frozen=True)
class Planned:
    """One message the reference sender sends: to whom, when (unix time), what."""

    chat_id: int
    due: float
    text: str


async def run_reference(base_url: str, plan: Sequence[Planned]) -> Usage:
    """Run the reference sender as its own process over `plan`; its usage during the plan."""
    plan_file = json.dumps([[item.chat_id, item.due, item.text] for item in plan])
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.reference_sender",
        f"{base_url}{TOKEN}",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=child_environment(),
    )
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write(plan_file.encode() + b"\n")
    await process.stdin.drain()
    await process.stdout.readline()  # "ready": imports done, plan read
    before = usage_of(process.pid)
    process.stdin.write(b"go\n")
    await process.stdin.drain()
    await process.stdout.readline()  # "done": every message answered
    after = usage_of(process.pid)
    process.stdin.close()
    await process.wait()
    return after - before


def ratio(value: float, reference: float) -> str:
    """value / reference, for the printed lines ('inf' when the reference is 0)."""
    if reference <= 0:
        return "inf" if value > 0 else "1.0"
    return f"{value / reference:.1f}"
