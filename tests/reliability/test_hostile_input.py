"""Hostile input: a Hypothesis state machine drives several runners through random commands,
texts (empty, 4,096 characters, emoji, right-to-left, control characters, SQL-looking),
stickers, photos, documents, voice notes, locations, edited messages, and button taps with
forged or stale data, including data naming another runner's logs and sessions.

After every update: nothing reached the error handler and nobody was told something went
wrong; the update got an answer (a reply, an edit, or at least a stopped spinner: the bot
leaves nothing unanswered on purpose); every message it caused went to the sender's chat and
held none of another runner's data; and no other runner's rows changed.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from contextlib import AsyncExitStack
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from bot.app import build_application
from bot.domain.profile import Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import ApiCall, EmulatedRequest, Json
from bot.flows.reminders.jobs import sync_reminders
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.lifecycle import running
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import common
from tests.reliability.crash_driver import runner_profile
from tests.storage.test_runner_data import Rows, about, dump
from tests.support.harness import ChatRunner, Coach, settings_for_test
from tests.support.live_session import pass_safety_check

# Runner ids: two with profiles and logs (one of them in a live session), one half-way through
# onboarding, one who never wrote before.
LOGGER, RUNNING, ONBOARDING, STRANGER = 9101, 9102, 9103, 9104
RUNNERS = (LOGGER, RUNNING, ONBOARDING, STRANGER)
_ERROR_LINE = "error while handling an update"


def _marker(user_id: int) -> str:
    """A string only this runner's data holds (in their log notes)."""
    return f"private-note-of-{user_id}-qz"


_SPECIAL_TEXTS = (
    "",
    " ",
    "x" * 4096,
    "🏃" * 2048,  # 4,096 UTF-16 units, Telegram's limit
    "🏃‍♀️⏪🔥👍🏽🧑‍🤝‍🧑",
    "مرحبا، ركضت إلى الخلف ١٠ دقائق",
    "שלום 7/10 כאב 2",
    "\u202egnp.exe 10 min\u202c",
    "\x00\x01\x02\x1b[31m\r\n\t\x7f",
    "\u200b\ufeff\u2060",
    "'; DROP TABLE profiles; --",
    "1 OR 1=1",
    "Robert'); DELETE FROM session_logs WHERE ('1'='1",
    '" OR ""="',
    "%s %d {0} {} %(name)s",
    "7/10, knee 2, avg hr 148, 1.2 km, windy",
    "yes",
    "no",
    "34",
    "18:00",
    "better",
)
_COMMANDS = (
    "/start",
    "/help",
    "/cancel",
    "/plan",
    "/go",
    "/pause",
    "/resume",
    "/skip",
    "/stop",
    "/log",
    "/log yesterday 12 min effort 6 pain 1",
    "/log tomorrow -5 min effort 99",
    "/reminders",
    "/reminders lead 45",
    "/reminders quiet 25-99",
    "/reminders off",
    "/calendar",
    "/calendar reset",
    "/workout",
    "/workout speed 99",
    "/workout speed",
    "/history",
    "/progress",
    "/export",
    "/delete",
    "/profile",
    "/stats",
    "/nonsense",
    "/",
    "/start@backstride_bot extra words",
)
_TEXTS = st.one_of(
    st.sampled_from(_SPECIAL_TEXTS),
    st.text(max_size=200),
    st.builds(lambda char: char * 4096, st.characters()),  # surrogates left out by default
    st.builds(lambda command, rest: f"{command} {rest}", st.sampled_from(_COMMANDS), st.text()),
)
# Button data nobody sent ({log}: a log of another runner, or of nobody).
FORGED = (
    "log|{log}|effort|5",
    "log|{log}|pain|9",
    "log|{log}|site|knee",
    "log|{log}|notes|x",
    "logok|{log}|yes",
    "am|{log}|worse",
    "log|99999999999999999999999|effort|5",
    "log|²|effort|5",
    "am|٣|better",
    "am|²|better",
    "am|99999999999999999999999|better",
    "hist|99999",
    "hist|99999999999999999999999",
    "hist|²",
    "hist|-1",
    "live|stop",
    "live|pause",
    "live|skip",
    "live|",
    "safety|pain_9",
    "safety|nonsense",
    "ob|age|999",
    "ob||",
    "obresume|restart",
    "pf|weekdays",
    "pf|cleared",
    "rem|snooze|9999-99-99",
    "rem|move|2020-02-30",
    "rem|move|9999-12-31",
    "rem|move|0001-01-01",
    "rem|skip|2025-01-01",
    "remset|lead 9999",
    "realign|back",
    "delete|no",
    "go",
    "",
)
# Forged data that crashed a handler when this suite found it: int() of '²' (isdigit() is
# True) or of a number too big for SQLite in session_log.py tap_answer and tap_morning and
# records.py turn_history_page; dates overflowing around 0001-01-01 and 9999-12-31 in
# reminders.py _move. The state machine tries them too; the test below tries each at once.
CRASHED_BEFORE = (
    "log|99999999999999999999999|effort|5",
    "log|²|effort|5",
    "am|²|better",
    "am|99999999999999999999999|better",
    "hist|²",
    "rem|move|9999-12-31",
    "rem|move|0001-01-01",
)
_FILE_NAMES = st.sampled_from(
    ["run.gpx", "run.tcx", "run.fit", "notes.txt", "", "../../etc/passwd", "💥.FIT", "a" * 300]
)


