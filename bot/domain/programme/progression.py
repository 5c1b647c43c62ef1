"""How the plan moves from logged sessions: progress, hold, step back, or no change yet.

Safety comes first and acts on a single log: a red flag, pain above 5/10, or a joint that
felt worse the morning after steps back at once (COACHING.md: any red flag downgrades;
worse the next morning reduces load). A step back always means less: fewer backward
minutes and no harder movement than the session that caused it (`PlanState.reverse_cap`
trims the session below when it alone would not be less).

Everything else needs more than one session, and is decided about sessions: when the
last of them is logged or answered, never on a later day without one. Only prescribed work
counts: a session that was not cut down by the safety check and reached COUNTED_SHARE of its
planned backward minutes (a session logged by hand counts by its minutes against the current
plan), one per day. Progress needs the last two counted sessions at this stage to be
tolerated (effort CR10 <= 6; pain <= 3, or pain that settled by the morning; not merely
"sore") and a full week at the stage. Pain 0 needs no morning answer: it is the best
signal. Muscle soreness holds, never steps back. Two very hard sessions in a row (CR10 >= 9)
step back.

A full week per stage means at most one step a week, and every step grows the session's
backward time by at most MAX_WEEKLY_GROWTH, so weekly reverse minutes do too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.pain import PROGRESS_PAIN_MAX, is_too_much_pain
from bot.domain.profile import Profile
from bot.domain.programme.schedule import reverse_weekdays
from bot.domain.programme.state import PlanState, capped, current_template
from bot.domain.programme.templates import (
    MAX_WEEKLY_GROWTH,
    TOP_LEVEL,
    Route,
    SessionTemplate,
    intensity,
    route_for,
    session_template,
    stage_count,
)
from bot.domain.session_logs import MorningAfter, SessionLog

MAX_MODERATE_EFFORT = 6  # CR10: 4-6 is moderate
VERY_HARD_EFFORT = 9
LOGS_TO_PROGRESS = 2
DAYS_AT_STAGE = 7
BREAK_DAYS = 14
# A session counts if it reached this share of its planned backward minutes: one bout of
# five may be cut short, but a session stopped halfway proves nothing.
COUNTED_SHARE = 0.8
# After a step back that alone would not be less, the session keeps this share at most.
STEP_BACK_SHARE = 2 / 3
KNEE_DOSE_DAYS = 3  # Alghadir 2019: 10 min of backward walking, 3 days a week

_ONE_DAY = timedelta(days=1)
_SETTLED = frozenset({MorningAfter.BETTER, MorningAfter.SAME})


class Change(StrEnum):
    """What a decision did to the plan."""

    PROGRESS = "progress"
    HOLD = "hold"
    STEP_BACK = "step_back"
    NONE = "none"


class Cause(StrEnum):
    """Why the plan is what it is: the key of the sentence the runner reads."""

    # Where a plan starts (see starting_level).
    START_DIZZINESS_UNCLEARED = "start_dizziness_uncleared"
    START_PARQ_UNCLEARED = "start_parq_uncleared"
    START_BALANCE = "start_balance"
    START_KNEE = "start_knee"
    START_PAIN = "start_pain"
    START_PHYSIO = "start_physio"
    START_OLDER = "start_older"
    START_NON_RUNNER = "start_non_runner"
    START_OCCASIONAL = "start_occasional"
    START_RUNNER = "start_runner"
    # Moves.
    PROGRESS_STAGE = "progress_stage"
    PROGRESS_LEVEL = "progress_level"
    WALK_ONLY = "walk_only"
    RED_FLAG = "red_flag"
    BREAK = "break"
    PAIN = "pain"
    MORNING_WORSE = "morning_worse"
    MORNING_WORSE_KNEE = "morning_worse_knee"
    TOO_HARD = "too_hard"
    MISSED = "missed"
    # Holds and "not yet".
    HOLD_HARD = "hold_hard"
    HOLD_SOME_PAIN = "hold_some_pain"
    HOLD_SORE = "hold_sore"
    HOLD_WALK_ONLY_CAP = "hold_walk_only_cap"
    HOLD_KNEE_DAYS = "hold_knee_days"
    HOLD_REALIGN = "hold_realign"
    HOLD_TOP = "hold_top"
    NONE_NO_LOGS = "none_no_logs"
    NONE_NOT_COUNTED = "none_not_counted"
    NONE_TOO_EARLY = "none_too_early"
    NONE_AWAITING_EFFORT = "none_awaiting_effort"
    NONE_FULL_WEEK = "none_full_week"
    # A stored reason from before reasons were keys, that no key matched.
    EARLIER = "earlier"


@dataclass(frozen=True, slots=True)
class Reason:
    """A cause and what it came from: the session's day and a number (pain, effort or days)."""

    cause: Cause
    day: date | None = None
    value: int | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """The plan after looking at the logs, what changed, and why."""

    state: PlanState
    change: Change
    reason: Reason


