"""A season of coaching in seconds: scripted runners live through weeks of the real bot.

    python -m bench.season [--weeks 16] [--personas a,b,...]

Each persona is a profile and a script (what they do at each planned session: train, skip,
stop early, get cut down by the safety check, log by hand; effort, pain, and the answer to
the morning check-in). The whole Application runs (handlers, JobQueue jobs, SQLite, the Bot
API emulator) on a simulated clock injected through `Services`: the JobQueue's scheduler is
paused, and the simulator runs each job when the simulated time reaches it, so reminders,
cues, check-ins and progression all happen on the runner's calendar.

Prints one line per runner per week (level.stage, sessions, backward minutes, effort, pain,
the plan's changes and their causes) and, per persona, whether the trajectory is the one
written down (from COACHING.md) before running: the level at weeks 4, 8, 12 and 16 within
the expected range, and no week with more than 20% more planned backward minutes than the
week before.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from telegram.ext import Job

from bot.app import build_application
from bot.domain.profile import Experience, Goal, Injury, ParqQuestion, Place, Profile
from bot.domain.programme import choose_place, current_template, reverse_weekdays
from bot.domain.programme.templates import MAX_WEEKLY_GROWTH
from bot.emulator.botapi import EmulatedRequest, Json
from bot.flows.plan.coaching import start_plan_for
from bot.flows.reminders.jobs import sync_reminders
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication, services_of
from bot.texts import safety as safety_texts
from bot.texts import session_log as log_texts
from tests.domain.programme_fixtures import make_profile
from tests.support.harness import ChatRunner, Coach, settings_for_test

# A Monday far enough ahead that the real scheduler would never reach it during a run.
SEASON_START = datetime(2031, 1, 6, 6, 0, tzinfo=UTC)
CHECKPOINT_WEEKS = (4, 8, 12, 16)


class SimulatedClock:
    """The time the application reads (`Services.clock`); only the simulator moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance_to(self, moment: datetime) -> None:
        """Move forwards (never back)."""
        self.current = max(self.current, moment)


@dataclass(frozen=True, slots=True)
class Session:
    """What a persona does at one planned session; `None` in a script is a skipped session."""

    effort: int = 4
    pain: int = 0
    site: str = "knee"
    morning: str = "better"  # better, same, sore, joint
    stop_after_minutes: float | None = None
    downgraded: bool = False  # a hard session earlier that day: the safety check cuts it
    manual: bool = False  # done without the bot, logged with /log


Script = Callable[[int, int], Session | None]  # (week from 1, session of the week from 0)


@dataclass(frozen=True, slots=True)
class Persona:
    """A runner: profile, what they do, and the trajectory COACHING.md predicts for them."""

    name: str
    profile: Profile
    script: Script
    # (lowest, highest) level at weeks 4, 8, 12 and 16, written down before running.
    expected_levels: tuple[tuple[int, int], ...]
    prediction: str


def _always(session: Session) -> Script:
    return lambda week, index: session


def _easy(week: int, index: int) -> Session:
    return Session(effort=4)


def _flare(week: int, index: int) -> Session:
    if week == 4 and index == 0:
        return Session(effort=5, pain=6, morning="joint")
    return Session(effort=4)


def _sore_first_week(week: int, index: int) -> Session:
    if week == 1:
        return Session(effort=5, pain=2, site="calf", morning="sore")
    return Session(effort=4)


def _skips_weeks_five_and_six(week: int, index: int) -> Session | None:
    return None if week in (5, 6) else Session(effort=4)


def _settling_pain(week: int, index: int) -> Session:
    if week == 2 and index == 0:
        return Session(effort=5, pain=4, morning="better")
    return Session(effort=4, pain=1, morning="same")


def _stops_early_often(week: int, index: int) -> Session:
    if index == 0:
        return Session(effort=5, stop_after_minutes=5)
    return Session(effort=4)


def _tired_on_mondays(week: int, index: int) -> Session:
    return Session(effort=4, downgraded=index == 0)


def _manual_logger(week: int, index: int) -> Session:
    return Session(effort=5, manual=True)


