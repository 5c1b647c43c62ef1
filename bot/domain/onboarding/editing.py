"""Changing one part of a finished profile: which questions to ask again."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.onboarding.steps import (
    ACKNOWLEDGEMENT,
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
    StepId,
)
from bot.domain.profile import Profile


class ProfileField(StrEnum):
    """A part of the profile the runner can change on its own from /profile."""

    AGE = "age"
    RUNNING = "running"
    GOALS = "goals"
    INJURIES = "injuries"
    PLACES = "places"
    DAYS = "days"
    TIME = "time"
    TIMEZONE = "timezone"
    UNITS = "units"
    HEALTH = "health"


# The questions asked again for each field; later questions that depend on them (weekly
# distance after experience, days after the sessions count) come up by themselves.
_STEPS_TO_ASK: dict[ProfileField, tuple[StepId, ...]] = {
    ProfileField.AGE: (StepId.AGE,),
    ProfileField.RUNNING: (StepId.EXPERIENCE, StepId.WEEKLY_KM),
    ProfileField.GOALS: (StepId.GOALS,),
    ProfileField.INJURIES: (StepId.INJURIES, StepId.PHYSIO),
    ProfileField.PLACES: (StepId.PLACES,),
    ProfileField.DAYS: (StepId.SESSIONS, StepId.WEEKDAYS),
    ProfileField.TIME: (StepId.SESSION_TIME,),
    ProfileField.TIMEZONE: (StepId.TIMEZONE,),
    ProfileField.UNITS: (StepId.UNITS,),
    ProfileField.HEALTH: tuple(step.id for step in PARQ.values()),
}


def answers_of(profile: Profile) -> dict[StepId, str]:
    """The answers that would build this profile again (the note was acknowledged)."""
    answers = {
        AGE.id: AGE.encode(profile.age),
        EXPERIENCE.id: EXPERIENCE.encode(profile.experience),
        WEEKLY_KM.id: WEEKLY_KM.encode(profile.weekly_km),
        GOALS.id: GOALS.encode(profile.goals),
        INJURIES.id: INJURIES.encode(profile.injuries),
        PHYSIO.id: PHYSIO.encode(profile.physio_supervised),
        PLACES.id: PLACES.encode(profile.places),
        SESSIONS.id: SESSIONS.encode(profile.sessions_per_week),
        WEEKDAYS.id: WEEKDAYS.encode(profile.weekdays),
        SESSION_TIME.id: SESSION_TIME.encode(profile.session_time),
        TIMEZONE.id: TIMEZONE.encode(profile.timezone),
        UNITS.id: UNITS.encode(profile.units),
        ACKNOWLEDGEMENT.id: ACKNOWLEDGEMENT.encode(True),
    }
    for question, step in PARQ.items():
        answers[step.id] = step.encode(question in profile.parq_yes)
    return answers


def answers_for_edit(profile: Profile, field: ProfileField) -> dict[StepId, str]:
    """The profile's answers with the questions of `field` left open, to be asked again."""
    cleared = set(_STEPS_TO_ASK[field])
    return {step: text for step, text in answers_of(profile).items() if step not in cleared}


def changed_fields(before: Profile, after: Profile) -> tuple[ProfileField, ...]:
    """The parts of the profile that differ, in /profile's order."""
    return tuple(
        field for field in ProfileField if _field_value(before, field) != _field_value(after, field)
    )


def _field_value(profile: Profile, field: ProfileField) -> object:
    values: dict[ProfileField, object] = {
        ProfileField.AGE: profile.age,
        ProfileField.RUNNING: (profile.experience, profile.weekly_km),
        ProfileField.GOALS: profile.goals,
        ProfileField.INJURIES: (profile.injuries, profile.physio_supervised),
        ProfileField.PLACES: profile.places,
        ProfileField.DAYS: (profile.sessions_per_week, profile.weekdays),
        ProfileField.TIME: profile.session_time,
        ProfileField.TIMEZONE: profile.timezone,
        ProfileField.UNITS: profile.units,
        ProfileField.HEALTH: profile.parq_yes,
    }
    return values[field]