def next_plan_state(
    profile: Profile, state: PlanState, logs: Iterable[SessionLog], today: date
) -> Decision:
    """Judge the runner's logs up to today and decide the plan from tomorrow.

    Call it after each log and each morning-after answer, and at least weekly (so a break is
    noticed). Logs from before `state.since` were judged already and only count to tell when
    the runner last trained.
    """
    history = sorted((log for log in logs if log.day <= today), key=lambda log: log.day)
    at_stage = [log for log in history if log.day >= state.since]

    if profile.walk_only and state.level > 0:
        walking = PlanState(0, 1, today + _ONE_DAY)
        return Decision(walking, Change.STEP_BACK, Reason(Cause.WALK_ONLY))
    flagged = next((log for log in reversed(at_stage) if log.red_flag), None)
    if flagged is not None:
        reason = Reason(Cause.RED_FLAG, flagged.day)
        return stepped_back(profile, state, _level_below(profile, state), reason, today)
    if history:
        # The last training day, or the day of the last change if that came later.
        idle_days = (today - max(history[-1].day, state.since - _ONE_DAY)).days
        if idle_days > BREAK_DAYS:
            reason = Reason(Cause.BREAK, value=idle_days)
            return stepped_back(profile, state, _level_below(profile, state), reason, today)
    painful = next((log for log in reversed(at_stage) if is_too_much_pain(log.pain)), None)
    if painful is not None:
        reason = Reason(Cause.PAIN, painful.day, painful.pain)
        return stepped_back(profile, state, _stage_below(profile, state), reason, today)
    worse = next((log for log in at_stage if log.morning_after is MorningAfter.WORSE), None)
    if worse is not None:
        cause = Cause.MORNING_WORSE_KNEE if profile.has_knee_issue else Cause.MORNING_WORSE
        reason = Reason(cause, worse.day)
        return stepped_back(profile, state, _stage_below(profile, state), reason, today)
    last_two = at_stage[-LOGS_TO_PROGRESS:]
    if len(last_two) == LOGS_TO_PROGRESS and all(_very_hard(log) for log in last_two):
        reason = Reason(Cause.TOO_HARD, last_two[-1].day)
        return stepped_back(profile, state, _stage_below(profile, state), reason, today)
    return _judge_counted(profile, state, at_stage, today)


def realigned(profile: Profile, state: PlanState, today: date, *, step_back: bool) -> Decision:
    """After several missed sessions, the runner's choice: repeat the current step from
    tomorrow (its week starts again), or go one step back."""
    if step_back:
        return stepped_back(
            profile, state, _stage_below(profile, state), Reason(Cause.MISSED), today
        )
    repeated = PlanState(state.level, state.stage, today + _ONE_DAY, state.reverse_cap)
    return Decision(repeated, Change.HOLD, Reason(Cause.HOLD_REALIGN))


def counts(log: SessionLog, planned: SessionTemplate) -> bool:
    """True for prescribed work: not cut down, and most of the planned backward minutes.

    A session logged by hand has no plan of its own and is measured against `planned`.
    """
    if log.downgraded or not log.completed:
        return False
    minutes = log.planned_reverse_minutes
    target = planned.reverse_seconds / 60 if minutes is None else minutes
    return log.reverse_minutes >= COUNTED_SHARE * target


def stepped_back(
    profile: Profile, state: PlanState, target: tuple[int, int], reason: Reason, today: date
) -> Decision:
    """Move down to `target` from tomorrow, capped so the session is less than the current one:
    fewer backward minutes, and never a harder movement or longer bouts."""
    trigger = current_template(profile, state)
    lower = session_template(route_for(profile), *target)
    gentler = intensity(lower) <= intensity(trigger)
    cap = None
    if not (gentler and lower.reverse_seconds < trigger.reverse_seconds):
        cap = max(1, math.floor(trigger.reverse_seconds * STEP_BACK_SHARE))
        # Fewer, longer bouts would be harder work: lower the cap until they are not.
        while cap > 1 and intensity(capped(lower, cap)) > intensity(trigger):
            cap -= 1
    moved = PlanState(*target, today + _ONE_DAY, cap)
    return Decision(moved, Change.STEP_BACK, reason)


