"""kill -9 at random moments: `python -m bot` against the loopback Bot API with a real SQLite
file, runners onboarding, in live sessions, logging and snoozing reminders; after every
restart, checks that nothing was lost. Shared by the fast crash test and the soak.

What is checked, and how:
- rows: every profile, session log and repeating reminder row ever seen committed is still
  there after each kill; a live session that disappeared left its live log behind; a one-off
  reminder row that disappeared was delivered; `PRAGMA integrity_check` says ok.
- cues: each cue's due time is read from `live_sessions` the moment it reaches the fake Bot
  API (the bot stores a cue as fired before sending it). One arriving more than the cue grace
  (plus TRANSIT for the loopback hop) after it is stale; the same step of the same session
  twice is a duplicate, and a restart may cause at most one per session (each has at most one
  cue in flight): more are `excess_duplicates`.
- resumption: every session alive (not paused) at a kill must, after the restart, send a cue,
  a catch-up or its end before its next due time plus the grace (and start-up slack).
- what the bugs this run found used to cause, counted apart (`test_crash.py` also pins each
  with a deterministic test): losses from recording a cue, a one-off reminder or a session's
  end before the message or the log that follows (a step with no cue and no catch-up in
  between, a one-off reminder row gone without its reminder, a session gone without its
  log), and excess duplicates from session controls racing the cue jobs.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import signal
import sqlite3
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from bench.cues import bench_profile
from bot.config import load_settings
from bot.domain.onboarding import answers_from_json, next_step
from bot.domain.profile import Place, Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import ApiCall, Json
from bot.emulator.user import EmulatedUser
from bot.storage.database import Database
from bot.storage.plans import Plans
from bot.storage.profiles import Profiles
from bot.storage.reminders import ReminderKind, ReminderRow, Reminders
from bot.storage.runners import Runners
from bot.texts import reminders as reminder_texts
from bot.texts import safety as safety_texts
from bot.texts import session as session_texts
from tests.support.bot_process import TOKEN, bot_environment, bot_process
from tests.support.http_botapi import HttpBotApi
from tests.support.onboarding_script import TYPED_ANSWERS

SCALE = 60.0  # a 16-minute session in 16 s: warm-up 5 s, bouts 0.4 s, walks 1 s
LIFE_SECONDS = (0.2, 2.6)  # a kill lands this long after the process starts (start-up included)
LONG_DOWNTIME_EVERY = 10  # one kill in ten stays down past the cue grace: catch-ups happen
TRANSIT = 0.25  # the loopback hop after the bot's own deadline check
STARTUP = 1.0  # seconds a restarted bot may take before it can send anything
RESUME_SLACK = 2.0
TICK = 0.1
PATIENCE = 2.0  # a runner waits this long for an answer before acting again
FINAL_WINDOW = (3.0, 20.0)  # the last life: at least, at most (until every check resolved)
ONE_OFFS_PER_DREAMER = 6

_STEP = re.compile(r"Step (\d+) of (\d+)")
_CUE_HEADS = tuple(heading.split(" · ")[0] for heading in session_texts.CUE_HEADINGS.values())
_CATCH_UP_HEAD = session_texts.CAUGHT_UP.split("{")[0]
_SESSION_HEADS = (
    _CATCH_UP_HEAD,
    session_texts.DONE_CAUGHT_UP,
    session_texts.DONE.split("{")[0],
    session_texts.STOPPED.split("{")[0],
    session_texts.PAUSED.split("{")[0],
    safety_texts.UNWELL_ADVICE[:40],
)
_REMINDER_HEAD = reminder_texts.REMINDER.split("{")[0]
# A fit runner on a track, who trains again the same day when asked (the driver runs many
# sessions a day) and has no warning sign today.
_SAFE_ANSWERS = (
    "track", "park", "surface_yes", "hard_no", "pain_0", "pain_1", "warm_up_go", "again_yes",
    "dizzy_today_no", "heart_today_no", "joint_today_no",
)  # fmt: skip
_TYPED = {str(step): answer for step, answer in TYPED_ANSWERS}
_REPEATING = (ReminderKind.DAILY.value, ReminderKind.CHECKUP.value)


@dataclass
class CrashFigures:
    """What one crash run did and found; `violations` says what broke, one line each."""

    kills: int = 0
    restarts: int = 0
    cues_checked: int = 0
    duplicates: int = 0
    excess_duplicates: int = 0
    stale: int = 0
    lost_cues: int = 0
    lost_reminders: int = 0
    unlogged_sessions: int = 0
    catch_ups: int = 0
    resumes_checked: int = 0
    reminders_delivered: int = 0
    integrity_checks: int = 0
    violations: list[str] = field(default_factory=list)
    regression_notes: list[str] = field(default_factory=list)  # what each regression was

    @property
    def regressions(self) -> int:
        """What the bugs this run found used to cause: losses at a kill, and more than one
        duplicate cue after a restart."""
        return (
            self.lost_cues + self.lost_reminders + self.unlogged_sessions + self.excess_duplicates
        )

    def line(self) -> str:
        """All figures on one line, for print() and assertion messages."""
        counts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self)][:-2]
        return " ".join([*counts, f"violations={len(self.violations)}"])


# --- what the runners' phones show ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A `live_sessions` row as the test reads it."""

    user_id: int
    started_at: str
    due: tuple[float, ...]
    next_index: int
    paused: bool


