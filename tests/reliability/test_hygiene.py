"""Data hygiene: SQL only with parameters (no statement built from strings in bot/), the
database created owner-only, and the bot token in no log line even at DEBUG."""

from __future__ import annotations

import ast
import asyncio
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.emulator.user import EmulatedUser
from bot.texts import common
from tests.reliability.crash_driver import Mailbox, cue_step, seed, start_session
from tests.support.bot_process import bot_environment, bot_process, wait_for
from tests.support.http_botapi import HttpBotApi

BOT = Path(__file__).resolve().parents[2] / "bot"
_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES|FROM)\b")
# SQL the scan finds built from strings, each checked by hand: (file, the expression) → why it
# is safe. Nothing else may be added silently: the test fails on any other.
ALLOWED_BUILT_SQL = {
    ("storage/migrations.py", 'f"PRAGMA user_version = {version:d}"'): (
        "PRAGMA takes no parameters; `version` is an int from range(), formatted with :d"
    ),
    ("storage/runner_data.py", 'f"{verb} FROM {quoted} WHERE {self.condition}"'): (
        "a table name read from sqlite_master, double-quoted with quotes doubled; the verb and "
        "the condition are constants of the module; the user id stays a parameter"
    ),
}


# --- SQL built from strings ------------------------------------------------------------------


def built_sql(source: str) -> list[str]:
    """The expressions in `source` that build SQL at run time: an f-string, `%`, `.format()`,
    `+` or `.join()` where one part is SQL text and another is not a constant."""
    tree = ast.parse(source)
    constants = _string_constants(tree)
    found = []
    for node in ast.walk(tree):
        if _builds_sql(node, constants):
            segment = ast.get_source_segment(source, node)
            found.append(segment if segment is not None else ast.unparse(node))
    # An f-string inside a `+` is reported once, as the outermost expression.
    return [text for text in found if not any(text != other and text in other for other in found)]


