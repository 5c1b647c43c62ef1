"""The /calendar export: the next weeks of backward sessions as an iCalendar (.ics) file.

Each event is at the runner's local time with their IANA zone as its TZID, and the file
carries a VTIMEZONE for it, so calendars show it right across daylight-saving changes.
An event's UID is made of the runner and the date, so importing a newer file updates the
sessions instead of adding them twice (a session moved to another day is a new event).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.domain.profile import Place, Profile
from bot.domain.programme import (
    PlanState,
    build_week,
    timeline_seconds,
    whole_minutes,
)
from bot.texts import calendar as texts
from bot.texts import plan as plan_texts
from bot.texts import programme as programme_texts
from bot.texts.session_timeline import build_session_timeline, format_duration, session_shape

PRODUCT_ID = "-//Backstride//Backstride coach//EN"
UID_DOMAIN = "backstride"
DEFAULT_WEEKS = 4

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class CalendarSession:
    """One backward session as a calendar shows it. `start` is aware, on the runner's clock."""

    user_id: int
    start: datetime
    seconds: int
    shape: str
    place: Place
    warm_up_seconds: int
    cool_down_seconds: int


def sessions_for_calendar(
    profile: Profile, state: PlanState, today: date, weeks: int = DEFAULT_WEEKS
) -> tuple[CalendarSession, ...]:
    """The backward sessions from `today` for `weeks` weeks, at the runner's current stage.

    Easy days are left out. Weeks run from Monday, as /plan shows them, so a level-3
    challenge falls on the same day here as there.
    """
    zone = ZoneInfo(profile.timezone)
    end = today + weeks * _ONE_WEEK
    week_start = today - today.weekday() * _ONE_DAY
    sessions: list[CalendarSession] = []
    while week_start < end:
        for entry in build_week(profile, state, week_start):
            if entry.template is None or not today <= entry.day < end:
                continue
            steps = build_session_timeline(entry.template, profile, entry.place)
            sessions.append(
                CalendarSession(
                    user_id=profile.user_id,
                    start=datetime.combine(entry.day, entry.at, tzinfo=zone),
                    seconds=timeline_seconds(steps),
                    shape=session_shape(entry.template),
                    place=entry.place,
                    warm_up_seconds=steps[0].seconds,
                    cool_down_seconds=steps[-1].seconds,
                )
            )
        week_start += _ONE_WEEK
    return tuple(sessions)


def calendar_file(events: Sequence[CalendarSession], tz: str, now: datetime) -> bytes:
    """The .ics file for these sessions, in zone `tz`, stamped with `now` (aware)."""
    zone = ZoneInfo(tz)
    calendar = Calendar()
    calendar.prodid = PRODUCT_ID
    calendar.version = "2.0"
    calendar.calendar_name = texts.CALENDAR_NAME
    for session in events:
        calendar.add_component(_event(session, zone, now))
    if events:
        days = [session.start.astimezone(zone).date() for session in events]
        calendar.add_missing_timezones(first_date=min(days), last_date=max(days) + _ONE_DAY)
    content: bytes = calendar.to_ical()
    return content


def event_uid(user_id: int, day: date) -> str:
    """The UID of a runner's session on a day: stable, so a re-import updates it."""
    return f"{user_id}-{day.isoformat()}@{UID_DOMAIN}"


def _event(session: CalendarSession, zone: ZoneInfo, now: datetime) -> Event:
    start = session.start.astimezone(UTC).astimezone(zone)
    event = Event.new(
        uid=event_uid(session.user_id, start.date()),
        stamp=now.astimezone(UTC),
        start=start,
        summary=texts.EVENT_SUMMARY.format(shape=session.shape),
        description=_description(session),
    )
    event.duration = timedelta(seconds=session.seconds)
    return event


def _description(session: CalendarSession) -> str:
    return "\n".join(
        (
            plan_texts.SESSION_STEPS.format(
                warm_up=format_duration(session.warm_up_seconds),
                shape=session.shape,
                cool_down=format_duration(session.cool_down_seconds),
            ),
            texts.EVENT_TOTAL.format(
                minutes=whole_minutes(session.seconds),
                place=plan_texts.PLACE_NAMES[session.place],
            ),
            programme_texts.PLACE_SETUP[session.place],
            programme_texts.PAIN_RULE,
        )
    )
