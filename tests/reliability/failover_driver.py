"""Failover with real processes: two `python -m bot` on one PostgreSQL and one loopback fake
Bot API, live sessions under way, then the leader is killed (kill -9) or its lock connection
is cut (pg_terminate_backend). Shared by tests/reliability/test_failover.py (a few sessions)
and the benchmark command:

    python -m tests.reliability.failover_driver --sessions 200

(it starts its own PostgreSQL server, or uses --database-url). Session time runs `--scale`
times faster than real time, and so does the send budget (BACKSTRIDE_SEND_RATE = 30 x scale
unless `--send-rate` says otherwise): the budget and the cue deadlines are wall-clock, so 200
sessions compressed six-fold against an unscaled 30 messages/s would put the load of 1,200
sessions on it, which its interval section (29.6 cues/s) does not fit even with no failure.
Sessions start spread over one bout-and-walk cycle, so cues fall due throughout, during the
outage too. What is measured:
- first cue: seconds from the kill or cut to the first cue after the old leader is gone;
- lost: steps that never arrived and that no "where you are" line covered (a catch-up after
  missed cues, or the line that follows a cue dropped as stale, arriving after the step's due
  time tells the runner where the session is);
- dropped before: steps due before the failure whose cue never arrived, covered or not: the
  load, not the failover (a sign the budget is too small for the run);
- duplicated: a step that arrived more than once (at most one per session is allowed: the
  cue in flight when the leader died);
- caught up: sessions that got a "where you are" line after the failure;
- fence: for a cut, the old leader must have exited before the standby started to lead.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import asyncpg

from bot.config import DEFAULT_SEND_RATE, MAX_SEND_RATE
from bot.domain.live_session import LiveSession
from bot.domain.profile import Place
from bot.domain.programme import (
    Cause,
    PlanState,
    Reason,
    Route,
    session_template,
)
from bot.emulator.botapi import ApiCall
from bot.storage.database import Database
from bot.storage.live_sessions import LiveSessions, StoredSession
from bot.storage.plans import Plans
from bot.storage.profiles import Profiles
from bot.storage.runners import Runners
from bot.texts import session as session_texts
from bot.texts.session_timeline import build_session_timeline
from tests.reliability.crash_driver import cue_step, is_catch_up, runner_profile
from tests.support.bot_process import BotProcess, bot_environment, bot_process, wait_for
from tests.support.http_botapi import HttpBotApi

Failure = Literal["kill", "cut"]
TEMPLATE = session_template(Route.RUNNER, 1, 1)
# Seconds from seeding to the first session's start: two processes start, one leads after
# the fence (a session due before the leader is up would start with a catch-up line).
START_DELAY = 12.0
CYCLE_PLAN_S = 85  # one bout and one walk of the template: sessions start spread over it
AT_SHARE = 0.45  # the failure lands this share of the way through the sessions
FIRST_USER = 9000


SEEDED = Reason(Cause.START_OCCASIONAL)  # the plan a seeded runner was given


@dataclass
class FailoverFigures:
    """What one failover did to the sessions."""

    cause: Failure
    sessions: int
    steps: int = 0
    first_cue_s: float | None = None  # from the failure to the new leader's first cue
    old_leader_gone_s: float = 0.0  # from the failure to the old leader's exit
    new_leader_s: float | None = None  # from the failure to the standby's "leader" line
    ready_s: float | None = None  # from the failure until the new leader polls and runs jobs
    old_leader_exit_code: int | None = None
    lost: int = 0
    dropped_before: int = 0  # due before the failure, never arrived: the load, not the failover
    duplicated: int = 0
    most_duplicates_in_a_session: int = 0
    caught_up: int = 0
    sessions_cued_after: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line of figures."""
        first = "none" if self.first_cue_s is None else f"{self.first_cue_s:.2f} s"
        lead = "never" if self.new_leader_s is None else f"{self.new_leader_s:.2f} s"
        ready = "never" if self.ready_s is None else f"{self.ready_s:.2f} s"
        return (
            f"{self.cause}: {self.sessions} sessions, {self.steps} steps; first cue {first}"
            f" after the failure (old leader gone {self.old_leader_gone_s:.2f} s, exit"
            f" {self.old_leader_exit_code}; standby leads {lead}, ready {ready}); lost {self.lost}"
            f" (dropped before the failure {self.dropped_before}),"
            f" duplicated {self.duplicated} (at most {self.most_duplicates_in_a_session} in"
            f" a session), caught up {self.caught_up}, sessions cued after"
            f" {self.sessions_cued_after}"
        )


@dataclass(frozen=True, slots=True)
class _Arrival:
    at: float
    chat: int
    step: int | None
    says_where: bool
    text: str


