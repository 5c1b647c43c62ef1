"""Builders shared by the programme tests (named test_* only to sit with them; no tests here)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

from bot.domain.profile import Experience, Place, Profile, Units
from bot.domain.session_logs import MorningAfter, SessionLog

MONDAY = date(2025, 3, 3)

# A healthy 35-year-old who runs regularly, on a track, Monday/Wednesday/Friday at 07:00.
BASE_PROFILE = Profile(
    user_id=1,
    age=35,
    experience=Experience.REGULAR,
    weekly_km=25,
    goals=frozenset(),
    injuries=frozenset(),
    physio_supervised=False,
    places=frozenset({Place.TRACK}),
    sessions_per_week=3,
    weekdays=(0, 2, 4),
    session_time=time(7, 0),
    timezone="Europe/Berlin",
    units=Units.KM,
)


def make_profile(**changes: Any) -> Profile:
    """BASE_PROFILE with some fields changed."""
    return replace(BASE_PROFILE, **changes)


def good_log(day: date, **changes: Any) -> SessionLog:
    """A completed, moderate, pain-free session answered the next morning; override fields."""
    fields: dict[str, Any] = {
        "day": day,
        "completed": True,
        "reverse_minutes": 10.0,
        "effort": 5,
        "pain": 1,
        "morning_after": MorningAfter.SAME,
        "red_flag": False,
    }
    fields.update(changes)
    return SessionLog(**fields)