@dataclass(frozen=True, slots=True)
class Arrival:
    """A message that reached a chat: wall-clock time, the bot's life, and for a cue its step,
    session (started_at) and due time."""

    at: float
    life: int
    chat: int
    text: str
    step: int | None = None
    session: str | None = None
    due: float | None = None

    @property
    def is_cue(self) -> bool:
        """True for a step's cue."""
        return self.step is not None


class Mailbox:
    """A listener on the fake Bot API: every message the bot sent, when, and each cue's due
    time read from SQLite on arrival. Runs in the HTTP server's threads; read under `lock`."""

    def __init__(self, db_path: Path) -> None:
        self.lock = threading.Lock()
        self.life = 0
        self.arrivals: list[Arrival] = []
        self.latest_sessions: dict[int, SessionRow] = {}  # from the driver's last look
        self._messages: dict[int, dict[int, Json]] = {}
        self._active: dict[int, float] = {}
        self._db_path = db_path

    def listen(self, call: ApiCall) -> None:
        """Record one successful call (the emulator's listener)."""
        if not isinstance(call.result, dict) or "chat" not in call.result:
            return
        now = time.time()
        message = call.result
        chat = int(message["chat"]["id"])
        text = str(message.get("text", ""))
        step = cue_step(text) if call.method == "sendMessage" else None
        session, due = self._due_of(chat, step) if step is not None else (None, None)
        with self.lock:
            self._messages.setdefault(chat, {})[int(message["message_id"])] = message
            self._active[chat] = now
            if call.method == "sendMessage":
                self.arrivals.append(Arrival(now, self.life, chat, text, step, session, due))

    def newest(self, chat: int) -> Json | None:
        """The bot's newest message in the chat."""
        with self.lock:
            messages = self._messages.get(chat, {})
            return messages[max(messages)] if messages else None

    def last_activity(self, chat: int) -> float:
        """When the bot last sent or edited something in the chat."""
        with self.lock:
            return self._active.get(chat, 0.0)

    def buttons(self, chat: int, prefix: str) -> tuple[Json, list[str]] | None:
        """The newest message in the chat with buttons whose data starts with `prefix`, and
        that data."""
        with self.lock:
            messages = sorted(self._messages.get(chat, {}).items(), reverse=True)
        for _, message in messages:
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            data = [str(b.get("callback_data", "")) for row in rows for b in row]
            matching = [item for item in data if item.startswith(prefix)]
            if matching:
                return message, matching
        return None

    def since(self, moment: float) -> list[Arrival]:
        """Messages that arrived at or after `moment`."""
        with self.lock:
            return [arrival for arrival in self.arrivals if arrival.at >= moment]

    def _due_of(self, chat: int, step: int) -> tuple[str | None, float | None]:
        row = None
        try:
            with _connection(self._db_path) as db:
                found = db.execute(
                    "SELECT started_at, due FROM live_sessions WHERE user_id = ?", (chat,)
                ).fetchone()
            if found is not None:
                row = (str(found[0]), tuple(json.loads(found[1])))
        except sqlite3.Error:
            row = None
        if row is None:
            latest = self.latest_sessions.get(chat)
            row = None if latest is None else (latest.started_at, latest.due)
        if row is None or step > len(row[1]):
            return None, None
        return row[0], float(row[1][step - 1])