_T = clock_time
_P = frozenset

PERSONAS: tuple[Persona, ...] = (
    Persona(
        "pain-free beginner",
        make_profile(user_id=1001, experience=Experience.NONE, weekly_km=0),
        _easy,
        ((0, 1), (1, 2), (2, 3), (3, 3)),
        "Walks first (COACHING: level 0 about two weeks), one step a week when sessions are "
        "moderate and pain-free: jogging by week 4-5, longer bouts by week 8-10.",
    ),
    Persona(
        "forward runner",
        make_profile(user_id=1002, experience=Experience.REGULAR, weekly_km=30),
        _easy,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "One walking week, then reverse jogs; mixed forward/reverse intervals from about "
        "week 6, continuous segments inside an easy run by week 12.",
    ),
    Persona(
        "knee rehab with physio",
        make_profile(
            user_id=1003,
            experience=Experience.NONE,
            weekly_km=0,
            injuries=_P({Injury.KNEES}),
            goals=_P({Goal.KNEE}),
            physio_supervised=True,
        ),
        _easy,
        ((0, 0), (1, 1), (1, 2), (2, 3)),
        "Backward walking up to 10 min, 3 days a week (Alghadir 2019) before any jogging: "
        "level 0 for about 5 weeks, then short jogs.",
    ),
    Persona(
        "68-year-old walker",
        make_profile(user_id=1004, age=68, experience=Experience.NONE, weekly_km=0),
        _easy,
        ((0, 1), (1, 2), (2, 3), (3, 3)),
        "Walks first; the walker route never jogs forwards and bridges with 90 s to 3 min "
        "bouts before any continuous segment.",
    ),
    Persona(
        "knee flares in week 4",
        make_profile(
            user_id=1005, experience=Experience.OCCASIONAL, goals=_P({Goal.KNEE}), weekly_km=5
        ),
        _flare,
        ((0, 0), (0, 1), (1, 2), (1, 3)),
        "Knee route; pain 6 with a worse joint the next morning steps back (less, not more), "
        "then climbs again one step a week.",
    ),
    Persona(
        "sore in week 1",
        make_profile(user_id=1006, experience=Experience.OCCASIONAL, weekly_km=5),
        _sore_first_week,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "Sore calves in week 1 are normal (COACHING): the plan holds, never steps back, then "
        "progresses.",
    ),
    Persona(
        "skips two weeks",
        make_profile(user_id=1007, experience=Experience.OCCASIONAL, weekly_km=5),
        _skips_weeks_five_and_six,
        ((1, 1), (0, 1), (1, 2), (1, 3)),
        "A break over 14 days steps back a level; then one step a week again.",
    ),
    Persona(
        "logs everything as hard",
        make_profile(user_id=1008, experience=Experience.NONE, weekly_km=0),
        _always(Session(effort=7)),
        ((0, 0), (0, 0), (0, 0), (0, 0)),
        "Effort 7 is above moderate (CR10 <= 6): the plan holds at the first step.",
    ),
    Persona(
        "dizziness on the PAR-Q",
        make_profile(
            user_id=1009,
            experience=Experience.OCCASIONAL,
            parq_yes=_P({ParqQuestion.DIZZINESS_BALANCE}),
        ),
        _easy,
        ((0, 0), (0, 0), (0, 0), (0, 0)),
        "Backward walking only until a doctor clears them: level 0 all season.",
    ),
    Persona(
        "hallway only",
        make_profile(user_id=1010, experience=Experience.OCCASIONAL, places=_P({Place.HALLWAY})),
        _easy,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "Same progression as any occasional runner; the place only changes the set-up words.",
    ),
    Persona(
        "treadmill only",
        make_profile(user_id=1011, experience=Experience.REGULAR, places=_P({Place.TREADMILL})),
        _easy,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "A regular runner on a treadmill: the runner route, at half walking speed to start.",
    ),
    Persona(
        "pain that settles",
        make_profile(user_id=1012, experience=Experience.OCCASIONAL, weekly_km=5),
        _settling_pain,
        ((1, 1), (1, 2), (2, 3), (2, 3)),
        "Pain 4 that settled by the morning holds once, then progress resumes; pain 1 that "
        "settles is tolerance.",
    ),
    Persona(
        "stops early on Mondays",
        make_profile(user_id=1013, experience=Experience.OCCASIONAL, weekly_km=5),
        _stops_early_often,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "A stopped session does not count, but two full sessions a week still do.",
    ),
    Persona(
        "cut down on Mondays",
        make_profile(user_id=1014, experience=Experience.OCCASIONAL, weekly_km=5),
        _tired_on_mondays,
        ((1, 1), (1, 2), (2, 3), (3, 3)),
        "A session the safety check cut to walking does not count; the other two do.",
    ),
    Persona(
        "logs by hand",
        make_profile(user_id=1015, experience=Experience.NONE, weekly_km=0),
        _manual_logger,
        ((0, 1), (1, 2), (2, 3), (3, 3)),
        "Manual logs count by their minutes: the same climb as the pain-free beginner.",
    ),
)
_MORNING_BETTER = log_texts.MORNING_LABELS["better"]
SHORT_FORM = ("pain-free beginner", "knee flares in week 4", "sore in week 1")