class FailoverRun:
    """One run: seed, start a leader and a standby, fail the leader, watch, count."""

    def __init__(
        self,
        workdir: Path,
        api: HttpBotApi,
        url: str,
        sessions: int,
        scale: float,
        trace: Path | None = None,
        send_rate: int | None = None,
        spread: float | None = None,
    ):
        """`send_rate` None: the real budget sped up like session time; `spread` None: the
        sessions start over one interval cycle (module docstring)."""
        self._spread = CYCLE_PLAN_S / scale if spread is None else spread
        self._workdir = workdir
        self._send_rate = send_rate or min(MAX_SEND_RATE, round(DEFAULT_SEND_RATE * scale))
        self._trace = trace
        self._api = api
        self._url = url
        self._sessions = sessions
        self._scale = scale
        self._lock = threading.Lock()
        self._arrivals: list[_Arrival] = []
        self._due: dict[int, tuple[float, ...]] = {}
        api.emulator.listeners.append(self._listen)

    def run(self, cause: Failure) -> FailoverFigures:
        """The whole run; the figures."""
        figures = FailoverFigures(cause, self._sessions)
        start = time.time() + START_DELAY
        self._due = asyncio.run(
            seed_sessions(self._url, self._sessions, start, self._spread, self._scale)
        )
        env = bot_environment(
            self._api,
            self._workdir / "unused.sqlite3",
            BACKSTRIDE_DATABASE_URL=self._url,
            BACKSTRIDE_TIME_SCALE=str(self._scale),
            BACKSTRIDE_SEND_RATE=str(self._send_rate),
        )
        last_due = max(due[-1] for due in self._due.values())
        failure_at = start + AT_SHARE * (last_due - start)
        with (
            bot_process(env, self._workdir) as leader,
            bot_process(env, self._workdir) as standby,
        ):
            if not wait_for(lambda: leads(leader) or leads(standby), START_DELAY + 30):
                raise AssertionError("no process took the lead: " + leader.stderr()[-2000:])
            if leads(standby):
                leader, standby = standby, leader
            time.sleep(max(0.0, failure_at - time.time()))
            failed = self._fail(leader, cause)
            gone = _exit_time(leader, within=30)
            led = _first_time(lambda: leads(standby), within=30)
            ready = _first_time(lambda: _ready(standby), within=60)
            # Every session ends, or the last step is long overdue.
            deadline = last_due + (failed - start) + 30
            wait_for(lambda: self._ended(), max(0.0, deadline - time.time()))
            time.sleep(1.0)
            standby.stop()
        figures.old_leader_exit_code = leader.process.returncode
        figures.old_leader_gone_s = gone - failed
        figures.new_leader_s = None if led is None else led - failed
        figures.ready_s = None if ready is None else ready - failed
        if cause == "cut" and led is not None and gone >= led:
            figures.notes.append("the standby led before the old leader had stopped")
        self._count(figures, failed, gone)
        if self._trace is not None:
            self._write_trace(self._trace / cause, failed, [leader, standby])
        return figures

    def _write_trace(self, folder: Path, failed: float, processes: list[BotProcess]) -> None:
        """Every arrival (seconds from the failure, chat, step, text, the step's due time)
        as JSON lines, and both processes' logs: what the figures were counted from."""
        folder.mkdir(parents=True, exist_ok=True)
        with self._lock, (folder / "arrivals.jsonl").open("w") as out:
            for arrival in self._arrivals:
                due = self._due.get(arrival.chat)
                step_due = None if due is None or arrival.step is None else due[arrival.step - 1]
                record = {
                    "at": round(arrival.at - failed, 3),
                    "chat": arrival.chat,
                    "step": arrival.step,
                    "due": None if step_due is None else round(step_due - failed, 3),
                    "text": arrival.text[:60],
                }
                out.write(json.dumps(record) + "\n")
        for name, process in zip(("leader", "standby"), processes, strict=True):
            (folder / f"{name}.log").write_text(process.stderr())

    def _fail(self, leader: BotProcess, cause: Failure) -> float:
        if cause == "kill":
            failed = time.time()
            leader.process.send_signal(signal.SIGKILL)
            return failed
        return asyncio.run(self._cut_leader())

    async def _cut_leader(self) -> float:
        connection = await asyncpg.connect(self._url)
        try:
            failed = time.time()
            cut = await connection.fetchval(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name LIKE 'backstride leader%'"
            )
        finally:
            await connection.close()
        if cut != 1:
            raise AssertionError(f"expected one leader connection to cut, found {cut}")
        return failed

    def _listen(self, call: ApiCall) -> None:
        if call.method != "sendMessage" or not isinstance(call.result, dict):
            return
        text = str(call.result.get("text", ""))
        chat = int(call.result["chat"]["id"])
        with self._lock:
            self._arrivals.append(
                _Arrival(time.time(), chat, cue_step(text), says_where(text), text)
            )

    def _ended(self) -> bool:
        async def live() -> int:
            connection = await asyncpg.connect(self._url)
            try:
                return int(await connection.fetchval("SELECT count(*) FROM live_sessions"))
            finally:
                await connection.close()

        return asyncio.run(live()) == 0

    def _count(self, figures: FailoverFigures, failed: float, gone: float) -> None:
        with self._lock:
            arrivals = list(self._arrivals)
        after = [a for a in arrivals if a.at > gone and a.step is not None]
        figures.first_cue_s = min(a.at for a in after) - failed if after else None
        figures.sessions_cued_after = len({a.chat for a in after})
        for chat, due in self._due.items():
            mine = [a for a in arrivals if a.chat == chat]
            steps = Counter(a.step for a in mine if a.step is not None)
            catch_ups = [a.at for a in mine if a.says_where]
            figures.caught_up += any(at > failed for at in catch_ups)
            figures.steps += len(due) - 1
            extra = sum(count - 1 for count in steps.values())
            figures.duplicated += extra
            figures.most_duplicates_in_a_session = max(figures.most_duplicates_in_a_session, extra)
            for step in range(1, len(due)):
                covered = any(at > due[step - 1] for at in catch_ups)
                lost = step not in steps and not covered
                figures.lost += lost
                figures.dropped_before += step not in steps and due[step - 1] < failed


