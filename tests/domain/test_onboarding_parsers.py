"""Typed answers to each onboarding question: real-looking input, typos, emoji, garbage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest

from bot.domain.onboarding.clock import parse_session_time
from bot.domain.onboarding.parsers import (
    parse_acknowledgement,
    parse_age,
    parse_experience,
    parse_goals,
    parse_injuries,
    parse_parq_answer,
    parse_places,
    parse_sessions,
    parse_units,
    parse_weekly_km,
    parse_yes_no,
)
from bot.domain.onboarding.results import Accepted, Note, ParseResult, Reason, Rejected
from bot.domain.profile import Experience, Goal, Injury, Place, Units


def value_of(result: ParseResult[Any]) -> Any:
    """The accepted value, or the rejection reason: one column in the tables below."""
    return result.value if isinstance(result, Accepted) else result.reason


def check(parser: Callable[[str], ParseResult[Any]], typed: str, expected: Any) -> None:
    assert value_of(parser(typed)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("34", 34),
        (" 34 ", 34),
        ("34 years old", 34),
        ("I'm 34", 34),
        ("thirty-four", 34),
        ("Thirty four", 34),
        ("sixty", 60),
        ("13", 13),
        ("100", 100),
        ("34.5", 34),
        ("3️⃣4️⃣", 34),  # keycap emoji
        ("１９", 19),  # full-width digits
        ("12", Reason.AGE_TOO_YOUNG),
        ("0", Reason.AGE_NOT_POSITIVE),
        ("-5", Reason.AGE_NOT_POSITIVE),
        ("-3", Reason.AGE_NOT_POSITIVE),
        ("101", Reason.AGE_TOO_HIGH),
        ("340", Reason.AGE_TOO_HIGH),
        ("1990", Reason.AGE_LOOKS_LIKE_YEAR),
        ("34 or 35", Reason.ONE_NUMBER),
        ("abc", Reason.NEED_NUMBER),
        ("old enough", Reason.NEED_NUMBER),
        ("", Reason.EMPTY),
        ("   ", Reason.EMPTY),
        ("🙂🏃", Reason.EMPTY),
        ("!!!???", Reason.EMPTY),
    ],
)
def test_age(typed: str, expected: object) -> None:
    check(parse_age, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Not yet", Experience.NONE),
        ("never", Experience.NONE),
        ("nope", Experience.NONE),
        ("I don't run", Experience.NONE),
        ("now and then", Experience.OCCASIONAL),
        ("Sometimes", Experience.OCCASIONAL),
        ("once in a while", Experience.OCCASIONAL),
        ("regularly", Experience.REGULAR),
        ("reglarly", Experience.REGULAR),
        ("several times a week", Experience.REGULAR),
        ("I race", Experience.RACES),
        ("marathons", Experience.RACES),
        ("half marathon", Experience.RACES),
        ("5k", Experience.RACES),
        ("sometimes, but regularly too", Reason.PICK_ONE),
        ("purple", Reason.NOT_UNDERSTOOD),
        ("", Reason.EMPTY),
    ],
)
def test_experience(typed: str, expected: object) -> None:
    check(parse_experience, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0", 0),
        ("~5", 5),
        ("15", 15),
        ("~30 km", 30),
        ("50+", 50),
        ("about 20 km a week", 20),
        ("20km", 20),
        ("7.5", 8),
        ("10-20", 15),
        ("between 10 and 20", 15),
        ("none", 0),
        ("nothing", 0),
        ("zero", 0),
        ("300", 300),
        ("10 miles", 16),
        ("6 mi", 10),
        ("301", Reason.DISTANCE_OUT_OF_RANGE),
        ("200 miles", Reason.DISTANCE_OUT_OF_RANGE),
        ("-3", Reason.DISTANCE_OUT_OF_RANGE),
        ("5, 10 or 15", Reason.ONE_NUMBER),
        ("lots", Reason.NEED_NUMBER),
        ("", Reason.EMPTY),
        ("🏃‍♀️", Reason.EMPTY),
    ],
)
def test_weekly_km(typed: str, expected: object) -> None:
    check(parse_weekly_km, typed, expected)


def test_weekly_miles_are_converted_and_said_so() -> None:
    result = parse_weekly_km("10 miles")
    assert isinstance(result, Accepted)
    assert [notice.note for notice in result.notices] == [Note.MILES_CONVERTED]
    assert dict(result.notices[0].params) == {"miles": "10", "km": "16"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("knee health", {Goal.KNEE}),
        ("rehab", {Goal.KNEE}),
        ("balance and posture", {Goal.BALANCE, Goal.POSTURE}),
        ("Balance, Posture, fun", {Goal.BALANCE, Goal.POSTURE, Goal.FUN}),
        ("lose weight & get faster", {Goal.CALORIES, Goal.FORWARD}),
        ("coordination", {Goal.BALANCE}),
        ("postrue", {Goal.POSTURE}),
        ("balanse", {Goal.BALANCE}),
        ("variety", {Goal.FUN}),
        ("all of them", set(Goal)),
        ("everything!", set(Goal)),
        ("🦵 Knee health / rehab", {Goal.KNEE}),
        ("track", Reason.NOT_UNDERSTOOD),
        ("🎉🎉", Reason.EMPTY),
        ("", Reason.EMPTY),
    ],
)
def test_goals(typed: str, expected: object) -> None:
    check(parse_goals, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("none", set()),
        ("No", set()),
        ("nope, all good", set()),
        ("nothing", set()),
        ("knees", {Injury.KNEES}),
        ("my left knee hurts", {Injury.KNEES}),
        ("knes", {Injury.KNEES}),
        ("ankle and lower back", {Injury.ANKLES_FEET, Injury.HIPS_BACK}),
        ("Achilles", {Injury.ANKLES_FEET}),
        ("shoulder", {Injury.OTHER}),
        # Naming any pain beats "no": missing real pain is the costlier mistake.
        ("no pain except my knee", {Injury.KNEES}),
        ("Ankles / feet", {Injury.ANKLES_FEET}),
        ("purple", Reason.NOT_UNDERSTOOD),
        ("", Reason.EMPTY),
    ],
)
def test_injuries(typed: str, expected: object) -> None:
    check(parse_injuries, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("track", {Place.TRACK}),
        ("track and treadmill", {Place.TRACK, Place.TREADMILL}),
        ("park, hallway", {Place.PARK, Place.HALLWAY}),
        ("Park; Hallway.", {Place.PARK, Place.HALLWAY}),
        ("the school football field", {Place.PARK}),
        ("gym", {Place.TREADMILL}),
        ("tredmill", {Place.TREADMILL}),
        ("hallwya", {Place.HALLWAY}),
        ("TRACK + TREADMILL", {Place.TRACK, Place.TREADMILL}),
        ("🏟️ Running track", {Place.TRACK}),
        ("sidewalk", Reason.UNSAFE_PLACE_TRAFFIC),
        ("Sidewalks", Reason.UNSAFE_PLACE_TRAFFIC),
        ("sidwalk", Reason.UNSAFE_PLACE_TRAFFIC),
        ("the road outside", Reason.UNSAFE_PLACE_TRAFFIC),
        ("street", Reason.UNSAFE_PLACE_TRAFFIC),
        ("track and sidewalk", Reason.UNSAFE_PLACE_TRAFFIC),
        ("car park", Reason.UNSAFE_PLACE_TRAFFIC),
        ("trails", Reason.UNSAFE_PLACE_TERRAIN),
        ("hills", Reason.UNSAFE_PLACE_TERRAIN),
        ("beach", Reason.UNSAFE_PLACE_TERRAIN),
        ("moon", Reason.NOT_UNDERSTOOD),
        ("", Reason.EMPTY),
    ],
)
def test_places(typed: str, expected: object) -> None:
    check(parse_places, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", 2),
        ("3", 3),
        ("4", 4),
        ("three", 3),
        ("3x", 3),
        ("3 times a week", 3),
        ("twice", 2),
        ("Four!", 4),
        ("1", Reason.SESSIONS_TOO_FEW),
        ("once a week", Reason.SESSIONS_TOO_FEW),
        ("0", Reason.SESSIONS_TOO_FEW),
        ("5", Reason.SESSIONS_TOO_MANY),
        ("every day, 7", Reason.SESSIONS_TOO_MANY),
        ("2.5", Reason.PICK_ONE),
        ("2-3", Reason.ONE_NUMBER),
        ("a few", Reason.NEED_NUMBER),
        ("", Reason.EMPTY),
    ],
)
def test_sessions(typed: str, expected: object) -> None:
    check(parse_sessions, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yes", True),
        ("Y", True),
        ("yeah", True),
        ("yep!", True),
        ("Yesss", True),
        ("👍", True),
        ("👍🏽", True),
        ("sure", True),
        ("no", False),
        ("n", False),
        ("nope", False),
        ("Nah", False),
        ("👎", False),
        ("not really", False),
        ("not sure", Reason.YES_OR_NO),
        ("maybe", Reason.YES_OR_NO),
        ("yes and no", Reason.YES_OR_NO),
        ("purple", Reason.YES_OR_NO),
        ("", Reason.EMPTY),
        ("🦄", Reason.EMPTY),
    ],
)
def test_yes_no(typed: str, expected: object) -> None:
    check(parse_yes_no, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected", "notes"),
    [
        ("no", False, []),
        ("never", False, []),
        ("I have not", False, []),
        ("yes", True, []),
        ("I have", True, []),
        ("not sure", True, [Note.UNSURE_COUNTS_AS_YES]),
        ("I don't know", True, [Note.UNSURE_COUNTS_AS_YES]),
        ("I'm not sure", True, [Note.UNSURE_COUNTS_AS_YES]),
        ("🤷", True, [Note.UNSURE_COUNTS_AS_YES]),
    ],
)
def test_parq_answer_counts_doubt_as_yes(typed: str, expected: bool, notes: list[Note]) -> None:
    result = parse_parq_answer(typed)
    assert isinstance(result, Accepted)
    assert result.value is expected
    assert [notice.note for notice in result.notices] == notes


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("km", Units.KM),
        ("Kilometres", Units.KM),
        ("kilometers", Units.KM),
        ("metric", Units.KM),
        ("miles", Units.MILES),
        ("Mi", Units.MILES),
        ("imperial", Units.MILES),
        ("km or miles", Reason.PICK_ONE),
        ("furlongs", Reason.NOT_UNDERSTOOD),
        ("", Reason.EMPTY),
    ],
)
def test_units(typed: str, expected: object) -> None:
    check(parse_units, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("got it", True),
        ("Got it 👍", True),
        ("ok", True),
        ("I understand", True),
        ("👍", True),
        ("no", Reason.ACK_NEEDED),
        ("not sure", Reason.ACK_NEEDED),
        ("what?", Reason.ACK_NEEDED),
        ("", Reason.EMPTY),
    ],
)
def test_acknowledgement_needs_a_real_yes(typed: str, expected: object) -> None:
    check(parse_acknowledgement, typed, expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6:30", time(6, 30)),
        ("18:15", time(18, 15)),
        ("7am", time(7)),
        ("7 am", time(7)),
        ("7 a.m.", time(7)),
        ("7 pm", time(19)),
        ("7p", time(19)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("18pm", time(18)),
        ("7", time(7)),
        ("1830", time(18, 30)),
        ("0700", time(7)),
        ("730", time(7, 30)),
        ("07.30", time(7, 30)),
        ("18h15", time(18, 15)),
        ("at 7 in the evening", time(19)),
        ("7:30 in the morning", time(7, 30)),
        ("around 6ish", time(6)),
        ("morning", time(7)),
        ("Midday", time(12)),
        ("noon", time(12)),
        ("after work", time(18)),
        ("evening", time(18)),
        ("🌅 Morning 07:00", time(7)),
        ("🌆 Evening 18:00", time(18)),
        ("13am", Reason.TIME_IMPOSSIBLE),
        ("25:00", Reason.TIME_IMPOSSIBLE),
        ("24:00", Reason.TIME_IMPOSSIBLE),
        ("6:75", Reason.TIME_IMPOSSIBLE),
        ("7am or 8am", Reason.PICK_ONE),
        ("morning or evening", Reason.PICK_ONE),
        ("whenever", Reason.TIME_NOT_UNDERSTOOD),
        ("", Reason.EMPTY),
        ("⏰", Reason.EMPTY),
    ],
)
def test_session_time(typed: str, expected: object) -> None:
    check(parse_session_time, typed, expected)


@pytest.mark.parametrize(
    ("typed", "dark"),
    [("5:30", True), ("06:00", False), ("20:59", False), ("21:00", True), ("midnight 0:00", True)],
)
def test_dark_hours_get_a_note(typed: str, dark: bool) -> None:
    result = parse_session_time(typed)
    assert isinstance(result, Accepted)
    assert (Note.DARK_HOURS in [notice.note for notice in result.notices]) is dark


def test_a_sticker_like_message_is_empty_everywhere() -> None:
    parsers: list[Callable[[str], ParseResult[Any]]] = [
        parse_age, parse_experience, parse_weekly_km, parse_goals, parse_injuries,
        parse_places, parse_sessions, parse_yes_no, parse_units, parse_session_time,
    ]  # fmt: skip
    for parser in parsers:
        result = parser("🐱\u200d👤✨")
        assert isinstance(result, Rejected)
        assert result.reason is Reason.EMPTY