def _judge_counted(
    profile: Profile, state: PlanState, at_stage: list[SessionLog], today: date
) -> Decision:
    """No safety signal: hold, wait, or progress, from the counted sessions at this stage."""
    if not at_stage:
        return Decision(state, Change.NONE, Reason(Cause.NONE_NO_LOGS))
    planned = current_template(profile, state)
    counted: dict[date, SessionLog] = {}
    for log in at_stage:
        if counts(log, planned):
            counted.setdefault(log.day, log)  # a second session that day proves nothing more
    recent = list(counted.values())[-LOGS_TO_PROGRESS:]
    latest = at_stage[-1]
    if not counts(latest, planned):
        return Decision(state, Change.NONE, Reason(Cause.NONE_NOT_COUNTED, latest.day))
    for log in reversed(recent):
        hold = _hold_cause(log)
        if hold is not None:
            value = log.effort if hold is Cause.HOLD_HARD else log.pain
            return Decision(state, Change.HOLD, Reason(hold, log.day, value))
    if any(log.effort is None for log in recent):
        waiting = next(log for log in recent if log.effort is None)
        return Decision(state, Change.NONE, Reason(Cause.NONE_AWAITING_EFFORT, waiting.day))
    if len(recent) < LOGS_TO_PROGRESS:
        return Decision(state, Change.NONE, Reason(Cause.NONE_TOO_EARLY))
    # A full week at the stage, counted by the sessions: the decision is about them, so it is
    # made when the last one is logged (or answered), never later on a day without a session.
    if (recent[-1].day - state.since).days + 1 < DAYS_AT_STAGE:
        return Decision(state, Change.NONE, Reason(Cause.NONE_FULL_WEEK))
    return _progress(profile, state, today)


def _progress(profile: Profile, state: PlanState, today: date) -> Decision:
    """One step up: back towards the full session after a capped step back, else the next
    stage; never more than MAX_WEEKLY_GROWTH more backward time."""
    route = route_for(profile)
    current = current_template(profile, state)
    tomorrow = today + _ONE_DAY
    if state.reverse_cap is not None:
        return _lift_cap(profile, state, route, current, tomorrow)
    above = _stage_above(route, state)
    if above is None:
        return Decision(state, Change.HOLD, Reason(Cause.HOLD_TOP))
    if above[0] > 0 and profile.walk_only:
        return Decision(state, Change.HOLD, Reason(Cause.HOLD_WALK_ONLY_CAP))
    if (
        route is Route.KNEE
        and state.level == 0
        and above[0] > 0
        and len(reverse_weekdays(profile)) < KNEE_DOSE_DAYS
    ):
        return Decision(state, Change.HOLD, Reason(Cause.HOLD_KNEE_DAYS))
    moved = PlanState(*above, tomorrow)
    cause = Cause.PROGRESS_LEVEL if moved.level > state.level else Cause.PROGRESS_STAGE
    return Decision(moved, Change.PROGRESS, Reason(cause))


def _lift_cap(
    profile: Profile, state: PlanState, route: Route, current: SessionTemplate, tomorrow: date
) -> Decision:
    """After a capped step back: the full session here, or the next stage's, as soon as it is
    within MAX_WEEKLY_GROWTH of today's; until then the cap grows by that much."""
    limit = math.floor(current.reverse_seconds * MAX_WEEKLY_GROWTH)
    here = (state.level, _stage_on(route, state))
    for position in (here, _stage_above(route, state)):
        if position is None or session_template(route, *position).reverse_seconds > limit:
            continue
        if position[0] > 0 and profile.walk_only:
            break
        moved = PlanState(*position, tomorrow)
        cause = Cause.PROGRESS_LEVEL if moved.level > state.level else Cause.PROGRESS_STAGE
        return Decision(moved, Change.PROGRESS, Reason(cause))
    moved = PlanState(state.level, state.stage, tomorrow, limit)
    return Decision(moved, Change.PROGRESS, Reason(Cause.PROGRESS_STAGE))


def _hold_cause(log: SessionLog) -> Cause | None:
    """Why this counted session says "not yet", if it does."""
    if log.effort is not None and log.effort > MAX_MODERATE_EFFORT:
        return Cause.HOLD_HARD
    if log.morning_after is MorningAfter.SORE:
        return Cause.HOLD_SORE
    pain = log.pain or 0
    if pain > PROGRESS_PAIN_MAX and log.morning_after not in _SETTLED:
        return Cause.HOLD_SOME_PAIN
    return None


def _very_hard(log: SessionLog) -> bool:
    return log.effort is not None and log.effort >= VERY_HARD_EFFORT


def _stage_on(route: Route, state: PlanState) -> int:
    return min(state.stage, stage_count(route, state.level))


def _stage_above(route: Route, state: PlanState) -> tuple[int, int] | None:
    stage = _stage_on(route, state)
    if stage < stage_count(route, state.level):
        return state.level, stage + 1
    if state.level < TOP_LEVEL:
        return state.level + 1, 1
    return None


def _stage_below(profile: Profile, state: PlanState) -> tuple[int, int]:
    stage = _stage_on(route_for(profile), state)
    if stage > 1:
        return state.level, stage - 1
    return _level_below(profile, state)


def _level_below(profile: Profile, state: PlanState) -> tuple[int, int]:
    """The last stage of the level below (the one the runner handled); level 0 restarts."""
    if state.level == 0:
        return 0, 1
    return state.level - 1, stage_count(route_for(profile), state.level - 1)
