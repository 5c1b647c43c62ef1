"""The /export documents: a spreadsheet-friendly sessions CSV and a readable JSON of it all."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import Experience, Goal, Place, Profile, Units
from bot.domain.programme import (
    Cause,
    Change,
    PlanState,
    Reason,
    Route,
    session_template,
)
from bot.domain.session_logs import MorningAfter
from bot.flows.records.export import everything_json, sessions_csv
from bot.storage.plans import PlanChange, StoredPlan
from bot.storage.runner_data import RunnerExport
from bot.storage.session_logs import LogEntry, LogSource, SessionNote
from bot.texts.records import EXPORT_COLUMNS as SESSION_COLUMNS
from bot.texts.session_timeline import session_shape

TEMPLATE = session_template(Route.WALKER, 0, 1)
NOTED_AT = datetime(2025, 3, 4, 18, 40, tzinfo=UTC)

LOG = LogEntry(
    id=1,
    user_id=5,
    day=date(2025, 3, 4),
    source=LogSource.WATCH,
    completed=True,
    template=TEMPLATE,
    place=Place.HALLWAY,
    downgraded=False,
    reverse_seconds=300,
    effort=4,
    pain=0,
    pain_site=None,
    heart_rate=131,
    distance_km=2.0,
    duration_seconds=1999,
    notes=(),
    red_flag=False,
    morning_after=MorningAfter.BETTER,
)
PROFILE = Profile(
    user_id=5,
    age=30,
    experience=Experience.NONE,
    weekly_km=0,
    goals=frozenset({Goal.POSTURE, Goal.FUN}),
    injuries=frozenset(),
    physio_supervised=False,
    places=frozenset({Place.HALLWAY}),
    sessions_per_week=2,
    weekdays=(1, 4),
    session_time=time(18, 5),
    timezone="America/Lima",
    units=Units.MILES,
)
EXPORT = RunnerExport(
    user_id=5,
    profile=PROFILE,
    plan=StoredPlan(PlanState(0, 1, date(2025, 3, 1)), Reason(Cause.START_NON_RUNNER)),
    plan_history=(
        PlanChange(
            date(2025, 3, 2), Change.STEP_BACK, 1, 1, 0, 1, Reason(Cause.PAIN, date(2025, 3, 1), 7)
        ),
    ),
    session_logs=(LOG,),
    live_session=None,
    other_records={"reminders": ({"id": 3, "user_id": 5, "days": "[1, 4]", "due_at": None},)},
)


class Colour(Enum):
    RED = 1


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_starts_with_a_byte_order_mark_and_the_header() -> None:
    data = sessions_csv([])

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == ",".join(SESSION_COLUMNS) + "\r\n"


def test_a_log_becomes_one_row_field_by_field() -> None:
    assert read_csv(sessions_csv([LOG])) == [
        {
            "date": "2025-03-04",
            "source": "watch",
            "completed": "true",
            "reverse_minutes": "5",
            "effort": "4",
            "pain": "0",
            "pain_site": "",
            "heart_rate": "131",
            "distance_km": "2",
            "duration_min": "33.32",
            "notes": "",
            "red_flag": "false",
            "morning_after": "better",
            "shape": session_shape(TEMPLATE),
            "place": "hallway",
            "downgraded": "false",
        }
    ]


def test_rows_keep_the_order_they_are_given() -> None:
    days = [date(2025, 3, 9), date(2025, 3, 1), date(2025, 3, 5)]

    rows = read_csv(sessions_csv(replace(LOG, day=day) for day in days))

    assert [row["date"] for row in rows] == [day.isoformat() for day in days]


@pytest.mark.parametrize(
    "notes",
    [
        "left knee, then right",
        'she said "go slower"',
        "line one\nline two\r\nline three",
        "🏃‍♀️ backwards ✨ 😅",
        'SUM(A1), "quoted",\nand more 🦶',
    ],
)
def test_awkward_notes_round_trip(notes: str) -> None:
    (row,) = read_csv(
        sessions_csv([replace(LOG, notes=(SessionNote(NOTED_AT, notes),), pain_site=notes)])
    )

    assert (row["notes"], row["pain_site"]) == (notes, notes)


@given(st.text())
def test_any_notes_round_trip(notes: str) -> None:
    (row,) = read_csv(sessions_csv([replace(LOG, notes=(SessionNote(NOTED_AT, notes),))]))

    formula_like = notes.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert row["notes"] == ("'" + notes if formula_like else notes)


@pytest.mark.parametrize(
    "notes", ['=HYPERLINK("http://x.example","hi")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_a_note_that_looks_like_a_formula_stays_text(notes: str) -> None:
    note = SessionNote(NOTED_AT, notes)
    (row,) = read_csv(sessions_csv([replace(LOG, notes=(note,), pain_site=notes)]))

    assert (row["notes"], row["pain_site"]) == ("'" + notes, "'" + notes)


def test_the_json_is_indented_readable_utf8() -> None:
    text = everything_json(replace(EXPORT, session_logs=(replace(LOG, notes="Zurück 🐢"),)))

    assert text.decode("utf-8").startswith('{\n  "user_id": 5,\n')
    assert "Zurück 🐢" in text.decode("utf-8")
    assert text.endswith(b"}\n")


def test_the_json_holds_every_field_with_dates_iso_and_enums_as_values() -> None:
    data = json.loads(everything_json(EXPORT))

    assert data["profile"] == {
        "user_id": 5,
        "age": 30,
        "experience": "none",
        "weekly_km": 0,
        "goals": ["fun", "posture"],
        "injuries": [],
        "physio_supervised": False,
        "places": ["hallway"],
        "sessions_per_week": 2,
        "weekdays": [1, 4],
        "session_time": "18:05:00",
        "timezone": "America/Lima",
        "units": "mi",
        "parq_yes": [],
        "medically_cleared": False,
        "safety_hold": False,
    }
    assert data["plan"] == {
        "state": {"level": 0, "stage": 1, "since": "2025-03-01", "reverse_cap": None},
        "reason": {"cause": "start_non_runner", "day": None, "value": None},
    }
    assert data["plan_history"] == [
        {
            "day": "2025-03-02",
            "change": "step_back",
            "from_level": 1,
            "from_stage": 1,
            "to_level": 0,
            "to_stage": 1,
            "reason": {"cause": "pain", "day": "2025-03-01", "value": 7},
        }
    ]
    (log,) = data["session_logs"]
    assert log["day"] == "2025-03-04"
    assert (log["source"], log["place"], log["morning_after"]) == ("watch", "hallway", "better")
    assert log["template"]["bout"] == TEMPLATE.bout.value
    assert (log["pain_site"], log["distance_km"], log["duration_seconds"]) == (None, 2.0, 1999)
    assert data["live_session"] is None
    assert data["other_records"] == {
        "reminders": [{"id": 3, "user_id": 5, "days": "[1, 4]", "due_at": None}]
    }


@pytest.mark.parametrize(
    ("value", "written"),
    [(b"\x00\xff", "00ff"), (Colour.RED, 1), ({"b", "a"}, ["a", "b"])],
)
def test_other_values_are_written_plainly(value: Any, written: Any) -> None:
    export = replace(EXPORT, other_records={"extra": ({"value": value},)})

    assert json.loads(everything_json(export))["other_records"]["extra"] == [{"value": written}]


def test_a_value_json_cannot_hold_is_refused() -> None:
    export = replace(EXPORT, other_records={"extra": ({"value": object()},)})

    with pytest.raises(TypeError, match="object"):
        everything_json(export)