def _builds_sql(node: ast.AST, constants: dict[str, str]) -> bool:
    if isinstance(node, ast.JoinedStr):
        literal = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return bool(_SQL.search(literal)) and any(
            isinstance(v, ast.FormattedValue) for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _SQL.search(_text(node.left, constants) or "") is not None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = _addends(node)
        texts = [_text(part, constants) for part in parts]
        return any(t is None for t in texts) and any(_SQL.search(t or "") for t in texts)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":
            return _SQL.search(_text(node.func.value, constants) or "") is not None
        if node.func.attr == "join":
            joiner = _text(node.func.value, constants) or ""
            return _SQL.search(joiner) is not None or any(
                _SQL.search(ast.unparse(arg)) for arg in node.args
            )
    return False


def _addends(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_addends(node.left), *_addends(node.right)]
    return [node]


def _text(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The string an expression always has (a literal, or a module constant), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left, constants), _text(node.right, constants)
        return None if left is None or right is None else left + right
    return None


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound once to a constant string (or a sum of them)."""
    constants: dict[str, str] = {}
    for statement in tree.body:
        target, value = None, None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if isinstance(target, ast.Name) and value is not None:
            text = _text(value, constants)
            if text is not None:
                constants[target.id] = text
    return constants


def _bot_sources() -> Iterator[Path]:
    return iter(sorted(BOT.rglob("*.py")))


@pytest.mark.parametrize(
    "code",
    [
        'db.execute(f"SELECT * FROM logs WHERE id = {log_id}")',
        'db.execute("DELETE FROM logs WHERE user_id = %s" % user_id)',
        "db.execute(\"UPDATE logs SET notes = '{}'\".format(notes))",
        'db.execute("SELECT * FROM logs WHERE notes = \'" + notes + "\'")',
        '_SELECT = "SELECT id FROM logs"\ndb.execute(_SELECT + " WHERE day = " + day)',
        'db.execute(" ".join(["SELECT", column, "FROM logs"]))',
        'db.execute("SELECT * FROM t WHERE " + " AND ".join(f"{c} = ?" for c in cols))',
    ],
)
def test_the_scan_finds_sql_built_from_strings(code: str) -> None:
    assert built_sql(code) != []


@pytest.mark.parametrize(
    "code",
    [
        'db.execute("SELECT * FROM logs WHERE id = ?", (log_id,))',
        '_SELECT = "SELECT id FROM logs"\ndb.execute(_SELECT + " WHERE day = ?", (day,))',
        'logger.info("sent %s cues from %s", count, chat)',
        'text = f"Done! {minutes} min backwards from the start"',
        'label = "{} min".format(minutes)',
    ],
)
def test_the_scan_leaves_parameterised_sql_and_prose_alone(code: str) -> None:
    assert built_sql(code) == []


def test_no_sql_in_bot_is_built_from_strings_except_the_reviewed_ones() -> None:
    found = {
        (str(path.relative_to(BOT)), expression)
        for path in _bot_sources()
        for expression in built_sql(path.read_text())
    }
    unreviewed = sorted(found - set(ALLOWED_BUILT_SQL))
    gone = sorted(set(ALLOWED_BUILT_SQL) - found)
    print(f"hygiene: {len(list(_bot_sources()))} files scanned, {len(found)} built SQL found")
    assert unreviewed == [], "SQL built from strings; use parameters: " + repr(unreviewed)
    assert gone == [], f"reviewed SQL no longer in the code, drop it from the list: {gone}"


# --- the database file -------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_journal_files_are_owner_only_even_with_umask_0(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "data" / "coach.sqlite3"
    with HttpBotApi().serving() as api:
        env = bot_environment(api, db_path)
        with _umask(0):
            migrated = subprocess.run(
                [sys.executable, "-m", "bot", "migrate"],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        assert migrated.returncode == 0, migrated.stderr
        modes = {"database": _mode(db_path)}
        with _umask(0), bot_process(env, tmp_path):
            journal = [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]
            assert wait_for(lambda: all(path.exists() for path in journal), 30)
            modes.update({path.name: _mode(path) for path in journal})

    assert modes == {"database": 0o600, f"{db_path.name}-wal": 0o600, f"{db_path.name}-shm": 0o600}


class _umask:
    """Set the process umask for a block (the bot process inherits it)."""

    def __init__(self, mask: int) -> None:
        self._mask = mask
        self._before = 0

    def __enter__(self) -> None:
        self._before = os.umask(self._mask)

    def __exit__(self, *_: object) -> None:
        os.umask(self._before)


# --- the token in the logs ---------------------------------------------------------------------

# Shaped like a real token: a bot id, a colon, 35 characters starting "AA".
REAL_LOOKING_TOKEN = "7310522987:AAHxq3Yb0Kc9F_tk2LzVwQ1mNrD4sPeU8fG"


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_token_is_in_no_log_line_at_debug(tmp_path: Path, log_format: str) -> None:
    runner_id, newcomer_id = 7501, 7502
    db_path = tmp_path / "token.sqlite3"
    asyncio.run(seed(db_path, [runner_id], {}))
    with HttpBotApi().serving() as api:
        mail = Mailbox(db_path)
        api.emulator.listeners.append(mail.listen)
        env = bot_environment(
            api,
            db_path,
            TELEGRAM_BOT_TOKEN=REAL_LOOKING_TOKEN,
            LOG_LEVEL="DEBUG",
            LOG_FORMAT=log_format,
            BACKSTRIDE_TIME_SCALE="300",
        )
        runner = EmulatedUser(api.emulator, runner_id)
        newcomer = EmulatedUser(api.emulator, newcomer_id)
        with bot_process(env, tmp_path) as bot:
            assert wait_for(lambda: api.emulator.commands, 30), bot.stderr()[-2000:]
            for text in ("/start", "34", "regularly"):
                _say(api, mail, newcomer, text)
            # A reply that fails on every try: the error handler logs it with its traceback.
            api.emulator.fail_next(500, method="sendMessage", times=4)
            api.send_from_user(newcomer.text("/help"))
            assert wait_for(lambda: "Traceback" in bot.stderr(), 30), bot.stderr()[-2000:]
            # The apology goes out after the traceback: the 403 below must not be for it.
            assert wait_for(lambda: _got(mail, newcomer_id, common.SOMETHING_WENT_WRONG), 30)
            # A runner who blocked the bot: logged, naming the runner.
            api.emulator.fail_next(403, method="sendMessage")
            api.send_from_user(newcomer.text("/help"))
            assert wait_for(lambda: "blocked the bot" in bot.stderr(), 30), bot.stderr()[-2000:]
            start_session(api, mail, runner, db_path)
            assert wait_for(lambda: any(cue_step(a.text) for a in mail.since(0)), 30)
            api.emulator.fail_next(429, method="sendMessage", retry_after=1)  # flood control
            for text in ("/skip", "/stop", f"/log yesterday 10 min {_HEALTH_NOTE}", "/reminders"):
                _say(api, mail, runner, text)
            output = bot.stderr()

    secret = REAL_LOOKING_TOKEN.split(":")[1]
    lines = output.splitlines()
    debug = [line for line in lines if _is_debug(line, log_format)]
    with_ids = [line for line in lines if _RAW_ID.search(line)]
    with_notes = [line for line in lines if _HEALTH_NOTE in line]
    print(
        f"hygiene ({log_format} logs): {len(lines)} log lines ({len(debug)} at DEBUG), token "
        f"found in 0; raw runner ids in {len(with_ids)}, health notes in {len(with_notes)}"
    )
    assert debug  # DEBUG was really on
    assert [line for line in lines if secret in line or REAL_LOOKING_TOKEN in line] == []
    # Even at DEBUG no line echoes a whole update or request (PTB's own would): runners are
    # named by a keyed hash only, as in the line about the runner who blocked the bot.
    assert any(_BLOCKED.search(line) for line in lines), lines
    assert with_ids == []
    assert with_notes == []


def _got(mail: Mailbox, chat: int, text: str) -> bool:
    return any(arrival.chat == chat and arrival.text == text for arrival in mail.since(0))


_HEALTH_NOTE = "effort 5 pain 1 sore left achilles"
_BLOCKED = re.compile(r"runner [0-9a-f]{8,} blocked the bot")
# The two runners' ids, not as part of a longer hex or decimal string (a tag, a timestamp).
_RAW_ID = re.compile(r"(?<![0-9a-f])750[12](?![0-9a-f])")


def _is_debug(line: str, log_format: str) -> bool:
    return ('"level": "DEBUG"' in line) if log_format == "json" else (" DEBUG " in line)


def _say(api: HttpBotApi, mail: Mailbox, user: EmulatedUser, text: str) -> None:
    """Send a text; wait until the bot answers it and then stays quiet for a quarter second."""

    def answers() -> int:
        return len([arrival for arrival in mail.since(0) if arrival.chat == user.user_id])

    before = answers()
    api.send_from_user(user.text(text))
    assert wait_for(lambda: answers() > before, 30), f"no answer to {text!r}"
    while (count := answers()) != before:
        before = count
        time.sleep(0.25)
