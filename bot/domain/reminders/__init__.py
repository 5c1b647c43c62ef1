"""Reminders without Telegram: when each is due (time zones, quiet hours, daylight saving),
what the reminder's buttons do, what to say about missed sessions, and reading /reminders
answers. The scheduling layer turns these into JobQueue jobs.
"""

from __future__ import annotations

from bot.domain.reminders.changes import (
    DEFAULT_SNOOZE_MINUTES,
    MoveOutcome,
    moved_to_tomorrow,
    snoozed,
)
from bot.domain.reminders.missed import (
    NOTHING_TO_SAY,
    REALIGN_AFTER_MISSES,
    MissedAction,
    MissedVerdict,
    missed_session_verdict,
)
from bot.domain.reminders.parsing import (
    QUIET_HOURS_OFF,
    QuietHoursOff,
    parse_lead,
    parse_quiet_hours,
)
from bot.domain.reminders.prefs import (
    DEFAULT_LEAD_MINUTES,
    MAX_LEAD_MINUTES,
    DailyReminder,
    ReminderPrefs,
    daily_reminder_time,
    in_quiet_hours,
    ptb_days,
    reminder_moment,
)

__all__ = [
    "DEFAULT_LEAD_MINUTES",
    "DEFAULT_SNOOZE_MINUTES",
    "MAX_LEAD_MINUTES",
    "NOTHING_TO_SAY",
    "QUIET_HOURS_OFF",
    "REALIGN_AFTER_MISSES",
    "DailyReminder",
    "MissedAction",
    "MissedVerdict",
    "MoveOutcome",
    "QuietHoursOff",
    "ReminderPrefs",
    "daily_reminder_time",
    "in_quiet_hours",
    "missed_session_verdict",
    "moved_to_tomorrow",
    "parse_lead",
    "parse_quiet_hours",
    "ptb_days",
    "reminder_moment",
    "snoozed",
]
