"""The long-lived services every handler can reach, and the typed callback context."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.runtime.coach_bot import CoachBot
from bot.runtime.cue_stats import CueStats
from bot.runtime.cue_timer import CueTimer
from bot.runtime.file_workers import FileWorkers
from bot.runtime.job_registry import JobRegistry
from bot.runtime.loop_lag import LoopLag
from bot.runtime.recent_events import RecentEvents
from bot.runtime.update_trace import RunnerTag, log_key_for
from bot.storage.applied import AppliedUpdates, SpentOffers
from bot.storage.calendar_feeds import CalendarFeeds
from bot.storage.clubs import Clubs
from bot.storage.database import Database
from bot.storage.live_sessions import LiveSessions
from bot.storage.log_drafts import LogDrafts
from bot.storage.plans import Plans
from bot.storage.profiles import Profiles
from bot.storage.reminders import Reminders
from bot.storage.runner_data import RunnerData
from bot.storage.runners import Runners
from bot.storage.safety_checks import SafetyChecks
from bot.storage.safety_stops import SafetyStops
from bot.storage.session_logs import SessionLogs
from bot.storage.spotters import Spotters
from bot.storage.usage import Usage
from bot.storage.watch_workouts import WatchWorkouts

_SERVICES_KEY = "services"
DATABASE_BACKLOG = 16  # statements waiting for the database: new updates wait beyond this


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC: the clock of a running bot."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Services:
    """Built once per Application; the database is opened in post_init."""

    settings: Settings
    db: Database
    runners: Runners
    profiles: Profiles
    plans: Plans
    safety_checks: SafetyChecks
    safety_stops: SafetyStops
    live_sessions: LiveSessions
    logs: SessionLogs
    reminders: Reminders
    usage: Usage
    applied_updates: AppliedUpdates
    spent_offers: SpentOffers
    spotters: Spotters
    watch_workouts: WatchWorkouts
    calendar_feeds: CalendarFeeds
    log_drafts: LogDrafts
    clubs: Clubs
    jobs: JobRegistry = field(default_factory=JobRegistry)
    cue_stats: CueStats = field(default_factory=CueStats)
    # Held while a live session is read, changed and written back (a cue, a tap).
    session_locks: defaultdict[int, asyncio.Lock] = field(
        default_factory=lambda: defaultdict(asyncio.Lock)
    )
    errors: RecentEvents = field(default_factory=RecentEvents)  # unix times, last 24 h
    file_workers: FileWorkers = field(default_factory=FileWorkers)
    # Holds new updates while the event loop or the database is behind, so cues keep
    # their moments.
    loop_lag: LoopLag = field(init=False)
    # What `now()` reads: the real clock, or a simulated one (the season simulator, tests).
    clock: Callable[[], datetime] = utc_now
    # Every live session's next cue, on `clock`.
    cue_timer: CueTimer = field(init=False)

    def __post_init__(self) -> None:
        timer = CueTimer(lambda: self.clock().timestamp(), lambda: self.errors.record(time.time()))
        object.__setattr__(self, "cue_timer", timer)  # a frozen dataclass's own field
        gate = LoopLag(backlog=lambda: self.db.waiting > DATABASE_BACKLOG)
        object.__setattr__(self, "loop_lag", gate)

    @classmethod
    def create(cls, settings: Settings, clock: Callable[[], datetime] = utc_now) -> Services:
        """The services of one Application, on the database `settings` names and `clock`."""
        db = Database(settings.db_path, settings.database_url)
        key = log_key_for(settings.token or "")
        return cls(
            settings,
            db,
            Runners(db),
            Profiles(db),
            Plans(db),
            SafetyChecks(db),
            SafetyStops(db),
            LiveSessions(db),
            SessionLogs(db),
            Reminders(db),
            Usage(db),
            AppliedUpdates(db),
            SpentOffers(db),
            Spotters(db),
            WatchWorkouts(db),
            CalendarFeeds(db),
            LogDrafts(db),
            Clubs(db),
            JobRegistry(key),
            clock=clock,
        )

    def runner_data(self) -> RunnerData:
        """Export and erase of one runner's rows, clearing what repositories remember."""
        return RunnerData(
            self.db,
            remembering=(
                self.profiles,
                self.plans,
                self.safety_checks,
                self.live_sessions,
                self.runners,
            ),
        )

    def cancel_runner_timers(self, user_id: int) -> None:
        """Cancel every job of one runner, and their live session's next cue."""
        self.jobs.cancel_runner(user_id)
        self.cue_timer.cancel(user_id)

    def runner_tag(self, chat_id: int) -> RunnerTag:
        """How a log line names a runner: the update log's keyed hash, never the chat id."""
        return RunnerTag(chat_id, log_key_for(self.settings.token or ""))

    def now(self) -> datetime:
        """The current time, timezone-aware in UTC, on the application's clock: reminders,
        check-ins, live sessions and progression all read it."""
        return self.clock()


BotData = dict[Any, Any]
CoachApplication = Application[Any, "CoachContext", BotData, BotData, BotData, Any]


class CoachContext(CallbackContext[CoachBot, BotData, BotData, BotData]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self.application)


def attach_services(
    application: Application[Any, Any, Any, Any, Any, Any], services: Services
) -> None:
    """Make `services` reachable from every handler of `application`."""
    application.bot_data[_SERVICES_KEY] = services


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services attached to `application`."""
    services = application.bot_data[_SERVICES_KEY]
    if not isinstance(services, Services):
        raise TypeError("application has no Services attached")
    return services
