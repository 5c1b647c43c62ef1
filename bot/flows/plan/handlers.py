"""/plan: the runner's week, their next session, and where they are in the programme and why."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.flows.plan.coaching import plan_text, review_plan, runner_week
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachContext
from bot.texts import plan as texts


async def show_plan(update: Update, context: CoachContext) -> None:
    """Review the runner's plan against their logs and show it with this week as it went;
    without a profile, say how."""
    sender = await sender_with_profile(update, context, texts.NO_PROFILE_YET)
    if sender is None:
        return
    services, profile = context.services, sender.profile
    now = services.now()
    plan, decision = await review_plan(services, profile, now)
    week = await runner_week(services, profile, plan, now)
    await sender.message.reply_text(plan_text(profile, plan, decision, week, now))


def build_plan_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Handlers for /plan."""
    return [CommandHandler("plan", show_plan)]
