"""A runner's week: which of their chosen days carry a backward session, and where.

Backward sessions never fall on consecutive days, at any level, counting Sunday and the
next Monday as consecutive. The evidence asks for this at levels 0-1; keeping it at 2-3
means moving up a level never adds sessions, so the weekly reverse minutes still grow by
the programme's 20% steps. The runner's own days are kept (they chose them to fit their
life): a chosen day that would sit next to a backward session becomes an easy day with no
backwards work, rather than being moved. That also caps backward sessions at three a
week, the dose used in the studies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from itertools import combinations

from bot.domain.profile import Experience, Place, Profile
from bot.domain.programme.state import PlanState, current_template
from bot.domain.programme.templates import SessionTemplate, challenge_version

DAYS_PER_WEEK = 7

# Where backwards is safest: a track (others know what you're doing), then grass, then a
# hallway (short, with turns), then a treadmill (a moving belt).
PLACE_PREFERENCE: tuple[Place, ...] = (Place.TRACK, Place.PARK, Place.HALLWAY, Place.TREADMILL)


class DayNote(StrEnum):
    """What a day of the week means, for the runner to read once: the key of its sentence."""

    EASY_RUNNER = "easy_runner"
    EASY_WALKER = "easy_walker"
    CHALLENGE = "challenge"


class DayKind(StrEnum):
    """What a scheduled day holds."""

    REVERSE = "reverse"
    CHALLENGE = "challenge"
    EASY = "easy"


@dataclass(frozen=True, slots=True)
class ScheduledSession:
    """One dated entry of the week. Easy days have no template: nothing backwards."""

    day: date
    at: time
    kind: DayKind
    place: Place
    template: SessionTemplate | None
    note: DayNote | None


def choose_place(profile: Profile) -> Place:
    """The safest of the runner's places; onboarding guarantees there is at least one."""
    for place in PLACE_PREFERENCE:
        if place in profile.places:
            return place
    raise ValueError("the profile has no training place")


def reverse_weekdays(profile: Profile) -> tuple[int, ...]:
    """The runner's days that carry a backward session: as many as wanted, none back to back.

    Among equally many days, the most evenly spread win (then the earliest).
    """
    available = sorted(set(profile.weekdays))
    for size in range(min(profile.sessions_per_week, len(available)), 0, -1):
        options = [days for days in combinations(available, size) if _smallest_gap(days) > 1]
        if options:
            return max(options, key=_smallest_gap)
    return ()


def build_week(
    profile: Profile, state: PlanState, week_start: date
) -> tuple[ScheduledSession, ...]:
    """The dated sessions of the seven days from `week_start`, at the runner's session time.

    Once 3 min bouts were tolerated, the last backward session of the week is the challenge.
    """
    reverse_days = reverse_weekdays(profile)
    spare = [day for day in sorted(set(profile.weekdays)) if day not in reverse_days]
    easy_days = spare[: max(profile.sessions_per_week - len(reverse_days), 0)]
    template = current_template(profile, state)
    dates = [week_start + timedelta(days=offset) for offset in range(DAYS_PER_WEEK)]

    plan: dict[date, tuple[DayKind, SessionTemplate | None, DayNote | None]] = {}
    for day in dates:
        if day.weekday() in reverse_days:
            plan[day] = (DayKind.REVERSE, template, None)
        elif day.weekday() in easy_days:
            plan[day] = (DayKind.EASY, None, _easy_day_note(profile))
    if template.challenge_week:
        last_reverse = max(
            (day for day, (kind, _, _) in plan.items() if kind is DayKind.REVERSE), default=None
        )
        if last_reverse is not None:
            plan[last_reverse] = (
                DayKind.CHALLENGE,
                challenge_version(template),
                DayNote.CHALLENGE,
            )

    place = choose_place(profile)
    return tuple(
        ScheduledSession(day, profile.session_time, kind, place, session, note)
        for day, (kind, session, note) in sorted(plan.items())
    )


def weekly_reverse_seconds(week: Sequence[ScheduledSession]) -> int:
    """Seconds of backwards movement planned for the week."""
    return sum(entry.template.reverse_seconds for entry in week if entry.template is not None)


def _easy_day_note(profile: Profile) -> DayNote:
    runs = profile.experience is not Experience.NONE and not profile.walk_only
    return DayNote.EASY_RUNNER if runs else DayNote.EASY_WALKER


def _smallest_gap(days: Sequence[int]) -> int:
    """The fewest days between two of these weekdays, going round the week."""
    if len(days) == 1:
        return DAYS_PER_WEEK
    following = [*days[1:], days[0] + DAYS_PER_WEEK]
    return min(later - earlier for earlier, later in zip(days, following, strict=True))
