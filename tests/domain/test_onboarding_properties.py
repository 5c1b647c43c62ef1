"""Properties of every onboarding parser: any input gives a value or a rejection, never an
exception; accepted numbers are in range; accepted answers store and read back unchanged.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.onboarding import steps as s
from bot.domain.onboarding.results import Accepted, Rejected
from bot.domain.onboarding.steps import STEPS, Answers, Step, StepId
from bot.domain.onboarding.timezones import is_valid_zone, parse_location
from bot.texts.onboarding_prompts import notice_text, rejection_text

# Words the parsers know, plus noise, so generated answers reach the interesting paths.
PIECES = [
    "yes", "no", "not sure", "none", "knee", "knees", "track", "sidewalk", "car park",
    "mon", "tue", "weds", "fri", "weekends", "except", "to", "-", "every day", "and", ",",
    "7", "7am", "18:30", "12pm", "13am", "25", "0", "300", "301", "1990", "-5", "2.5",
    "miles", "km", "thirty", "four", "twice", "evening", "london", "usa", "utc+2",
    "asia/tokyo", "berlni", "👍", "👎", "🤷", "🦵", "3️⃣", "é", "\u200d", "\n", "  ", "...",
]  # fmt: skip
answers_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join),
)
some_answers: st.SearchStrategy[Answers] = st.fixed_dictionaries(
    {}, optional={StepId.SESSIONS: st.sampled_from(["2", "3", "4", "9", "x"])}
)

RANGES: dict[StepId, range] = {
    StepId.AGE: range(13, 101),
    StepId.WEEKLY_KM: range(301),
    StepId.SESSIONS: range(2, 5),
}


@given(text=answers_text, answers=some_answers, step=st.sampled_from(STEPS))
def test_any_text_gives_a_value_or_a_rejection(
    text: str, answers: Answers, step: Step[Any]
) -> None:
    result = step.parse(text, answers)
    assert isinstance(result, Accepted | Rejected)
    if isinstance(result, Rejected):
        assert rejection_text(step.id, result)
        return
    for notice in result.notices:
        assert notice_text(notice)
    if step.id in RANGES:
        assert result.value in RANGES[step.id]
    # Whatever was accepted is stored as text and reads back as the same value.
    stored = step.record(answers, result.value)
    assert step.value_in(stored) == result.value


@given(text=answers_text)
def test_accepted_zones_are_valid(text: str) -> None:
    result = s.TIMEZONE.parse(text, {})
    if isinstance(result, Accepted):
        assert is_valid_zone(result.value)
    else:
        assert all(is_valid_zone(zone) for zone in result.options)


@given(text=answers_text)
def test_accepted_weekdays_match_the_sessions(text: str) -> None:
    result = s.WEEKDAYS.parse(text, {StepId.SESSIONS: "3"})
    if isinstance(result, Accepted):
        assert len(result.value) == 3
        assert list(result.value) == sorted(set(result.value))


@given(
    latitude=st.floats(allow_nan=True, allow_infinity=True),
    longitude=st.floats(allow_nan=True, allow_infinity=True),
)
def test_any_location_gives_a_zone_or_a_rejection(latitude: float, longitude: float) -> None:
    result = parse_location(latitude, longitude)
    if isinstance(result, Accepted):
        assert is_valid_zone(result.value)
