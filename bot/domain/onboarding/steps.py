"""The onboarding questions as data, in order, and which one comes next.

Answers are kept as the canonical text of each answer (exactly what its button sends),
keyed by step id: `{"age": "34", "goals": "balance, knee", "weekdays": "mon, wed, fri"}`.
That stores as plain JSON and survives restarts; a step reads its typed value back by
parsing that text again, so a stored answer that no longer fits (say, weekdays after the
sessions count changed) simply makes that question come up again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from typing import Any, Generic, TypeAlias, TypeVar

from bot.domain.languages import ENGLISH
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
from bot.domain.onboarding.readiness import PARQ_ORDER
from bot.domain.onboarding.results import Accepted, ParseResult, Rejected
from bot.domain.onboarding.timezones import COMMON_ZONES, parse_zone
from bot.domain.onboarding.vocabulary import NO_INJURY
from bot.domain.onboarding.weekdays import DAY_KEYS, fit_weekdays, parse_weekdays
from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Units

T = TypeVar("T")

# The keys of the buttons whose answers are not one of the profile's enums.
WEEKLY_KM_KEYS = ("0", "5", "15", "30", "50")
YES_NO_KEYS = ("yes", "no")
PARQ_KEYS = ("yes", "no", "not sure")
SESSIONS_KEYS = ("2", "3", "4")
TIME_KEYS = ("07:00", "12:00", "18:00")
ACK_KEYS = ("got it",)


class StepId(StrEnum):
    """One onboarding question; the value is its key in the answers and in the texts."""

    AGE = "age"
    EXPERIENCE = "experience"
    WEEKLY_KM = "weekly_km"
    GOALS = "goals"
    INJURIES = "injuries"
    PHYSIO = "physio"
    PLACES = "places"
    SESSIONS = "sessions"
    WEEKDAYS = "weekdays"
    SESSION_TIME = "session_time"
    TIMEZONE = "timezone"
    UNITS = "units"
    PARQ_HEART_CONDITION = "parq_heart_condition"
    PARQ_CHEST_PAIN_ACTIVITY = "parq_chest_pain_activity"
    PARQ_CHEST_PAIN_REST = "parq_chest_pain_rest"
    PARQ_DIZZINESS_BALANCE = "parq_dizziness_balance"
    PARQ_BONE_JOINT = "parq_bone_joint"
    PARQ_BP_HEART_MEDICATION = "parq_bp_heart_medication"
    PARQ_OTHER_REASON = "parq_other_reason"
    ACKNOWLEDGEMENT = "acknowledgement"


class StepKind(StrEnum):
    """How a question is answered with buttons (typing works for all of them)."""

    SINGLE = "single"  # one tap answers
    MULTI = "multi"  # taps toggle choices, then Done
    FREE = "free"  # no buttons: typed only


# Answer text by step id; see the module docstring.
Answers: TypeAlias = Mapping[StepId, str]


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: the key it sends back, parseable as a typed answer; its label is in the texts,
    under the step's id and this key."""

    key: str
    # Selecting it clears the others, and the others clear it ("None right now").
    exclusive: bool = False


@dataclass(frozen=True, slots=True)
class Step(Generic[T]):
    """One question: how it's answered, how answers are read, stored and fitted."""

    id: StepId
    kind: StepKind
    # Reads a typed answer in the runner's language (a code: "en", "es", "ru").
    read: Callable[[str, str], ParseResult[T]]
    encode: Callable[[T], str]
    choices: tuple[Choice, ...] = ()
    # Checks (or adjusts) a read value against earlier answers.
    fit: Callable[[T, Answers], ParseResult[T]] | None = None
    # Whether the question is asked at all, given earlier answers; None means always.
    asked_if: Callable[[Answers], bool] | None = None
    # The answer assumed when the question is skipped.
    when_skipped: T | None = None

    def parse(self, text: str, answers: Answers, language: str = ENGLISH) -> ParseResult[T]:
        """Read a typed answer (or a button key, always English) in the light of earlier
        answers, in the runner's language."""
        result = self.read(text, language)
        if isinstance(result, Rejected) or self.fit is None:
            return result
        fitted = self.fit(result.value, answers)
        if isinstance(fitted, Rejected):
            return fitted
        return Accepted(fitted.value, result.notices + fitted.notices)

    def pick(self, keys: Iterable[str], answers: Answers) -> ParseResult[T]:
        """Read the keys of the buttons pressed (several for a multi-choice question)."""
        return self.parse(", ".join(keys), answers)

    def is_asked(self, answers: Answers) -> bool:
        """Whether this question applies, given earlier answers."""
        return self.asked_if is None or self.asked_if(answers)

    def value_in(self, answers: Answers) -> T | None:
        """The typed answer stored for this step, or None if missing or no longer fitting."""
        stored = answers.get(self.id)
        if stored is None:
            return None
        result = self.parse(stored, answers)
        if isinstance(result, Accepted) and self.encode(result.value) == stored:
            return result.value
        return None

    def resolved(self, answers: Answers) -> T | None:
        """The answer to use: the stored one, or the assumed one if the step is skipped."""
        return self.value_in(answers) if self.is_asked(answers) else self.when_skipped

    def record(self, answers: Answers, value: T) -> dict[StepId, str]:
        """New answers with `value` stored for this step."""
        return {**answers, self.id: self.encode(value)}


