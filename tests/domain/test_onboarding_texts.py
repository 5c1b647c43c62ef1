"""Every key the domain can produce has a text, and the texts render."""

from __future__ import annotations

import string
from datetime import time

import pytest

from bot.domain.onboarding import steps as s
from bot.domain.onboarding.readiness import AgeNote, ReadinessReason, assess_readiness
from bot.domain.onboarding.results import Note, Notice, Reason, Rejected
from bot.domain.onboarding.steps import STEPS, StepId
from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Profile, Units
from bot.texts import onboarding as texts
from bot.texts.onboarding_prompts import (
    notice_text,
    question_text,
    readiness_text,
    rejection_text,
)
from bot.texts.profile_summary import render_summary


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_a_text() -> None:
    assert set(texts.REJECTIONS) == set(Reason)
    assert set(texts.NOTICES) == set(Note)
    assert set(texts.READINESS) == set(ReadinessReason)
    assert set(texts.AGE_NOTES) == set(AgeNote)
    assert set(texts.HINTS) == set(StepId)
    assert set(texts.PARQ_QUESTIONS) == set(ParqQuestion)
    assert set(texts.QUESTIONS) == {step.id for step in STEPS} - {
        step.id for step in s.PARQ.values()
    }
    for names, enum in [
        (texts.EXPERIENCE_NAMES, Experience),
        (texts.GOAL_NAMES, Goal),
        (texts.INJURY_NAMES, Injury),
        (texts.PLACE_NAMES, Place),
        (texts.UNITS_NAMES, Units),
        (texts.DISTANCE, Units),
    ]:
        assert set(names) == set(enum)


@pytest.mark.parametrize("reason", list(Reason))
def test_rejections_render_for_every_step(reason: Reason) -> None:
    params = tuple((name, "3") for name in placeholders(texts.REJECTIONS[reason]) - {"hint"})
    for step in STEPS:
        text = rejection_text(step.id, Rejected(reason, params))
        assert text
        assert "{" not in text


def test_a_rejection_carries_the_example_for_its_question() -> None:
    text = rejection_text(StepId.WEEKDAYS, Rejected(Reason.NOT_UNDERSTOOD))
    assert "mon wed fri" in text


@pytest.mark.parametrize("note", list(Note))
def test_notices_render(note: Note) -> None:
    # Days travel as day numbers (0 = Monday) and are named by the texts.
    params = tuple(
        (name, "0,2" if name == "days" else "x") for name in placeholders(texts.NOTICES[note])
    )
    text = notice_text(Notice(note, params))
    assert "{" not in text
    assert "days" not in dict(params) or "Mon and Wed" in text


def test_questions_render() -> None:
    answers = {StepId.SESSIONS: "3"}
    for step in STEPS:
        assert "{" not in question_text(step, answers)
    assert "Which 3 days" in question_text(s.WEEKDAYS, answers)
    first, second = s.PARQ[ParqQuestion.HEART_CONDITION], s.PARQ[ParqQuestion.CHEST_PAIN_ACTIVITY]
    assert question_text(first, answers).startswith(texts.PARQ_INTRO)
    assert question_text(second, answers).startswith("Health check 2 of 7: ")


def test_readiness_text_adds_age_advice() -> None:
    text = readiness_text(assess_readiness({ParqQuestion.DIZZINESS_BALANCE}, age=72))
    assert text.startswith(texts.READINESS["dizziness_balance"])
    assert texts.AGE_NOTES["over_69"] in text
    assert readiness_text(assess_readiness(set(), age=30)) == texts.READINESS["clear"]


PROFILE = Profile(
    user_id=1,
    age=34,
    experience=Experience.REGULAR,
    weekly_km=32,
    goals=frozenset({Goal.FUN, Goal.KNEE}),
    injuries=frozenset({Injury.KNEES}),
    physio_supervised=True,
    places=frozenset({Place.TREADMILL, Place.TRACK}),
    sessions_per_week=3,
    weekdays=(0, 2, 4),
    session_time=time(7, 0),
    timezone="America/New_York",
    units=Units.MILES,
    parq_yes=frozenset({ParqQuestion.BONE_JOINT}),
)


def test_summary() -> None:
    assert render_summary(PROFILE) == "\n".join(
        [
            "Here's your setup:",
            "• Age: 34",
            "• Running now: regularly, about 20 miles a week",
            "• Goals: knee health, variety and fun",
            "• Pain or injury now: knees (with a physio)",
            "• Where: running track and treadmill",
            "• When: Mon, Wed and Fri at 07:00 (New York time)",
            "• Units: miles",
            "• Language: English",
            "• Start: backward walking only, until a doctor clears you",
        ]
    )


def test_summary_for_a_new_runner_without_pain() -> None:
    from dataclasses import replace

    summary = render_summary(
        replace(
            PROFILE,
            experience=Experience.NONE,
            weekly_km=0,
            injuries=frozenset(),
            physio_supervised=False,
            units=Units.KM,
            parq_yes=frozenset(),
        )
    )
    assert "• Running now: not yet" in summary
    assert "• Pain or injury now: none" in summary
    assert summary.endswith("• Start: backward walking, then short reverse jogs")
