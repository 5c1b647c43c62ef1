"""/progress in pure Python: Monday weeks in local dates (across a new year and a clock
change), trends, the streak, each interpretation rule, the message, and properties.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.progress import (
    Interpretation,
    ProgressPoint,
    Stats,
    interpret,
    streak_weeks,
    summarize_progress,
    week_start,
)
from bot.texts import progress as texts
from bot.texts.progress import progress_message

WEDNESDAY = date(2025, 3, 12)
THIS_MONDAY = date(2025, 3, 10)
LEVEL = "Level 2, step 1 of 4: short reverse jogs."


def point(
    day: date, minutes: float = 10, effort: int | None = None, pain: int | None = None
) -> ProgressPoint:
    return ProgressPoint(day, round(minutes * 60), effort, pain)


def weeks_ago(weeks: int, day: date = WEDNESDAY) -> date:
    return day - timedelta(weeks=weeks)


def stats(sessions: int, minutes: float, effort: float | None, pain: float | None) -> Stats:
    return Stats(sessions, round(minutes * 60), effort, pain)


# --- Weeks --------------------------------------------------------------------------------


def test_a_week_starts_on_monday() -> None:
    assert week_start(date(2025, 3, 10)) == date(2025, 3, 10)
    assert week_start(date(2025, 3, 16)) == date(2025, 3, 10)
    assert week_start(date(2025, 3, 17)) == date(2025, 3, 17)


def test_the_window_is_consecutive_mondays_ending_with_this_week() -> None:
    summary = summarize_progress([], WEDNESDAY)
    mondays = [week.monday for week in summary.weeks]
    assert len(mondays) == 12
    assert mondays[-1] == THIS_MONDAY
    assert all(later - earlier == timedelta(weeks=1) for earlier, later in pairwise(mondays))
    assert len(summarize_progress([], WEDNESDAY, weeks=8).weeks) == 8


def test_empty_weeks_are_zero_with_no_averages() -> None:
    summary = summarize_progress([point(WEDNESDAY, 12, effort=5, pain=1)], WEDNESDAY)
    empty = summary.weeks[0].stats
    assert (empty.sessions, empty.reverse_seconds, empty.effort, empty.pain) == (0, 0, None, None)
    assert empty.seconds_per_session is None
    assert summary.weeks[-1].stats == Stats(1, 720, 5, 1)


def test_a_new_year_splits_no_week() -> None:
    """Wed 31 Dec 2025 and Sun 4 Jan 2026 share the week of Mon 29 Dec; Mon 5 Jan starts one."""
    today = date(2026, 1, 7)
    logs = [point(date(2025, 12, 31), 5), point(date(2026, 1, 4), 7), point(date(2026, 1, 5), 9)]
    summary = summarize_progress(logs, today)
    assert [(w.monday, w.stats.reverse_minutes) for w in summary.weeks[-2:]] == [
        (date(2025, 12, 29), 12),
        (date(2026, 1, 5), 9),
    ]


def test_an_iso_week_53_is_one_week() -> None:
    logs = [point(date(2020, 12, 28)), point(date(2021, 1, 3))]
    summary = summarize_progress(logs, date(2021, 1, 3))
    assert summary.weeks[-1].monday == date(2020, 12, 28)
    assert summary.weeks[-1].stats.sessions == 2


def test_a_clock_change_weekend_stays_in_its_week() -> None:
    """Europe's clocks went forward on Sun 30 Mar 2025: dates alone decide the week."""
    logs = [point(date(2025, 3, 29), 4), point(date(2025, 3, 30), 6), point(date(2025, 3, 31), 8)]
    summary = summarize_progress(logs, date(2025, 4, 2))
    assert [(w.monday, w.stats.reverse_minutes) for w in summary.weeks[-2:]] == [
        (date(2025, 3, 24), 10),
        (date(2025, 3, 31), 8),
    ]


def test_logs_outside_the_window_are_left_out_of_the_weeks() -> None:
    too_old = weeks_ago(12)
    later_this_week = date(2025, 3, 16)
    next_week = date(2025, 3, 17)
    summary = summarize_progress(
        [point(too_old), point(later_this_week), point(next_week)], WEDNESDAY
    )
    assert sum(week.stats.sessions for week in summary.weeks) == 1
    assert summary.weeks[-1].stats.sessions == 1


