"""Reading weekdays and fitting them to the sessions-per-week count."""

from __future__ import annotations

import pytest

from bot.domain.onboarding.results import Accepted, Note, Reason, Rejected
from bot.domain.onboarding.weekdays import (
    back_to_back,
    fit_weekdays,
    parse_weekdays,
    spread_days,
)
from bot.texts.profile_summary import day_names

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mon wed fri", (MON, WED, FRI)),
        ("Mon, Wed, Fri", (MON, WED, FRI)),
        ("monday wednesday and friday", (MON, WED, FRI)),
        ("Tuesday & Thursday", (TUE, THU)),
        ("tues/thurs", (TUE, THU)),
        ("Tu Th Sa", (TUE, THU, SAT)),
        ("Mondays and Thursdays", (MON, THU)),
        ("wendsday and thrusday", (WED, THU)),
        ("saterday", (SAT,)),
        ("weekends", (SAT, SUN)),
        ("the weekend", (SAT, SUN)),
        ("weekdays", (MON, TUE, WED, THU, FRI)),
        ("mon-fri", (MON, TUE, WED, THU, FRI)),
        ("tue to thu", (TUE, WED, THU)),
        ("fri-mon", (MON, FRI, SAT, SUN)),
        ("weekdays except wednesday", (MON, TUE, THU, FRI)),
        ("every day but not sunday", (MON, TUE, WED, THU, FRI, SAT)),
        ("any day except sat and sun", (MON, TUE, WED, THU, FRI)),
        ("I'm not free on weekends, so mon wed fri", (MON, WED, FRI)),
        ("any", tuple(range(7))),
        ("you pick", tuple(range(7))),
        ("every day", tuple(range(7))),
        ("MON WED", (MON, WED)),
        ("🗓 wed + sat", (WED, SAT)),
    ],
)
def test_parse_weekdays(typed: str, expected: tuple[int, ...]) -> None:
    assert parse_weekdays(typed) == Accepted(expected)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", Reason.EMPTY), ("📅", Reason.EMPTY), ("when it rains", Reason.NOT_UNDERSTOOD),
     ("we can do it", Reason.NOT_UNDERSTOOD)],
)  # fmt: skip
def test_unreadable_weekdays(typed: str, reason: Reason) -> None:
    assert parse_weekdays(typed) == Rejected(reason)


def test_exactly_as_many_days_as_sessions_is_accepted_as_is() -> None:
    assert fit_weekdays((MON, WED, FRI), 3) == Accepted((MON, WED, FRI))


def test_too_few_days_is_refused_with_both_counts() -> None:
    result = fit_weekdays((SAT, SUN), 3)
    assert isinstance(result, Rejected)
    assert result.reason is Reason.WEEKDAYS_TOO_FEW
    assert dict(result.params) == {"sessions": "3", "given": "2"}


@pytest.mark.parametrize(
    ("days", "sessions", "picked"),
    [
        (tuple(range(5)), 3, (MON, WED, FRI)),
        (tuple(range(7)), 2, (MON, THU)),
        (tuple(range(7)), 3, (MON, WED, FRI)),
        ((MON, TUE, WED, THU), 2, (MON, THU)),
        ((MON, TUE, SAT, SUN), 2, (TUE, SAT)),
    ],
)
def test_more_days_than_sessions_are_spread_out(
    days: tuple[int, ...], sessions: int, picked: tuple[int, ...]
) -> None:
    result = fit_weekdays(days, sessions)
    assert isinstance(result, Accepted)
    assert result.value == picked
    assert [notice.note for notice in result.notices] == [Note.DAYS_PICKED]


def test_four_sessions_out_of_seven_days_keep_one_pair_back_to_back() -> None:
    picked = spread_days(range(7), 4)
    assert len(picked) == 4
    assert len(back_to_back(picked)) == 1


@pytest.mark.parametrize(
    ("days", "noted"),
    [((MON, WED, FRI), False), ((SAT, SUN), True), ((MON, SUN), True), ((MON, THU), False)],
)
def test_back_to_back_days_are_accepted_with_a_note(days: tuple[int, ...], noted: bool) -> None:
    result = fit_weekdays(days, len(days))
    assert isinstance(result, Accepted)
    assert result.value == days
    assert (Note.BACK_TO_BACK_DAYS in [notice.note for notice in result.notices]) is noted


def test_sunday_into_monday_counts_as_back_to_back() -> None:
    assert back_to_back((MON, SUN)) == [(SUN, MON)]


def test_day_names_read_as_a_list() -> None:
    assert day_names((MON, WED, FRI)) == "Mon, Wed and Fri"
    assert day_names((SAT,)) == "Sat"