class HostileChats(RuleBasedStateMachine):
    """Runners sending anything at all to one bot, one update at a time."""

    updates_tried = 0  # across every example of a run

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.directory = tempfile.TemporaryDirectory()
        self.errors = _Collector()
        logging.getLogger().addHandler(self.errors)
        zone = _quiet_zone(datetime.now(UTC))
        self.coach = Coach(
            settings_for_test(Path(self.directory.name) / "fuzz.sqlite3", default_timezone=zone)
        )
        self.runners = {uid: self.coach.runner(uid, f"Runner{uid}") for uid in RUNNERS}
        self.log_ids: list[int] = []
        self._stack = AsyncExitStack()
        self._run(self._start())
        self._run(self._enrol(zone))

    def _run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    async def _start(self) -> None:
        """The bot, without Telegram's rate limits: thousands of replies, pacing not the point."""
        application = build_application(
            self.coach.settings,
            request=EmulatedRequest(self.coach.emulator),
            updates_request=EmulatedRequest(self.coach.emulator),
            rate_limiter=PriorityRateLimiter(None, group_per_minute=None),
        )
        self.coach.application = application
        await self._stack.enter_async_context(running(application, poll=False))

    async def _enrol(self, zone: str) -> None:
        services, now = self.coach.services, datetime.now(UTC)
        today = now.astimezone(ZoneInfo(zone)).date()  # the runner's, not UTC's (a day apart)
        for user_id in (LOGGER, RUNNING):
            await services.runners.record_contact(user_id, user_id, f"Runner{user_id}", now)
            await services.profiles.save(_profile(user_id, zone), now)
            await services.plans.start(
                user_id, PlanState.starting(1, today), Reason(Cause.START_OCCASIONAL), now
            )
            await sync_reminders(self.coach.app, user_id)
            for days_ago in (1, 3):
                day = today - timedelta(days=days_ago)
                log_id = await services.logs.create(
                    NewLog(user_id, day, LogSource.MANUAL, True, 600), now
                )
                notes = LogAnswers(effort=5, pain=1, notes=_marker(user_id))
                await services.logs.answer(user_id, log_id, notes, now)
                self.log_ids.append(log_id)
        await pass_safety_check(self.runners[RUNNING])
        await self.runners[ONBOARDING].send("/start")
        await self.runners[ONBOARDING].send("34")
        await self._settle()

    def teardown(self) -> None:
        """Stop the bot and clean up."""
        self._run(self._stack.aclose())
        self.loop.close()
        logging.getLogger().removeHandler(self.errors)
        self.directory.cleanup()

    # --- the updates ------------------------------------------------------------------------

    @rule(data=st.data())
    def text(self, data: st.DataObject) -> None:
        """A text or command."""
        runner = self._pick(data)
        self._send(runner, runner.user.text(data.draw(_TEXTS)))

    @rule(data=st.data())
    def command(self, data: st.DataObject) -> None:
        """One of the bot's commands (or a wrong one)."""
        runner = self._pick(data)
        self._send(runner, runner.user.text(data.draw(st.sampled_from(_COMMANDS))))

    @rule(data=st.data(), kind=st.sampled_from(["sticker", "photo", "voice"]))
    def media(self, data: st.DataObject, kind: str) -> None:
        """A sticker, photo or voice note."""
        runner = self._pick(data)
        self._send(runner, getattr(runner.user, kind)())

    @rule(data=st.data(), name=_FILE_NAMES, content=st.binary(max_size=512))
    def document(self, data: st.DataObject, name: str, content: bytes) -> None:
        """A file, often named like a watch export, holding anything."""
        runner = self._pick(data)
        self._send(runner, runner.user.document(name, content))

    @rule(data=st.data(), latitude=st.floats(-90, 90), longitude=st.floats(-180, 180))
    def location(self, data: st.DataObject, latitude: float, longitude: float) -> None:
        """A shared location."""
        runner = self._pick(data)
        self._send(runner, runner.user.location(latitude, longitude))

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        """An edit of an earlier message, to anything."""
        runner = self._pick(data)
        message_id = data.draw(st.none() | st.integers(1, 2_000_000))
        self._send(runner, runner.user.edited(data.draw(_TEXTS), message_id))

    @rule(data=st.data())
    def press_a_real_button(self, data: st.DataObject) -> None:
        """A button the bot sent, on its newest message or an old one."""
        runner = self._pick(data)
        pressable = [
            (message, str(button["callback_data"]))
            for message in runner.inbox()
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]
        if pressable:
            message, callback_data = data.draw(st.sampled_from(pressable))
            self._send(runner, runner.user.tap(message, callback_data))

    @rule(data=st.data())
    def press_forged_data(self, data: st.DataObject) -> None:
        """A tap whose data nobody sent: another runner's log ids, stale or malformed."""
        runner = self._pick(data)
        other_log = data.draw(st.sampled_from(self.log_ids)) if self.log_ids else 1
        forged = [item.format(log=other_log) for item in FORGED]
        callback_data = data.draw(st.sampled_from(forged) | st.text(max_size=64))
        message = data.draw(st.sampled_from([*runner.inbox(), _stub_message(runner.chat_id)]))
        self._send(runner, runner.user.tap(message, callback_data))

    # --- the checks -------------------------------------------------------------------------

    @invariant()
    def nothing_reached_the_error_handler(self) -> None:
        """No handler raised."""
        assert self.errors.lines == [], self.errors.lines[:3]

    def _send(self, runner: ChatRunner, payload: Json) -> None:
        HostileChats.updates_tried += 1
        before = self._run(self._others(runner.chat_id))
        first = len(self.coach.emulator.calls)
        self._run(self._deliver(payload))
        calls = self.coach.emulator.calls[first:]
        after = self._run(self._others(runner.chat_id))
        self._run(self._refresh_log_ids())
        kind = next(iter(payload))
        problems = [problem for call in calls for problem in self._problems(runner, call)]
        if after != before:
            problems.append("it changed another runner's rows")
        if not calls:  # the bot leaves no kind of update unanswered on purpose
            problems.append("it got no answer")
        assert problems == [], f"{kind} from runner {runner.chat_id}: {problems}"

    def _problems(self, runner: ChatRunner, call: ApiCall) -> list[str]:
        problems = []
        chat = call.params.get("chat_id")
        if chat is not None and int(chat) != runner.chat_id:
            problems.append(f"the bot wrote to chat {chat}")
        content = _content(self.coach, call)
        if common.SOMETHING_WENT_WRONG in content:
            problems.append("the runner was told something went wrong")
        problems += [
            f"the runner was shown runner {other}'s notes"
            for other in RUNNERS
            if other != runner.chat_id and _marker(other) in content
        ]
        return problems

    async def _deliver(self, payload: Json) -> None:
        await self.coach.deliver(payload)
        await self._settle()

    async def _settle(self) -> None:
        """Let jobs and cues due now (a first cue, a reminder moved to now) run before the
        next look."""
        queue = self.coach.app.job_queue
        assert queue is not None
        cues = self.coach.services.cue_timer
        for _ in range(200):  # at most two seconds
            soon = datetime.now(UTC) + timedelta(seconds=0.05)
            cue = cues.next_moment()
            jobs_due = any(job.next_t is not None and job.next_t <= soon for job in queue.jobs())
            if not jobs_due and not cues.busy and (cue is None or cue > soon.timestamp()):
                return
            await asyncio.sleep(0.01)

    async def _others(self, sender: int) -> dict[int, Rows]:
        rows = await dump(self.coach.services.db)
        return {uid: about(rows, uid) for uid in RUNNERS if uid != sender}

    async def _refresh_log_ids(self) -> None:
        rows = await self.coach.services.db.fetch_all("SELECT id FROM session_logs")
        self.log_ids = [row["id"] for row in rows]

    def _pick(self, data: st.DataObject) -> ChatRunner:
        return self.runners[data.draw(st.sampled_from(RUNNERS))]


