"""Who sent a command, with the profile most commands need first."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update

from bot.domain.profile import Profile
from bot.runtime.services import CoachContext


@dataclass(frozen=True, slots=True)
class Sender:
    """A runner with a profile, and the message to reply to."""

    message: Message
    profile: Profile

    @property
    def user_id(self) -> int:
        """The runner's Telegram user id."""
        return self.profile.user_id


async def sender_with_profile(
    update: Update, context: CoachContext, without_profile: str
) -> Sender | None:
    """The runner behind `update` and their profile; without a profile, reply
    `without_profile` (it says how to set one up) and return None."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return None
    profile = await context.services.profiles.get(user.id)
    if profile is None:
        await message.reply_text(without_profile)
        return None
    return Sender(message, profile)
