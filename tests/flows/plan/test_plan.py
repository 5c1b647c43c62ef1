"""/plan through the emulated Bot API, and the plan service onboarding calls."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.domain.profile import Experience, Goal, Place, Profile
from bot.domain.programme import Cause, Change, PlanState, Reason, next_plan_state
from bot.domain.session_logs import SessionLog
from bot.flows.plan import coaching
from bot.runtime.services import Services
from bot.storage.plans import PlanChange, StoredPlan
from bot.texts import plan as plan_texts
from bot.texts import programme as programme_texts
from tests.domain.programme_fixtures import good_log, make_profile
from tests.support.harness import Coach, texts

# Tuesday 4 March 2025, midday in London (UTC+0 until the end of March).
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
TODAY = date(2025, 3, 4)

# 64, new to running, knee goal: walks first. Park, Tue/Thu/Sat at 18:00 in London.
WALKER = make_profile(
    user_id=41,
    age=64,
    experience=Experience.NONE,
    goals=frozenset({Goal.KNEE}),
    places=frozenset({Place.PARK}),
    weekdays=(1, 3, 5),
    session_time=time(18, 0),
    timezone="Europe/London",
)
# 35, runs now and then: a week of walking, then jogs. Treadmill or hallway, Mon/Thu at 07:00
# in London.
JOGGER = make_profile(
    user_id=42,
    experience=Experience.OCCASIONAL,
    places=frozenset({Place.TREADMILL, Place.HALLWAY}),
    sessions_per_week=2,
    weekdays=(0, 3),
    session_time=time(7, 0),
    timezone="Europe/London",
)

GO = Reason(Cause.START_OCCASIONAL)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every handler sees NOW as the current time."""
    monkeypatch.setattr(Services, "now", staticmethod(lambda: NOW))


async def _register(coach: Coach, profile: Profile, joined: datetime = NOW) -> None:
    """A runner who finished onboarding (joined at `joined`): known, with a profile."""
    await coach.services.runners.record_contact(profile.user_id, profile.user_id, "Ana", joined)
    await coach.services.profiles.save(profile, NOW)


async def _plan_reply(coach: Coach, profile: Profile) -> str:
    [reply] = texts(await coach.runner(profile.user_id).send("/plan"))
    return reply


def _section(reply: str, header: str) -> list[str]:
    """The lines of the reply's paragraph that starts with `header`."""
    [section] = [block for block in reply.split("\n\n") if block.startswith(header)]
    return section.splitlines()


async def test_plan_without_a_profile_points_to_start(coach: Coach) -> None:
    assert texts(await coach.runner(40).send("/plan")) == [plan_texts.NO_PROFILE_YET]


async def test_a_walker_sees_level_0_this_week_and_tonight_in_the_park(coach: Coach) -> None:
    await _register(coach, WALKER)

    reply = await _plan_reply(coach, WALKER)

    assert reply.startswith(
        "Level 0, step 1 of 5: backward walking.\nWhy: " + programme_texts.REASONS["start_knee"]
    )
    assert _section(reply, "This week") == [
        "This week, from Tue 4 Mar when you joined",
        "👉 Tue 4 Mar (today): 10 × 30 s reverse walk / 30 s walk (5 min backwards)",
        "▫️ Thu 6 Mar: 10 × 30 s reverse walk / 30 s walk (5 min backwards)",
        "▫️ Sat 8 Mar: 10 × 30 s reverse walk / 30 s walk (5 min backwards)",
        "Backwards this week: 0 min done, 15 min still planned.",
    ]
    assert _section(reply, "Next session") == [
        "Next session: today at 18:00, in the park",
        "5 min warm-up walk, then 10 × 30 s reverse walk / 30 s walk, then 5 min cool-down walk.",
        "About 20 min in all, 5 min of it backwards.",
        programme_texts.PLACE_SETUP["park"],
    ]
    assert reply.endswith(programme_texts.REASONS["none_no_logs"])


