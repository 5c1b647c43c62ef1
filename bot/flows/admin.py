"""Admin commands, for BACKSTRIDE_ADMIN_IDS only; anyone else gets the unknown-command reply,
so the commands' existence is not revealed."""

from __future__ import annotations

import time
from datetime import timedelta

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.flows.basics import unknown_command
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.services import CoachContext
from bot.texts import admin as texts

ACTIVE_WINDOW = timedelta(days=7)
# Reminder jobs are named "reminder:…" (one-offs) and "reminders:…" (groups); see
# bot/flows/reminders/jobs.py reminder_job_name.
_REMINDER_JOB_PREFIX = "reminder"


def is_admin(update: Update, context: CoachContext) -> bool:
    """True if the update comes from one of the configured admins."""
    user = update.effective_user
    return user is not None and user.id in context.services.settings.admin_ids


async def show_stats(update: Update, context: CoachContext) -> None:
    """/stats: what the bot holds and does right now."""
    message = update.effective_message
    if not is_admin(update, context):
        await unknown_command(update, context)
        return
    if message is None:
        return
    services = context.services
    counts = await services.usage.counts(services.now() - ACTIVE_WINDOW)
    limiter = context.bot.rate_limiter
    await message.reply_text(
        texts.STATS.format(
            runners=counts.runners,
            active=counts.active,
            live_sessions=counts.live_sessions,
            sessions_logged=counts.sessions_logged,
            reminder_rows=counts.reminder_rows,
            reminder_jobs=sum(
                name.startswith(_REMINDER_JOB_PREFIX) for name in services.jobs.names()
            ),
            messages_sent=(
                limiter.messages_sent if isinstance(limiter, PriorityRateLimiter) else 0
            ),
            errors=services.errors.count(time.time()),
        )
    )


def build_admin_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Handlers for the admin commands (never listed in /help or the command menu)."""
    return [CommandHandler("stats", show_stats)]