@dataclass
class Week:
    """One persona's week, as the simulator saw it."""

    number: int
    level: str
    sessions: int
    backward_minutes: float
    planned_minutes: float
    efforts: list[int] = field(default_factory=list)
    pains: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class Trajectory:
    """A persona's season and whether it is the expected one."""

    persona: Persona
    start: str
    weeks: list[Week] = field(default_factory=list)

    def level_at(self, week: int) -> int:
        """The level at the end of week `week`."""
        return int(self.weeks[week - 1].level.split(".")[0])

    def problems(self) -> list[str]:
        """What differs from the written expectation (empty when it is as expected)."""
        found = []
        for week, (low, high) in zip(CHECKPOINT_WEEKS, self.persona.expected_levels, strict=True):
            if week <= len(self.weeks) and not low <= self.level_at(week) <= high:
                found.append(f"week {week}: level {self.level_at(week)}, expected {low}-{high}")
        for before, after in zip(self.weeks, self.weeks[1:], strict=False):
            if before.planned_minutes and after.planned_minutes > before.planned_minutes * (
                MAX_WEEKLY_GROWTH + 0.001
            ):
                found.append(f"week {after.number}: planned backward minutes grew over 20%")
        return found


class Season:
    """The running bot, a simulated clock, and the jobs run when their time comes."""

    def __init__(self, coach: Coach, clock: SimulatedClock) -> None:
        self.coach = coach
        self.clock = clock
        self._fired: dict[str, datetime] = {}
        self._seen: dict[str, datetime] = {}
        self._next: dict[str, datetime | None] = {}
        self._calls_read = 0
        self.latest: dict[int, Json] = {}  # the newest message with buttons, per chat
        self.checkins: dict[int, Json] = {}  # an unanswered morning check-in, per chat
        self.texts: dict[int, str] = {}  # the newest message sent, per chat
        self.sent_at: dict[int, datetime] = {}  # id of each API call: when (simulated) it ran

    def latest_text(self, chat_id: int) -> str:
        """The newest message the bot sent to a chat."""
        self.watch()
        return self.texts.get(chat_id, "")

    def watch(self) -> None:
        """Note the messages with buttons the bot sent since the last look."""
        calls = self.coach.emulator.calls
        for call in calls[self._calls_read :]:
            message = call.result
            self.sent_at[id(call)] = self.clock()
            if not call.ok or not isinstance(message, dict) or "chat" not in message:
                continue
            chat = int(message["chat"]["id"])
            if call.method == "sendMessage":
                self.texts[chat] = str(message.get("text", ""))
            if "reply_markup" not in message:
                continue
            self.latest[chat] = message
            if _MORNING_BETTER in ChatRunner.buttons(message):
                self.checkins[chat] = message
        self._calls_read = len(calls)

    async def tap(self, runner: ChatRunner, label: str) -> None:
        """Press a button of the newest message with buttons in the runner's chat."""
        self.watch()
        await runner.tap(label, self.latest[runner.chat_id])

    @property
    def app(self) -> CoachApplication:
        return self.coach.app

    async def run_until(self, moment: datetime) -> None:
        """Run every job due up to `moment`, in time order, moving the clock as they run."""
        timer = services_of(self.app).cue_timer
        while True:
            due = self._next_job(moment)
            cue_at = timer.next_moment()
            if (
                cue_at is not None
                and cue_at <= moment.timestamp()
                and (due is None or cue_at < due[0].timestamp())
            ):
                # A live session's cue (they are on one timer, not in the JobQueue).
                self.clock.advance_to(datetime.fromtimestamp(cue_at, UTC))
                await timer.run_due(cue_at)
                self.watch()
                continue
            if due is None:
                break
            when, job = due
            self.clock.advance_to(when)
            self._fired[job.job.id] = when
            self._next.pop(job.job.id, None)
            if isinstance(job.job.trigger, DateTrigger):
                job.schedule_removal()
            await job.run(self.app)
            self.watch()
        self.clock.advance_to(moment)
        self.watch()

    def _next_job(self, moment: datetime) -> tuple[datetime, Job[Any]] | None:
        best: tuple[datetime, Job[Any]] | None = None
        assert self.app.job_queue is not None
        for job in self.app.job_queue.jobs():
            if isinstance(job.job.trigger, IntervalTrigger):
                continue  # housekeeping every few seconds: nothing a runner lives through
            when = self._next_fire(job)
            if when is not None and when <= moment and (best is None or when < best[0]):
                best = when, job
        return best

    def _next_fire(self, job: Job[Any]) -> datetime | None:
        """When the job fires next on the simulated clock (worked out once per firing)."""
        key = job.job.id
        if key in self._next:
            return self._next[key]
        seen = self._seen.setdefault(key, self.clock())
        previous = self._fired.get(key)
        after = seen if previous is None else previous + timedelta(microseconds=1)
        fire: datetime | None = job.job.trigger.get_next_fire_time(previous, after)
        self._next[key] = fire
        return fire