async def seed_sessions(
    url: str, sessions: int, start: float, spread: float, scale: float
) -> dict[int, tuple[float, ...]]:
    """Runners with a plan, each in a live session starting within `spread` seconds of
    `start` at `scale`; each runner's due times."""
    db = Database(Path("unused.sqlite3"), url)  # the path is not used with a URL
    await db.open()
    now = datetime.now(UTC)
    rng = random.Random(sessions)
    due: dict[int, tuple[float, ...]] = {}
    try:
        for user_id in range(FIRST_USER, FIRST_USER + sessions):
            profile = runner_profile(user_id)
            await Runners(db).record_contact(user_id, user_id, f"Runner{user_id}", now)
            await Profiles(db).save(profile, now)
            await Plans(db).start(user_id, PlanState.starting(1, now.date()), SEEDED, now)
            steps = build_session_timeline(TEMPLATE, profile, Place.TRACK)
            live = LiveSession.begin(steps, start + rng.uniform(0, spread), scale)
            session = StoredSession(
                user_id, user_id, now.date(), Place.TRACK, TEMPLATE, False, live
            )
            assert await LiveSessions(db).start(session, now)
            due[user_id] = live.due
    finally:
        await db.close()
    return due


_HELD_BACK_HEAD = session_texts.CUE_HELD_BACK.split("{")[0]


def says_where(text: str) -> bool:
    """A line that tells the runner where the session is: a catch-up, or the line after a
    cue dropped as stale."""
    return is_catch_up(text) or text.startswith(_HELD_BACK_HEAD)


def leads(process: BotProcess) -> bool:
    """True once the process has said it leads."""
    return "leader: this process" in process.stderr()


def _ready(process: BotProcess) -> bool:
    return "Application started" in process.stderr()


def _exit_time(process: BotProcess, within: float) -> float:
    process.process.wait(timeout=within)
    return time.time()


def _first_time(condition: object, within: float) -> float | None:
    """When `condition` first held (polled), or None."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return time.time()
        time.sleep(0.02)
    return None


def main() -> None:
    """The benchmark: both failures, on a PostgreSQL server of its own unless given one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--scale", type=float, default=6.0, help="session time speed-up")
    parser.add_argument("--database-url", help="an empty PostgreSQL database to use")
    parser.add_argument("--trace", type=Path, help="write arrivals and logs under this folder")
    parser.add_argument(
        "--send-rate", type=int, help="BACKSTRIDE_SEND_RATE of both bots (default 30 x scale)"
    )
    parser.add_argument(
        "--spread", type=float, help="seconds over which sessions start (default one cycle)"
    )
    parser.add_argument("--failure", choices=("kill", "cut"), help="only this one (default both)")
    args = parser.parse_args()
    import tempfile

    from tests.support.postgres_server import start_server

    server = None if args.database_url else start_server()
    try:
        causes: tuple[Failure, ...] = (args.failure,) if args.failure else ("kill", "cut")
        for cause in causes:
            url = args.database_url or asyncio.run(server.new_database())  # type: ignore[union-attr]
            with tempfile.TemporaryDirectory() as folder, HttpBotApi().serving() as api:
                run = FailoverRun(
                    Path(folder), api, url, args.sessions, args.scale, args.trace, args.send_rate
                )
                figures = run.run(cause)
            print(figures.line(), *figures.notes, sep="\n  ", flush=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    os.environ.setdefault("LOG_LEVEL", "INFO")
    main()
