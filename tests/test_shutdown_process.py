"""SIGTERM during a live session: `python -m bot` exits 0 with the database closed, and the
next start carries the session on without repeating a cue. Logged as JSON lines meanwhile.
On SQLite and on PostgreSQL, where the stopping leader hands its lock back and the next
start must take the lead before it can resume the session."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.user import EmulatedUser
from bot.runtime.update_trace import log_key_for, runner_tag
from bot.storage.database import Database
from bot.storage.plans import Plans
from bot.storage.profiles import Profiles
from bot.storage.runners import Runners
from bot.texts import session as session_texts
from tests.support.bot_process import TOKEN, bot_environment, bot_process, wait_for
from tests.support.http_botapi import HttpBotApi
from tests.support.live_session import TRACK_JOGGER, is_cue

CHAT = TRACK_JOGGER.user_id
SAFETY_TAPS = ("Running track", "Yes, all three", "No, I'm fresh", "0", "Ready")
SCALE = "120"  # the 16-minute session takes 8 s: a 5 min warm-up, then 25 s bouts
_STEP = re.compile(r"Step (\d+) of \d+")
_ENDINGS = (session_texts.DONE.split("{")[0], session_texts.DONE_CAUGHT_UP)
_CAUGHT_UP_HEAD = session_texts.CAUGHT_UP.split("{")[0]


async def _register_runner(db_path: Path, url: str | None) -> None:
    database = Database(db_path, url)
    await database.open()
    now = datetime.now(UTC)
    await Runners(database).record_contact(CHAT, CHAT, "Ana", now)
    await Profiles(database).save(TRACK_JOGGER, now)
    # Past the walking week: level 1, the 11 steps the cues are counted against.
    jogging = PlanState.starting(1, now.date())
    await Plans(database).start(CHAT, jogging, Reason(Cause.PROGRESS_LEVEL), now)
    await database.close()


async def _stored_progress(db_path: Path, url: str | None) -> list[int]:
    """Each stored live session's next cue index, read while no bot runs."""
    database = Database(db_path, url)
    await database.open()
    try:
        rows = await database.fetch_all("SELECT next_index FROM live_sessions")
    finally:
        await database.close()
    return [int(row[0]) for row in rows]


def _texts(api: HttpBotApi) -> list[str]:
    return [
        str(call["text"]) for call in api.calls_of("sendMessage") if int(call["chat_id"]) == CHAT
    ]


def _cue_steps(texts: list[str]) -> list[int]:
    return [int(_STEP.findall(text)[0]) for text in texts if is_cue(text)]


def _start_session(api: HttpBotApi, user: EmulatedUser) -> None:
    api.send_from_user(user.text("/go"))
    for label in SAFETY_TAPS:
        assert wait_for(lambda label=label: api.tap(user, label), 20), f"no {label!r} button"


async def test_sigterm_mid_session_exits_cleanly_and_the_restart_resumes_it(
    tmp_path: Path, database_url: str | None
) -> None:
    db_path = tmp_path / "bot.sqlite3"
    await _register_runner(db_path, database_url)
    await asyncio.to_thread(_stop_and_restart, tmp_path, db_path, database_url)


def _stop_and_restart(tmp_path: Path, db_path: Path, url: str | None) -> None:
    store = {} if url is None else {"BACKSTRIDE_DATABASE_URL": url}
    with HttpBotApi().serving() as api:
        env = bot_environment(
            api, db_path, BACKSTRIDE_TIME_SCALE=SCALE, LOG_FORMAT="json", LOG_LEVEL="INFO", **store
        )
        user = EmulatedUser(api.emulator, CHAT, "Ana")
        with bot_process(env, tmp_path) as first:
            assert wait_for(lambda: api.calls_of("setMyCommands"), 30), first.stderr()
            _start_session(api, user)
            assert wait_for(lambda: _cue_steps(_texts(api)), 20), first.stderr()[-2000:]
            first_exit = first.stop()
            first_log = first.stderr()
        sent_before_restart = _texts(api)
        wal_left = Path(f"{db_path}-wal").exists()
        stored = asyncio.run(_stored_progress(db_path, url))
        with bot_process(env, tmp_path) as second:
            ended = wait_for(lambda: any(t.startswith(_ENDINGS) for t in _texts(api)), 30)
            second_exit = second.stop()
            second_log = second.stderr()

    assert first_exit == 0, first_log[-2000:]
    assert not wal_left  # the database was closed (the last close checkpoints the WAL away)
    assert len(stored) == 1 and stored[0] >= 1  # the session, with its progress, survived
    assert ended, second_log[-2000:]
    after_restart = _texts(api)[len(sent_before_restart) :]
    resumed_steps = _cue_steps(after_restart)
    caught_up = [text for text in after_restart if text.startswith(_CAUGHT_UP_HEAD)]
    assert resumed_steps or caught_up, after_restart  # a cue or the catch-up, then on
    all_steps = _cue_steps(_texts(api))
    assert len(all_steps) == len(set(all_steps)) and all_steps == sorted(all_steps)
    assert not resumed_steps or resumed_steps[0] > max(_cue_steps(sent_before_restart))
    assert second_exit == 0
    _assert_json_lines_without_secrets_or_texts(first_log + second_log, _texts(api))


def _assert_json_lines_without_secrets_or_texts(log: str, sent_texts: list[str]) -> None:
    entries = [json.loads(line) for line in log.splitlines()]
    update_lines = [e["message"] for e in entries if e["logger"] == "bot.runtime.update_trace"]
    tag = runner_tag(CHAT, log_key_for(TOKEN))
    # /go and five taps; every update logged once, with the runner's tag instead of the id.
    assert len(update_lines) == 1 + len(SAFETY_TAPS)
    assert all(line.endswith(f"from runner {tag}") for line in update_lines), update_lines
    assert not any(re.search(rf"\b{CHAT}\b", line) for line in update_lines)
    assert {e["level"] for e in entries} <= {"INFO", "WARNING"}
    assert TOKEN not in log and "SECRET" not in log
    assert "/go" not in log
    for text in sent_texts:
        assert text.splitlines()[0] not in log