async def join(season: Season, profile: Profile) -> ChatRunner:
    """A runner who just finished onboarding: profile, plan and reminders, as onboarding does."""
    services = services_of(season.app)
    now = season.clock()
    await services.runners.record_contact(profile.user_id, profile.user_id, "Runner", now)
    await services.profiles.save(profile, now)
    await start_plan_for(services, profile, now)
    await sync_reminders(season.app, profile.user_id)
    return season.coach.runner(profile.user_id)


async def train(season: Season, runner: ChatRunner, profile: Profile, plan: Session) -> None:
    """One planned session, as the script says: through /go and the live session, or /log."""
    services = services_of(season.app)
    if plan.manual:
        state = (await services.plans.get(profile.user_id)).state  # type: ignore[union-attr]
        minutes = current_template(profile, state).reverse_seconds / 60
        await runner.send(f"/log {minutes:g} min effort {plan.effort} pain {plan.pain}")
        await _answer_questions(season, runner, plan)
        return
    await runner.send("/go")
    await _answer_safety_check(season, runner, profile, plan)
    if plan.stop_after_minutes is not None:
        await season.run_until(season.clock() + timedelta(minutes=plan.stop_after_minutes))
        await runner.send("/stop")
    else:
        await season.run_until(season.clock() + timedelta(hours=1, minutes=30))
    await _answer_questions(season, runner, plan)


async def _answer_safety_check(
    season: Season, runner: ChatRunner, profile: Profile, plan: Session
) -> None:
    """Tap through the safety check as a fit runner would (cut down if the script says a hard
    session came first), whatever questions this runner is asked, until the warm-up starts."""
    options = safety_texts.OPTION_LABELS
    answers = (
        options[choose_place(profile).value],
        options["surface_yes"],
        options["hard_yes" if plan.downgraded else "hard_no"],
        options["pain_0"],
        options["dizzy_today_no"],  # "No" to any sign asked today
        options["again_no"],
    )
    for _ in range(12):
        season.watch()
        labels = ChatRunner.buttons(season.latest[runner.chat_id])
        if options["warm_up_go"] in labels:
            await season.tap(runner, options["warm_up_go"])
            return
        label = next((answer for answer in answers if answer in labels), None)
        if label is None:
            raise AssertionError(f"no answer for the safety check's buttons {labels}")
        await season.tap(runner, label)
    raise AssertionError("the safety check never reached the warm-up")


