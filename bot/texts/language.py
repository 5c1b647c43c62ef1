"""Texts of /language and of the bot's own profile in Telegram (description, short
description), which are registered once per language at start."""

from __future__ import annotations

from bot.texts.translation import localize

LANGUAGE_COMMAND = "Choose the language I write in"
MENU = "Which language shall I write in? Tap one."
# Each catalogue says this in its own language, naming that language.
CHANGED = "Got it: I'll write to you in English from now on. ✅"
UNCHANGED = "That's the language I'm using already. ✅"
CURRENT_MARK = "✓ {language}"
PROFILE_BUTTON = "🌐 Language"
SUMMARY_LANGUAGE = "• Language: {language}"

# Telegram's profile of the bot: the description shows in an empty chat, before /start (up
# to 512 characters); the short one on the bot's profile page and in shared links (120).
DESCRIPTION = (
    "Backstride is a coach for running backwards. It starts you with backward walking, "
    "grows short reverse-jog intervals week by week, checks that your spot is safe before "
    "every session, cues each interval on time in this chat, and adapts from how you "
    "felt. General training guidance, not medical advice. Tap Start to set up in about "
    "two minutes."
)
SHORT_DESCRIPTION = "Your coach for running backwards: safe places, timed cues, a plan that adapts."


localize(__name__)
