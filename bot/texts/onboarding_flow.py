"""Texts around the onboarding questions: resuming, pausing, wrong kinds of answer, /profile."""

from __future__ import annotations

from bot.texts.translation import localize

RESUME_OFFER = (
    "Welcome back! You were partway through setting up. Shall we carry on where you left "
    "off, or start again from the first question?"
)
RESUME_CONTINUE = "Carry on"
RESUME_RESTART = "Start over"
RESUME_PICK = "Tap “Carry on” or “Start over”, please."

WELCOME_BACK = "Welcome back, {name}! You're all set up."
WELCOME_BACK_NEXT = "/plan shows this week; /profile lets you change anything."

PAUSED = "Paused. Everything you've answered is saved: send /start to carry on."
FINISH_FIRST = "Let's finish setting up first (it's quick). /cancel pauses it."
NOT_AN_ANSWER = "I can only read typed answers or taps for this one."
STALE_BUTTON = "That button belongs to an earlier question. Here's where we are:"
OLD_BUTTON = "That button is from an earlier chat. /help shows what I can do now."
TAP_SOMETHING = "Tick at least one, then tap Done."
LOCATION_PROMPT = "Or share your location and I'll work out your time zone (nothing else is kept)."
LOCATION_NOT_NOW = "Thanks, but I don't need a location for this question."

ALL_SET = "All set! 🎉"
WHATS_NEXT = (
    "/plan shows your week and why it looks the way it does.\n"
    "⌚ Wearing a watch paired with your phone? Telegram's notifications reach it: give this "
    "chat its own sound and keep it unmuted, and my cues buzz on your wrist. /workout puts "
    "a whole session on the watch, so it buzzes at every turn by itself."
)
# A /profile change: what changed (the setup's own lines) and what it means, nothing more.
PROFILE_CHANGED = "✅ Changed:\n{lines}"
PROFILE_UNCHANGED = "That's what you had already, so nothing changed. ✅"
# What follows from a change, by /profile field ("age", "days"...); health and age answers
# may also change what the plan allows, which readiness_text says.
PROFILE_CONSEQUENCES: dict[str, str] = {
    "running": "Your plan takes it into account from the next session.",
    "goals": "Your plan takes it into account from the next session.",
    "injuries": "Your plan takes it into account from the next session.",
    "places": "I'll suggest these places for your sessions from now on.",
    "days": "Your sessions, and their reminders, moved to the new days.",
    "time": "Your sessions, and their reminders, moved to the new time.",
    "timezone": "Your sessions, and their reminders, now follow this time zone.",
    "units": "Distances show in these units from now on.",
}

PROFILE_PICK = "Tap what you'd like to change:"
PROFILE_NONE = "You haven't set up yet. Send /start and we'll do it together in a few minutes."
PROFILE_CLEARED_BUTTON = "A doctor has cleared me"
PROFILE_CLEARED = (
    "Great news, and thanks for checking. I've lifted the walk-only limit: your plan can now "
    "move on to reverse jogging when you're ready."
)
PROFILE_FIELD_LABELS: dict[str, str] = {
    "age": "Age",
    "running": "Running now",
    "goals": "Goals",
    "injuries": "Pain or injury",
    "places": "Where",
    "days": "Days",
    "time": "Time",
    "timezone": "Time zone",
    "units": "Units",
    "health": "Health questions",
}


localize(__name__)
