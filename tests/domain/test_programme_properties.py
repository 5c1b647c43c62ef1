"""Properties of the programme over random profiles, plans and logs (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import Experience, Injury, ParqQuestion, Place, Profile
from bot.domain.programme import (
    LADDERS,
    Change,
    DayKind,
    PlanState,
    ScheduledSession,
    SessionTemplate,
    StepKind,
    build_week,
    challenge_version,
    current_template,
    next_plan_state,
    starting_level,
    step_offsets,
    timeline_reverse_seconds,
    timeline_seconds,
    weekly_reverse_seconds,
)
from bot.domain.programme.templates import (
    COOL_DOWN_SECONDS,
    MAX_STAGE,
    MAX_WEEKLY_GROWTH,
    WARM_UP_SECONDS,
)
from bot.domain.session_logs import MorningAfter, SessionLog
from bot.texts.session_timeline import build_session_timeline
from tests.domain.programme_fixtures import MONDAY, make_profile

profiles = st.builds(
    make_profile,
    age=st.integers(15, 85),
    experience=st.sampled_from(Experience),
    injuries=st.frozensets(st.sampled_from(Injury)),
    physio_supervised=st.booleans(),
    places=st.frozensets(st.sampled_from(Place), min_size=1),
    sessions_per_week=st.integers(1, 7),
    weekdays=st.lists(st.integers(0, 6), max_size=7, unique=True).map(tuple),
    parq_yes=st.frozensets(st.sampled_from(ParqQuestion), max_size=2),
    medically_cleared=st.booleans(),
)
# Any position on any route (a stage past a route's last reads as its last), capped or not.
states = st.builds(
    PlanState,
    level=st.integers(0, 3),
    stage=st.integers(1, MAX_STAGE),
    since=st.just(MONDAY),
    reverse_cap=st.none() | st.integers(20, 700),
)
# Good-looking sessions are likely, so progression is actually exercised.
good_answers = st.fixed_dictionaries(
    {
        "completed": st.just(True),
        "effort": st.integers(1, 6),
        "pain": st.none() | st.integers(0, 3),
        "morning_after": st.sampled_from([MorningAfter.BETTER, MorningAfter.SAME]),
        "red_flag": st.just(False),
    }
)
any_answers = st.fixed_dictionaries(
    {
        "completed": st.booleans(),
        "effort": st.none() | st.integers(0, 10),
        "pain": st.none() | st.integers(0, 10),
        "morning_after": st.none() | st.sampled_from(MorningAfter),
        "red_flag": st.booleans(),
    }
)
answers = good_answers | any_answers


def log_on(day: date, answer: dict[str, object]) -> SessionLog:
    """A session logged by hand with the longest planned backward time: it always counts."""
    return SessionLog(day=day, reverse_minutes=10.0, **answer)


def logs_between(first: date, days: int) -> st.SearchStrategy[list[SessionLog]]:
    return st.lists(
        st.builds(log_on, st.integers(0, days).map(lambda n: first + timedelta(days=n)), answers),
        max_size=6,
    )


def reverse_seconds_by_kind(week: tuple[ScheduledSession, ...], kind: StepKind) -> int:
    return sum(
        entry.template.reverse_seconds
        for entry in week
        if entry.template is not None and entry.template.bout is kind
    )


@given(profiles, states, logs_between(MONDAY, 20), st.integers(0, 20))
def test_progress_grows_weekly_reverse_minutes_by_at_most_twenty_percent(
    profile: Profile, state: PlanState, logs: list[SessionLog], days: int
) -> None:
    decision = next_plan_state(profile, state, logs, MONDAY + timedelta(days=days))
    if decision.change is Change.PROGRESS:
        before = weekly_reverse_seconds(build_week(profile, state, MONDAY))
        after = weekly_reverse_seconds(build_week(profile, decision.state, MONDAY))
        assert after <= MAX_WEEKLY_GROWTH * before


@given(profiles, states, logs_between(MONDAY, 20), st.integers(0, 20), st.data())
def test_a_red_flag_or_pain_above_five_always_steps_back(
    profile: Profile, state: PlanState, logs: list[SessionLog], days: int, data: st.DataObject
) -> None:
    today = MONDAY + timedelta(days=days)
    danger = data.draw(
        st.sampled_from([{"red_flag": True}, {"pain": data.draw(st.integers(6, 10))}])
    )
    answer = {**data.draw(answers), **danger}
    dangerous = log_on(MONDAY + timedelta(days=data.draw(st.integers(0, days))), answer)
    decision = next_plan_state(profile, state, [*logs, dangerous], today)
    assert decision.change is Change.STEP_BACK


@given(profiles, states, logs_between(MONDAY, 20).map(lambda logs: logs[:1]), st.integers(0, 30))
def test_a_single_log_never_raises_the_plan(
    profile: Profile, state: PlanState, logs: list[SessionLog], days: int
) -> None:
    decision = next_plan_state(profile, state, logs, MONDAY + timedelta(days=days))
    assert decision.change is not Change.PROGRESS
    assert (decision.state.level, decision.state.stage) <= (state.level, state.stage)


@given(profiles, st.data())
def test_weekly_reverse_minutes_over_months_of_random_logs_grow_at_most_twenty_percent(
    profile: Profile, data: st.DataObject
) -> None:
    """Simulate twelve weeks, deciding every day; compare the weeks as they were scheduled:
    weekly backward minutes never grow by more than 20% (walking and jogging alike)."""
    start = starting_level(profile)
    state = PlanState.starting(start.level, MONDAY, start.stage)
    logs: list[SessionLog] = []
    weeks = []
    for week_number in range(12):
        week_start = MONDAY + timedelta(weeks=week_number)
        week = build_week(profile, state, week_start)
        weeks.append(week)
        away = data.draw(st.integers(0, 5)) == 0  # now and then a week off
        for offset in range(7):
            today = week_start + timedelta(days=offset)
            if not away and any(e.day == today and e.template for e in week):
                answer = data.draw(st.none() | answers)
                if answer is not None:
                    logs.append(log_on(today, answer))
            state = next_plan_state(profile, state, logs, today).state
        assert not (profile.walk_only and state.level > 0)

    for earlier, later in pairwise(weeks):
        assert weekly_reverse_seconds(later) <= MAX_WEEKLY_GROWTH * weekly_reverse_seconds(earlier)


TEMPLATES = [template for ladder in LADDERS.values() for template in ladder]
SESSIONS = TEMPLATES + [
    challenge_version(template) for template in TEMPLATES if template.challenge_week
]


@given(st.sampled_from(SESSIONS), profiles, st.sampled_from(Place))
def test_timelines_run_from_warm_up_to_cool_down_and_add_up(
    template: SessionTemplate, profile: Profile, place: Place
) -> None:
    steps = build_session_timeline(template, profile, place)
    main_set = (
        template.reverse_seconds
        + (template.reps - 1) * template.recovery_seconds
        + 2 * template.easy_run_seconds
    )
    assert steps[0].kind is StepKind.WARM_UP
    assert steps[-1].kind is StepKind.COOL_DOWN
    assert timeline_seconds(steps) == WARM_UP_SECONDS + main_set + COOL_DOWN_SECONDS
    assert timeline_reverse_seconds(steps) == template.reverse_seconds
    assert step_offsets(steps)[-1] + steps[-1].seconds == timeline_seconds(steps)
    assert all(step.seconds > 0 and step.cue and step.tip for step in steps)


@given(profiles, states, st.integers(0, 6))
def test_backward_days_are_never_back_to_back(
    profile: Profile, state: PlanState, start_offset: int
) -> None:
    week_start = MONDAY + timedelta(days=start_offset)
    week = build_week(profile, state, week_start)
    backward = sorted(entry.day for entry in week if entry.kind is not DayKind.EASY)
    assert len(backward) <= 3
    assert len(week) <= profile.sessions_per_week
    assert all(entry.day.weekday() in profile.weekdays for entry in week)
    # Next week repeats the same weekdays, so check across the week's end too.
    following = [*backward[1:], *(day + timedelta(weeks=1) for day in backward[:1])]
    assert all(
        (later - earlier).days > 1 for earlier, later in zip(backward, following, strict=True)
    )
    challenges = [entry for entry in week if entry.kind is DayKind.CHALLENGE]
    tolerated_3_min = current_template(profile, state).challenge_week
    assert len(challenges) == (1 if tolerated_3_min and backward else 0)
