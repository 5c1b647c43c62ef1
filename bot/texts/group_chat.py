"""What the bot says in a group chat."""

from __future__ import annotations

from bot.texts.translation import localize

PRIVATE_ONLY = (
    "Let's keep your training between us: I coach each runner in our private chat, so "
    "nothing personal lands here. Tap to continue there: {link}"
)
BUTTON_OPEN_PRIVATE = "Open our private chat"


localize(__name__)
