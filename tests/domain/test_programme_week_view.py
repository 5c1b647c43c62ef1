"""This week as the runner lives it: which days show, their status, moves, and totals that
are /progress's."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.programme import (
    DayChanges,
    DayKind,
    DayStatus,
    PlanState,
    WeekView,
    build_week,
    planned_week,
    week_view,
)
from bot.domain.progress import ProgressPoint, summarize_progress
from tests.domain.programme_fixtures import make_profile

MONDAY = date(2025, 3, 3)
THURSDAY = MONDAY + timedelta(days=3)
FRIDAY = MONDAY + timedelta(days=4)
# Mon/Wed/Fri backwards, Sunday an easy day.
PROFILE = make_profile(weekdays=(0, 2, 4, 6), sessions_per_week=4)
STATE = PlanState(1, 1, MONDAY - timedelta(days=14))
REVERSE = build_week(PROFILE, STATE, MONDAY)[0].template
assert REVERSE is not None


def _day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def _statuses(view: WeekView) -> list[tuple[date, DayStatus]]:
    return [(entry.day, entry.status) for entry in view.days]


def test_a_mid_week_view_marks_each_day() -> None:
    logs = [ProgressPoint(MONDAY, 300, effort=4, pain=0)]

    view = week_view(PROFILE, STATE, FRIDAY, MONDAY - timedelta(days=30), logs)

    assert _statuses(view) == [
        (_day(0), DayStatus.DONE),
        (_day(2), DayStatus.MISSED),
        (_day(4), DayStatus.TODAY),
        (_day(6), DayStatus.UPCOMING),
    ]
    assert view.days[0].done is not None and view.days[0].done.pain == 0
    assert view.done.reverse_seconds == 300
    assert view.to_come_seconds == REVERSE.reverse_seconds  # Friday's; Sunday is easy
    assert not view.joined_this_week


def test_a_day_of_two_sessions_shows_the_higher_pain_not_the_average() -> None:
    logs = [ProgressPoint(MONDAY, 300, effort=4, pain=0), ProgressPoint(MONDAY, 200, pain=6)]

    view = week_view(PROFILE, STATE, FRIDAY, MONDAY - timedelta(days=30), logs)

    done = view.days[0].done
    assert done is not None and (done.pain, done.effort, done.reverse_seconds) == (6, 4, 500)
    assert view.done.pain == 3  # the week's figure stays /progress's average


def test_days_before_joining_are_neither_shown_nor_counted() -> None:
    view = week_view(PROFILE, STATE, THURSDAY, THURSDAY, [])

    assert view.first_day == THURSDAY and view.joined_this_week
    assert _statuses(view) == [
        (THURSDAY, DayStatus.TODAY),  # nothing planned: a rest day
        (_day(4), DayStatus.UPCOMING),
        (_day(6), DayStatus.UPCOMING),
    ]
    assert view.days[0].session is None
    assert view.to_come_seconds == REVERSE.reverse_seconds


def test_a_session_logged_for_a_day_before_joining_is_shown_and_counted() -> None:
    view = week_view(PROFILE, STATE, THURSDAY, THURSDAY, [ProgressPoint(MONDAY, 240)])

    assert _statuses(view)[0] == (MONDAY, DayStatus.DONE)
    assert view.done.reverse_seconds == 240


def test_today_once_done_is_not_still_planned() -> None:
    view = week_view(PROFILE, STATE, _day(2), MONDAY, [ProgressPoint(_day(2), 200)])

    assert (_day(2), DayStatus.DONE) in _statuses(view)
    assert view.to_come_seconds == REVERSE.reverse_seconds  # Friday only


def test_an_easy_day_gone_by_is_not_missed() -> None:
    # Mon/Thu/Sat backwards, Tuesday easy; on Wednesday, a rest day.
    profile = make_profile(weekdays=(0, 1, 3, 5), sessions_per_week=4)

    view = week_view(profile, STATE, _day(2), MONDAY, [])

    assert _statuses(view) == [
        (_day(0), DayStatus.MISSED),
        (_day(1), DayStatus.PASSED),
        (_day(2), DayStatus.TODAY),
        (_day(3), DayStatus.UPCOMING),
        (_day(5), DayStatus.UPCOMING),
    ]


def test_skipped_moved_and_retimed_days() -> None:
    changes = DayChanges(
        skipped=frozenset({MONDAY}),
        moved_away=frozenset({_day(2)}),
        moved_here=frozenset({_day(3)}),
        retimed={FRIDAY: time(19, 30)},
    )

    view = week_view(PROFILE, STATE, _day(2), MONDAY, [], changes)

    assert _statuses(view) == [
        (_day(0), DayStatus.SKIPPED),
        (_day(2), DayStatus.MOVED),
        (_day(3), DayStatus.UPCOMING),
        (_day(4), DayStatus.UPCOMING),
        (_day(6), DayStatus.UPCOMING),
    ]
    moved, here, later = view.days[1], view.days[2], view.days[3]
    assert moved.moved_to == _day(3) and moved.session is None
    assert here.moved_from == _day(2) and here.session is not None
    assert later.retimed and later.session is not None and later.session.at == time(19, 30)
    # Thursday's and Friday's sessions are to come; the moved-away Wednesday is not.
    assert view.to_come_seconds == 2 * REVERSE.reverse_seconds


def test_a_session_moved_from_sunday_to_monday_stays_a_challenge() -> None:
    # At the top level the week's last backward session (Sunday here) is the challenge.
    profile = make_profile(weekdays=(1, 3, 6))
    top = PlanState(3, 2, MONDAY - timedelta(days=30))
    sunday = _day(-1)
    [last_week_sunday] = [e for e in build_week(profile, top, _day(-7)) if e.day == sunday]
    changes = DayChanges(moved_away=frozenset({sunday}), moved_here=frozenset({MONDAY}))

    [monday] = [e for e in planned_week(profile, top, MONDAY, changes) if e.day == MONDAY]

    assert last_week_sunday.kind is DayKind.CHALLENGE
    assert monday.kind is DayKind.CHALLENGE
    assert monday.template == last_week_sunday.template


def test_a_session_moved_to_a_day_after_one_with_no_session_is_the_usual_one() -> None:
    changes = DayChanges(moved_here=frozenset({_day(6)}))  # from Saturday, which has none

    [sunday] = [e for e in planned_week(PROFILE, STATE, MONDAY, changes) if e.day == _day(6)]

    assert sunday.kind is DayKind.REVERSE and sunday.template == REVERSE


@given(
    st.lists(
        st.tuples(st.integers(-20, 6), st.integers(0, 1200)),
        max_size=12,
    ),
    st.integers(0, 6),
)
def test_the_week_s_done_time_is_progress_s_this_week(
    logged: list[tuple[int, int]], today_offset: int
) -> None:
    today = _day(today_offset)
    logs = [
        ProgressPoint(_day(offset), seconds) for offset, seconds in logged if offset <= today_offset
    ]

    view = week_view(PROFILE, STATE, today, _day(-30), logs)

    assert view.done == summarize_progress(logs, today).weeks[-1].stats