def _choices(keys: Iterable[str], exclusive: Iterable[str] = ()) -> tuple[Choice, ...]:
    return tuple(Choice(key, key in set(exclusive)) for key in keys)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _listed(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _injuries_text(injuries: frozenset[Injury]) -> str:
    return _listed(injuries) if injuries else NO_INJURY


def _days_text(days: tuple[int, ...]) -> str:
    return ", ".join(DAY_KEYS[day] for day in days)


def _clock_text(at: time) -> str:
    return at.strftime("%H:%M")


def _fit_days(days: tuple[int, ...], answers: Answers) -> ParseResult[tuple[int, ...]]:
    sessions = SESSIONS.value_in(answers)
    # Sessions are asked first; without them there is nothing to fit to yet.
    return Accepted(days) if sessions is None else fit_weekdays(days, sessions)


AGE: Step[int] = Step(StepId.AGE, StepKind.FREE, parse_age, str)
EXPERIENCE: Step[Experience] = Step(
    StepId.EXPERIENCE,
    StepKind.SINGLE,
    parse_experience,
    str,
    _choices(member.value for member in Experience),
)
WEEKLY_KM: Step[int] = Step(
    StepId.WEEKLY_KM,
    StepKind.SINGLE,
    parse_weekly_km,
    str,
    _choices(WEEKLY_KM_KEYS),
    asked_if=lambda answers: EXPERIENCE.value_in(answers) is not Experience.NONE,
    when_skipped=0,
)
GOALS: Step[frozenset[Goal]] = Step(
    StepId.GOALS, StepKind.MULTI, parse_goals, _listed, _choices(member.value for member in Goal)
)
INJURIES: Step[frozenset[Injury]] = Step(
    StepId.INJURIES,
    StepKind.MULTI,
    parse_injuries,
    _injuries_text,
    _choices((*(member.value for member in Injury), NO_INJURY), exclusive={NO_INJURY}),
)
PHYSIO: Step[bool] = Step(
    StepId.PHYSIO,
    StepKind.SINGLE,
    parse_yes_no,
    _yes_no,
    _choices(YES_NO_KEYS),
    # Asked unless we know there is no injury.
    asked_if=lambda answers: INJURIES.value_in(answers) != frozenset(),
    when_skipped=False,
)
PLACES: Step[frozenset[Place]] = Step(
    StepId.PLACES, StepKind.MULTI, parse_places, _listed, _choices(member.value for member in Place)
)
SESSIONS: Step[int] = Step(
    StepId.SESSIONS, StepKind.SINGLE, parse_sessions, str, _choices(SESSIONS_KEYS)
)
ANY_DAY_KEY = "any"
WEEKDAYS: Step[tuple[int, ...]] = Step(
    StepId.WEEKDAYS,
    StepKind.MULTI,
    parse_weekdays,
    _days_text,
    _choices((*DAY_KEYS, ANY_DAY_KEY), exclusive={ANY_DAY_KEY}),
    fit=_fit_days,
)
SESSION_TIME: Step[time] = Step(
    StepId.SESSION_TIME,
    StepKind.SINGLE,
    parse_session_time,
    _clock_text,
    _choices(TIME_KEYS),
)
# Besides buttons and typing, a shared location answers this one: see
# `timezones.parse_location`, then `TIMEZONE.record`.
TIMEZONE: Step[str] = Step(
    StepId.TIMEZONE,
    StepKind.SINGLE,
    parse_zone,
    str,
    _choices(COMMON_ZONES),
)
UNITS: Step[Units] = Step(
    StepId.UNITS, StepKind.SINGLE, parse_units, str, _choices(member.value for member in Units)
)
PARQ: Mapping[ParqQuestion, Step[bool]] = {
    question: Step(
        StepId(f"parq_{question}"),
        StepKind.SINGLE,
        parse_parq_answer,
        _yes_no,
        _choices(PARQ_KEYS),
    )
    for question in PARQ_ORDER
}
ACKNOWLEDGEMENT: Step[bool] = Step(
    StepId.ACKNOWLEDGEMENT,
    StepKind.SINGLE,
    parse_acknowledgement,
    _yes_no,
    _choices(ACK_KEYS),
)

# Every question, in the order asked.
STEPS: tuple[Step[Any], ...] = (
    AGE,
    EXPERIENCE,
    WEEKLY_KM,
    GOALS,
    INJURIES,
    PHYSIO,
    PLACES,
    SESSIONS,
    WEEKDAYS,
    SESSION_TIME,
    TIMEZONE,
    UNITS,
    *PARQ.values(),
    ACKNOWLEDGEMENT,
)
STEP_BY_ID: Mapping[StepId, Step[Any]] = {step.id: step for step in STEPS}


def _unanswered(answers: Answers) -> Iterator[Step[Any]]:
    return (step for step in STEPS if step.is_asked(answers) and step.value_in(answers) is None)


def next_step(answers: Answers) -> Step[Any] | None:
    """The first question still to ask (skipping those that don't apply), or None when done."""
    return next(_unanswered(answers), None)


def missing_steps(answers: Answers) -> tuple[StepId, ...]:
    """Every question that applies and has no fitting answer yet, in order."""
    return tuple(step.id for step in _unanswered(answers))


def toggle(step: Step[Any], selected: frozenset[str], key: str) -> frozenset[str]:
    """The selection after tapping `key` on a multi-choice question (unknown keys ignored)."""
    choice = next((choice for choice in step.choices if choice.key == key), None)
    if choice is None:
        return selected
    if key in selected:
        return selected - {key}
    if choice.exclusive:
        return frozenset({key})
    exclusive = {other.key for other in step.choices if other.exclusive}
    return (selected - exclusive) | {key}
