"""The profile summary shown at the end of onboarding, and the day names it uses."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from enum import StrEnum
from typing import TypeVar

from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.onboarding.timezones import zone_label
from bot.domain.onboarding.weekdays import DAY_KEYS
from bot.domain.profile import Goal, Injury, Place, Profile, Units
from bot.texts import language as language_texts
from bot.texts import onboarding as texts
from bot.texts.translation import current_language, language_name, localize

E = TypeVar("E", bound=StrEnum)


def _names(chosen: Collection[E], every: type[E], names: dict[str, str]) -> str:
    """The chosen members' names as a list, in the enum's order."""
    return texts.join_list([names[member] for member in every if member in chosen])


def day_names(days: Iterable[int]) -> str:
    """Short day names (0 = Monday) as a list, like "Mon, Wed and Fri"."""
    return texts.join_list([texts.WEEKDAY_LABELS[DAY_KEYS[day]] for day in days])


def _weekly_distance(profile: Profile) -> str:
    km = profile.weekly_km
    value = round(km / KM_PER_MILE) if profile.units is Units.MILES else km
    return texts.DISTANCE[profile.units].format(value=value)


def render_summary(profile: Profile) -> str:
    """A short summary of the profile for the runner to check."""
    experience = texts.EXPERIENCE_NAMES[profile.experience]
    injuries = _names(profile.injuries, Injury, texts.INJURY_NAMES) or texts.NO_INJURY_NAME
    lines = [
        texts.SUMMARY_TITLE,
        texts.SUMMARY_AGE.format(age=profile.age),
        texts.SUMMARY_RUNNING_DISTANCE.format(
            experience=experience, distance=_weekly_distance(profile)
        )
        if profile.weekly_km
        else texts.SUMMARY_RUNNING.format(experience=experience),
        texts.SUMMARY_GOALS.format(goals=_names(profile.goals, Goal, texts.GOAL_NAMES)),
        (
            texts.SUMMARY_PAIN_WITH_PHYSIO if profile.physio_supervised else texts.SUMMARY_PAIN
        ).format(injuries=injuries),
        texts.SUMMARY_PLACES.format(places=_names(profile.places, Place, texts.PLACE_NAMES)),
        texts.SUMMARY_WHEN.format(
            days=day_names(profile.weekdays),
            time=profile.session_time.strftime("%H:%M"),
            zone=zone_label(profile.timezone, current_language()),
        ),
        texts.SUMMARY_UNITS.format(units=texts.UNITS_NAMES[profile.units]),
        language_texts.SUMMARY_LANGUAGE.format(language=language_name(current_language())),
        texts.SUMMARY_START_WALK_ONLY if profile.walk_only else texts.SUMMARY_START,
    ]
    return "\n".join(lines)


localize(__name__)
