"""The club's rules: the group's session is never more than any member's own, walkers walk,
the status names only who is in, and the start time a group gives."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.club import (
    Member,
    MemberState,
    as_done_by,
    club_template,
    parse_clock,
    roster,
    start_moment,
    walks_backwards,
)
from bot.domain.precautions import Precaution
from bot.domain.programme.templates import LADDERS, StepKind

_TEMPLATES = sorted({t for ladder in LADDERS.values() for t in ladder}, key=repr)


@given(st.lists(st.sampled_from(_TEMPLATES), min_size=1, max_size=20), st.data())
def test_the_group_session_is_within_every_members_own(
    templates: list, data: st.DataObject
) -> None:
    walkers = data.draw(st.integers(0, len(templates)))
    group = club_template(templates, walkers)
    for own in templates:
        assert group.reps <= own.reps
        assert group.bout_seconds <= own.bout_seconds
        assert group.recovery_seconds >= own.recovery_seconds
        assert group.easy_run_seconds <= own.easy_run_seconds
        assert group.reverse_seconds <= own.reverse_seconds
    if any(t.recovery is StepKind.FORWARD_WALK for t in templates):
        assert group.recovery is StepKind.FORWARD_WALK
    assert not group.challenge


def test_bouts_are_jogs_when_anyone_jogs_and_walks_when_everyone_walks() -> None:
    walk, jog = LADDERS[next(iter(LADDERS))][0], LADDERS[next(iter(LADDERS))][-1]
    assert club_template([walk, jog], walkers=1).bout is StepKind.REVERSE_JOG
    assert club_template([walk, jog], walkers=2).bout is StepKind.REVERSE_WALK
    assert as_done_by(club_template([jog], 0), walks=True).bout is StepKind.REVERSE_WALK
    with pytest.raises(ValueError, match="at least one member"):
        club_template([], 0)


def test_a_walking_session_or_a_standing_precaution_walks() -> None:
    ladder = LADDERS[next(iter(LADDERS))]
    walking, jogging = ladder[0], ladder[-1]
    assert walks_backwards(walking, ())
    assert walks_backwards(jogging, (Precaution.DIZZINESS,))
    assert not walks_backwards(jogging, ())


def test_the_roster_names_who_is_in_checking_or_done_and_leaves_out_who_sat_out() -> None:
    members = [
        Member(1, "Ana", MemberState.READY),
        Member(2, "Ben", MemberState.OUT),
        Member(3, "Cy", MemberState.CHECKING),
        Member(4, "Dee", MemberState.DONE),
    ]
    names = roster(members)
    assert (names.ready, names.checking, names.done) == (("Ana",), ("Cy",), ("Dee",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("18:30", time(18, 30)), ("6:05", time(6, 5)), ("24:00", None), ("now", None), ("7", None)],
)
def test_a_clock_time(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


def test_a_start_time_already_past_today_is_tomorrow() -> None:
    local = datetime(2026, 3, 1, 19, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    assert start_moment(local, time(19, 30)) == local.replace(minute=30)
    assert start_moment(local, time(18, 0)).astimezone(UTC).day == 2
