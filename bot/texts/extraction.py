"""Babel's extraction method for bot/texts: the sentences are module-level constants, not
`_()` calls, so this reads the constants the way `localize` wraps them at run time.

Used by `babel.cfg` (`pybabel extract -F babel.cfg -o bot/locales/messages.pot .`). A module
takes part if it calls `localize(__name__)`; from it come every string constant, the
strings inside its dicts (values, not keys), tuples and lists, and each `plural(...)` as a
message with plural forms. Strings without a letter ("-", " · ", "{start}–{end}") are not
sentences and stay as they are.
"""

from __future__ import annotations

import ast
import io
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

# (line number, function name, message or (singular, plural), comments): Babel's format.
Extracted = tuple[int, str | None, str | tuple[str, str], list[str]]

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def is_sentence(text: str) -> bool:
    """True if `text` holds words to translate (a letter outside its placeholders)."""
    return any(character.isalpha() for character in _PLACEHOLDER.sub("", text))


def extract_texts(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Every message of one texts module, each with its constant's name as a comment."""
    del keywords, comment_tags, options  # the constants are found by their place, not a name
    tree = ast.parse(fileobj.read())
    if not _calls_localize(tree):
        return
    for statement in tree.body:
        target, value = _assignment(statement)
        if target is not None and value is not None:
            yield from _messages(value, target)


def module_messages(source: str) -> list[str | tuple[str, str]]:
    """The messages of one module's source, in order (for tests and the catalogue check)."""
    extracted = extract_texts(io.BytesIO(source.encode()), {}, (), {})
    return [message for _, _, message, _ in extracted]


def _calls_localize(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "localize"
        for node in ast.walk(tree)
    )


def _assignment(statement: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
        return statement.targets[0].id, statement.value
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id, statement.value
    return None, None


def _messages(node: ast.expr, name: str) -> Iterator[Extracted]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if is_sentence(node.value):
            yield node.lineno, None, node.value, [name]
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _messages(value, name)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _messages(element, name)
    elif _is_plural_call(node):
        assert isinstance(node, ast.Call)
        singular, plural = (argument.value for argument in node.args[:2])  # type: ignore[attr-defined]
        yield node.lineno, "ngettext", (singular, plural), [name]


def _is_plural_call(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "plural"
        and len(node.args) >= 2
        and all(
            isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            for argument in node.args[:2]
        )
    )
