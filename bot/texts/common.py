"""Texts of the baseline chat: welcome, help, fallbacks and errors."""

from __future__ import annotations

from bot.texts.language import LANGUAGE_COMMAND
from bot.texts.plan import PLAN_HELP
from bot.texts.translation import localize

# Command: one line for /help and Telegram's command menu, in the order runners need them.
COMMANDS: dict[str, str] = {
    "start": "Set up your coach, or pick up where you left off",
    "help": "What I can do",
    "plan": PLAN_HELP,
    "go": "Start your next session (a quick safety check first)",
    "workout": "Your next session as a watch workout file",
    "pause": "Pause the session you're in",
    "resume": "Carry on after a pause",
    "skip": "Skip to the next step of the session",
    "stop": "End the session now",
    "log": "Log a session you did without me",
    "progress": "Your weeks in a chart, and what they mean",
    "history": "Every session you logged",
    "reminders": "When I remind you, and quiet hours",
    "calendar": "Your next four weeks as a calendar file",
    "spotter": "Invite someone to walk beside you, or end a pairing",
    "club": "Club sessions in a group chat: an admin sends /club there, and /language for "
    "the group's language",
    "profile": "See your setup and change any part of it",
    "language": LANGUAGE_COMMAND,
    "export": "Your data as CSV and JSON files",
    "delete": "Erase everything I know about you",
    "cancel": "Leave what we are doing right now",
}

WELCOME = (
    "Hi {name}! I'm Backstride, your coach for running backwards. 🔙🏃\n\n"
    "Reverse running is kind to knees, good for balance and posture, and about a third "
    "harder than running forwards, so we start gently: backward walking first, then short "
    "reverse jogs, growing week by week, always somewhere safe and flat.\n\n"
    "I'll plan your sessions, check in before each one, cue every interval on time and "
    "adjust from how you feel."
)

HELP_HEADER = "Here's what I can do:"
HELP_FOOTER = "Tip: every question has buttons, and you can type answers too."

CANCELLED = "Okay, stopped there. Nothing you already told me is lost. /help shows what's next."
NOTHING_TO_CANCEL = "There's nothing to cancel right now. /help shows what I can do."

# Unexpected input: what it was, said kindly, then the next useful step for where the
# runner is.
VOICE_NOT_YET = "I can't listen to voice notes yet, sorry: could you type it?"
PHOTO_NOT_YET = "I can't look at photos yet (a GPX, TCX or FIT file from a watch I can read)."
STICKER_THANKS = "Nice one! 😄"
NEWCOMER_HELLO = "Hi! I'm Backstride, a coach for running backwards."
NOT_FOLLOWED = "I didn't quite follow that."
NEXT_FOR_NEWCOMER = "Send /start and we'll set you up in about two minutes."
NEXT_BETWEEN_SESSIONS = (
    "/go starts your next session, /plan shows your week, and /log records one you did on your own."
)


def unexpected_reply(opening: str | None, set_up: bool) -> str:
    """The answer to input no flow took: its `opening` (None: plain text), then what next."""
    if opening is None:
        opening = str(NOT_FOLLOWED) if set_up else str(NEWCOMER_HELLO)
    next_step = str(NEXT_BETWEEN_SESSIONS) if set_up else str(NEXT_FOR_NEWCOMER)
    return f"{opening} {next_step}"


BUTTON_EXPIRED = "That button has expired. /help shows what I can do now."
UNKNOWN_COMMAND = "I don't know that command. /help lists the ones I do."

SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side. Nothing you told me is lost; "
    "please try that again in a moment."
)


def help_text() -> str:
    """The /help message: every command with its one-line description."""
    lines = [str(HELP_HEADER), ""]
    lines += [f"/{command} - {description}" for command, description in COMMANDS.items()]
    lines += ["", str(HELP_FOOTER)]
    return "\n".join(lines)


localize(__name__)
