"""Every sentence a runner reads comes from bot/texts, and reaches them translated: a scan of
the code for sentences written elsewhere, and for uses of the texts that would freeze them
in one language (read at import time, or joined untranslated inside bot/texts)."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.texts.translation import Plural

BOT = Path(__file__).resolve().parents[2] / "bot"
# Where replies are written: everything but the texts themselves, the domain (which returns
# data, and reads what runners type), storage and the emulator (a stand-in for Telegram).
WRITERS = sorted(
    path
    for path in BOT.rglob("*.py")
    if path.relative_to(BOT).parts[0] in ("flows", "runtime", "app.py")
)
TEXTS = sorted(
    path
    for path in (BOT / "texts").glob("*.py")
    if path.stem not in ("__init__", "translation", "extraction")
)
# Calls that put words in front of a runner, and their keywords that hold the words.
_SENDERS = {
    "reply_text",
    "send_message",
    "send_text",
    "edit_text",
    "edit_message_text",
    "answer",
    "InlineKeyboardButton",
    "KeyboardButton",
    "BotCommand",
    "reply_document",
    "send_document",
    "reply_photo",
    "send_photo",
    "stop_spinner",
    "edit_or_send",
    "redraw",
    "send_or_mark_unreachable",
    "set_my_description",
    "set_my_short_description",
}
_TEXT_KEYWORDS = {"text", "caption", "description", "short_description"}
_NOT_FOR_RUNNERS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_SENTENCE = re.compile(r"^\W*[A-Z][a-z']*(\s+\S+){2,}")


def _rel(path: Path) -> str:
    return str(path.relative_to(BOT.parent))


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(character.isalpha() for character in _PLACEHOLDER.sub("", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    return False


def _call_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def words_sent_from_code(source: str) -> Iterator[tuple[int, str]]:
    """Literal words handed to a call that sends them to a runner."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _call_name(node) in _SENDERS:
            values = [*node.args, *(k.value for k in node.keywords if k.arg in _TEXT_KEYWORDS)]
            for value in values:
                if _has_words(value):
                    yield value.lineno, ast.unparse(value)


def sentences_in_code(source: str) -> Iterator[tuple[int, str]]:
    """String literals shaped like a sentence for a person ("Sorry, that …"), outside
    docstrings, log lines and exceptions."""
    tree = ast.parse(source)
    parents = _parents(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if isinstance(parents.get(node), ast.Expr) or not _SENTENCE.match(node.value):
            continue
        outer = parents.get(node)
        while outer is not None and not isinstance(outer, ast.Call):
            outer = parents.get(outer)
        name = _call_name(outer) if isinstance(outer, ast.Call) else ""
        if name in _NOT_FOR_RUNNERS or name.endswith(("Error", "Exception")):
            continue
        yield node.lineno, node.value


def _holds_words(module: str, name: str) -> bool:
    """True if bot.texts' `module`.`name` is a sentence or holds sentences (not a number, not
    the translation machinery)."""
    if module.rsplit(".", 1)[-1] == "translation":
        return False
    module = module if module.startswith("bot.texts.") else f"bot.texts.{module}"
    value = vars(importlib.import_module(module)).get(name)
    return isinstance(value, str | dict | tuple | list | Plural)


def frozen_reads(source: str) -> Iterator[tuple[int, str]]:
    """Texts read once, at import: `from bot.texts.x import CONSTANT`, or a texts module's
    attribute in a module-level statement. Either stays in the language of the import."""
    tree = ast.parse(source)
    texts_modules: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and (statement.module or "").startswith(
            "bot.texts"
        ):
            for alias in statement.names:
                if alias.name.isupper() and _holds_words(str(statement.module), alias.name):
                    yield statement.lineno, f"from {statement.module} import {alias.name}"
                texts_modules[alias.asname or alias.name] = alias.name
    for statement in tree.body:
        if isinstance(
            statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.ImportFrom
        ):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Lambda):
                break
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in texts_modules
                and node.attr.isupper()
                and _holds_words(texts_modules[node.value.id], node.attr)
            ):
                yield node.lineno, f"{node.value.id}.{node.attr} at import"


def untranslated_uses(source: str, module: str | None = None) -> Iterator[tuple[int, str]]:
    """Inside a function of a texts module, its own constants used whole (put in a list,
    returned, compared): they are the English message ids until `.format`, an f-string or
    `str()` translates them. With `module`, only its constants that hold words count."""
    tree = ast.parse(source)
    constants = {
        target.id
        for statement in tree.body
        if isinstance(statement, ast.Assign | ast.AnnAssign)
        for target in (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        )
        if isinstance(target, ast.Name)
        and target.id.lstrip("_")[:1].isupper()
        and (module is None or _holds_words(module, target.id))
    }
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef):
            continue
        parents = _parents(function)
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Name)
                and node.id in constants
                and not _translated(node, parents)
            ):
                yield node.lineno, f"{function.name}: {node.id}"


def _translated(node: ast.Name, parents: dict[ast.AST, ast.AST]) -> bool:
    """True if the constant at `node` is translated where it is used."""
    used: ast.AST = node
    while isinstance(parent := parents.get(used), ast.Subscript) and parent.value is used:
        used = parent
    parent = parents.get(used)
    if isinstance(parent, ast.Attribute):
        return parent.attr in ("format", "form", "get", "items", "join")
    if isinstance(parent, ast.Call):
        return _call_name(parent) in ("str", "len") or (
            used is not parent.func and _call_name(parent) == "cycle"
        )
    return isinstance(parent, ast.FormattedValue)


@pytest.mark.parametrize("path", WRITERS, ids=_rel)
def test_no_words_for_runners_are_written_outside_bot_texts(path: Path) -> None:
    source = path.read_text()
    assert [*words_sent_from_code(source), *sentences_in_code(source)] == []


@pytest.mark.parametrize("path", WRITERS, ids=_rel)
def test_texts_are_read_when_they_are_used(path: Path) -> None:
    assert list(frozen_reads(path.read_text())) == []


@pytest.mark.parametrize("path", TEXTS, ids=_rel)
def test_texts_functions_translate_their_own_constants(path: Path) -> None:
    assert list(untranslated_uses(path.read_text(), path.stem)) == []


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scan itself: each kind of slip in a made-up module is found."""
    sent = 'async def f(m):\n    await m.reply_text("Hello there, runner")\n'
    shaped = 'GREETING = "Welcome back to the coach"\n'
    frozen = (
        "from bot.texts import common\nfrom bot.texts.plan import PLAN_HELP\nX = common.WELCOME\n"
    )
    whole = 'A = "Hi"\ndef f():\n    return [A, ""]\n'
    assert [line for line, _ in words_sent_from_code(sent)] == [2]
    assert [line for line, _ in sentences_in_code(shaped)] == [1]
    assert [line for line, _ in frozen_reads(frozen)] == [2, 3]
    assert [line for line, _ in untranslated_uses(whole)] == [3]
