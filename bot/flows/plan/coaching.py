"""The coach's plan service, between the handlers and the domain and storage.

It keeps each runner's stored plan in step with the programme rules (started when a profile
is completed, reviewed against the logs whenever the runner looks at it), finds the next
session on the runner's own clock, and composes what the runner reads about their plan.
Onboarding and /plan both call it; it has no Telegram in it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.domain.profile import Place, Profile
from bot.domain.programme import (
    NO_CHANGES,
    DayChanges,
    DayStatus,
    Decision,
    PlanState,
    Reason,
    SessionTemplate,
    TimelineStep,
    WeekView,
    current_template,
    next_plan_state,
    planned_week,
    route_for,
    stage_count,
    starting_level,
    timeline_reverse_seconds,
    timeline_seconds,
    week_view,
    whole_minutes,
)
from bot.domain.progress import week_start
from bot.domain.session_logs import SessionLog
from bot.storage.plans import StoredPlan, moves_plan
from bot.storage.reminders import DayMark, ReminderKind
from bot.texts import plan as texts
from bot.texts import programme as programme_texts
from bot.texts.session_timeline import build_session_timeline, format_duration, session_shape

if TYPE_CHECKING:
    from bot.runtime.services import Services

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)

# --- The plan's life -------------------------------------------------------------------------


async def start_plan_for(services: Services, profile: Profile, now: datetime) -> StoredPlan:
    """Start the plan of a runner whose profile was just completed; returns it.

    Completing a profile again starts over from the level it calls for.
    """
    start = starting_level(profile)
    today = profile.local_time(now).date()
    plan = StoredPlan(PlanState.starting(start.level, today, start.stage), Reason(start.cause))
    await services.plans.start(profile.user_id, plan.state, plan.reason, now)
    return plan


async def review_plan(
    services: Services, profile: Profile, now: datetime
) -> tuple[StoredPlan, Decision]:
    """The runner's plan after judging their logs up to today, and the decision made.

    Called whenever the runner looks at their plan, so a change (a long break included) is
    noticed then. A runner with a profile but no plan gets their starting plan first.
    """
    found, logs = await asyncio.gather(
        services.plans.get(profile.user_id), logged_sessions(services, profile.user_id)
    )
    stored = found or await start_plan_for(services, profile, now)
    today = profile.local_time(now).date()
    decision = next_plan_state(profile, stored.state, logs, today)
    if not moves_plan(decision) or decision.state == stored.state:
        return stored, decision
    return await services.plans.apply(profile.user_id, decision, today, now), decision


async def logged_sessions(services: Services, user_id: int) -> Sequence[SessionLog]:
    """The sessions the runner has logged, oldest first."""
    entries = await services.logs.recent(user_id)
    return [entry.as_session_log() for entry in reversed(entries)]


# --- The next session ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpcomingSession:
    """A backward session still to come, with its steps from warm-up to cool-down."""

    day: date
    at: time
    place: Place
    template: SessionTemplate
    steps: tuple[TimelineStep, ...]


def next_session(
    profile: Profile,
    state: PlanState,
    now: datetime,
    changes: DayChanges = NO_CHANGES,
    done: frozenset[date] = frozenset(),
) -> UpcomingSession:
    """The first backward session that starts after `now` on the runner's clock, after the
    runner's `changes` (a moved session where it went), on a day not `done` already.

    ValueError if the runner's week has no backward session (onboarding always gives one).
    """
    local_now = profile.local_time(now)
    monday = week_start(local_now.date())
    for week in (monday, monday + _ONE_WEEK):
        for entry in planned_week(profile, state, week, changes):
            starts = datetime.combine(entry.day, entry.at, tzinfo=local_now.tzinfo)
            if entry.template is not None and starts > local_now and entry.day not in done:
                steps = build_session_timeline(entry.template, profile, entry.place)
                return UpcomingSession(entry.day, entry.at, entry.place, entry.template, steps)
    raise ValueError("the runner's week has no backward session")


# --- This week -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunnerWeek:
    """The runner's week as /plan shows it, and their changes to planned days."""

    view: WeekView
    changes: DayChanges

    @property
    def done_days(self) -> frozenset[date]:
        """The days of this week with a logged session."""
        return frozenset(day.day for day in self.view.days if day.status is DayStatus.DONE)


async def runner_week(
    services: Services, profile: Profile, plan: StoredPlan, now: datetime
) -> RunnerWeek:
    """This week from the day the runner joined, from their logs (the ones /progress counts)
    and their changes to planned days."""
    user_id = profile.user_id
    today = profile.local_time(now).date()
    monday = week_start(today)
    joined_at, logs, changes = await asyncio.gather(
        services.runners.joined_at(user_id),
        services.logs.recent(user_id),
        day_changes(services, user_id, monday),
    )
    joined = monday if joined_at is None else profile.local_time(joined_at).date()
    return RunnerWeek(week_view(profile, plan.state, today, joined, logs, changes), changes)