def cue_step(text: str) -> int | None:
    """The step number of a cue ("Step 4 of 11" → 4); None for any other message."""
    if not text.startswith(_CUE_HEADS):
        return None
    found = _STEP.search(text)
    return int(found.group(1)) if found else None


def is_reminder(text: str) -> bool:
    """True for a reminder of a planned session."""
    return text.startswith(_REMINDER_HEAD)


def is_catch_up(text: str) -> bool:
    """True for the message that says where a session is after missed cues."""
    return text.startswith(_CATCH_UP_HEAD)


def is_session_news(arrival: Arrival) -> bool:
    """A cue, a catch-up, or a session's end or pause: the session is being looked after."""
    return arrival.is_cue or arrival.text.startswith(_SESSION_HEADS)


# --- what SQLite holds --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DbView:
    """The rows the checks and the runners look at, read in one go."""

    profiles: frozenset[int]
    logs: dict[int, tuple[int, str, str]]  # id → (user, source, created_at)
    repeating: frozenset[tuple[int, str]]  # (user, kind) of daily and checkup rows
    one_offs: dict[int, tuple[int, float]]  # id → (user, due_at)
    sessions: dict[int, SessionRow]
    drafts: dict[int, str]
    prompts: dict[int, tuple[int, str]]  # user → (log id, step)
    checks: frozenset[int]


def read_view(db_path: Path) -> DbView | None:
    """Read the rows (None before the bot created its schema)."""
    try:
        with _connection(db_path) as db:
            return DbView(
                frozenset(r[0] for r in db.execute("SELECT user_id FROM profiles")),
                {
                    r[0]: (r[1], r[2], r[3])
                    for r in db.execute("SELECT id, user_id, source, created_at FROM session_logs")
                },
                frozenset(
                    (r[0], r[1])
                    for r in db.execute("SELECT user_id, kind FROM reminders")
                    if r[1] in _REPEATING
                ),
                {
                    r[0]: (r[1], r[2])
                    for r in db.execute(
                        "SELECT id, user_id, due_at FROM reminders WHERE kind = ?",
                        (ReminderKind.ONCE.value,),
                    )
                },
                {
                    r[0]: SessionRow(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4] is not None)
                    for r in db.execute(
                        "SELECT user_id, started_at, due, next_index, paused_at FROM live_sessions"
                    )
                },
                dict(db.execute("SELECT user_id, answers FROM onboarding_drafts").fetchall()),
                {
                    r[0]: (r[1], r[2])
                    for r in db.execute("SELECT user_id, log_id, step FROM log_prompts")
                },
                frozenset(r[0] for r in db.execute("SELECT user_id FROM safety_checks")),
            )
    except sqlite3.OperationalError:
        return None


def integrity(db_path: Path) -> str:
    """What `PRAGMA integrity_check` says ("ok" when the file is sound)."""
    with _connection(db_path) as db:
        return "; ".join(str(row[0]) for row in db.execute("PRAGMA integrity_check"))


def _connection(db_path: Path) -> closing[sqlite3.Connection]:
    """A short-lived SQLite connection, closed on exit (sqlite3's own only commits)."""
    return closing(sqlite3.connect(db_path, timeout=5))


# --- the runners ------------------------------------------------------------------------------


