"""The programme engine: what the /plan handler and the live session call.

Levels and session templates, session timelines, the starting level, progression rules, the
weekly schedule, and this week as the runner lives it. Pure Python: callers pass `today` and
the runner's profile in.
"""

from __future__ import annotations

from bot.domain.programme.progression import (
    Cause,
    Change,
    Decision,
    Reason,
    counts,
    next_plan_state,
    realigned,
    stepped_back,
)
from bot.domain.programme.schedule import (
    DayKind,
    DayNote,
    ScheduledSession,
    build_week,
    choose_place,
    reverse_weekdays,
    weekly_reverse_seconds,
)
from bot.domain.programme.starting_level import StartingLevel, starting_level
from bot.domain.programme.state import PlanState, capped, current_template
from bot.domain.programme.templates import (
    LADDERS,
    Route,
    SessionTemplate,
    StepKind,
    challenge_version,
    intensity,
    route_for,
    session_template,
    stage_count,
)
from bot.domain.programme.timeline import (
    TimelineStep,
    movements,
    step_offsets,
    timeline_reverse_seconds,
    timeline_seconds,
    whole_minutes,
)
from bot.domain.programme.week_view import (
    NO_CHANGES,
    DayChanges,
    DayStatus,
    WeekDay,
    WeekView,
    planned_week,
    week_view,
)

__all__ = [
    "LADDERS",
    "NO_CHANGES",
    "Cause",
    "Change",
    "DayChanges",
    "DayKind",
    "DayNote",
    "DayStatus",
    "Decision",
    "PlanState",
    "Reason",
    "Route",
    "ScheduledSession",
    "SessionTemplate",
    "StartingLevel",
    "StepKind",
    "TimelineStep",
    "WeekDay",
    "WeekView",
    "build_week",
    "capped",
    "challenge_version",
    "choose_place",
    "counts",
    "current_template",
    "intensity",
    "movements",
    "next_plan_state",
    "planned_week",
    "realigned",
    "reverse_weekdays",
    "route_for",
    "session_template",
    "stage_count",
    "starting_level",
    "step_offsets",
    "stepped_back",
    "timeline_reverse_seconds",
    "timeline_seconds",
    "week_view",
    "weekly_reverse_seconds",
    "whole_minutes",
]
