"""The documents /export sends: the runner's sessions as CSV, and everything as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import date, time
from enum import Enum

from bot.storage.runner_data import RunnerExport
from bot.storage.session_logs import LogEntry
from bot.texts import records as texts
from bot.texts.session_timeline import session_shape


def sessions_csv(logs: Iterable[LogEntry]) -> bytes:
    """One row per log, in the order given, under a header of the column names (in the
    runner's language).

    UTF-8 with a byte-order mark, so Excel shows accents and emoji right (other spreadsheets
    and `encoding="utf-8-sig"` skip the mark). Empty cells are unanswered questions; a text
    cell beginning like a formula starts with an apostrophe.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(texts.EXPORT_COLUMNS)
    writer.writerows(tuple(map(_inert, _session_row(log))) for log in logs)
    return buffer.getvalue().encode("utf-8-sig")


# What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str | int) -> str | int:
    """A text cell that a spreadsheet would run as a formula (a note "=HYPERLINK(...)"),
    kept as text with a leading apostrophe; everything else as it is."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def everything_json(export: RunnerExport) -> bytes:
    """The whole export as indented UTF-8 JSON: dates ISO 8601, enums as their values, sets
    as sorted lists, missing things as null."""
    text = json.dumps(export, default=_plain, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _session_row(log: LogEntry) -> tuple[str | int, ...]:
    return (
        log.day.isoformat(),
        log.source.value,
        _flag(log.completed),
        _decimal(log.reverse_seconds / 60),
        _blank(log.effort),
        _blank(log.pain),
        _blank(log.pain_site),
        _blank(log.heart_rate),
        _decimal(log.distance_km),
        _decimal(None if log.duration_seconds is None else log.duration_seconds / 60),
        "\n".join(note.text for note in log.notes),  # the JSON has each note's time
        _flag(log.red_flag),
        _blank(None if log.morning_after is None else log.morning_after.value),
        "" if log.template is None else session_shape(log.template),
        _blank(None if log.place is None else log.place.value),
        _flag(log.downgraded),
    )


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _blank(value: str | int | None) -> str | int:
    return "" if value is None else value


def _decimal(value: float | None) -> str:
    """At most two decimals, no trailing zeros: 1.5, 1.67, 5."""
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def _plain(value: object) -> object:
    """What json cannot write on its own, as something it can (nested values come back)."""
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in fields(value)}
    if isinstance(value, date | time):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot export a {type(value).__name__}")