class Runner:
    """One simulated person: acts on what their chat and their rows show, waits for an answer
    (or PATIENCE) before acting again, like someone holding a phone."""

    def __init__(self, user: EmulatedUser, rng: random.Random) -> None:
        self.user = user
        self.rng = rng
        self.winding_down = False  # the final life: finish what is open, start nothing new
        self._sent_at = -PATIENCE
        self._idle_until = 0.0

    @property
    def chat(self) -> int:
        """The runner's chat (and user) id."""
        return self.user.user_id

    def tick(self, view: DbView, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        """Act once if it is this runner's moment."""
        answered = mail.last_activity(self.chat) > self._sent_at
        if answered or now - self._sent_at > PATIENCE:
            self.act(view, mail, api, now)

    def act(self, view: DbView, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        """What this kind of runner does next."""
        raise NotImplementedError

    def send(self, api: HttpBotApi, payload: Json, now: float) -> None:
        """Queue an update for the bot."""
        api.send_from_user(payload)
        self._sent_at = now

    def press(self, api: HttpBotApi, found: tuple[Json, list[str]], data: str, now: float) -> None:
        """Press the button with `data` on the message `found` with it."""
        self.send(api, self.user.tap(found[0], data), now)

    def idle(self, now: float, seconds: tuple[float, float]) -> bool:
        """True while the runner dawdles; starts a new dawdle when one ends."""
        if now < self._idle_until:
            return True
        self._idle_until = now + self.rng.uniform(*seconds)
        return False


class Trainee(Runner):
    """Onboards if needed, then runs sessions (pausing, skipping, stopping now and then),
    answers the logging questions by tap or text, logs solo sessions, changes reminders."""

    def act(self, view: DbView, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        """Onboarding, the session, the safety check, the log questions, or something new."""
        if self.chat not in view.profiles:
            self._onboard(view, mail, api, now)
        elif self.chat in view.sessions:
            self._in_session(view.sessions[self.chat], mail, api, now)
        elif self.chat in view.checks:
            self._check(mail, api, now)
        elif view.prompts.get(self.chat, (0, ""))[1] in ("effort", "pain", "site"):
            self._log(view.prompts[self.chat], mail, api, now)
        elif not self.winding_down and not self.idle(now, (0.3, 1.5)):
            choice = self.rng.choices(
                ["/go", "/log yesterday 12 min effort 5 pain 1", "/reminders lead 45", "/plan"],
                weights=[8, 1, 1, 1],
            )[0]
            self.send(api, self.user.text(choice), now)

    def _onboard(self, view: DbView, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        resume = mail.buttons(self.chat, "obresume|")
        if resume is not None and resume[0] is mail.newest(self.chat):
            self.press(api, resume, "obresume|continue", now)
            return
        draft = view.drafts.get(self.chat)
        step = None if draft is None else next_step(answers_from_json(draft))
        if draft is None:
            self.send(api, self.user.text("/start"), now)
        else:
            answer = "got it" if step is None else _TYPED.get(str(step.id), "no")
            self.send(api, self.user.text(answer), now)

    def _in_session(self, session: SessionRow, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        controls = mail.buttons(self.chat, "live|")
        if controls is None or self.rng.random() > (0.3 if session.paused else 0.04):
            return
        if session.paused:
            action = "resume"
        else:
            action = self.rng.choices(["pause", "skip", "stop"], weights=[2, 2, 1])[0]
        self.press(api, controls, f"live|{action}", now)

    def _check(self, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        found = mail.buttons(self.chat, "safety|")
        if found is None:
            self.send(api, self.user.text("/go"), now)
            return
        self.press(api, found, safe_answer(found), now)

    def _log(self, prompt: tuple[int, str], mail: Mailbox, api: HttpBotApi, now: float) -> None:
        log_id, step = prompt
        found = mail.buttons(self.chat, f"log|{log_id}|{step}|")
        if found is None or self.rng.random() < 0.3:
            self.send(api, self.user.text(self.rng.choice(["6/10, knee 1", "7", "easy, 4"])), now)
            return
        self.press(api, found, self.rng.choice(found[1][:6]), now)


class Dreamer(Runner):
    """Never runs: waits for reminders and snoozes most of them; now and then asks to see
    the reminder settings. Keeping away from sessions keeps every reminder due to them."""

    def __init__(self, user: EmulatedUser, rng: random.Random) -> None:
        super().__init__(user, rng)
        self._snoozed: set[int] = set()

    def act(self, view: DbView, mail: Mailbox, api: HttpBotApi, now: float) -> None:
        """Snooze the newest reminder once, or look at the settings."""
        found = mail.buttons(self.chat, "rem|snooze|")
        if found is not None and int(found[0]["message_id"]) not in self._snoozed:
            self._snoozed.add(int(found[0]["message_id"]))
            if self.rng.random() < 0.7:
                self.press(api, found, found[1][0], now)
                return
        if not self.winding_down and not self.idle(now, (2.0, 5.0)):
            self.send(api, self.user.text(self.rng.choice(["/reminders", "/plan"])), now)


def safe_answer(found: tuple[Json, list[str]]) -> str:
    """The safety-check button a fit runner on a track would press."""
    safe = [data for data in found[1] if data.split("|")[-1] in _SAFE_ANSWERS]
    return (safe or found[1])[0]


def start_session(api: HttpBotApi, mail: Mailbox, user: EmulatedUser, db_path: Path) -> None:
    """/go and the taps of a fit runner through the safety check, until the session is stored."""
    api.send_from_user(user.text("/go"))
    pressed: set[str] = set()
    deadline = time.time() + 20
    while time.time() < deadline:
        view = read_view(db_path)
        if view is not None and user.user_id in view.sessions:
            return
        found = mail.buttons(user.user_id, "safety|")
        if found is not None and str(found[0].get("text")) not in pressed:
            pressed.add(str(found[0].get("text")))  # the check is one message, edited per answer
            api.send_from_user(user.tap(found[0], safe_answer(found)))
        time.sleep(TICK)
    raise AssertionError("the session never started")


# --- seeding ----------------------------------------------------------------------------------


def runner_profile(user_id: int) -> Profile:
    """The benchmarks' runner (level 1: 5 × 25 s reverse jog / 1 min walk, in UTC), who can
    also train in a park."""
    return replace(bench_profile(user_id), places=frozenset({Place.TRACK, Place.PARK}))


async def seed(db_path: Path, registered: list[int], one_offs: dict[int, list[float]]) -> None:
    """Runners who finished onboarding (with a plan), and one-off reminders due at the given
    unix times."""
    db = Database(db_path)
    await db.open()
    now = datetime.now(UTC)
    try:
        for user_id in registered:
            await Runners(db).record_contact(user_id, user_id, f"Runner{user_id}", now)
            await Profiles(db).save(runner_profile(user_id), now)
            await Plans(db).start(
                user_id, PlanState.starting(1, now.date()), Reason(Cause.START_RUNNER), now
            )
        for user_id, moments in one_offs.items():
            for due in moments:
                row = ReminderRow(user_id, ReminderKind.ONCE, due_at=due, session_day=now.date())
                await Reminders(db).add(row)
    finally:
        await db.close()


# --- the run --------------------------------------------------------------------------------------


@dataclass
class _Expectation:
    """A session alive at a kill: after the restart something must happen by `deadline`."""

    user_id: int
    since: float
    deadline: float


class CrashRun:
    """Runners, the fake Bot API and the bot process through `kills` kills and restarts."""

    def __init__(self, workdir: Path, api: HttpBotApi, rng: random.Random) -> None:
        self.workdir = workdir
        self.api = api
        self.rng = rng
        self.db_path = workdir / "crash.sqlite3"
        self.env = bot_environment(
            api, self.db_path, BACKSTRIDE_TIME_SCALE=str(SCALE), LOG_LEVEL="INFO"
        )
        self.grace = load_settings(self.env, env_file=None).cue_grace_seconds
        self.mail = Mailbox(self.db_path)
        api.emulator.listeners.append(self.mail.listen)
        self.figures = CrashFigures()
        self.logs: list[str] = []
        self.runners: list[Runner] = []
        self._seen = _Seen()
        self._alive_at_kill: dict[int, SessionRow] = {}
        self._expected: list[_Expectation] = []

    def run(self, kills: int) -> CrashFigures:
        """Seed, then `kills` lives ended by SIGKILL and a last one ended by SIGTERM."""
        self._seed(kills)
        for life in range(kills + 1):
            with bot_process(self.env, self.workdir) as bot:
                spawned = time.time()
                with self.mail.lock:
                    self.mail.life = life
                self.figures.restarts += life > 0
                self._expect_resumptions(spawned)
                if life == kills:
                    self._finish(spawned)
                    bot.stop(signal.SIGTERM)
                else:
                    self._drive(spawned + self.rng.uniform(*LIFE_SECONDS))
                    bot.process.kill()
                    bot.process.wait()
                    self.figures.kills += 1
                self.logs.append(bot.stderr())
            self._after_death()
            if life % LONG_DOWNTIME_EVERY == LONG_DOWNTIME_EVERY // 2 and life < kills:
                self._drive(time.time() + self.grace + 1.0)  # the runners carry on meanwhile
        self._count_cues()
        self._check_logs()
        return self.figures

    # --- set-up and driving ---------------------------------------------------------------

    def _seed(self, kills: int) -> None:
        trainees = [7101, 7102, 7103, 7104]
        newcomers = [7201, 7202]
        dreamers = [7301, 7302]
        length = kills * sum(LIFE_SECONDS) / 2
        start = time.time() + 2.0
        one_offs = {
            user_id: [start + self.rng.uniform(0, length) for _ in range(ONE_OFFS_PER_DREAMER)]
            for user_id in dreamers
        }
        asyncio.run(seed(self.db_path, trainees + dreamers, one_offs))
        self.runners = [
            *(Trainee(self._user(uid), self.rng) for uid in trainees + newcomers),
            *(Dreamer(self._user(uid), self.rng) for uid in dreamers),
        ]

    def _user(self, user_id: int) -> EmulatedUser:
        return EmulatedUser(self.api.emulator, user_id, f"Runner{user_id}")

    def _drive(self, until: float) -> None:
        """Let the runners act and watch the rows until `until`."""
        while (now := time.time()) < until:
            view = read_view(self.db_path)
            if view is not None:
                self._watch(view, now)
                for runner in self.runners:
                    runner.tick(view, self.mail, self.api, now)
            time.sleep(TICK)

    def _finish(self, spawned: float) -> None:
        """The last life: nothing new starts; run until every check has resolved."""
        for runner in self.runners:
            runner.winding_down = True
        least, most = FINAL_WINDOW
        self._drive(spawned + least)
        while self._expected and time.time() < spawned + most:
            self._drive(time.time() + 0.5)

    # --- the checks -------------------------------------------------------------------------

    def _watch(self, view: DbView, now: float) -> None:
        """Remember what was committed; settle the resumption checks that are due."""
        self._seen.add(view)
        with self.mail.lock:
            self.mail.latest_sessions = dict(view.sessions)
        for expectation in list(self._expected):
            news = [a for a in self.mail.since(expectation.since) if a.chat == expectation.user_id]
            if any(is_session_news(arrival) for arrival in news):
                self._expected.remove(expectation)
                self.figures.resumes_checked += 1
            elif now > expectation.deadline:
                self._expected.remove(expectation)
                self.figures.resumes_checked += 1
                self._violation(
                    f"runner {expectation.user_id}: session neither resumed nor closed with a "
                    f"catch-up within {expectation.deadline - expectation.since:.1f} s of a restart"
                )

    def _expect_resumptions(self, spawned: float) -> None:
        self._expected = []
        for session in self._alive_at_kill.values():
            if session.paused or session.next_index >= len(session.due):
                continue
            due = session.due[session.next_index]
            deadline = max(spawned + STARTUP, due) + self.grace + RESUME_SLACK
            self._expected.append(_Expectation(session.user_id, spawned, deadline))

    def _after_death(self) -> None:
        """With the bot dead: the file is sound and no committed row is lost."""
        verdict = integrity(self.db_path)
        self.figures.integrity_checks += 1
        if verdict != "ok":
            self._violation(f"integrity_check after kill {self.figures.kills}: {verdict}")
        view = read_view(self.db_path)
        assert view is not None, "the bot never created its schema"
        seen = self._seen
        for what, lost in (
            ("profile", seen.profiles - view.profiles),
            ("session log", set(seen.logs) - set(view.logs)),
            ("repeating reminder", seen.repeating - view.repeating),
        ):
            for item in sorted(lost):
                self._violation(f"{what} {item} lost by kill {self.figures.kills}")
        self._account_one_offs(view)
        self._account_sessions(view)
        seen.add(view)
        self._alive_at_kill = dict(view.sessions)

    def _account_one_offs(self, view: DbView) -> None:
        """A one-off reminder row that disappeared must have been delivered."""
        reminders = [a for a in self.mail.since(0) if is_reminder(a.text)]
        for row_id in sorted(set(self._seen.one_offs) - set(view.one_offs) - self._seen.settled):
            user_id, due = self._seen.one_offs[row_id]
            match = next(
                (
                    a
                    for a in reminders
                    if a.chat == user_id and a.at >= due - TRANSIT and a not in self._seen.used
                ),
                None,
            )
            self._seen.settled.add(row_id)
            if match is None:
                self.figures.lost_reminders += 1
                self.figures.regression_notes.append(
                    f"kill {self.figures.kills}: one-off reminder {row_id} of runner {user_id} "
                    f"(due {due:.2f}) gone, never sent"
                )
            else:
                self._seen.used.append(match)
                self.figures.reminders_delivered += 1

    def _account_sessions(self, view: DbView) -> None:
        """A live session that disappeared must have left a live log (created after it began)."""
        for key in sorted(set(self._seen.sessions) - self._seen.ended):
            user_id, started_at = key
            current = view.sessions.get(user_id)
            if current is not None and current.started_at == started_at:
                continue
            self._seen.ended.add(key)
            logs = [
                log_id
                for log_id, (owner, source, created_at) in view.logs.items()
                if owner == user_id
                and source == "live"
                and created_at >= started_at
                and log_id not in self._seen.used_logs
            ]
            if logs:
                self._seen.used_logs.add(min(logs))
            else:
                self.figures.unlogged_sessions += 1
                self.figures.regression_notes.append(
                    f"kill {self.figures.kills}: the session of runner {user_id} from {started_at} "
                    f"gone without its log"
                )

    def _count_cues(self) -> None:
        """Stale and duplicate cues, and steps that got neither a cue nor a catch-up."""
        arrivals = self.mail.since(0)
        self.figures.catch_ups = sum(is_catch_up(a.text) for a in arrivals)
        cues = [a for a in arrivals if a.is_cue and a.session is not None and a.due is not None]
        self.figures.cues_checked = len(cues)
        for cue in cues:
            assert cue.due is not None
            if cue.at - cue.due > self.grace + TRANSIT:
                self.figures.stale += 1
                self._violation(
                    f"stale cue: runner {cue.chat} step {cue.step} {cue.at - cue.due:.2f} s late"
                )
        seen: Counter[tuple[int, str | None, int | None]] = Counter()
        # Each session has at most one cue in flight, so a restart may repeat one per session.
        repeats: Counter[tuple[int, int, str | None]] = Counter()
        for cue in cues:
            key = (cue.chat, cue.session, cue.step)
            if seen[key]:
                repeats[(cue.life, cue.chat, cue.session)] += 1
            seen[key] += 1
        self.figures.duplicates = sum(repeats.values())
        self.figures.excess_duplicates = sum(count - 1 for count in repeats.values() if count > 1)
        self.figures.lost_cues = _lost_cues(arrivals)

    def _check_logs(self) -> None:
        text = "\n".join(self.logs)
        if TOKEN in text or TOKEN.split(":")[1] in text:
            self._violation("the bot token appears in the bot's log")
        for line in text.splitlines():
            if "error while handling an update" in line:
                self._violation(f"the bot logged an unhandled error: {line[:200]}")

    def _violation(self, text: str) -> None:
        self.figures.violations.append(text)


@dataclass
class _Seen:
    """Every row seen committed, and what has been accounted for."""

    profiles: set[int] = field(default_factory=set)
    logs: dict[int, tuple[int, str, str]] = field(default_factory=dict)
    repeating: set[tuple[int, str]] = field(default_factory=set)
    one_offs: dict[int, tuple[int, float]] = field(default_factory=dict)
    sessions: set[tuple[int, str]] = field(default_factory=set)
    settled: set[int] = field(default_factory=set)
    used: list[Arrival] = field(default_factory=list)
    ended: set[tuple[int, str]] = field(default_factory=set)
    used_logs: set[int] = field(default_factory=set)

    def add(self, view: DbView) -> None:
        """Remember the rows of one look."""
        self.profiles |= view.profiles
        self.logs.update(view.logs)
        self.repeating |= view.repeating
        self.one_offs.update(view.one_offs)
        self.sessions |= {(row.user_id, row.started_at) for row in view.sessions.values()}


def _lost_cues(arrivals: list[Arrival]) -> int:
    """Steps of a session with no cue while a later step got one, and no catch-up between."""
    lost = 0
    by_session: dict[tuple[int, str], list[Arrival]] = {}
    for arrival in arrivals:
        if arrival.is_cue and arrival.session is not None:
            by_session.setdefault((arrival.chat, arrival.session), []).append(arrival)
    for (chat, _), cues in by_session.items():
        cues.sort(key=lambda cue: cue.at)
        catch_ups = [a.at for a in arrivals if a.chat == chat and is_catch_up(a.text)]
        for before, after in pairwise(cues):
            assert before.step is not None and after.step is not None
            gap = after.step - before.step - 1
            if gap > 0 and not any(before.at <= moment <= after.at for moment in catch_ups):
                lost += gap
    return lost
