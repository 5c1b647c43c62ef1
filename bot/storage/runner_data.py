"""Everything stored about one runner: gathered for /export, erased for /delete.

Which tables hold a runner's rows is read from the schema, not listed here, so a table a
later migration adds is covered as soon as it names the runner in one of these ways: a
`user_id` column (with a `partner_id` too, a row about two runners is both's); a `chat_id`
column (a private chat's id is the runner's user id; a group chat's rows are not one
runner's); or a python-telegram-bot `conversation_key`, a JSON list such as
`[chat_id, user_id]` that names the runner when one of its integers is their id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from graphlib import TopologicalSorter
from typing import Any, Protocol

from bot.domain.profile import Profile
from bot.storage.database import Database, Dialect
from bot.storage.live_sessions import LiveSessions, StoredSession
from bot.storage.plans import PlanChange, Plans, StoredPlan
from bot.storage.profiles import Profiles
from bot.storage.session_logs import LogEntry, SessionLogs

# How a table names the runner, strongest first; each condition takes the user id once.
# A row about two people (`user_id` and `partner_id`, as a pairing) belongs to both.
# A conversation key is a JSON list of integers, one of which may be the runner's id.
_RUNNER_CONDITIONS: dict[Dialect, tuple[tuple[str, str], ...]] = {
    "sqlite": (
        ("partner_id", "? IN (user_id, partner_id)"),
        ("user_id", "user_id = ?"),
        ("chat_id", "chat_id = ?"),
        (
            "conversation_key",
            "EXISTS (SELECT 1 FROM json_each(conversation_key) AS part"
            " WHERE part.type = 'integer' AND part.value = ?)",
        ),
    ),
    "postgresql": (
        ("partner_id", "? IN (user_id, partner_id)"),
        ("user_id", "user_id = ?"),
        ("chat_id", "chat_id = ?"),
        (
            "conversation_key",
            "EXISTS (SELECT 1 FROM json_array_elements(conversation_key::json) AS part"
            " WHERE CASE WHEN json_typeof(part) = 'number' AND part::text ~ '^-?[0-9]+$'"
            " THEN (part::text)::numeric = ? END)",
        ),
    ),
}
# Every table's columns, and which table references which: the catalogue of each dialect.
_COLUMNS: dict[Dialect, str] = {
    "sqlite": """
        SELECT m.name AS table_name, c.name AS column_name
        FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c
        WHERE m.type = 'table'
    """,
    "postgresql": """
        SELECT table_name::text AS table_name, column_name::text AS column_name
        FROM information_schema.columns
        WHERE table_schema = current_schema()
    """,
}
_FOREIGN_KEYS: dict[Dialect, str] = {
    "sqlite": """
        SELECT m.name AS child, k."table" AS parent
        FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS k
        WHERE m.type = 'table'
    """,
    "postgresql": """
        SELECT child.relname::text AS child, parent.relname::text AS parent
        FROM pg_constraint AS k
        JOIN pg_class AS child ON child.oid = k.conrelid
        JOIN pg_class AS parent ON parent.oid = k.confrelid
        WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
    """,
}
# Tables the export already holds as typed sections.
_TYPED_TABLES = frozenset(
    {"profiles", "plan_states", "plan_changes", "session_logs", "session_notes", "live_sessions"}
)

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RunnerExport:
    """One runner's data. `session_logs` is oldest first; `other_records` holds the rows of
    every other table that names the runner (reminders, drafts, ...), by table name, and
    only tables with rows."""

    user_id: int
    profile: Profile | None
    plan: StoredPlan | None
    plan_history: tuple[PlanChange, ...]
    session_logs: tuple[LogEntry, ...]
    live_session: StoredSession | None
    other_records: dict[str, tuple[Record, ...]]


@dataclass(frozen=True, slots=True)
class _RunnerTable:
    """A table that holds runners' rows, and the condition that picks one runner's."""

    name: str
    condition: str

    def statement(self, verb: str) -> str:
        """`verb` ("SELECT *", "DELETE") applied to the runner's rows; one parameter."""
        quoted = '"' + self.name.replace('"', '""') + '"'
        # The name comes from the catalogue and is quoted; the user id stays a parameter.
        return f"{verb} FROM {quoted} WHERE {self.condition}"


class Remembers(Protocol):
    """A repository that keeps some rows in memory too (see `RowCache`)."""

    def forget(self, user_id: int) -> None:
        """The runner's rows changed behind the repository's back."""


class RunnerData:
    """Export and erase every row about one runner, and never another runner's rows.
    An erase also clears what the `remembering` repositories keep in memory."""

    def __init__(self, db: Database, remembering: Sequence[Remembers] = ()) -> None:
        self._db = db
        self._remembering = remembering

    async def export(self, user_id: int) -> RunnerExport:
        """Everything stored about the runner."""
        plans, logs = Plans(self._db), SessionLogs(self._db)
        newest_first = await logs.recent(user_id, limit=await logs.count(user_id))
        return RunnerExport(
            user_id=user_id,
            profile=await Profiles(self._db).get(user_id),
            plan=await plans.get(user_id),
            plan_history=await plans.history(user_id),
            session_logs=tuple(reversed(newest_first)),
            live_session=await LiveSessions(self._db).get(user_id),
            other_records=await self._other_records(user_id),
        )

    async def erase(self, user_id: int) -> dict[str, int]:
        """Delete every row about the runner in one transaction, children before parents;
        returns the rows deleted per table (every table that can hold a runner's rows)."""
        tables = await _runner_tables(self._db)
        self._forget(user_id)
        async with self._db.transaction() as tx:
            deleted = {
                table.name: await tx.execute(table.statement("DELETE"), (user_id,))
                for table in tables
            }
        self._forget(user_id)
        return deleted

    def _forget(self, user_id: int) -> None:
        for repository in self._remembering:
            repository.forget(user_id)

    async def _other_records(self, user_id: int) -> dict[str, tuple[Record, ...]]:
        records: dict[str, tuple[Record, ...]] = {}
        for table in sorted(await _runner_tables(self._db), key=lambda table: table.name):
            if table.name in _TYPED_TABLES:
                continue
            rows = await self._db.fetch_all(table.statement("SELECT *"), (user_id,))
            if rows:
                records[table.name] = tuple(dict(row) for row in rows)
        return records


async def _runner_tables(db: Database) -> list[_RunnerTable]:
    """The tables holding runners' rows, each after every table that references it."""
    columns: defaultdict[str, set[str]] = defaultdict(set)
    for row in await db.fetch_all(_COLUMNS[db.dialect]):
        columns[row["table_name"]].add(row["column_name"].lower())
    order: TopologicalSorter[str] = TopologicalSorter()
    for name in sorted(columns):
        order.add(name)
    for row in await db.fetch_all(_FOREIGN_KEYS[db.dialect]):
        if row["child"] != row["parent"]:
            order.add(row["parent"], row["child"])  # the parent comes after its child
    tables = []
    for name in order.static_order():
        condition = _runner_condition(columns.get(name, set()), db.dialect)
        if condition is not None:
            tables.append(_RunnerTable(name, condition))
    return tables


def _runner_condition(columns: set[str], dialect: Dialect) -> str | None:
    """How a table with these columns names a runner, or None if it does not."""
    for column, condition in _RUNNER_CONDITIONS[dialect]:
        if column in columns:
            return condition
    return None