async def test_a_jogger_walks_backwards_for_a_week_first_at_the_safest_place(
    coach: Coach,
) -> None:
    await _register(coach, JOGGER)

    reply = await _plan_reply(coach, JOGGER)

    assert reply.startswith(
        "Level 0, step 3 of 3: backward walking.\nWhy: "
        + programme_texts.REASONS["start_occasional"]
    )
    # Joined today, a Tuesday: Monday's session was before their time.
    assert _section(reply, "This week")[1:3] == [
        "👉 Tue 4 Mar (today): rest day",
        "▫️ Thu 6 Mar: 12 × 35 s reverse walk / 30 s walk (7 min backwards)",
    ]
    # The hallway beats the treadmill: no moving belt.
    assert _section(reply, "Next session")[0] == (
        "Next session: Thursday 6 March at 07:00, in the hallway"
    )


async def test_the_first_look_at_the_plan_starts_it(coach: Coach) -> None:
    await _register(coach, JOGGER)

    await _plan_reply(coach, JOGGER)

    assert await coach.services.plans.get(JOGGER.user_id) == StoredPlan(
        PlanState(0, 3, TODAY), Reason(Cause.START_OCCASIONAL)
    )


@pytest.mark.parametrize(
    ("timezone", "week", "next_session"),
    [
        # Monday 07:30 in Tokyo: a new week, and this morning's session has begun.
        ("Asia/Tokyo", ["Mon 10 Mar (today)", "Wed 12 Mar", "Fri 14 Mar"], "Wednesday 12 March"),
        # Sunday afternoon in Los Angeles: still last week; tomorrow's session is next.
        ("America/Los_Angeles", ["Mon 3 Mar", "Wed 5 Mar", "Fri 7 Mar"], "tomorrow"),
    ],
)
async def test_the_week_follows_the_runners_clock(
    coach: Coach,
    monkeypatch: pytest.MonkeyPatch,
    timezone: str,
    week: list[str],
    next_session: str,
) -> None:
    sunday_night_utc = datetime(2025, 3, 9, 22, 30, tzinfo=UTC)
    monkeypatch.setattr(Services, "now", staticmethod(lambda: sunday_night_utc))
    profile = make_profile(user_id=43, weekdays=(0, 2, 4), session_time=time(7, 0))
    await _register(coach, replace(profile, timezone=timezone), NOW - timedelta(days=7))

    reply = await _plan_reply(coach, profile)

    # Each line is "<mark> <day>: <what>".
    days = [line.split(":")[0].split(" ", 1)[1] for line in _section(reply, "This week")[1:4]]
    assert days == week
    assert (
        _section(reply, "Next session")[0] == f"Next session: {next_session} at 07:00, on the track"
    )


async def test_a_moved_plan_shows_its_level_and_reason(coach: Coach) -> None:
    await _register(coach, JOGGER)
    started = PlanState(1, 1, TODAY - timedelta(days=10))
    await coach.services.plans.start(JOGGER.user_id, started, Reason(Cause.START_RUNNER), NOW)
    logs = [good_log(TODAY - timedelta(days=7)), good_log(TODAY - timedelta(days=1))]
    decision = next_plan_state(JOGGER, started, logs, TODAY)
    await coach.services.plans.apply(JOGGER.user_id, decision, TODAY, NOW)

    reply = await _plan_reply(coach, JOGGER)

    assert decision.change is Change.PROGRESS
    assert reply.startswith(
        "Level 1, step 2 of 4: short reverse jogs with walking breaks.\n"
        "Why: Your last two sessions felt comfortable with no lasting pain, so we add one small "
        "step: 6 × 25 s reverse jog / 1 min walk."
    )
    assert "Thu 6 Mar: 6 × 25 s reverse jog / 1 min walk (2 min 30 s backwards)" in reply


