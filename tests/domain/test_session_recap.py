"""The recap at the end of a session: first, best, streak, against last time."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.session_recap import DoneSession, recap_session

THURSDAY = date(2026, 12, 3)


def test_a_first_session_is_first_with_nothing_to_compare() -> None:
    recap = recap_session(DoneSession(THURSDAY, 300), [])

    assert (recap.first, recap.best_by, recap.versus_last) == (True, None, None)
    assert (recap.total_seconds, recap.streak_weeks) == (300, 1)


def test_a_shorter_session_than_last_time_is_no_best() -> None:
    earlier = [DoneSession(THURSDAY - timedelta(days=2), 400)]

    recap = recap_session(DoneSession(THURSDAY, 300), earlier)

    assert (recap.first, recap.best_by, recap.versus_last) == (False, None, -100)
    assert recap.total_seconds == 700


def test_a_best_counts_from_timed_sessions_and_the_streak_from_every_week() -> None:
    earlier = [
        DoneSession(THURSDAY - timedelta(weeks=1), 0),  # a watch file with no backward time
        DoneSession(THURSDAY - timedelta(weeks=2), 120),
    ]

    recap = recap_session(DoneSession(THURSDAY, 125), earlier)

    assert (recap.best_by, recap.versus_last, recap.streak_weeks) == (5, 5, 3)