class _Collector(logging.Handler):
    """Keeps the error handler's lines."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if _ERROR_LINE in record.getMessage():
            self.lines.append(f"{record.getMessage()}: {record.exc_info and record.exc_info[1]!r}")


def _content(coach: Coach, call: ApiCall) -> str:
    """What a call shows the runner: its text or caption, and any file it sends."""
    shown = str(call.params.get("text", "")) + str(call.params.get("caption", ""))
    if isinstance(call.result, dict):
        document = call.result.get("document") or {}
        file_id = document.get("file_id")
        if file_id:
            shown += coach.emulator.files.contents.get(file_id, b"").decode("utf-8", "replace")
    return shown


def _stub_message(chat_id: int) -> Json:
    """A message the bot never sent (deleted, or made up)."""
    return {"message_id": 987_654, "date": 0, "chat": {"id": chat_id, "type": "private"}}


def _profile(user_id: int, zone: str) -> Profile:
    return replace(runner_profile(user_id), timezone=zone, session_time=clock_time(4, 0))


def _quiet_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about 22:00 now: the 10:00 missed-session look, the
    08:30 check-ins and the 03:30 reminders are all hours away, so no job of another runner
    runs while a runner's update is checked."""
    shift = (22 - now.hour) % 24
    shift = shift - 24 if shift > 14 else shift
    return f"Etc/GMT{-shift:+d}"


def test_hostile_updates_never_break_the_bot_or_cross_runners() -> None:
    HostileChats.updates_tried = 0
    # A third of the profile's examples: each starts a bot and sends about fifty updates.
    run_state_machine_as_test(
        HostileChats, settings=settings(max_examples=settings().max_examples // 3)
    )
    print(f"hostile input: updates_tried={HostileChats.updates_tried} violations=0")


@pytest.mark.parametrize("callback_data", CRASHED_BEFORE)
def test_forged_button_data_is_answered_without_an_error(callback_data: str) -> None:
    machine = HostileChats()
    try:
        runner = machine.runners[LOGGER]
        machine._send(runner, runner.user.tap(_stub_message(LOGGER), callback_data))
        machine.nothing_reached_the_error_handler()
    finally:
        machine.teardown()