def test_averages_skip_unanswered_sessions() -> None:
    logs = [point(WEDNESDAY, effort=4, pain=0), point(WEDNESDAY, effort=7), point(WEDNESDAY)]
    week = summarize_progress(logs, WEDNESDAY).weeks[-1].stats
    assert (week.sessions, week.effort, week.pain) == (3, 5.5, 0)


def test_too_short_a_window_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 6"):
        summarize_progress([], WEDNESDAY, weeks=5)


def test_has_data_only_with_a_session_in_the_window() -> None:
    assert not summarize_progress([], WEDNESDAY).has_data
    assert not summarize_progress([point(weeks_ago(20))], WEDNESDAY).has_data
    assert summarize_progress([point(weeks_ago(11), 0)], WEDNESDAY).has_data


# --- Streak --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weeks_with_sessions", "streak"),
    [
        ((), 0),
        ((0,), 1),
        ((1,), 1),  # this week is young: last week's session still counts
        ((2,), 0),
        ((0, 1, 2), 3),
        ((0, 2, 3), 1),
        ((1, 2, 4), 2),
        (tuple(range(20)), 20),  # longer than the window
    ],
)
def test_streak(weeks_with_sessions: tuple[int, ...], streak: int) -> None:
    active = {THIS_MONDAY - timedelta(weeks=back) for back in weeks_with_sessions}
    assert streak_weeks(active, THIS_MONDAY) == streak


def test_streak_counts_weeks_not_sessions() -> None:
    logs = [point(WEDNESDAY), point(THIS_MONDAY), point(weeks_ago(1))]
    assert summarize_progress(logs, WEDNESDAY).streak_weeks == 2


# --- Interpretation ----------------------------------------------------------------------

NONE = stats(0, 0, None, None)


@pytest.mark.parametrize(
    ("recent", "month_ago", "earlier", "expected"),
    [
        pytest.param(NONE, NONE, NONE, Interpretation.EARLY_DAYS, id="nothing yet"),
        pytest.param(stats(3, 30, 5, 0), NONE, NONE, Interpretation.EARLY_DAYS, id="just began"),
        pytest.param(
            stats(2, 20, 5, 0), stats(1, 10, 5, 0), stats(1, 10, 5, 0),
            Interpretation.EARLY_DAYS, id="three sessions",
        ),
        pytest.param(
            NONE, stats(4, 40, 5, 0), stats(6, 60, 5, 0), Interpretation.QUIET, id="quiet"
        ),
        pytest.param(
            stats(2, 20, 5, 0), NONE, stats(8, 80, 5, 0), Interpretation.WELCOME_BACK, id="back"
        ),
        pytest.param(
            stats(3, 45, 5, 4), stats(6, 60, 5, 3.5), stats(8, 80, 5, 3.5),
            Interpretation.PAIN_HIGH, id="pain high",
        ),
        pytest.param(
            stats(3, 45, 5, 2.5), stats(6, 60, 5, 1), stats(8, 80, 5, 1.5),
            Interpretation.PAIN_RISING, id="pain rising",
        ),
        pytest.param(
            stats(4, 48, 5, 1), stats(4, 40, 5.5, 0), stats(6, 60, 5.5, 0),
            Interpretation.ADAPTING, id="adapting",
        ),
        pytest.param(
            stats(4, 40, 4, 0), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.EASIER, id="easier",
        ),
        pytest.param(
            stats(4, 60, 6.5, 0), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.HARDER, id="harder, even if longer",
        ),
        pytest.param(
            stats(4, 44, None, 0), stats(4, 40, None, 0), stats(6, 60, None, 0),
            Interpretation.LONGER, id="longer, effort unrated",
        ),
        pytest.param(
            stats(4, 60, 6, 0), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.LONGER, id="longer, a little harder",
        ),
        pytest.param(
            stats(4, 40, 5, 0), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.STEADY, id="steady",
        ),
        pytest.param(
            stats(4, 32, 4, 0), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.STEADY, id="shorter and easier is not 'easier'",
        ),
        pytest.param(
            stats(4, 60, 5, 1.5), stats(4, 40, 5, 0), stats(6, 60, 5, 0),
            Interpretation.ADAPTING, id="a little pain is not 'creeping up'",
        ),
        pytest.param(
            stats(4, 60, 5, 3), stats(4, 40, 5, None), stats(6, 60, 5, None),
            Interpretation.ADAPTING, id="no earlier pain: no pain trend",
        ),
    ],
)  # fmt: skip
def test_interpretation(
    recent: Stats, month_ago: Stats, earlier: Stats, expected: Interpretation
) -> None:
    assert interpret(recent, month_ago, earlier) is expected


