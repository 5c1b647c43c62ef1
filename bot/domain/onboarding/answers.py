"""The answers collected so far: saving them as JSON, and turning them into a `Profile`."""

from __future__ import annotations

import json
from typing import TypeVar

from bot.domain.onboarding.steps import (
    AGE,
    EXPERIENCE,
    GOALS,
    INJURIES,
    PARQ,
    PHYSIO,
    PLACES,
    SESSION_TIME,
    SESSIONS,
    TIMEZONE,
    UNITS,
    WEEKDAYS,
    WEEKLY_KM,
    Answers,
    Step,
    StepId,
    missing_steps,
)
from bot.domain.profile import ParqQuestion, Profile

T = TypeVar("T")


class IncompleteAnswersError(ValueError):
    """Raised when a profile is requested before every question that applies is answered."""

    def __init__(self, missing: tuple[StepId, ...]) -> None:
        super().__init__(f"onboarding answers are missing: {', '.join(missing)}")
        self.missing = missing


def answers_to_json(answers: Answers) -> str:
    """The answers as a JSON object of strings, for a TEXT column."""
    return json.dumps({str(step_id): text for step_id, text in answers.items()}, sort_keys=True)


def answers_from_json(raw: str) -> dict[StepId, str]:
    """Answers saved by `answers_to_json`.

    Keys or values this version doesn't know are dropped, so after an upgrade the runner
    is simply asked those questions again. Text that is not a JSON object raises ValueError:
    that is corruption, not an old format.
    """
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("saved onboarding answers are not a JSON object")
    known = {str(step_id): step_id for step_id in StepId}
    return {
        known[key]: value for key, value in data.items() if key in known and isinstance(value, str)
    }


def _required(step: Step[T], answers: Answers) -> T:
    # Narrows the type; `missing_steps` has already checked every step that applies.
    value = step.resolved(answers)
    if value is None:
        raise IncompleteAnswersError((step.id,))
    return value


def parq_yes_in(answers: Answers) -> frozenset[ParqQuestion]:
    """The PAR-Q questions answered "yes" so far (for the verdict right after the PAR-Q)."""
    return frozenset(question for question, step in PARQ.items() if step.value_in(answers))


def build_profile(user_id: int, answers: Answers) -> Profile:
    """The runner's profile from complete answers; raises IncompleteAnswersError otherwise."""
    missing = missing_steps(answers)
    if missing:
        raise IncompleteAnswersError(missing)
    return Profile(
        user_id=user_id,
        age=_required(AGE, answers),
        experience=_required(EXPERIENCE, answers),
        weekly_km=_required(WEEKLY_KM, answers),
        goals=_required(GOALS, answers),
        injuries=_required(INJURIES, answers),
        physio_supervised=_required(PHYSIO, answers),
        places=_required(PLACES, answers),
        sessions_per_week=_required(SESSIONS, answers),
        weekdays=_required(WEEKDAYS, answers),
        session_time=_required(SESSION_TIME, answers),
        timezone=_required(TIMEZONE, answers),
        units=_required(UNITS, answers),
        parq_yes=frozenset(question for question, step in PARQ.items() if _required(step, answers)),
    )
