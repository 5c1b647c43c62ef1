"""The weekly schedule: backward days never back to back, easy days, the challenge, the place."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from bot.domain.profile import Experience, Place
from bot.domain.programme import (
    DayKind,
    DayNote,
    PlanState,
    build_week,
    choose_place,
    reverse_weekdays,
    weekly_reverse_seconds,
)
from tests.domain.programme_fixtures import MONDAY, make_profile

LEVEL_1 = PlanState(1, 1, MONDAY)


@pytest.mark.parametrize(
    ("weekdays", "sessions", "reverse"),
    [
        ((0, 2, 4), 3, (0, 2, 4)),
        ((0, 1, 2), 3, (0, 2)),  # Tuesday sits between two backward days
        ((0, 1), 2, (0,)),
        ((5, 6, 0), 3, (0, 5)),  # Saturday and Monday: Sunday-Monday counts as back to back
        ((0, 1, 2, 3, 4), 3, (0, 2, 4)),  # available every weekday, wants three
        ((0, 1, 2, 3, 4, 5, 6), 7, (0, 2, 4)),  # at most three backward days a week
        ((0, 1, 3), 3, (0, 3)),  # the most spread pair wins over (1, 3)
        ((1, 3, 5), 2, (1, 5)),  # three days apart beats two
        ((0, 2, 4, 6), 2, (0, 4)),  # equally spread: the earliest
        ((2,), 1, (2,)),
        ((), 3, ()),
    ],
)
def test_reverse_weekdays(
    weekdays: tuple[int, ...], sessions: int, reverse: tuple[int, ...]
) -> None:
    profile = make_profile(weekdays=weekdays, sessions_per_week=sessions)
    assert reverse_weekdays(profile) == reverse


def test_consecutive_choices_keep_the_day_as_an_easy_day() -> None:
    profile = make_profile(weekdays=(0, 1, 2), sessions_per_week=3, session_time=time(18, 30))
    week = build_week(profile, LEVEL_1, MONDAY)
    assert [(entry.day.weekday(), entry.kind) for entry in week] == [
        (0, DayKind.REVERSE),
        (1, DayKind.EASY),
        (2, DayKind.REVERSE),
    ]
    easy = week[1]
    assert easy.template is None
    assert easy.note is DayNote.EASY_RUNNER
    assert all(entry.at == time(18, 30) for entry in week)


def test_non_runners_get_a_walk_on_easy_days() -> None:
    profile = make_profile(weekdays=(0, 1), sessions_per_week=2, experience=Experience.NONE)
    week = build_week(profile, PlanState(0, 1, MONDAY), MONDAY)
    assert week[1].note is DayNote.EASY_WALKER


def test_extra_available_days_are_not_filled() -> None:
    profile = make_profile(weekdays=(0, 1, 2, 3, 4), sessions_per_week=3)
    week = build_week(profile, LEVEL_1, MONDAY)
    assert [entry.kind for entry in week] == [DayKind.REVERSE] * 3


def test_after_three_minute_bouts_the_last_backward_day_is_the_challenge() -> None:
    week = build_week(make_profile(), PlanState(3, 2, MONDAY), MONDAY)
    assert [entry.kind for entry in week] == [DayKind.REVERSE, DayKind.REVERSE, DayKind.CHALLENGE]
    challenge = week[-1]
    assert challenge.template is not None and challenge.template.challenge
    assert challenge.note is DayNote.CHALLENGE
    assert weekly_reverse_seconds(week) == 3 * 360


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_no_challenge_before_three_minute_bouts_were_tolerated(level: int) -> None:
    week = build_week(make_profile(), PlanState(level, 1, MONDAY), MONDAY)
    assert DayKind.CHALLENGE not in {entry.kind for entry in week}


def test_the_week_may_start_on_any_day() -> None:
    thursday = MONDAY + timedelta(days=3)
    week = build_week(make_profile(), PlanState(3, 2, MONDAY), thursday)
    assert [entry.day for entry in week] == [
        thursday + timedelta(days=1),  # Friday
        thursday + timedelta(days=4),  # Monday
        thursday + timedelta(days=6),  # Wednesday: the last of this week, so the challenge
    ]
    assert week[-1].kind is DayKind.CHALLENGE


@pytest.mark.parametrize(
    ("places", "chosen"),
    [
        ({Place.TREADMILL, Place.TRACK}, Place.TRACK),
        ({Place.TREADMILL, Place.PARK, Place.HALLWAY}, Place.PARK),
        ({Place.TREADMILL, Place.HALLWAY}, Place.HALLWAY),
        ({Place.TREADMILL}, Place.TREADMILL),
    ],
)
def test_choose_place(places: set[Place], chosen: Place) -> None:
    profile = make_profile(places=frozenset(places))
    assert choose_place(profile) is chosen
    assert {entry.place for entry in build_week(profile, LEVEL_1, MONDAY)} == {chosen}


def test_a_profile_without_places_is_an_error() -> None:
    with pytest.raises(ValueError, match="no training place"):
        choose_place(make_profile(places=frozenset()))