async def _answer_questions(season: Season, runner: ChatRunner, plan: Session) -> None:
    """Effort, pain and the sore spot, as the bot asks them."""
    answers = {
        log_texts.EFFORT_QUESTION: str(plan.effort),
        log_texts.PAIN_QUESTION: str(plan.pain),
        log_texts.PAIN_SITE_QUESTION: log_texts.PAIN_SITES[plan.site],
    }
    for _ in range(len(answers)):
        season.watch()
        last = season.latest.get(runner.chat_id)
        label = None if last is None else answers.get(str(last.get("text", "")))
        if label is None:
            return
        await season.tap(runner, label)


async def answer_morning(season: Season, runner: ChatRunner, morning: str) -> None:
    """Answer the runner's unanswered check-in, if any; sore muscles or a joint after worse."""
    question = season.checkins.pop(runner.chat_id, None)
    if question is None:
        return
    if morning in ("sore", "joint"):
        await runner.tap(log_texts.MORNING_LABELS["worse"], question)
        await season.tap(runner, log_texts.MORNING_WHICH_LABELS[morning])
    else:
        await runner.tap(log_texts.MORNING_LABELS[morning], question)


@asynccontextmanager
async def simulated_coach(db_dir: Path, start: datetime = SEASON_START) -> AsyncIterator[Season]:
    """The whole bot on a fresh database, on a simulated clock from `start`, no rate limit."""
    clock = SimulatedClock(start)
    coach = Coach(settings_for_test(db_dir / "season.sqlite3"))
    coach.application = build_application(
        coach.settings,
        request=EmulatedRequest(coach.emulator),
        updates_request=EmulatedRequest(coach.emulator),
        rate_limiter=PriorityRateLimiter(None, group_per_minute=None),
        clock=clock,
    )
    async with running(coach.application, poll=False):
        assert coach.app.job_queue is not None
        coach.app.job_queue.scheduler.pause()  # only the simulator runs jobs
        services_of(coach.app).cue_timer.run_by_hand()  # and cues
        yield Season(coach, clock)


async def live_season(personas: Sequence[Persona], weeks: int, db_dir: Path) -> list[Trajectory]:
    """Every persona through `weeks` weeks of one running bot; their trajectories."""
    async with simulated_coach(db_dir) as season:
        return await _simulate(season, personas, weeks)


async def _simulate(season: Season, personas: Sequence[Persona], weeks: int) -> list[Trajectory]:
    services = services_of(season.app)
    runners = {persona.name: await join(season, persona.profile) for persona in personas}
    trajectories = {}
    for persona in personas:
        plan = await services.plans.get(persona.profile.user_id)
        assert plan is not None
        trajectories[persona.name] = Trajectory(
            persona, _position(plan.state.level, plan.state.stage)
        )
    mornings: dict[str, str] = {}
    for week in range(1, weeks + 1):
        monday = (SEASON_START + timedelta(weeks=week - 1)).date()
        counts = {persona.name: 0 for persona in personas}
        planned = {persona.name: 0.0 for persona in personas}
        for offset in range(7):
            day = monday + timedelta(days=offset)
            for persona in personas:
                profile = persona.profile
                if offset == 0:
                    planned[persona.name] = await _planned_minutes(season, profile)
                # The morning: any check-in goes out at its time, and is answered.
                await season.run_until(local(profile, day, clock_time(12, 0)))
                await answer_morning(
                    season, runners[persona.name], mornings.get(persona.name, "better")
                )
                if day.weekday() not in reverse_weekdays(profile):
                    continue
                index = counts[persona.name]
                counts[persona.name] += 1
                session = persona.script(week, index)
                if session is None:
                    continue
                await season.run_until(local(profile, day, profile.session_time))
                mornings[persona.name] = session.morning
                await train(season, runners[persona.name], profile, session)
            await season.run_until(datetime.combine(day, clock_time(23, 59), tzinfo=UTC))
        for persona in personas:
            trajectories[persona.name].weeks.append(
                await _week(season, persona, week, monday, planned[persona.name])
            )
    return list(trajectories.values())