async def day_changes(services: Services, user_id: int, since: date) -> DayChanges:
    """What the runner changed about their planned days from `since` on: days skipped or
    moved to the next day (day marks), and sessions moved later that day (the one-off
    reminder that carries the new start)."""
    marks, rows = await asyncio.gather(
        services.reminders.marks(user_id, since), services.reminders.of_runner(user_id)
    )

    def marked(mark: DayMark) -> frozenset[date]:
        return frozenset(day for day, found in marks.items() if mark in found)

    # Moved later twice: the latest move (the highest id) holds.
    retimed = {
        row.session_day: row.at_local
        for row in sorted(rows, key=lambda row: row.id or 0)
        if row.kind is ReminderKind.ONCE
        and row.at_local is not None
        and row.session_day is not None
        and row.session_day >= since
    }
    return DayChanges(
        skipped=marked(DayMark.SKIPPED),
        moved_away=marked(DayMark.MOVED_AWAY),
        moved_here=marked(DayMark.MOVED_HERE),
        retimed=retimed,
    )


# --- What the runner reads -------------------------------------------------------------------


def plan_text(
    profile: Profile, plan: StoredPlan, decision: Decision, week: RunnerWeek, now: datetime
) -> str:
    """The /plan message: where the runner is and why, this week, and the next session."""
    today = profile.local_time(now).date()
    upcoming = next_session(profile, plan.state, now, week.changes, week.done_days)
    sections = [
        _position_lines(profile, plan),
        texts.week_lines(week.view),
        _next_session_lines(upcoming, today),
    ]
    # A move's reason is the stored one, already shown; a hold or "not yet" says what next.
    if decision.reason != plan.reason:
        sections.append([reason_text(profile, decision.state, decision.reason)])
    return "\n\n".join("\n".join(lines) for lines in sections)


def first_session_text(profile: Profile, plan: StoredPlan, now: datetime) -> str:
    """One line for the end of onboarding: when, where and what the first session is."""
    session = next_session(profile, plan.state, now)
    return texts.FIRST_SESSION.format(
        when=_when(session, profile.local_time(now).date()),
        place=texts.PLACE_NAMES[session.place],
        shape=session_shape(session.template),
        minutes=whole_minutes(timeline_seconds(session.steps)),
    )


def reason_text(profile: Profile, state: PlanState, reason: Reason) -> str:
    """The sentence of a plan reason, with the session the runner does at `state`."""
    day = reason.day
    return programme_texts.REASONS[reason.cause.value].format(
        shape=session_shape(current_template(profile, state)),
        level=state.level,
        day="" if day is None else texts.day_label(day),
        value=reason.value,
    )


def level_line(profile: Profile, plan: StoredPlan) -> str:
    """Where the runner is: "Level 1, step 2 of 4: short reverse jogs."."""
    route = route_for(profile)
    level, stages = plan.state.level, stage_count(route, plan.state.level)
    names = texts.LEVEL_NAMES[level]
    name = names.get(route.value, names["walker"])
    stage = min(plan.state.stage, stages)
    return texts.LEVEL_LINE.format(level=level, stage=stage, stages=stages, name=name)


def _position_lines(profile: Profile, plan: StoredPlan) -> list[str]:
    why = reason_text(profile, plan.state, plan.reason)
    lines = [level_line(profile, plan), texts.WHY.format(reason=why)]
    if starting_level(profile).physio:
        lines.append(programme_texts.PHYSIO_NOTE)
    return lines


def _next_session_lines(session: UpcomingSession, today: date) -> list[str]:
    steps = session.steps
    return [
        texts.NEXT_SESSION.format(
            when=_when(session, today), place=texts.PLACE_NAMES[session.place]
        ),
        texts.SESSION_STEPS.format(
            warm_up=format_duration(steps[0].seconds),
            shape=session_shape(session.template),
            cool_down=format_duration(steps[-1].seconds),
        ),
        texts.SESSION_TOTALS.format(
            minutes=whole_minutes(timeline_seconds(steps)),
            reverse=format_duration(timeline_reverse_seconds(steps)),
        ),
        programme_texts.PLACE_SETUP[session.place],
    ]


def _when(session: UpcomingSession, today: date) -> str:
    at = session.at.strftime("%H:%M")
    if session.day == today:
        return texts.WHEN_TODAY.format(time=at)
    if session.day == today + _ONE_DAY:
        return texts.WHEN_TOMORROW.format(time=at)
    return texts.WHEN_DATE.format(
        weekday=texts.WEEKDAYS[session.day.weekday()],
        day=session.day.day,
        month=texts.MONTHS[session.day.month - 1],
        time=at,
    )
