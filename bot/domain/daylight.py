"""Daylight from the sun: sunrise and sunset for the runner's place and date.

Backwards you can't see the ground, so an outdoor session in the dark is a fall waiting to
happen ("Never: ... darkness"). The place is the runner's time zone, placed at a city in
that zone from astral's own list (the zone's namesake city when listed; the US zones by
their old US/* names; otherwise a listed zone of the same region with the same clock all
year); a zone with none has no daylight (no warning rather than a wrong one). Indoor places
are exempt.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from astral import Observer
from astral.geocoder import all_locations, database
from astral.sun import sunrise, sunset

from bot.domain.profile import Place

INDOOR_PLACES = frozenset({Place.TREADMILL, Place.HALLWAY})
# How long a session outdoors lasts, at most, for the darkness check.
SESSION_SPAN = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Daylight:
    """Sunrise and sunset on one day, on the runner's clock."""

    sunrise: datetime
    sunset: datetime


# astral lists the US and Canadian cities under the old zone names.
_ALIASES = {
    "America/New_York": "US/Eastern",
    "America/Detroit": "US/Eastern",
    "America/Toronto": "US/Eastern",
    "America/Chicago": "US/Central",
    "America/Winnipeg": "US/Central",
    "America/Denver": "US/Mountain",
    "America/Phoenix": "US/Mountain",
    "America/Edmonton": "US/Mountain",
    "America/Los_Angeles": "US/Pacific",
    "America/Vancouver": "US/Pacific",
    "America/Anchorage": "US/Alaska",
    "Pacific/Honolulu": "US/Hawaii",
}


@functools.cache
def observer_for(timezone: str) -> Observer | None:
    """Where on Earth the zone's daylight is worked out, or None."""
    observers = _observers()
    listed = observers.get(_ALIASES.get(timezone, timezone))
    if listed is not None:
        return listed
    region = timezone.split("/", 1)[0]
    clock = _offsets(timezone)
    return next(
        (
            observer
            for zone, observer in observers.items()
            if zone.split("/", 1)[0] == region and _offsets(zone) == clock
        ),
        None,
    )


def _offsets(timezone: str) -> tuple[timedelta | None, ...]:
    zone = ZoneInfo(timezone)
    return tuple(datetime(2025, month, 15, tzinfo=zone).utcoffset() for month in (1, 7))


@functools.cache
def _observers() -> dict[str, Observer]:
    """A city for each zone astral lists one in: the zone's namesake first."""
    found: dict[str, Observer] = {}
    for location in all_locations(database()):
        namesake = location.timezone.rsplit("/", 1)[-1].replace("_", " ") == location.name
        if location.timezone not in found or namesake:
            found[location.timezone] = location.observer
    return found


def daylight_on(timezone: str, day: date) -> Daylight | None:
    """Sunrise and sunset in the zone on `day`; None when unknown (no city, polar day or
    night)."""
    observer = observer_for(timezone)
    if observer is None:
        return None
    zone = ZoneInfo(timezone)
    try:
        return Daylight(sunrise(observer, day, tzinfo=zone), sunset(observer, day, tzinfo=zone))
    except ValueError:  # the sun never rises or never sets that day
        return None


def dark_during(timezone: str, start: datetime, span: timedelta = SESSION_SPAN) -> Daylight | None:
    """The day's daylight when a session from `start` (timezone-aware) would be in the dark
    for some of `span`, else None."""
    local = start.astimezone(ZoneInfo(timezone))
    light = daylight_on(timezone, local.date())
    if light is None:
        return None
    return light if local < light.sunrise or local + span > light.sunset else None


def dark_months(timezone: str, at: datetime) -> tuple[int, ...]:
    """The months (1-12) in which a session at this time of day (its 15th, as a sample) is
    in the dark: for a warning when the runner picks a time."""
    local = at.astimezone(ZoneInfo(timezone))
    months = []
    for month in range(1, 13):
        sample = local.replace(month=month, day=15)
        if dark_during(timezone, sample) is not None:
            months.append(month)
    return tuple(months)
