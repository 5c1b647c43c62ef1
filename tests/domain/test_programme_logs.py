"""SessionLog keeps its answers on the scales the progression rules read."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.session_logs import SessionLog
from tests.domain.programme_fixtures import MONDAY, good_log


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"effort": 11}, "effort must be 0-10"),
        ({"effort": -1}, "effort must be 0-10"),
        ({"pain": 11}, "pain must be 0-10"),
        ({"reverse_minutes": -0.5}, "must not be negative"),
    ],
)
def test_out_of_range_answers_are_rejected(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        good_log(MONDAY, **changes)


def test_unanswered_questions_are_none() -> None:
    log = SessionLog(day=MONDAY, completed=True, reverse_minutes=2.5)
    assert (log.effort, log.pain, log.morning_after, log.red_flag) == (None, None, None, False)
    assert good_log(MONDAY, effort=0, pain=10).pain == 10
