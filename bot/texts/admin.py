"""Texts only the bot's admins read."""

from __future__ import annotations

from bot.texts.translation import localize

STATS = (
    "📊 Backstride right now\n\n"
    "Runners: {runners}\n"
    "Active this week: {active} (seen, logging or in a session in the last 7 days)\n"
    "Live sessions now: {live_sessions}\n"
    "Sessions logged: {sessions_logged}\n"
    "Reminders scheduled: {reminder_rows} stored, {reminder_jobs} jobs in the queue\n"
    "Messages sent since start: {messages_sent}\n"
    "Errors in the last 24 h: {errors}"
)


localize(__name__)
