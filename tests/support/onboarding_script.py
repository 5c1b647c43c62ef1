"""Typed answers that take a runner through onboarding, step by step."""

from __future__ import annotations

from bot.domain.onboarding import StepId
from tests.support.harness import ChatRunner

# (step, typed answer) in the order asked for a runner with no injury (physio is skipped).
TYPED_ANSWERS: list[tuple[StepId, str]] = [
    (StepId.AGE, "34"),
    (StepId.EXPERIENCE, "regularly"),
    (StepId.WEEKLY_KM, "15"),
    (StepId.GOALS, "balance and knees"),
    (StepId.INJURIES, "none"),
    (StepId.PLACES, "track, park"),
    (StepId.SESSIONS, "3"),
    (StepId.WEEKDAYS, "mon wed fri"),
    (StepId.SESSION_TIME, "18:00"),
    (StepId.TIMEZONE, "Europe/London"),
    (StepId.UNITS, "km"),
    (StepId.PARQ_HEART_CONDITION, "no"),
    (StepId.PARQ_CHEST_PAIN_ACTIVITY, "no"),
    (StepId.PARQ_CHEST_PAIN_REST, "no"),
    (StepId.PARQ_DIZZINESS_BALANCE, "no"),
    (StepId.PARQ_BONE_JOINT, "no"),
    (StepId.PARQ_BP_HEART_MEDICATION, "no"),
    (StepId.PARQ_OTHER_REASON, "no"),
    (StepId.ACKNOWLEDGEMENT, "got it"),
]


async def answer_until(
    runner: ChatRunner,
    stop_before: StepId | None = None,
    overrides: dict[StepId, str] | None = None,
) -> None:
    """/start, then type answers until the step `stop_before` is being asked (or to the end)."""
    await runner.send("/start")
    for step, answer in TYPED_ANSWERS:
        if step == stop_before:
            return
        await runner.send((overrides or {}).get(step, answer))
