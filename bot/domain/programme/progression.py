"""How the plan moves from logged sessions: progress, hold, step back, or no change yet.

Safety comes first and acts on a single log: a red flag, pain above 5/10 or feeling worse
the morning after steps back at once (COACHING.md: any red flag downgrades; worse the next
morning reduces load). Everything else needs more than one session: progress needs the
last two sessions at this stage to be completed, moderate (CR10 <= 6) and without pain
above 3/10 or a worse morning after, and a full week at the stage; two very hard sessions
in a row (CR10 >= 9) step back. A full week per stage means at most one step up a week, so
weekly reverse minutes grow by the programme's 20% steps and no faster.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.pain import PROGRESS_PAIN_MAX, is_too_much_pain
from bot.domain.profile import Profile
from bot.domain.programme.state import PlanState, current_template
from bot.domain.programme.templates import TOP_LEVEL, stage_count
from bot.domain.programme.timeline import session_shape
from bot.domain.session_logs import MorningAfter, SessionLog
from bot.texts import programme as texts

MAX_MODERATE_EFFORT = 6  # CR10: 4-6 is moderate
VERY_HARD_EFFORT = 9
LOGS_TO_PROGRESS = 2
DAYS_AT_STAGE = 7
BREAK_DAYS = 14

_ONE_DAY = timedelta(days=1)


class Change(StrEnum):
    """What a decision did to the plan."""

    PROGRESS = "progress"
    HOLD = "hold"
    STEP_BACK = "step_back"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Decision:
    """The plan after looking at the logs, what changed, and the sentence the runner reads."""

    state: PlanState
    change: Change
    reason: str


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
    recent = at_stage[-LOGS_TO_PROGRESS:]

    if profile.walk_only and state.level > 0:
        walking = PlanState(0, 1, today + _ONE_DAY)
        reason = texts.STEP_BACK_WALK_ONLY.format(shape=_shape(profile, walking))
        return Decision(walking, Change.STEP_BACK, reason)
    if any(log.red_flag for log in at_stage):
        return _step_back(
            profile,
            state,
            _level_below(state),
            texts.CAUSE_RED_FLAG,
            today,
            advice=texts.RED_FLAG_CHECK,
        )
    if history:
        # The last training day, or the day of the last change if that came later.
        idle_days = (today - max(history[-1].day, state.since - _ONE_DAY)).days
        if idle_days > BREAK_DAYS:
            cause = texts.CAUSE_BREAK.format(days=idle_days)
            return _step_back(profile, state, _level_below(state), cause, today)
    if any(is_too_much_pain(log.pain) for log in at_stage):
        return _step_back(profile, state, _stage_below(state), texts.CAUSE_PAIN, today)
    if any(log.morning_after is MorningAfter.WORSE for log in at_stage):
        cause = (
            texts.CAUSE_MORNING_WORSE_KNEE if profile.has_knee_issue else texts.CAUSE_MORNING_WORSE
        )
        return _step_back(profile, state, _stage_below(state), cause, today)
    if len(recent) == LOGS_TO_PROGRESS and all(_very_hard(log) for log in recent):
        return _step_back(profile, state, _stage_below(state), texts.CAUSE_TOO_HARD, today)
    return _judge_recent(profile, state, recent, today)


def realigned(profile: Profile, state: PlanState, today: date, *, step_back: bool) -> Decision:
    """After several missed sessions, the runner's choice: repeat the current step from
    tomorrow (its week starts again), or go one step back."""
    if step_back:
        return _step_back(profile, state, _stage_below(state), texts.CAUSE_MISSED, today)
    repeated = PlanState(state.level, state.stage, today + _ONE_DAY)
    return Decision(
        repeated, Change.HOLD, texts.HOLD_REALIGN.format(shape=_shape(profile, repeated))
    )


def _judge_recent(
    profile: Profile, state: PlanState, recent: list[SessionLog], today: date
) -> Decision:
    """No safety signal: hold, wait, or progress, from the last sessions at this stage."""
    if not recent:
        return Decision(state, Change.NONE, texts.NONE_NO_LOGS)
    for log in reversed(recent):
        hold = _hold_reason(log)
        if hold is not None:
            return Decision(state, Change.HOLD, hold.format(shape=_shape(profile, state)))
    if any(log.effort is None or log.morning_after is None for log in recent):
        return Decision(state, Change.NONE, texts.NONE_AWAITING_ANSWERS)
    if len(recent) < LOGS_TO_PROGRESS:
        return Decision(state, Change.NONE, texts.NONE_TOO_EARLY)
    if (today - state.since).days < DAYS_AT_STAGE:
        return Decision(state, Change.NONE, texts.NONE_FULL_WEEK)
    above = _stage_above(state)
    if above is None:
        return Decision(state, Change.HOLD, texts.HOLD_TOP)
    if profile.walk_only and above[0] > 0:
        return Decision(state, Change.HOLD, texts.HOLD_WALK_ONLY_CAP)
    moved = PlanState(*above, today + _ONE_DAY)
    shape = _shape(profile, moved)
    reason = (
        texts.PROGRESS_LEVEL.format(level=moved.level, shape=shape)
        if moved.level > state.level
        else texts.PROGRESS_STAGE.format(shape=shape)
    )
    return Decision(moved, Change.PROGRESS, reason)


def _hold_reason(log: SessionLog) -> str | None:
    """Why this session says "not yet" (a format string taking the shape), if it does."""
    if not log.completed:
        return texts.HOLD_INCOMPLETE
    if log.effort is not None and log.effort > MAX_MODERATE_EFFORT:
        return texts.HOLD_HARD
    if log.pain is not None and log.pain > PROGRESS_PAIN_MAX:
        return texts.HOLD_SOME_PAIN
    return None


def _very_hard(log: SessionLog) -> bool:
    return log.effort is not None and log.effort >= VERY_HARD_EFFORT


def _step_back(
    profile: Profile,
    state: PlanState,
    target: tuple[int, int],
    cause: str,
    today: date,
    advice: str = "",
) -> Decision:
    """Move down to `target`, saying why and, if given, what to do about it.

    At the very first stage there is nowhere lower, so the stage restarts.
    """
    lower = PlanState(*target, today + _ONE_DAY)
    shape = _shape(profile, lower)
    if lower.level < state.level:
        consequence = texts.CONSEQUENCE_LEVEL.format(level=lower.level, shape=shape)
    elif lower.stage < state.stage:
        consequence = texts.CONSEQUENCE_STAGE.format(shape=shape)
    else:
        consequence = texts.CONSEQUENCE_FLOOR.format(shape=shape)
    reason = texts.STEP_BACK_REASON.format(cause=cause, consequence=consequence)
    return Decision(lower, Change.STEP_BACK, f"{reason} {advice}".rstrip())


def _stage_above(state: PlanState) -> tuple[int, int] | None:
    if state.stage < stage_count(state.level):
        return state.level, state.stage + 1
    if state.level < TOP_LEVEL:
        return state.level + 1, 1
    return None


def _stage_below(state: PlanState) -> tuple[int, int]:
    if state.stage > 1:
        return state.level, state.stage - 1
    return _level_below(state)


def _level_below(state: PlanState) -> tuple[int, int]:
    """The last stage of the level below (the one the runner handled); level 0 restarts."""
    if state.level == 0:
        return 0, 1
    return state.level - 1, stage_count(state.level - 1)


def _shape(profile: Profile, state: PlanState) -> str:
    return session_shape(current_template(profile, state))
