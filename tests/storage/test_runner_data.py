"""Export and erase of one runner's data: exactly theirs, everywhere the schema holds it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from bot.domain.live_session import LiveSession
from bot.domain.onboarding import StepId
from bot.domain.profile import Experience, Goal, Injury, Place, Profile, Units
from bot.domain.programme import (
    Cause,
    Change,
    Decision,
    PlanState,
    Reason,
    Route,
    session_template,
)
from bot.domain.reminders import ReminderPrefs
from bot.domain.session_logs import MorningAfter
from bot.flows.records.export import everything_json, sessions_csv
from bot.storage.calendar_feeds import CalendarFeeds
from bot.storage.clubs import Clubs
from bot.storage.database import Database
from bot.storage.live_sessions import LiveSessions, StoredSession
from bot.storage.log_drafts import LogDraft, LogDrafts
from bot.storage.migrations import statement_for
from bot.storage.persistence import SqlitePersistence
from bot.storage.plans import PlanChange, Plans, StoredPlan
from bot.storage.profiles import Draft, Profiles
from bot.storage.reminders import DayMark, ReminderKind, ReminderRow, Reminders
from bot.storage.runner_data import RunnerData
from bot.storage.runners import Runners
from bot.storage.safety_checks import SafetyChecks
from bot.storage.safety_stops import SafetyStops
from bot.storage.session_logs import LogAnswers, LogSource, NewLog, SessionLogs
from bot.storage.spotters import Acceptance, Spotters
from bot.storage.watch_workouts import SentWorkout, WatchWorkouts
from bot.texts.session_timeline import build_session_timeline, session_shape

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
DAY = date(2025, 3, 4)
EARLIER = DAY - timedelta(days=2)
ANA, BEA = 123, 1234  # "1234" contains "123": matching ids as text would erase Bea too
ANA_GROUP, BEA_GROUP = -55, -100123
ANA_NOTES = 'felt "great", then\nmy calf 🦵 said: stop; 5×25 s'
BEA_NOTES = "Bea's own words"
TEMPLATE = session_template(Route.RUNNER, 1, 1)
START = PlanState(1, 1, date(2025, 2, 20))
PROGRESS = Decision(
    PlanState(1, 2, DAY + timedelta(days=1)), Change.PROGRESS, Reason(Cause.PROGRESS_STAGE)
)
DUE_AT = 1_741_100_000.0
SPOTTER = 500_000  # each runner's spotter is SPOTTER + their id: someone else's rows
Rows = dict[str, list[dict[str, Any]]]


def profile_of(user_id: int) -> Profile:
    return Profile(
        user_id=user_id,
        age=41,
        experience=Experience.REGULAR,
        weekly_km=20,
        goals=frozenset({Goal.KNEE, Goal.BALANCE}),
        injuries=frozenset({Injury.KNEES}),
        physio_supervised=True,
        places=frozenset({Place.TRACK, Place.PARK}),
        sessions_per_week=3,
        weekdays=(0, 2, 4),
        session_time=time(7, 30),
        timezone="Europe/Berlin",
        units=Units.KM,
    )


def live_session_of(user_id: int) -> StoredSession:
    steps = build_session_timeline(TEMPLATE, profile_of(user_id), Place.TRACK)
    return StoredSession(
        user_id, user_id, DAY, Place.TRACK, TEMPLATE, False, LiveSession.begin(steps, DUE_AT, 1)
    )


async def fill(db: Database, user_id: int, name: str, notes: str, group: int) -> None:
    """Give the runner rows in every table, through the real repositories."""
    await Runners(db).record_contact(user_id, user_id, name, NOW)
    profiles = Profiles(db)
    await profiles.save(profile_of(user_id), NOW)
    await profiles.save_draft(user_id, Draft({StepId.AGE: "42"}, frozenset({"knee"})), NOW)
    plans = Plans(db)
    await plans.start(user_id, START, Reason(Cause.START_OCCASIONAL), NOW)
    await plans.apply(user_id, PROGRESS, DAY, NOW)
    logs = SessionLogs(db)
    live_log = NewLog(user_id, DAY, LogSource.LIVE, True, 125, TEMPLATE, Place.TRACK, True)
    live_id = await logs.create(live_log, NOW)
    answers = LogAnswers(effort=6, pain=2, pain_site="left calf", notes=notes, red_flag=True)
    await logs.answer(user_id, live_id, answers, NOW)
    await logs.answer(user_id, live_id, LogAnswers(morning_after=MorningAfter.SAME), NOW)
    manual_id = await logs.create(NewLog(user_id, EARLIER, LogSource.MANUAL, False, 90), NOW)
    watch = LogAnswers(heart_rate=142, distance_km=1.25, duration_seconds=1230)
    await logs.answer(user_id, manual_id, watch, NOW)
    await logs.ask(user_id, live_id, "effort", NOW, pending={"effort": 6})
    await logs.plan_checkin(user_id, live_id, DUE_AT)
    await LogDrafts(db).save(user_id, LogDraft("pain", {"minutes": 12.0}, manual_id), NOW)
    assert await LiveSessions(db).start(live_session_of(user_id), NOW)
    await SafetyChecks(db).save(user_id, {"pain": "0"}, NOW)
    await SafetyStops(db).record(user_id, NOW, "cardiac", DUE_AT)
    reminders = Reminders(db)
    await reminders.save_prefs(user_id, ReminderPrefs(lead_minutes=30), NOW)
    daily = ReminderRow(user_id, ReminderKind.DAILY, time(6, 45), "Europe/Berlin", (1, 3, 5))
    await reminders.add(daily)
    await reminders.mark(user_id, DAY, DayMark.REMINDED)
    spotters, spotter_id = Spotters(db), SPOTTER + user_id
    await Runners(db).record_contact(spotter_id, spotter_id, "Spotter", NOW)
    await spotters.invite(user_id, f"used-{name}", DUE_AT)
    paired = await spotters.accept(f"used-{name}", spotter_id, NOW)
    assert paired == (Acceptance.PAIRED, user_id)
    await spotters.invite(user_id, f"open-{name}", DUE_AT)
    workouts = WatchWorkouts(db)
    await workouts.set_walking_kmh(user_id, 4.5, NOW)
    sent = SentWorkout(user_id, "Backstride Tue 4 Mar", DAY, TEMPLATE, Place.TRACK, 125, 950)
    await workouts.record_sent(sent, NOW)
    await CalendarFeeds(db).token_for(user_id, NOW)
    clubs = Clubs(db)  # the runner joined their group's club session
    await clubs.set_up(group, Place.TRACK, "Europe/Berlin", "en", NOW)
    await clubs.open(group, DUE_AT, NOW)
    assert await clubs.join(group, user_id, name, NOW)
    persistence = SqlitePersistence(db)
    await persistence.update_conversation("onboarding", (user_id, user_id), 1)
    await persistence.update_conversation("onboarding", (group, user_id), 2)
    await persistence.update_user_data(user_id, {"seen": name})
    await persistence.update_chat_data(user_id, {"chat": name})
    await persistence.update_chat_data(group, {"group": name})  # a group's, not the runner's


@pytest.fixture
async def db(database: Database) -> Database:
    await fill(database, ANA, "Ana", ANA_NOTES, ANA_GROUP)
    await fill(database, BEA, "Bea", BEA_NOTES, BEA_GROUP)
    return database


# --- an independent scan of the whole database --------------------------------------------


async def dump(db: Database) -> Rows:
    """Every row of every table."""
    rows: Rows = {}
    for table in await db.fetch_all(_TABLES[db.dialect]):
        query = f'SELECT * FROM "{table["name"]}"'  # noqa: S608
        rows[table["name"]] = [dict(found) for found in await db.fetch_all(query)]
    return rows


# Each dialect's catalogue, read independently of the code under test.
_TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT table_name::text AS name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_name != 'schema_version'",
}
_RUNNER_TABLES = {
    "sqlite": "SELECT DISTINCT m.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c"
    " WHERE m.type = 'table' AND c.name IN ('user_id', 'chat_id', 'conversation_key')",
    "postgresql": "SELECT DISTINCT table_name::text AS name FROM information_schema.columns"
    " WHERE table_schema = current_schema()"
    " AND column_name IN ('user_id', 'chat_id', 'conversation_key')",
}
_REFERENCES = {
    "sqlite": 'SELECT m.name AS child, k."table" AS parent, k.on_delete FROM sqlite_master AS m'
    " JOIN pragma_foreign_key_list(m.name) AS k WHERE m.type = 'table'",
    "postgresql": "SELECT child.relname::text AS child, parent.relname::text AS parent,"
    " CASE k.confdeltype WHEN 'c' THEN 'CASCADE' ELSE 'OTHER' END AS on_delete"
    " FROM pg_constraint AS k JOIN pg_class AS child ON child.oid = k.conrelid"
    " JOIN pg_class AS parent ON parent.oid = k.confrelid WHERE k.contype = 'f'",
}


def names(row: dict[str, Any], user_id: int) -> bool:
    """Whether a row references the runner: their id in a user, partner or chat column, or
    a conversation key holding their id."""
    if user_id in (row.get("user_id"), row.get("partner_id"), row.get("chat_id")):
        return True
    key = row.get("conversation_key")
    return key is not None and user_id in json.loads(key)


def about(rows: Rows, user_id: int) -> Rows:
    """The rows referencing the runner, by table (tables without any left out)."""
    found = {
        table: [row for row in all_rows if names(row, user_id)] for table, all_rows in rows.items()
    }
    return {table: kept for table, kept in found.items() if kept}


def without(rows: Rows, user_id: int) -> Rows:
    return {
        table: [row for row in all_rows if not names(row, user_id)]
        for table, all_rows in rows.items()
    }


async def runner_tables(db: Database) -> set[str]:
    """Tables with a column that can reference a runner."""
    rows = await db.fetch_all(_RUNNER_TABLES[db.dialect])
    return {row["name"] for row in rows}


# --- the fixture really covers the schema ---------------------------------------------------


async def test_both_runners_have_rows_in_every_table_that_can_hold_them(db: Database) -> None:
    rows = await dump(db)
    tables = await runner_tables(db)

    assert set(about(rows, ANA)) == tables
    assert set(about(rows, BEA)) == tables


# --- export ---------------------------------------------------------------------------------


async def test_the_export_holds_the_runner_s_profile_plan_and_live_session(db: Database) -> None:
    export = await RunnerData(db).export(ANA)

    assert export.user_id == ANA
    assert export.profile == profile_of(ANA)
    assert export.plan == StoredPlan(PROGRESS.state, Reason(Cause.PROGRESS_STAGE))
    assert export.plan_history == (
        PlanChange(DAY, Change.PROGRESS, 1, 1, 1, 2, Reason(Cause.PROGRESS_STAGE)),
    )
    assert export.live_session == live_session_of(ANA)


async def test_the_export_holds_every_session_log_oldest_first(db: Database) -> None:
    manual, live = (await RunnerData(db).export(ANA)).session_logs

    assert (manual.user_id, manual.day, manual.source, manual.completed) == (
        ANA,
        EARLIER,
        LogSource.MANUAL,
        False,
    )
    assert (manual.reverse_seconds, manual.template, manual.place) == (90, None, None)
    assert (manual.heart_rate, manual.distance_km, manual.duration_seconds) == (142, 1.25, 1230)
    assert (manual.effort, manual.pain, manual.notes, manual.red_flag) == (None, None, (), False)
    assert (live.user_id, live.day, live.source, live.completed) == (ANA, DAY, LogSource.LIVE, True)
    assert (live.template, live.place, live.downgraded) == (TEMPLATE, Place.TRACK, True)
    assert (live.reverse_seconds, live.effort, live.pain, live.pain_site) == (
        125,
        6,
        2,
        "left calf",
    )
    assert [note.text for note in live.notes] == [ANA_NOTES]
    assert (live.red_flag, live.morning_after) == (True, MorningAfter.SAME)


async def test_the_export_holds_the_runner_s_rows_of_every_other_table(db: Database) -> None:
    records = (await RunnerData(db).export(ANA)).other_records

    assert set(records) == {
        "runners",
        "onboarding_drafts",
        "log_prompts",
        "log_drafts",
        "checkins",
        "safety_checks",
        "safety_stops",
        "reminder_prefs",
        "reminders",
        "day_marks",
        "spotter_invites",
        "spotter_pairs",
        "ptb_conversations",
        "ptb_user_data",
        "ptb_chat_data",
        "workout_prefs",
        "sent_workouts",
        "calendar_feeds",
        "club_members",
    }
    assert all(names(row, ANA) and not names(row, BEA) for rows in records.values() for row in rows)
    assert [(r["first_name"], r["chat_id"]) for r in records["runners"]] == [("Ana", ANA)]
    assert [json.loads(r["answers"]) for r in records["onboarding_drafts"]] == [{"age": "42"}]
    assert [json.loads(r["answers"]) for r in records["safety_checks"]] == [{"pain": "0"}]
    assert [(r["step"], r["pending"]) for r in records["log_prompts"]] == [
        ("effort", '{"effort": 6}')
    ]
    assert [(r["due_at"], r["sent"]) for r in records["checkins"]] == [(DUE_AT, 0)]
    assert [r["lead_minutes"] for r in records["reminder_prefs"]] == [30]
    assert [(r["kind"], r["at_local"]) for r in records["reminders"]] == [("daily", "06:45")]
    assert [(r["day"], r["mark"]) for r in records["day_marks"]] == [(DAY.isoformat(), "reminded")]
    assert [r["token"] for r in records["spotter_invites"]] == ["open-Ana"]
    pairing = {(r["user_id"], r["partner_id"], r["role"]) for r in records["spotter_pairs"]}
    assert pairing == {(ANA, SPOTTER + ANA, "runner"), (SPOTTER + ANA, ANA, "spotter")}
    conversations = {(r["conversation_key"], r["state"]) for r in records["ptb_conversations"]}
    assert conversations == {(f"[{ANA}, {ANA}]", "1"), (f"[{ANA_GROUP}, {ANA}]", "2")}
    assert [r["data"] for r in records["ptb_user_data"]] == ['{"seen": "Ana"}']
    assert [r["data"] for r in records["ptb_chat_data"]] == ['{"chat": "Ana"}']
    assert [r["walking_kmh"] for r in records["workout_prefs"]] == [4.5]
    assert [r["name"] for r in records["sent_workouts"]] == ["Backstride Tue 4 Mar"]
    assert [len(r["token"]) for r in records["calendar_feeds"]] == [43]


async def test_the_sessions_csv_of_an_export_reads_back_field_by_field(db: Database) -> None:
    export = await RunnerData(db).export(ANA)

    text = sessions_csv(export.session_logs).decode("utf-8-sig")
    header, manual, live = csv.reader(io.StringIO(text, newline=""))

    assert header[0] == "date"
    assert dict(zip(header, manual, strict=True)) == {
        "date": EARLIER.isoformat(),
        "source": "manual",
        "completed": "false",
        "reverse_minutes": "1.5",
        "effort": "",
        "pain": "",
        "pain_site": "",
        "heart_rate": "142",
        "distance_km": "1.25",
        "duration_min": "20.5",
        "notes": "",
        "red_flag": "false",
        "morning_after": "",
        "shape": "",
        "place": "",
        "downgraded": "false",
    }
    assert dict(zip(header, live, strict=True)) == {
        "date": DAY.isoformat(),
        "source": "live",
        "completed": "true",
        "reverse_minutes": "2.08",
        "effort": "6",
        "pain": "2",
        "pain_site": "left calf",
        "heart_rate": "",
        "distance_km": "",
        "duration_min": "",
        "notes": ANA_NOTES,
        "red_flag": "true",
        "morning_after": "same",
        "shape": session_shape(TEMPLATE),
        "place": "track",
        "downgraded": "true",
    }


async def test_the_json_of_an_export_holds_every_section(db: Database) -> None:
    raw = everything_json(await RunnerData(db).export(ANA))
    data = json.loads(raw)

    assert data["user_id"] == ANA
    assert data["profile"]["goals"] == ["balance", "knee"]
    assert data["profile"]["session_time"] == "07:30:00"
    assert data["plan"] == {
        "state": {"level": 1, "stage": 2, "since": "2025-03-05", "reverse_cap": None},
        "reason": {"cause": "progress_stage", "day": None, "value": None},
    }
    assert data["plan_history"][0]["change"] == "progress"
    assert [log["day"] for log in data["session_logs"]] == [EARLIER.isoformat(), DAY.isoformat()]
    assert data["session_logs"][1]["notes"] == [{"at": NOW.isoformat(), "text": ANA_NOTES}]
    assert data["session_logs"][1]["template"]["bout"] == "reverse_jog"
    assert data["live_session"]["live"]["due"][0] == DUE_AT
    assert data["other_records"]["reminders"][0]["user_id"] == ANA
    assert "Bea" not in raw.decode("utf-8")


async def test_a_runner_without_data_exports_empty_sections(db: Database) -> None:
    export = await RunnerData(db).export(999)

    assert (export.profile, export.plan, export.live_session) == (None, None, None)
    assert (export.plan_history, export.session_logs, export.other_records) == ((), (), {})


# --- erase ----------------------------------------------------------------------------------


async def test_erase_leaves_no_row_about_the_runner_and_every_other_row_intact(
    db: Database,
) -> None:
    before = await dump(db)

    await RunnerData(db).erase(ANA)

    after = await dump(db)
    assert about(after, ANA) == {}
    assert after == without(before, ANA)
    assert about(after, BEA) == about(before, BEA)
    assert after["ptb_chat_data"] != []  # the groups' rows stay


async def test_erase_counts_the_rows_it_deleted_and_a_second_erase_is_harmless(
    db: Database,
) -> None:
    runner_data = RunnerData(db)
    expected = {table: len(rows) for table, rows in about(await dump(db), ANA).items()}
    tables = await runner_tables(db)

    deleted = await runner_data.erase(ANA)
    again = await runner_data.erase(ANA)

    assert deleted == expected
    assert again == dict.fromkeys(tables, 0)


async def test_after_erase_the_runner_can_start_again(db: Database) -> None:
    await RunnerData(db).erase(ANA)

    await fill(db, ANA, "Ana", "again", ANA_GROUP)

    assert set(about(await dump(db), ANA)) == await runner_tables(db)


async def test_a_table_added_later_is_exported_and_erased(db: Database) -> None:
    # No ON DELETE CASCADE: only erasing children before parents works.
    for ddl in (
        "CREATE TABLE shoes (id INTEGER PRIMARY KEY,"
        " user_id INTEGER NOT NULL REFERENCES runners (user_id), model TEXT NOT NULL)",
        "CREATE TABLE chat_stats (chat_id INTEGER NOT NULL, messages INTEGER)",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)",
    ):
        await db.execute(statement_for(ddl, db.dialect))
    for user_id, model in ((ANA, "Ana's trail shoe"), (BEA, "Bea's racer")):
        await db.execute("INSERT INTO shoes (user_id, model) VALUES (?, ?)", (user_id, model))
        await db.execute("INSERT INTO chat_stats VALUES (?, 7)", (user_id,))
    await db.execute("INSERT INTO settings VALUES ('123', '1234')")
    before = await dump(db)

    records = (await RunnerData(db).export(ANA)).other_records
    deleted = await RunnerData(db).erase(ANA)

    assert records["shoes"] == ({"id": 1, "user_id": ANA, "model": "Ana's trail shoe"},)
    assert records["chat_stats"] == ({"chat_id": ANA, "messages": 7},)
    assert "settings" not in records
    assert (deleted["shoes"], deleted["chat_stats"]) == (1, 1)
    assert "settings" not in deleted
    assert await dump(db) == without(before, ANA)


async def test_an_erase_that_fails_deletes_nothing(db: Database) -> None:
    # A table referencing the runner only through a foreign key must cascade; this one
    # does not, so deleting the runner's row is refused and the whole erase rolls back.
    ddl = "CREATE TABLE badges (holder INTEGER REFERENCES runners (user_id))"
    await db.execute(statement_for(ddl, db.dialect))
    await db.execute("INSERT INTO badges VALUES (?)", (ANA,))
    before = await dump(db)

    with pytest.raises(sqlite3.IntegrityError):
        await RunnerData(db).erase(ANA)

    assert await dump(db) == before


async def test_every_table_reaching_a_runner_only_by_foreign_key_cascades(db: Database) -> None:
    # Guards future migrations against the refusal above.
    owned = await runner_tables(db)
    rows = await db.fetch_all(_REFERENCES[db.dialect])

    not_cascading = [
        (row["child"], row["parent"])
        for row in rows
        if row["child"] not in owned and row["parent"] in owned and row["on_delete"] != "CASCADE"
    ]
    assert not_cascading == []
