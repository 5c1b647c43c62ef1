"""Typed answers in the words each onboarding prompt invites, with the value each should
give written down first. `python -m tests.domain.test_onboarding_phrasings` prints the
share understood."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from bot.domain.onboarding import STEP_BY_ID, Accepted, StepId
from bot.domain.profile import Experience, Goal, Injury, Place, Units

E, G, INJ, P = Experience, Goal, Injury, Place
# Earlier answers the questions are asked after (days are fitted to the sessions count).
EARLIER = {StepId.SESSIONS: "3"}

TABLE: list[tuple[StepId, str, Any]] = [
    # "How old are you?"
    (StepId.AGE, "34", 34),
    (StepId.AGE, "I'm 34", 34),
    (StepId.AGE, "34 years old", 34),
    (StepId.AGE, "thirty-four", 34),
    (StepId.AGE, "age 34", 34),
    (StepId.AGE, "34 y/o", 34),
    (StepId.AGE, "I am 52 years", 52),
    (StepId.AGE, "65yo", 65),
    (StepId.AGE, "I'm 28.", 28),
    (StepId.AGE, "just turned 30", 30),
    # "How much do you run forwards these days?"
    (StepId.EXPERIENCE, "not at all", E.NONE),
    (StepId.EXPERIENCE, "I don't run", E.NONE),
    (StepId.EXPERIENCE, "never", E.NONE),
    (StepId.EXPERIENCE, "now and then", E.OCCASIONAL),
    (StepId.EXPERIENCE, "sometimes", E.OCCASIONAL),
    (StepId.EXPERIENCE, "a couple of times a month", E.OCCASIONAL),
    (StepId.EXPERIENCE, "once a week", E.OCCASIONAL),
    (StepId.EXPERIENCE, "regularly", E.REGULAR),
    (StepId.EXPERIENCE, "3 times a week", E.REGULAR),
    (StepId.EXPERIENCE, "most days", E.REGULAR),
    (StepId.EXPERIENCE, "I race", E.RACES),
    (StepId.EXPERIENCE, "I do marathons", E.RACES),
    # "Roughly how far do you run in a normal week? A guess is fine."
    (StepId.WEEKLY_KM, "15", 15),
    (StepId.WEEKLY_KM, "about 15 km a week", 15),
    (StepId.WEEKLY_KM, "15km", 15),
    (StepId.WEEKLY_KM, "around 20 kilometres", 20),
    (StepId.WEEKLY_KM, "10 miles", 16),
    (StepId.WEEKLY_KM, "10-20", 15),
    (StepId.WEEKLY_KM, "none", 0),
    (StepId.WEEKLY_KM, "nothing", 0),
    (StepId.WEEKLY_KM, "about 5k", 5),
    (StepId.WEEKLY_KM, "maybe 30", 30),
    (StepId.WEEKLY_KM, "25 km per week", 25),
    (StepId.WEEKLY_KM, "I don't know, maybe 10", 10),
    # "What would you like from running backwards? Pick all that fit, then tap Done."
    (StepId.GOALS, "balance", {G.BALANCE}),
    (StepId.GOALS, "knee health", {G.KNEE}),
    (StepId.GOALS, "my knees", {G.KNEE}),
    (StepId.GOALS, "burn calories", {G.CALORIES}),
    (StepId.GOALS, "lose weight", {G.CALORIES}),
    (StepId.GOALS, "posture", {G.POSTURE}),
    (StepId.GOALS, "better posture and balance", {G.POSTURE, G.BALANCE}),
    (StepId.GOALS, "to run faster forwards", {G.FORWARD}),
    (StepId.GOALS, "fun", {G.FUN}),
    (StepId.GOALS, "variety", {G.FUN}),
    (StepId.GOALS, "all of them", set(G)),
    (StepId.GOALS, "knee rehab, coordination", {G.KNEE, G.BALANCE}),
    # "Any injury or pain right now? Pick all that apply, then tap Done."
    (StepId.INJURIES, "none", set()),
    (StepId.INJURIES, "no", set()),
    (StepId.INJURIES, "nothing right now", set()),
    (StepId.INJURIES, "my knee hurts", {INJ.KNEES}),
    (StepId.INJURIES, "sore knees", {INJ.KNEES}),
    (StepId.INJURIES, "ankle", {INJ.ANKLES_FEET}),
    (StepId.INJURIES, "foot", {INJ.ANKLES_FEET}),
    (StepId.INJURIES, "lower back pain", {INJ.HIPS_BACK}),
    (StepId.INJURIES, "hip", {INJ.HIPS_BACK}),
    (StepId.INJURIES, "shoulder", {INJ.OTHER}),
    (StepId.INJURIES, "knee and ankle", {INJ.KNEES, INJ.ANKLES_FEET}),
    # "Is a physiotherapist looking after that at the moment?"
    (StepId.PHYSIO, "yes", True),
    (StepId.PHYSIO, "yep", True),
    (StepId.PHYSIO, "no", False),
    (StepId.PHYSIO, "nope", False),
    (StepId.PHYSIO, "not at the moment", False),
    (StepId.PHYSIO, "yes, weekly", True),
    # "Where could you train? ... Pick all you have access to, then tap Done."
    (StepId.PLACES, "track", {P.TRACK}),
    (StepId.PLACES, "the running track", {P.TRACK}),
    (StepId.PLACES, "a park", {P.PARK}),
    (StepId.PLACES, "football pitch", {P.PARK}),
    (StepId.PLACES, "treadmill at the gym", {P.TREADMILL}),
    (StepId.PLACES, "hallway", {P.HALLWAY}),
    (StepId.PLACES, "corridor at home", {P.HALLWAY}),
    (StepId.PLACES, "track and park", {P.TRACK, P.PARK}),
    (StepId.PLACES, "park, treadmill", {P.PARK, P.TREADMILL}),
    (StepId.PLACES, "school field", {P.PARK}),
    (StepId.PLACES, "sports field", {P.PARK}),
    # "How many sessions a week suit you? Two or three is a great start."
    (StepId.SESSIONS, "3", 3),
    (StepId.SESSIONS, "three", 3),
    (StepId.SESSIONS, "2 a week", 2),
    (StepId.SESSIONS, "twice", 2),
    (StepId.SESSIONS, "three times", 3),
    (StepId.SESSIONS, "4 please", 4),
    (StepId.SESSIONS, "twice a week", 2),
    (StepId.SESSIONS, "3x", 3),
    # "Which 3 days work best? ... Tap Done when you've picked."
    (StepId.WEEKDAYS, "mon wed fri", (0, 2, 4)),
    (StepId.WEEKDAYS, "Monday, Wednesday and Friday", (0, 2, 4)),
    (StepId.WEEKDAYS, "tue thu sat", (1, 3, 5)),
    (StepId.WEEKDAYS, "mon/wed/fri", (0, 2, 4)),
    (StepId.WEEKDAYS, "Tuesdays, Thursdays and Sundays", (1, 3, 6)),
    (StepId.WEEKDAYS, "wednesday and the weekend", (2, 5, 6)),
    # "What time of day? Tap one, or type a time like 6:30 or 7 pm."
    (StepId.SESSION_TIME, "18:00", time(18, 0)),
    (StepId.SESSION_TIME, "6:30", time(6, 30)),
    (StepId.SESSION_TIME, "7 pm", time(19, 0)),
    (StepId.SESSION_TIME, "7pm", time(19, 0)),
    (StepId.SESSION_TIME, "evening", time(18, 0)),
    (StepId.SESSION_TIME, "morning", time(7, 0)),
    (StepId.SESSION_TIME, "lunchtime", time(12, 0)),
    (StepId.SESSION_TIME, "after work, around 6pm", time(18, 0)),
    (StepId.SESSION_TIME, "at 5:30 pm", time(17, 30)),
    (StepId.SESSION_TIME, "noon", time(12, 0)),
    (StepId.SESSION_TIME, "19h", time(19, 0)),
    # "Which time zone are you in...? Tap one, type your city, or share your location."
    (StepId.TIMEZONE, "London", "Europe/London"),
    (StepId.TIMEZONE, "Berlin", "Europe/Berlin"),
    (StepId.TIMEZONE, "new york", "America/New_York"),
    (StepId.TIMEZONE, "Europe/Paris", "Europe/Paris"),
    (StepId.TIMEZONE, "I live in Madrid", "Europe/Madrid"),
    (StepId.TIMEZONE, "Tokyo", "Asia/Tokyo"),
    (StepId.TIMEZONE, "Sydney", "Australia/Sydney"),
    # "Kilometres or miles?"
    (StepId.UNITS, "km", Units.KM),
    (StepId.UNITS, "kilometres", Units.KM),
    (StepId.UNITS, "kilometers", Units.KM),
    (StepId.UNITS, "miles", Units.MILES),
    (StepId.UNITS, "mi", Units.MILES),
    (StepId.UNITS, "metric", Units.KM),
    (StepId.UNITS, "imperial", Units.MILES),
    # The PAR-Q questions (a "not sure" counts as yes) and the acknowledgement.
    (StepId.PARQ_HEART_CONDITION, "no", False),
    (StepId.PARQ_HEART_CONDITION, "nope", False),
    (StepId.PARQ_CHEST_PAIN_ACTIVITY, "never", False),
    (StepId.PARQ_CHEST_PAIN_REST, "yes", True),
    (StepId.PARQ_DIZZINESS_BALANCE, "not sure", True),
    (StepId.PARQ_BONE_JOINT, "I don't think so", False),
    (StepId.PARQ_OTHER_REASON, "no, never", False),
    (StepId.ACKNOWLEDGEMENT, "got it", True),
    (StepId.ACKNOWLEDGEMENT, "ok", True),
    (StepId.ACKNOWLEDGEMENT, "understood", True),
    (StepId.ACKNOWLEDGEMENT, "I understand", True),
    (StepId.ACKNOWLEDGEMENT, "sure", True),
]


def reading(step: StepId, typed: str) -> object:
    """What the step reads from `typed`: its value, or the rejection."""
    result = STEP_BY_ID[step].parse(typed, EARLIER)
    if not isinstance(result, Accepted):
        return result
    value = result.value
    return set(value) if isinstance(value, frozenset) else value


def understood_share() -> tuple[int, int]:
    """(answers read as expected, answers in the table)."""
    right = sum(reading(step, typed) == expected for step, typed, expected in TABLE)
    return right, len(TABLE)


def test_the_table_covers_every_question_with_over_a_hundred_answers() -> None:
    assert len(TABLE) >= 100
    assert {step for step, _, _ in TABLE} >= {
        step for step in StepId if step != StepId.PARQ_BP_HEART_MEDICATION
    }


@pytest.mark.parametrize(("step", "typed", "expected"), TABLE)
def test_each_invited_phrasing_is_understood(step: StepId, typed: str, expected: object) -> None:
    assert reading(step, typed) == expected


if __name__ == "__main__":
    right, total = understood_share()
    print(f"understood {right} of {total} ({right / total:.0%})")
    for step, typed, expected in TABLE:
        got = reading(step, typed)
        if got != expected:
            print(f"  {step}: {typed!r} -> {got!r}, expected {expected!r}")