async def test_a_long_break_steps_back_when_the_runner_opens_the_plan(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _register(coach, JOGGER)
    a_month_ago = TODAY - timedelta(days=30)
    await coach.services.plans.start(JOGGER.user_id, PlanState(1, 1, a_month_ago), GO, NOW)

    async def one_session_a_month_ago(_: Services, __: int) -> Sequence[SessionLog]:
        return (good_log(a_month_ago),)

    monkeypatch.setattr(coaching, "logged_sessions", one_session_a_month_ago)
    runner = coach.runner(JOGGER.user_id)

    [reply] = texts(await runner.send("/plan"))
    await runner.send("/plan")  # looking again changes nothing more

    # Back to walking, with fewer backward minutes than the 5 × 25 s of jogging: 3 × 27 s.
    reason = (
        "It's been 30 days since your last session, so we ease back in: "
        "3 × 27 s reverse walk / 30 s walk."
    )
    assert reply.startswith(f"Level 0, step 3 of 3: backward walking.\nWhy: {reason}")
    assert reply.count(reason) == 1
    stored = Reason(Cause.BREAK, value=30)
    assert await coach.services.plans.history(JOGGER.user_id) == (
        PlanChange(TODAY, Change.STEP_BACK, 1, 1, 0, 3, stored),
    )
    assert await coach.services.plans.get(JOGGER.user_id) == StoredPlan(
        PlanState(0, 3, TODAY + timedelta(days=1), reverse_cap=83), stored
    )


async def test_without_logs_a_month_away_changes_nothing(coach: Coach) -> None:
    # The rules measure a break from the last logged session: with none, nothing was lost.
    await _register(coach, JOGGER)
    a_month_ago = PlanState(1, 1, TODAY - timedelta(days=30))
    await coach.services.plans.start(JOGGER.user_id, a_month_ago, GO, NOW)

    reply = await _plan_reply(coach, JOGGER)

    assert reply.startswith("Level 1, step 1 of 4")
    assert await coach.services.plans.history(JOGGER.user_id) == ()


async def test_a_physio_patient_is_reminded_to_follow_their_physio(coach: Coach) -> None:
    patient = replace(JOGGER, physio_supervised=True)
    await _register(coach, patient)

    reply = await _plan_reply(coach, patient)

    assert programme_texts.REASONS["start_physio"] in reply
    assert programme_texts.PHYSIO_NOTE in reply


async def test_start_plan_for_stores_the_starting_plan_from_the_runners_today(
    coach: Coach,
) -> None:
    await _register(coach, WALKER)
    # 23:30 on Tuesday in UTC is already Wednesday in Tokyo.
    late = datetime(2025, 3, 4, 23, 30, tzinfo=UTC)
    tokyo = replace(WALKER, timezone="Asia/Tokyo")

    plan = await coaching.start_plan_for(coach.services, tokyo, late)

    assert plan == StoredPlan(PlanState(0, 1, date(2025, 3, 5)), Reason(Cause.START_KNEE))
    assert await coach.services.plans.get(WALKER.user_id) == plan


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            NOW,
            "Your first session: today at 18:00, in the park: "
            "10 × 30 s reverse walk / 30 s walk, about 20 min.",
        ),
        (
            datetime(2025, 3, 4, 18, 0, tzinfo=UTC),  # tonight's has just begun
            "Your first session: Thursday 6 March at 18:00, in the park: "
            "10 × 30 s reverse walk / 30 s walk, about 20 min.",
        ),
        (
            datetime(2025, 3, 5, 9, 0, tzinfo=UTC),
            "Your first session: tomorrow at 18:00, in the park: "
            "10 × 30 s reverse walk / 30 s walk, about 20 min.",
        ),
        (
            datetime(2025, 3, 8, 20, 0, tzinfo=UTC),  # Saturday's is over: next week
            "Your first session: Tuesday 11 March at 18:00, in the park: "
            "10 × 30 s reverse walk / 30 s walk, about 20 min.",
        ),
    ],
)
def test_first_session_text_says_when_where_and_what(now: datetime, expected: str) -> None:
    plan = StoredPlan(PlanState(0, 1, now.date()), Reason(Cause.START_KNEE))

    assert coaching.first_session_text(WALKER, plan, now) == expected
