"""The question order, skips, buttons, storing answers as JSON and building the profile."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import time
from typing import Any

import pytest

from bot.domain.onboarding import steps as s
from bot.domain.onboarding.answers import (
    IncompleteAnswersError,
    answers_from_json,
    answers_to_json,
    build_profile,
    parq_yes_in,
)
from bot.domain.onboarding.results import Accepted, Note, Reason, Rejected
from bot.domain.onboarding.steps import (
    STEP_BY_ID,
    STEPS,
    Answers,
    Step,
    StepId,
    StepKind,
    missing_steps,
    next_step,
    toggle,
)
from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Profile, Units
from bot.texts import onboarding as onboarding_texts

# A runner with a sore knee, answering by typing the way people do.
TYPED: list[tuple[StepId, str]] = [
    (StepId.AGE, "34"),
    (StepId.EXPERIENCE, "regularly"),
    (StepId.WEEKLY_KM, "about 20k"),
    (StepId.GOALS, "knee rehab and balance"),
    (StepId.INJURIES, "my left knee"),
    (StepId.PHYSIO, "yep"),
    (StepId.PLACES, "track and treadmill"),
    (StepId.SESSIONS, "3"),
    (StepId.WEEKDAYS, "mon wed fri"),
    (StepId.SESSION_TIME, "6:30"),
    (StepId.TIMEZONE, "london"),
    (StepId.UNITS, "km"),
    (StepId.PARQ_HEART_CONDITION, "no"),
    (StepId.PARQ_CHEST_PAIN_ACTIVITY, "no"),
    (StepId.PARQ_CHEST_PAIN_REST, "no"),
    (StepId.PARQ_DIZZINESS_BALANCE, "nope"),
    (StepId.PARQ_BONE_JOINT, "yes"),
    (StepId.PARQ_BP_HEART_MEDICATION, "n"),
    (StepId.PARQ_OTHER_REASON, "no"),
    (StepId.ACKNOWLEDGEMENT, "got it"),
]


def answer_all(typed: Sequence[tuple[StepId, str]]) -> dict[StepId, str]:
    """Walk the conversation: each typed answer must be for the question asked next."""
    answers: dict[StepId, str] = {}
    for step_id, text in typed:
        step = next_step(answers)
        assert step is not None, f"finished before {step_id}"
        assert step.id is step_id
        result = step.parse(text, answers)
        assert isinstance(result, Accepted), (step_id, text, result)
        answers = step.record(answers, result.value)
    assert next_step(answers) is None
    return answers


def test_the_questions_come_in_the_documented_order() -> None:
    assert [step.id for step in STEPS] == list(StepId)
    assert next_step({}) is s.AGE


def test_a_typed_conversation_builds_the_profile() -> None:
    profile = build_profile(42, answer_all(TYPED))
    assert profile == Profile(
        user_id=42,
        age=34,
        experience=Experience.REGULAR,
        weekly_km=20,
        goals=frozenset({Goal.KNEE, Goal.BALANCE}),
        injuries=frozenset({Injury.KNEES}),
        physio_supervised=True,
        places=frozenset({Place.TRACK, Place.TREADMILL}),
        sessions_per_week=3,
        weekdays=(0, 2, 4),
        session_time=time(6, 30),
        timezone="Europe/London",
        units=Units.KM,
        parq_yes=frozenset({ParqQuestion.BONE_JOINT}),
    )
    assert profile.walk_only


def test_no_running_skips_the_distance_and_no_injury_skips_the_physio() -> None:
    typed = [
        (step_id, text)
        for step_id, text in TYPED
        if step_id not in {StepId.WEEKLY_KM, StepId.PHYSIO}
    ]
    typed[1] = (StepId.EXPERIENCE, "not yet")
    typed[3] = (StepId.INJURIES, "none")
    profile = build_profile(1, answer_all(typed))
    assert profile.weekly_km == 0
    assert profile.injuries == frozenset()
    assert not profile.physio_supervised


def test_changing_an_earlier_answer_brings_dependent_questions_back() -> None:
    answers = answer_all(TYPED)
    # Now no injury: the physio answer no longer applies and is ignored.
    answers = s.INJURIES.record(answers, frozenset())
    assert next_step(answers) is None
    assert not build_profile(1, answers).physio_supervised
    # Two sessions instead of three: the three stored days no longer fit, so ask again.
    answers = s.SESSIONS.record(answers, 2)
    assert next_step(answers) is s.WEEKDAYS
    # Running after all: the distance question comes back.
    answers = s.EXPERIENCE.record(s.WEEKDAYS.record(answers, (1, 4)), Experience.NONE)
    assert next_step(answers) is None
    answers = s.EXPERIENCE.record(answers, Experience.OCCASIONAL)
    assert s.WEEKLY_KM.value_in(answers) == 20


def test_an_incomplete_answer_set_is_refused_with_what_is_missing() -> None:
    answers = answer_all(TYPED)
    del answers[StepId.UNITS]
    del answers[StepId.ACKNOWLEDGEMENT]
    with pytest.raises(IncompleteAnswersError) as raised:
        build_profile(1, answers)
    assert raised.value.missing == (StepId.UNITS, StepId.ACKNOWLEDGEMENT)
    assert missing_steps(answers) == (StepId.UNITS, StepId.ACKNOWLEDGEMENT)


def test_nothing_answered_is_refused() -> None:
    with pytest.raises(IncompleteAnswersError) as raised:
        build_profile(1, {})
    assert StepId.AGE in raised.value.missing
    assert StepId.PHYSIO in raised.value.missing  # unknown injuries: still to be asked
    assert StepId.WEEKLY_KM in raised.value.missing


def test_a_garbled_stored_answer_is_asked_again() -> None:
    answers: Answers = {**answer_all(TYPED), StepId.TIMEZONE: "Atlantis/Nowhere"}
    step = next_step(answers)
    assert step is s.TIMEZONE


def test_answers_round_trip_through_plain_json() -> None:
    answers = answer_all(TYPED)
    raw = answers_to_json(answers)
    assert all(isinstance(value, str) for value in json.loads(raw).values())
    restored = answers_from_json(raw)
    assert restored == answers
    assert all(type(key) is StepId for key in restored)
    assert build_profile(7, restored) == build_profile(7, answers)


def test_old_or_unknown_json_entries_are_dropped() -> None:
    raw = json.dumps({"age": "34", "shoe_size": "44", "units": 5, "goals": ["fun"]})
    assert answers_from_json(raw) == {StepId.AGE: "34"}


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '"age"', "null"])
def test_corrupt_json_raises(raw: str) -> None:
    with pytest.raises(ValueError, match=r".+"):
        answers_from_json(raw)


def test_stored_answers_are_the_canonical_button_keys() -> None:
    stored = answer_all(TYPED)
    assert stored[StepId.GOALS] == "balance, knee"
    assert stored[StepId.WEEKDAYS] == "mon, wed, fri"
    assert stored[StepId.SESSION_TIME] == "06:30"
    assert stored[StepId.INJURIES] == "knees"
    assert stored[StepId.PARQ_BONE_JOINT] == "yes"


EXPECTED_KINDS = {
    StepId.AGE: StepKind.FREE,
    StepId.GOALS: StepKind.MULTI,
    StepId.INJURIES: StepKind.MULTI,
    StepId.PLACES: StepKind.MULTI,
    StepId.WEEKDAYS: StepKind.MULTI,
}


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_kinds_and_buttons(step: Step[Any]) -> None:
    assert step.kind is EXPECTED_KINDS.get(step.id, StepKind.SINGLE)
    assert bool(step.choices) is (step.kind is not StepKind.FREE)
    assert len({choice.key for choice in step.choices}) == len(step.choices)
    for choice in step.choices:
        # Telegram's callback_data is at most 64 bytes, with room left for the step id.
        assert len(choice.key.encode()) <= 32
        assert onboarding_texts.choice_label(step.id, choice.key)


ANSWERS_WITH_THREE_SESSIONS: Answers = {StepId.SESSIONS: "3"}


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_every_button_key_parses_and_its_label_means_the_same(step: Step[Any]) -> None:
    for choice in step.choices:
        by_key = step.pick([choice.key], ANSWERS_WITH_THREE_SESSIONS)
        label = onboarding_texts.choice_label(step.id, choice.key)
        by_label = step.parse(label, ANSWERS_WITH_THREE_SESSIONS)
        if step is s.WEEKDAYS and choice.key != s.ANY_DAY_KEY:
            # One day of three: refused until all three are picked.
            assert by_key == Rejected(Reason.WEEKDAYS_TOO_FEW, (("sessions", "3"), ("given", "1")))
            continue
        assert isinstance(by_key, Accepted), (choice, by_key)
        assert isinstance(by_label, Accepted), (choice, by_label)
        assert by_key.value == by_label.value


def test_multi_choice_buttons_combine() -> None:
    result = s.WEEKDAYS.pick(["tue", "thu", "sat"], ANSWERS_WITH_THREE_SESSIONS)
    assert result == Accepted((1, 3, 5))
    assert s.PLACES.pick(["park", "hallway"], {}) == Accepted(
        frozenset({Place.PARK, Place.HALLWAY})
    )
    assert s.INJURIES.pick(["none"], {}) == Accepted(frozenset())


def test_you_pick_for_me_spreads_the_days() -> None:
    result = s.WEEKDAYS.pick([s.ANY_DAY_KEY], ANSWERS_WITH_THREE_SESSIONS)
    assert isinstance(result, Accepted)
    assert result.value == (0, 2, 4)
    assert result.notices[0].note is Note.DAYS_PICKED


def test_a_zone_candidate_can_be_picked_like_a_button() -> None:
    assert s.TIMEZONE.pick(["America/Denver"], {}) == Accepted("America/Denver")


def test_toggling_buttons() -> None:
    picked = toggle(s.INJURIES, frozenset(), "knees")
    picked = toggle(s.INJURIES, picked, "hips_back")
    assert picked == {"knees", "hips_back"}
    assert toggle(s.INJURIES, picked, "knees") == {"hips_back"}
    # "None right now" clears the others, and picking one clears "none".
    assert toggle(s.INJURIES, picked, "none") == {"none"}
    assert toggle(s.INJURIES, frozenset({"none"}), "other") == {"other"}
    assert toggle(s.WEEKDAYS, frozenset({"mon"}), "any") == {"any"}
    # A stale button from another question changes nothing.
    assert toggle(s.INJURIES, picked, "treadmill") == picked


def test_step_ids_index_the_steps() -> None:
    assert all(STEP_BY_ID[step.id] is step for step in STEPS)
    assert [step.id for step in s.PARQ.values()] == [
        StepId(f"parq_{question}") for question in ParqQuestion
    ]


def test_parq_yes_answers_so_far() -> None:
    answers = answer_all(TYPED)
    assert parq_yes_in(answers) == {ParqQuestion.BONE_JOINT}
    assert parq_yes_in({}) == frozenset()