def test_the_recent_and_month_ago_stretches_come_from_the_right_weeks() -> None:
    """Two weeks ago to five weeks ago is "a month ago"; six weeks back only counts as earlier."""
    month_ago = [point(weeks_ago(w), 10, effort=5) for w in (2, 3, 4, 5)]
    recent = [point(weeks_ago(w), 13, effort=5) for w in (0, 1)]
    summary = summarize_progress([*month_ago, *recent, point(weeks_ago(6), 99)], WEDNESDAY)
    assert (summary.recent.sessions, summary.month_ago.sessions) == (2, 4)
    assert summary.month_ago.reverse_minutes == 40
    assert summary.interpretation is Interpretation.ADAPTING


def test_every_interpretation_has_its_sentence() -> None:
    assert set(texts.INTERPRETATIONS) == {key.value for key in Interpretation}


# --- Message --------------------------------------------------------------------------------


def test_no_data_says_so_kindly() -> None:
    message = progress_message(summarize_progress([], WEDNESDAY), LEVEL)
    assert message == texts.NO_DATA.format(weeks=12)


def test_the_message_reads_the_weeks() -> None:
    logs = [
        point(WEDNESDAY, 12.4, effort=5, pain=1),
        point(THIS_MONDAY, 10, effort=6),
        point(weeks_ago(1), 8, effort=4, pain=2),
        point(weeks_ago(5), 20),
    ]
    lines = progress_message(summarize_progress(logs, WEDNESDAY), LEVEL).split("\n")
    assert lines == [
        texts.HEADLINE.format(level=LEVEL),
        texts.MINUTES_LINE.format(this_week="22 min", last_week="8 min", total="50 min", weeks=12),
        texts.STREAK.format(weeks=2),
        texts.TREND_LINE.format(effort="5/10", pain="1.5/10"),
        texts.INTERPRETATIONS["steady"],
    ]


def test_the_message_for_a_first_short_unrated_session() -> None:
    lines = progress_message(summarize_progress([point(WEDNESDAY, 0.2)], WEDNESDAY), LEVEL)
    assert lines.split("\n")[1:] == [
        texts.MINUTES_LINE.format(
            this_week=texts.UNDER_A_MINUTE, last_week="0 min", total=texts.UNDER_A_MINUTE,
            weeks=12,
        ),
        texts.STREAK.format(weeks=1),
        texts.INTERPRETATIONS["early_days"],
    ]  # fmt: skip


def test_an_unrated_trend_says_not_rated() -> None:
    message = progress_message(summarize_progress([point(WEDNESDAY, effort=6)], WEDNESDAY), LEVEL)
    assert texts.TREND_LINE.format(effort="6/10", pain=texts.NOT_RATED) in message


# --- Properties ----------------------------------------------------------------------------

scores = st.none() | st.integers(0, 10)
points = st.builds(
    ProgressPoint,
    day=st.dates(date(2024, 9, 1), date(2025, 5, 1)),
    reverse_seconds=st.integers(0, 3 * 3600),
    effort=scores,
    pain=scores,
)


@given(
    logs=st.lists(points, max_size=60),
    today=st.dates(date(2024, 10, 1), date(2025, 4, 1)),
    weeks=st.integers(6, 16),
)
def test_any_logs_give_a_summary_that_adds_up(
    logs: list[ProgressPoint], today: date, weeks: int
) -> None:
    summary = summarize_progress(logs, today, weeks)
    first = week_start(today) - timedelta(weeks=weeks - 1)
    end = week_start(today) + timedelta(weeks=1)
    inside = [log for log in logs if first <= log.day < end]
    assert len(summary.weeks) == weeks
    assert summary.reverse_seconds == sum(log.reverse_seconds for log in inside)
    assert sum(week.stats.sessions for week in summary.weeks) == len(inside)
    assert summary.has_data == bool(inside)
    assert 0 <= summary.streak_weeks <= len({week_start(log.day) for log in logs})
    for week in summary.weeks:
        for average in (week.stats.effort, week.stats.pain):
            assert average is None or 0 <= average <= 10
    assert progress_message(summary, LEVEL)
