"""Reading the arguments of /log: a session done without the bot.

"/log [day] minutes [effort] [pain] [notes]": the day is today unless named (see
`dates`), minutes are "12 min", "12m" or the first plain number, and the numbers after
it are effort then pain, as the command's help says (so not a guess). Labels work as in
a reply ("/log yesterday 20 min effort 6 knee 2").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.dates import named_days, without_days
from bot.domain.log_reading.reply import Doubt, read_reply
from bot.domain.log_reading.scales import MAX_REVERSE_MINUTES
from bot.domain.log_reading.signs import BodyPart, RedFlag
from bot.domain.log_reading.tokens import prepare
from bot.domain.profile import Units

# Older than this is more likely a typo than a session worth adding to the plan.
MAX_DAYS_BACK = 30


class ManualLogProblem(StrEnum):
    """Why a /log was not recorded; each has a kind reply in bot.texts."""

    NO_MINUTES = "no_minutes"
    MINUTES_OUT_OF_RANGE = "minutes_out_of_range"
    FUTURE_DATE = "future_date"
    DATE_TOO_OLD = "date_too_old"
    UNKNOWN_DATE = "unknown_date"  # no such date ("31.02"), or two different days
    UNCLEAR_NUMBERS = "unclear_numbers"  # effort/pain outside 0-10, an extra number, ...


@dataclass(frozen=True, slots=True)
class ManualLog:
    """A session logged by hand: 0 < reverse_minutes <= 180, effort and pain 0-10, and the
    average heart rate and distance (km) when given."""

    day: date
    reverse_minutes: float
    effort: int | None = None
    pain: int | None = None
    pain_site: BodyPart | None = None
    notes: str = ""
    red_flags: frozenset[RedFlag] = frozenset()
    heart_rate: int | None = None
    distance_km: float | None = None


def log_day(named: set[date | None], today: date) -> date | ManualLogProblem:
    """The one day named (today when none), or why it cannot be logged."""
    if not named:
        return today
    day = named.pop() if len(named) == 1 else None
    if day is None:
        return ManualLogProblem.UNKNOWN_DATE
    if day > today:
        return ManualLogProblem.FUTURE_DATE
    if (today - day).days > MAX_DAYS_BACK:
        return ManualLogProblem.DATE_TOO_OLD
    return day


def parse_manual_log(
    text: str, today: date, units: Units = Units.KM, language: str = ENGLISH
) -> ManualLog | ManualLogProblem:
    """Read "/log" arguments (the text after the command) in the runner's language; never
    raises. `units` says what a distance without a unit is in."""
    prepared = prepare(text)
    days = named_days(prepared, today, language)
    day = log_day({named.day for named in days}, today)
    if isinstance(day, ManualLogProblem):
        return day
    read = read_reply(without_days(prepared, days), units, manual=True, language=language)
    if read.minutes_unclear:
        return ManualLogProblem.UNCLEAR_NUMBERS
    if read.minutes is None:
        return ManualLogProblem.NO_MINUTES
    if not 0 < read.minutes <= MAX_REVERSE_MINUTES:
        return ManualLogProblem.MINUTES_OUT_OF_RANGE
    reply = read.reply
    if reply.doubts - {Doubt.GUESSED_ORDER}:
        return ManualLogProblem.UNCLEAR_NUMBERS
    return ManualLog(
        day=day,
        reverse_minutes=read.minutes,
        effort=reply.effort,
        pain=reply.pain,
        pain_site=reply.pain_site,
        notes=reply.notes,
        red_flags=reply.red_flags,
        heart_rate=reply.heart_rate,
        distance_km=reply.distance_km,
    )