async def _planned_minutes(season: Season, profile: Profile) -> float:
    services = services_of(season.app)
    plan = await services.plans.get(profile.user_id)
    assert plan is not None
    template = current_template(profile, plan.state)
    return template.reverse_seconds * len(reverse_weekdays(profile)) / 60


async def _week(
    season: Season, persona: Persona, number: int, monday: date, planned: float
) -> Week:
    services = services_of(season.app)
    user_id = persona.profile.user_id
    sunday = monday + timedelta(days=6)
    logs = [log for log in await services.logs.recent(user_id) if monday <= log.day <= sunday]
    plan = await services.plans.get(user_id)
    assert plan is not None
    changes = [
        f"{change.change.value}->{change.to_level}.{change.to_stage} ({change.reason.cause.value})"
        for change in await services.plans.history(user_id)
        if monday <= change.day <= sunday
    ]
    return Week(
        number,
        _position(plan.state.level, plan.state.stage, plan.state.reverse_cap),
        len(logs),
        sum(log.reverse_seconds for log in logs) / 60,
        planned,
        [log.effort for log in logs if log.effort is not None],
        [log.pain for log in logs if log.pain is not None],
        changes,
    )


def _position(level: int, stage: int, cap: int | None = None) -> str:
    return f"{level}.{stage}" + ("" if cap is None else f" (cap {cap} s)")


def local(profile: Profile, day: date, at: clock_time) -> datetime:
    """A moment on the runner's clock, in UTC."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(profile.timezone)).astimezone(UTC)


def week_line(persona: Persona, week: Week) -> str:
    """One line of the report."""
    effort = max(week.efforts, default=None)
    pain = max(week.pains, default=None)
    changes = "; ".join(week.changes) or "-"
    return (
        f"{persona.name:<24} w{week.number:<2} level {week.level:<16} sessions {week.sessions} "
        f"backwards {week.backward_minutes:5.1f} min (planned {week.planned_minutes:5.1f}) "
        f"effort {effort if effort is not None else '-'} pain {pain if pain is not None else '-'}"
        f"  {changes}"
    )


def run_season(personas: Sequence[Persona], weeks: int) -> list[Trajectory]:
    """The season on a fresh database in a temporary directory."""
    with tempfile.TemporaryDirectory() as folder:
        return asyncio.run(live_season(personas, weeks, Path(folder)))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the season and print it; exit status 1 if any trajectory is not the expected one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=16)
    parser.add_argument("--personas", default="", help="comma-separated names (default: all)")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.personas.split(",") if name.strip()]
    personas = [p for p in PERSONAS if not chosen or p.name in chosen]
    began = time.perf_counter()
    trajectories = run_season(personas, args.weeks)
    seconds = time.perf_counter() - began
    unexpected = 0
    for trajectory in trajectories:
        for week in trajectory.weeks:
            print(week_line(trajectory.persona, week))
    print()
    for trajectory in trajectories:
        problems = trajectory.problems()
        unexpected += bool(problems)
        levels = " ".join(
            f"w{week}:{trajectory.weeks[week - 1].level.split(' ')[0]}"
            for week in CHECKPOINT_WEEKS
            if week <= len(trajectory.weeks)
        )
        minutes = " ".join(f"{week.backward_minutes:.0f}" for week in trajectory.weeks)
        verdict = "expected" if not problems else "NOT expected: " + "; ".join(problems)
        print(f"{trajectory.persona.name:<24} start {trajectory.start} {levels}  {verdict}")
        print(f"{'':<24} backward minutes per week: {minutes}")
    print(f"\nseason: personas={len(personas)} weeks={args.weeks} seconds={seconds:.1f}")
    return 1 if unexpected else 0


if __name__ == "__main__":
    raise SystemExit(main())
