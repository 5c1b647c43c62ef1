"""Numbered schema migrations for both dialects, applied atomically one version at a time.

SQLite tracks the version with PRAGMA user_version; PostgreSQL in a `schema_version` table
(bot/storage/postgres_backend.py), where the same statements run after `postgres_ddl` has
widened the types. A statement whose DDL must differ is written as `PerDialect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import aiosqlite

from bot.storage.database_types import Dialect


@dataclass(frozen=True, slots=True)
class PerDialect:
    """One migration statement written twice, where the two dialects' DDL must differ."""

    sqlite: str
    postgresql: str


Statement = str | PerDialect

# Each entry is one schema version: the statements that take the previous version to it.
# Never edit a released entry; append a new one. Write portable DDL (INTEGER, REAL, TEXT;
# `id INTEGER PRIMARY KEY` for a numbered row) or a PerDialect.
MIGRATIONS: tuple[tuple[Statement, ...], ...] = (
    (
        """CREATE TABLE runners (
            user_id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            first_name TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL
        )""",
        """CREATE TABLE ptb_conversations (
            name TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (name, conversation_key)
        )""",
        """CREATE TABLE ptb_user_data (
            user_id INTEGER PRIMARY KEY,
            data TEXT NOT NULL
        )""",
        """CREATE TABLE ptb_chat_data (
            chat_id INTEGER PRIMARY KEY,
            data TEXT NOT NULL
        )""",
    ),
    (
        """CREATE TABLE onboarding_drafts (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            answers TEXT NOT NULL,
            selection TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE profiles (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            age INTEGER NOT NULL,
            experience TEXT NOT NULL,
            weekly_km INTEGER NOT NULL,
            goals TEXT NOT NULL,
            injuries TEXT NOT NULL,
            physio_supervised INTEGER NOT NULL,
            places TEXT NOT NULL,
            sessions_per_week INTEGER NOT NULL,
            weekdays TEXT NOT NULL,
            session_time TEXT NOT NULL,
            timezone TEXT NOT NULL,
            units TEXT NOT NULL,
            parq_yes TEXT NOT NULL,
            medically_cleared INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
    (
        # Where each runner is in the programme, and the sentence that says why.
        """CREATE TABLE plan_states (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            level INTEGER NOT NULL,
            stage INTEGER NOT NULL,
            since TEXT NOT NULL,
            reason TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # Every move the progression rules made, so a runner's plan history is kept.
        """CREATE TABLE plan_changes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            change TEXT NOT NULL,
            from_level INTEGER NOT NULL,
            from_stage INTEGER NOT NULL,
            to_level INTEGER NOT NULL,
            to_stage INTEGER NOT NULL,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX plan_changes_by_runner ON plan_changes (user_id, id)",
    ),
    (
        # The pre-session safety check a runner is answering (answers so far).
        """CREATE TABLE safety_checks (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            answers TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # A session in progress: its steps and the absolute due time (unix seconds) of every
        # cue, the final "done" included; `next_index` is the next cue to send.
        """CREATE TABLE live_sessions (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            place TEXT NOT NULL,
            template TEXT NOT NULL,
            downgraded INTEGER NOT NULL,
            steps TEXT NOT NULL,
            due TEXT NOT NULL,
            next_index INTEGER NOT NULL,
            paused_at REAL,
            scale REAL NOT NULL,
            started_at TEXT NOT NULL
        )""",
    ),
    (
        # Every session a runner did: from a live session, typed with /log, or from a watch.
        """CREATE TABLE session_logs (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            source TEXT NOT NULL,
            completed INTEGER NOT NULL,
            template TEXT,
            place TEXT,
            downgraded INTEGER NOT NULL DEFAULT 0,
            reverse_seconds INTEGER NOT NULL,
            effort INTEGER,
            pain INTEGER,
            pain_site TEXT,
            heart_rate INTEGER,
            distance_km REAL,
            duration_seconds INTEGER,
            notes TEXT NOT NULL DEFAULT '',
            red_flag INTEGER NOT NULL DEFAULT 0,
            morning_after TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX session_logs_by_runner ON session_logs (user_id, day)",
        # The logging question a runner's next free-text reply answers, with a parsed reply
        # waiting for confirmation when it was ambiguous.
        """CREATE TABLE log_prompts (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            log_id INTEGER NOT NULL REFERENCES session_logs (id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            pending TEXT,
            asked_at TEXT NOT NULL
        )""",
        # Next-morning check-ins: when to ask about the session `log_id`, and whether asked.
        """CREATE TABLE checkins (
            log_id INTEGER PRIMARY KEY REFERENCES session_logs (id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            due_at REAL NOT NULL,
            sent INTEGER NOT NULL DEFAULT 0
        )""",
    ),
    (
        # What the runner chose for reminders (no row: the defaults).
        """CREATE TABLE reminder_prefs (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            enabled INTEGER NOT NULL,
            lead_minutes INTEGER NOT NULL,
            quiet_start TEXT,
            quiet_end TEXT,
            updated_at TEXT NOT NULL
        )""",
        # The runner's reminder jobs: "daily" (a wall-clock time in a zone, on PTB's days,
        # 0 = Sunday), "checkup" (the daily missed-session look) and "once" (a snooze or a
        # moved session, at an instant). Jobs are rebuilt from these rows at start.
        """CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            at_local TEXT,
            timezone TEXT,
            days TEXT,
            day_shift INTEGER NOT NULL DEFAULT 0,
            due_at REAL,
            session_day TEXT
        )""",
        "CREATE INDEX reminders_by_runner ON reminders (user_id)",
        "CREATE INDEX reminders_by_group ON reminders (kind, at_local, timezone, days, day_shift)",
        # What happened to a planned day: reminded, skipped, moved away or to, nudged.
        """CREATE TABLE day_marks (
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            day TEXT NOT NULL,
            mark TEXT NOT NULL,
            PRIMARY KEY (user_id, day, mark)
        )""",
    ),
    (
        # Plan reasons become keys (the texts word them), and a step back can cap the
        # session's backward seconds.
        # Each English reason, matched by its start (the first pattern by rank wins), becomes
        # its key; anything else becomes "earlier".
        "CREATE TEMP TABLE reason_keys (rank INTEGER, pattern TEXT, key TEXT)",
        """INSERT INTO reason_keys VALUES
            (1, 'You mentioned dizziness or losing your balance, so until a doctor%',
                'start_dizziness_uncleared'),
            (2, 'You answered yes to one of the health questions%', 'start_parq_uncleared'),
            (3, 'You mentioned dizziness or balance trouble%', 'start_balance'),
            (4, 'Because of your knee, we start with backward walking%', 'start_knee'),
            (5, 'Because something hurts right now%', 'start_pain'),
            (6, 'As you''re working with a physiotherapist%', 'start_physio'),
            (7, 'Backwards is new work for your balance%', 'start_older'),
            (8, 'Jogging backwards is harder than it looks%', 'start_non_runner'),
            (9, 'You run now and then%', 'start_occasional'),
            (10, 'You already run regularly%', 'start_runner'),
            (11, 'Your last sessions felt comfortable%move up to level%', 'progress_level'),
            (12, 'Your last sessions felt comfortable%', 'progress_stage'),
            (13, 'Until a doctor clears you, we stick to backward walking%', 'walk_only'),
            (14, 'You reported a warning sign%', 'red_flag'),
            (15, 'It''s been % days since your last session%', 'break'),
            (16, 'Your pain went above 5 out of 10%', 'pain'),
            (17, 'You felt worse the morning after%', 'morning_worse'),
            (18, 'Your knee felt worse the morning after%', 'morning_worse_knee'),
            (19, 'You missed a few sessions in a row%', 'missed'),
            (20, 'Your last two sessions felt very hard%', 'too_hard'),
            (21, 'We repeat this step from tomorrow%', 'hold_realign')""",
        PerDialect(
            sqlite="""UPDATE plan_states SET reason = COALESCE(
            (SELECT json_object('key', key) FROM reason_keys
             WHERE plan_states.reason LIKE pattern ORDER BY rank LIMIT 1),
            json_object('key', 'earlier'))""",
            postgresql="""UPDATE plan_states SET reason = COALESCE(
            (SELECT json_build_object('key', key)::text FROM reason_keys
             WHERE plan_states.reason LIKE pattern ORDER BY rank LIMIT 1),
            json_build_object('key', 'earlier')::text)""",
        ),
        PerDialect(
            sqlite="""UPDATE plan_changes SET reason = COALESCE(
            (SELECT json_object('key', key) FROM reason_keys
             WHERE plan_changes.reason LIKE pattern ORDER BY rank LIMIT 1),
            json_object('key', 'earlier'))""",
            postgresql="""UPDATE plan_changes SET reason = COALESCE(
            (SELECT json_build_object('key', key)::text FROM reason_keys
             WHERE plan_changes.reason LIKE pattern ORDER BY rank LIMIT 1),
            json_build_object('key', 'earlier')::text)""",
        ),
        "DROP TABLE reason_keys",
        "ALTER TABLE plan_states ADD COLUMN reverse_cap INTEGER",
        # The last plan reason the runner read after a log, so the same one is not repeated.
        "ALTER TABLE plan_states ADD COLUMN told TEXT",
    ),
    (
        # /workout: the runner's treadmill walking speed, and each workout file sent (its
        # name comes back inside the watch's activity file and finds the session).
        """CREATE TABLE workout_prefs (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            walking_kmh REAL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE sent_workouts (
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            session_day TEXT NOT NULL,
            template TEXT NOT NULL,
            place TEXT NOT NULL,
            reverse_seconds INTEGER NOT NULL,
            total_seconds INTEGER NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (user_id, name)
        )""",
        # The secret of each runner's calendar feed (webhook mode); a reset replaces it.
        """CREATE TABLE calendar_feeds (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )""",
    ),
    (
        # A cardiac or neurological stop since the last clearance keeps the runner walk-only.
        "ALTER TABLE profiles ADD COLUMN safety_hold INTEGER NOT NULL DEFAULT 0",
        # Notes accumulate: each typed note of a session, with its time, never overwritten.
        # No log_id yet: typed during the live session, attached to its log when it ends.
        """CREATE TABLE session_notes (
            id INTEGER PRIMARY KEY,
            log_id INTEGER REFERENCES session_logs (id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            text TEXT NOT NULL
        )""",
        "CREATE INDEX session_notes_by_log ON session_notes (log_id)",
        "INSERT INTO session_notes (log_id, user_id, at, text) SELECT id, user_id,"
        " updated_at, notes FROM session_logs WHERE notes != ''",
        # Sessions stopped for a warning sign (an SOS): when, why, and the follow-up later.
        """CREATE TABLE safety_stops (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            follow_up_due REAL NOT NULL,
            follow_up_sent INTEGER NOT NULL DEFAULT 0,
            -- after a fall: the place, whose advice the next safety check shows once
            advice_place TEXT
        )""",
        "CREATE INDEX safety_stops_by_runner ON safety_stops (user_id, at)",
    ),
    (
        # The running bot's heartbeat: one row, rewritten every few seconds; `python -m bot
        # health` reports the bot dead when it is older than a minute.
        """CREATE TABLE heartbeat (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            beat_at TEXT NOT NULL
        )""",
    ),
    (
        # A guided /log under way (or a fix of the log `log_id`): the question being asked
        # and the answers so far, so a restart in the middle carries on where it was.
        """CREATE TABLE log_drafts (
            user_id INTEGER PRIMARY KEY REFERENCES runners (user_id) ON DELETE CASCADE,
            log_id INTEGER REFERENCES session_logs (id) ON DELETE CASCADE,
            step TEXT NOT NULL,
            answers TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ),
    (
        # Updates already applied, so a re-delivered one is ignored (kept for two days:
        # Telegram keeps an unconfirmed update for one).
        """CREATE TABLE applied_updates (
            update_id INTEGER PRIMARY KEY,
            applied_at REAL NOT NULL
        )""",
        "CREATE INDEX applied_updates_by_time ON applied_updates (applied_at)",
        # Single-use keyboards already answered, by a keyed hash of chat and message (no
        # raw id, so nothing here is a runner's data to export or erase).
        """CREATE TABLE spent_offers (
            offer TEXT PRIMARY KEY,
            spent_at REAL NOT NULL
        )""",
        "CREATE INDEX spent_offers_by_time ON spent_offers (spent_at)",
    ),
    (
        # A runner's open invitation to a spotter: single-use (deleted when accepted),
        # expiring at `expires_at` (unix time).
        """CREATE TABLE spotter_invites (
            token TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            expires_at REAL NOT NULL
        )""",
        # A pairing is two rows, one per side, so each side's /export and /delete hold it:
        # role 'runner' (user_id runs, partner_id spots) or 'spotter' (user_id spots
        # partner_id). `following` (spotter rows): they asked for the cues of the session
        # the runner is in now.
        """CREATE TABLE spotter_pairs (
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            partner_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            following INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            PRIMARY KEY (user_id, partner_id, role)
        )""",
        "CREATE INDEX spotter_pairs_by_partner ON spotter_pairs (partner_id)",
    ),
    (
        # A group chat set up as a club: where it trains and on which clock. Its id is
        # `group_id`, not `chat_id`: a club's rows are a group's, never one runner's.
        """CREATE TABLE clubs (
            group_id INTEGER PRIMARY KEY,
            place TEXT NOT NULL,
            timezone TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        # The club's session (at most one at a time): gathering until `starts_at` (unix
        # time; NULL: when an admin taps Start), then running with the group's timeline and
        # the due time of every cue, as live_sessions holds a runner's. `status_id` is the
        # pinned status message; `status_due` (unix time) an edit of it not yet made.
        """CREATE TABLE club_sessions (
            group_id INTEGER PRIMARY KEY REFERENCES clubs (group_id) ON DELETE CASCADE,
            starts_at REAL,
            status_id INTEGER,
            status_due REAL,
            template TEXT,
            steps TEXT,
            due TEXT,
            next_index INTEGER NOT NULL DEFAULT 0,
            scale REAL NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        )""",
        # Who joined it: the name they show in the group, where they stand, their safety
        # check's answers (in their private chat), and once cleared their own session for
        # today and whether they walk the group's backwards bouts.
        """CREATE TABLE club_members (
            group_id INTEGER NOT NULL REFERENCES club_sessions (group_id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES runners (user_id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '{}',
            template TEXT,
            downgraded INTEGER NOT NULL DEFAULT 0,
            walks INTEGER NOT NULL DEFAULT 0,
            joined_at TEXT NOT NULL,
            PRIMARY KEY (group_id, user_id)
        )""",
        "CREATE INDEX club_members_by_user ON club_members (user_id)",
    ),
    # The language the coach speaks to a runner: from their first /start, before a profile
    # exists, so it lives with the runner's row; NULL = not chosen (Telegram's, or English).
    ("ALTER TABLE runners ADD COLUMN language TEXT",),
    # The language a club's group is spoken to in (its status, cues, replies): the
    # organiser's at set-up, changed by an admin with /language in the group; NULL for a
    # club set up before (the next admin to open a session gives theirs).
    ("ALTER TABLE clubs ADD COLUMN language TEXT",),
    # A member who stopped mid-session and whom the group has not yet been told about (one
    # neutral line, with the status's next debounced edit, for everyone who stopped since).
    ("ALTER TABLE club_members ADD COLUMN stop_unsaid INTEGER NOT NULL DEFAULT 0",),
)

LATEST_VERSION = len(MIGRATIONS)

# SQLite's types as PostgreSQL spells them: a Telegram id does not fit PostgreSQL's 32-bit
# INTEGER, its REAL is single precision (unix times would lose their seconds), and an
# `INTEGER PRIMARY KEY` numbers new rows on SQLite (it is the rowid), so it is an identity.
_POSTGRES_TYPES = (
    (
        re.compile(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", re.IGNORECASE),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bINTEGER\b", re.IGNORECASE), "BIGINT"),
    (re.compile(r"\bREAL\b", re.IGNORECASE), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b", re.IGNORECASE), "BYTEA"),
)


def statement_for(statement: Statement, dialect: Dialect) -> str:
    """The migration statement as `dialect` runs it."""
    if isinstance(statement, PerDialect):
        return statement.sqlite if dialect == "sqlite" else statement.postgresql
    return statement if dialect == "sqlite" else postgres_ddl(statement)


def postgres_ddl(statement: str) -> str:
    """A portable (SQLite-typed) DDL statement with PostgreSQL's types."""
    for pattern, replacement in _POSTGRES_TYPES:
        statement = pattern.sub(replacement, statement)
    return statement


async def schema_version(connection: aiosqlite.Connection) -> int:
    """The version the database is at (0 for a new file)."""
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def apply_migrations(connection: aiosqlite.Connection) -> int:
    """Bring the schema to the latest version, one version per transaction.

    Returns how many versions were applied. A failing version is rolled back whole,
    user_version included, so a re-run starts from the same place.
    """
    current = await schema_version(connection)
    if current > LATEST_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this program ({LATEST_VERSION})"
        )
    for version in range(current + 1, LATEST_VERSION + 1):
        await connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version - 1]:
                await connection.execute(statement_for(statement, "sqlite"))
            # PRAGMA takes no parameters; `version` is an int from range(), never input.
            await connection.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            await connection.rollback()
            raise
        await connection.commit()
    return LATEST_VERSION - current
