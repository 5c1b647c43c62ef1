"""The runner blocks or unblocks the bot (or removes it from, or adds it to, a group):
Telegram says so in a `my_chat_member` update, and reachability follows at once."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import BaseHandler, ChatMemberHandler

from bot.flows.reminders.jobs import restore_runner_jobs
from bot.flows.session_log.checkin import rebuild_checkin_jobs
from bot.runtime.sending import runner_unreachable
from bot.runtime.services import CoachContext

_GONE = frozenset({ChatMember.BANNED, ChatMember.LEFT})


async def bot_membership_changed(update: Update, context: CoachContext) -> None:
    """Blocked or removed: the chat's runners become unreachable (sessions end, jobs go).
    Unblocked or added back: they are reachable again and their jobs are rebuilt."""
    change = update.my_chat_member
    if change is None:
        return
    chat_id = change.chat.id
    if change.new_chat_member.status in _GONE:
        await runner_unreachable(context.application, chat_id)
        return
    for user_id in await context.services.runners.mark_reachable(chat_id):
        await restore_runner_jobs(context.application, user_id)
        await rebuild_checkin_jobs(context.application, user_id=user_id)


def build_reachability_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """The handler for changes of the bot's own membership in a chat."""
    return [ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)]
