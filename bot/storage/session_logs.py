"""The `session_logs`, `session_notes`, `log_prompts` and `checkins` tables: what runners did
and how it felt (notes accumulate, each with its time), the logging question each runner's
next reply answers, and the next-morning check-ins."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from bot.domain.profile import Place
from bot.domain.programme import SessionTemplate
from bot.domain.session_logs import MorningAfter, SessionLog
from bot.storage.database import Database, Row, Transaction
from bot.storage.live_sessions import template_from_json, template_json


class LogSource(StrEnum):
    """Where a log came from."""

    LIVE = "live"
    MANUAL = "manual"
    WATCH = "watch"


@dataclass(frozen=True, slots=True)
class NewLog:
    """The facts known when a log is created; answers come later."""

    user_id: int
    day: date
    source: LogSource
    completed: bool
    reverse_seconds: int
    template: SessionTemplate | None = None
    place: Place | None = None
    downgraded: bool = False


@dataclass(frozen=True, slots=True)
class LogAnswers:
    """What the runner told us; None leaves a field as it is. A red flag is never cleared;
    a note is added to the log's notes, never replacing one."""

    effort: int | None = None
    pain: int | None = None
    pain_site: str | None = None
    heart_rate: int | None = None
    distance_km: float | None = None
    duration_seconds: int | None = None
    notes: str | None = None
    red_flag: bool = False
    morning_after: MorningAfter | None = None
    reverse_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class SessionNote:
    """One note the runner typed about a session, and when."""

    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One stored log."""

    id: int
    user_id: int
    day: date
    source: LogSource
    completed: bool
    template: SessionTemplate | None
    place: Place | None
    downgraded: bool
    reverse_seconds: int
    effort: int | None
    pain: int | None
    pain_site: str | None
    heart_rate: int | None
    distance_km: float | None
    duration_seconds: int | None
    notes: tuple[SessionNote, ...]
    red_flag: bool
    morning_after: MorningAfter | None

    def as_session_log(self) -> SessionLog:
        """The facts the progression rules judge."""
        return SessionLog(
            day=self.day,
            completed=self.completed,
            reverse_minutes=self.reverse_seconds / 60,
            effort=self.effort,
            pain=self.pain,
            morning_after=self.morning_after,
            red_flag=self.red_flag,
            planned_reverse_minutes=(
                None if self.template is None else self.template.reverse_seconds / 60
            ),
            # A session made gentler, or an extra one the same day, is not prescribed work.
            downgraded=self.downgraded,
        )


@dataclass(frozen=True, slots=True)
class LogPrompt:
    """The logging question open for a runner, and a parsed reply awaiting confirmation."""

    log_id: int
    step: str
    pending: dict[str, object] | None
    asked_at: datetime | None = None


_SELECT_LOGS = (
    "SELECT id, user_id, day, source, completed, template, place, downgraded, reverse_seconds,"
    " effort, pain, pain_site, heart_rate, distance_km, duration_seconds, red_flag,"
    " morning_after FROM session_logs"
)
_INSERT = """
    INSERT INTO session_logs (user_id, day, source, completed, template, place, downgraded,
        reverse_seconds, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    RETURNING id
"""
_UPDATE = """
    UPDATE session_logs SET effort = COALESCE(?, effort), pain = COALESCE(?, pain),
        pain_site = COALESCE(?, pain_site), heart_rate = COALESCE(?, heart_rate),
        distance_km = COALESCE(?, distance_km),
        duration_seconds = COALESCE(?, duration_seconds),
        red_flag = CASE WHEN red_flag = 1 THEN 1 ELSE ? END,
        morning_after = COALESCE(?, morning_after),
        reverse_seconds = COALESCE(?, reverse_seconds), updated_at = ?
    WHERE id = ? AND user_id = ?
"""
_UPSERT_PROMPT = """
    INSERT INTO log_prompts (user_id, log_id, step, pending, asked_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (user_id) DO UPDATE SET log_id = excluded.log_id, step = excluded.step,
        pending = excluded.pending, asked_at = excluded.asked_at
"""
_UPSERT_CHECKIN = """
    INSERT INTO checkins (log_id, user_id, due_at, sent) VALUES (?, ?, ?, 0)
    ON CONFLICT (log_id) DO UPDATE SET due_at = excluded.due_at, sent = 0
"""


class SessionLogs:
    """Repository of session logs, open logging questions and morning check-ins.

    Every read and write names the runner, so one runner can never touch another's logs.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, log: NewLog, now: datetime) -> int:
        """Store a new log; returns its id."""
        async with self._db.transaction() as tx:
            return await _insert(tx, log, now)

    async def create_answered(self, log: NewLog, answers: LogAnswers, now: datetime) -> LogEntry:
        """Store a new log with its answers in one transaction (a crash keeps both or
        neither); returns it."""
        async with self._db.transaction() as tx:
            log_id = await _insert(tx, log, now)
            await _answer(tx, log.user_id, log_id, answers, now)
        entry = await self.get(log.user_id, log_id)
        assert entry is not None
        return entry

    async def answer_day(
        self, log: NewLog, answers: LogAnswers, now: datetime
    ) -> tuple[LogEntry, bool]:
        """Add answers to the runner's first log of `log.day`, or store `log` with them if
        that day has none, in one transaction; returns the log and whether it is new."""
        async with self._db.transaction() as tx:
            found = await tx.fetch_one(
                "SELECT id FROM session_logs WHERE user_id = ? AND day = ? ORDER BY id LIMIT 1",
                (log.user_id, log.day.isoformat()),
            )
            log_id = int(found["id"]) if found is not None else await _insert(tx, log, now)
            await _answer(tx, log.user_id, log_id, answers, now)
        entry = await self.get(log.user_id, log_id)
        assert entry is not None
        return entry, found is None

    async def create_for_ended_session(
        self, log: NewLog, now: datetime, answers: LogAnswers | None = None
    ) -> int | None:
        """End the runner's live session and store its log, with the notes typed during it
        and `answers` (if any), in one transaction (a crash cannot keep one without the
        other); None if the session had already ended."""
        async with self._db.transaction() as tx:
            ended = await tx.execute("DELETE FROM live_sessions WHERE user_id = ?", (log.user_id,))
            if not ended:
                return None
            return await insert_log(tx, log, now, answers)

    async def add_live_note(self, user_id: int, text: str, now: datetime) -> None:
        """A note typed during the runner's live session, kept for its log."""
        await self._db.execute(
            "INSERT INTO session_notes (log_id, user_id, at, text) VALUES (NULL, ?, ?, ?)",
            (user_id, now.isoformat(), text),
        )

    async def answer(
        self, user_id: int, log_id: int, answers: LogAnswers, now: datetime
    ) -> LogEntry | None:
        """Add answers to a log; returns it updated (None if it is not this runner's)."""
        async with self._db.transaction() as tx:
            await _answer(tx, user_id, log_id, answers, now)
        return await self.get(user_id, log_id)

    async def redate(self, user_id: int, log_id: int, day: date, now: datetime) -> None:
        """Move a log to the day the runner says it was (a fix)."""
        await self._db.execute(
            "UPDATE session_logs SET day = ?, updated_at = ? WHERE id = ? AND user_id = ?",
            (day.isoformat(), now.isoformat(), log_id, user_id),
        )

    async def get(self, user_id: int, log_id: int) -> LogEntry | None:
        """One of the runner's logs."""
        row = await self._db.fetch_one(
            _SELECT_LOGS + " WHERE id = ? AND user_id = ?",
            (log_id, user_id),
        )
        if row is None:
            return None
        return (await self._with_notes(user_id, [_entry(row)]))[0]

    async def recent(self, user_id: int, limit: int = 1000, offset: int = 0) -> list[LogEntry]:
        """The runner's logs, newest first."""
        rows = await self._db.fetch_all(
            _SELECT_LOGS + " WHERE user_id = ? ORDER BY day DESC, id DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        )
        return await self._with_notes(user_id, [_entry(row) for row in rows])

    async def _with_notes(self, user_id: int, entries: Sequence[LogEntry]) -> list[LogEntry]:
        """The entries with their notes, oldest note first."""
        if not entries:
            return []
        rows = await self._db.fetch_all(
            "SELECT log_id, at, text FROM session_notes WHERE user_id = ? ORDER BY at, id",
            (user_id,),
        )
        notes: dict[int, list[SessionNote]] = defaultdict(list)
        for row in rows:
            notes[row["log_id"]].append(SessionNote(datetime.fromisoformat(row["at"]), row["text"]))
        return [replace(entry, notes=tuple(notes.get(entry.id, ()))) for entry in entries]

    async def sessions_on(self, user_id: int, day: date) -> int:
        """How many sessions the runner logged on `day`."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM session_logs WHERE user_id = ? AND day = ?",
            (user_id, day.isoformat()),
        )
        return 0 if row is None else int(row["n"])

    async def count(self, user_id: int) -> int:
        """How many logs the runner has."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM session_logs WHERE user_id = ?", (user_id,)
        )
        return 0 if row is None else int(row["n"])

    # --- the open question ------------------------------------------------------------------

    async def prompt(self, user_id: int) -> LogPrompt | None:
        """The logging question the runner's next reply answers, if any."""
        row = await self._db.fetch_one(
            "SELECT log_id, step, pending, asked_at FROM log_prompts WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return None
        pending = None if row["pending"] is None else json.loads(row["pending"])
        asked_at = datetime.fromisoformat(row["asked_at"])
        return LogPrompt(row["log_id"], row["step"], pending, asked_at)

    async def ask(
        self,
        user_id: int,
        log_id: int,
        step: str,
        now: datetime,
        pending: dict[str, object] | None = None,
    ) -> None:
        """Open (or move on) the runner's logging question."""
        await self._db.execute(
            _UPSERT_PROMPT,
            (
                user_id,
                log_id,
                step,
                None if pending is None else json.dumps(pending),
                now.isoformat(),
            ),
        )

    async def close_prompt(self, user_id: int) -> None:
        """No logging question is open any more."""
        await self._db.execute("DELETE FROM log_prompts WHERE user_id = ?", (user_id,))

    # --- next-morning check-ins -----------------------------------------------------------

    async def plan_checkin(self, user_id: int, log_id: int, due_at: float) -> None:
        """Ask about `log_id` at `due_at` (unix time); planning again moves it."""
        await self._db.execute(_UPSERT_CHECKIN, (log_id, user_id, due_at))

    async def pending_checkins(self) -> list[tuple[int, int, float]]:
        """(user_id, log_id, due_at) of every check-in not sent yet."""
        rows = await self._db.fetch_all(
            "SELECT user_id, log_id, due_at FROM checkins WHERE sent = 0"
        )
        return [(row["user_id"], row["log_id"], row["due_at"]) for row in rows]

    async def checkin_pending(self, log_id: int) -> bool:
        """True if the check-in about `log_id` is planned and not sent yet."""
        row = await self._db.fetch_one(
            "SELECT 1 AS pending FROM checkins WHERE log_id = ? AND sent = 0", (log_id,)
        )
        return row is not None

    async def checkin_sent(self, log_id: int) -> bool:
        """Mark a check-in as sent; False if it was already (or is gone)."""
        changed = await self._db.execute(
            "UPDATE checkins SET sent = 1 WHERE log_id = ? AND sent = 0", (log_id,)
        )
        return changed > 0


async def _answer(
    tx: Transaction, user_id: int, log_id: int, answers: LogAnswers, now: datetime
) -> None:
    if answers.notes:
        await tx.execute(
            "INSERT INTO session_notes (log_id, user_id, at, text)"
            " SELECT id, user_id, ?, ? FROM session_logs WHERE id = ? AND user_id = ?",
            (now.isoformat(), answers.notes, log_id, user_id),
        )
    await tx.execute(
        _UPDATE,
        (
            answers.effort,
            answers.pain,
            answers.pain_site,
            answers.heart_rate,
            answers.distance_km,
            answers.duration_seconds,
            int(answers.red_flag),
            None if answers.morning_after is None else answers.morning_after.value,
            answers.reverse_seconds,
            now.isoformat(),
            log_id,
            user_id,
        ),
    )


async def insert_log(
    tx: Transaction, log: NewLog, now: datetime, answers: LogAnswers | None = None
) -> int:
    """Inside `tx`: store the log of a session that just ended, with the notes the runner
    typed during it and `answers` (if any); returns its id."""
    log_id = await _insert(tx, log, now)
    await tx.execute(
        "UPDATE session_notes SET log_id = ? WHERE user_id = ? AND log_id IS NULL",
        (log_id, log.user_id),
    )
    if answers is not None:
        await _answer(tx, log.user_id, log_id, answers, now)
    return log_id


async def _insert(tx: Transaction, log: NewLog, now: datetime) -> int:
    template = None if log.template is None else template_json(log.template)
    row = await tx.fetch_one(
        _INSERT,
        (
            log.user_id,
            log.day.isoformat(),
            log.source.value,
            int(log.completed),
            template,
            None if log.place is None else log.place.value,
            int(log.downgraded),
            log.reverse_seconds,
            now.isoformat(),
            now.isoformat(),
        ),
    )
    assert row is not None
    return int(row["id"])


def _entry(row: Row) -> LogEntry:
    return LogEntry(
        id=row["id"],
        user_id=row["user_id"],
        day=date.fromisoformat(row["day"]),
        source=LogSource(row["source"]),
        completed=bool(row["completed"]),
        template=None if row["template"] is None else template_from_json(row["template"]),
        place=None if row["place"] is None else Place(row["place"]),
        downgraded=bool(row["downgraded"]),
        reverse_seconds=row["reverse_seconds"],
        effort=row["effort"],
        pain=row["pain"],
        pain_site=row["pain_site"],
        heart_rate=row["heart_rate"],
        distance_km=row["distance_km"],
        duration_seconds=row["duration_seconds"],
        notes=(),
        red_flag=bool(row["red_flag"]),
        morning_after=None if row["morning_after"] is None else MorningAfter(row["morning_after"]),
    )
