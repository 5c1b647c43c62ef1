"""Texts of reminders, nudges, /reminders and /calendar."""

from __future__ import annotations

from bot.texts.translation import localize, plural

REMINDER = "⏰ Backwards session {when}: {shape} {place}, about {minutes} min."
REMINDER_WHEN_SOON = "at {time}"
BUTTON_START = "▶️ Start now"
BUTTON_SNOOZE = "😴 Snooze 30 min"
BUTTON_SKIP = "Skip today"
BUTTON_MOVE = "Move to tomorrow"

SNOOZED = "Okay, I'll remind you again at {time}."
SNOOZE_PAST_START = (
    "Snoozing 30 min would take you past your {start} start. Move today's session instead?"
)
BUTTON_LATER = "Move to {time} today"
MOVED_LATER = "Moved to {time} today. I'll remind you then."
SKIPPED = "Skipped. Rest well: the next one will feel fresher."
MOVED = "Moved to tomorrow at {time}. I'll remind you before it."
MOVE_TOMORROW_TAKEN = "Tomorrow already has a backwards session, so let's skip today instead."
MOVE_BACK_TO_BACK = (
    "Moving it would put two backwards days in a row, which your legs don't need. "
    "Skip today instead?"
)
ALREADY_DONE = "That one is done or changed already. /plan shows what's next."

NUDGE = (
    "Yesterday's backwards session didn't happen, and that's fine. "
    "Fancy a short one next time? /plan shows when."
)
REALIGN = plural(
    "You've missed {count} session in a row. Rather than piling them up, shall we repeat "
    "this week's step, or go one step back?",
    "You've missed {count} sessions in a row. Rather than piling them up, shall we repeat "
    "this week's step, or go one step back?",
    "count",
)
BUTTON_REPEAT = "🔁 Repeat this step"
BUTTON_STEP_BACK = "⬇️ One step back"

SUMMARY = (
    "Reminders: {state}.\n"
    "Sessions: {days} at {time} ({timezone}).\n"
    "Quiet hours: {quiet}.\n\n"
    "Change with the buttons, or type for example\n"
    "/reminders lead 45 · /reminders quiet 22-7 · /reminders quiet off\n"
    "Days and time: /profile."
)
STATE_ON = "on, {lead} min before each session"
STATE_OFF = "off"
QUIET_NONE = "none"
QUIET_WINDOW = "{start}–{end}"
BUTTON_TURN_OFF = "🔕 Turn off"
BUTTON_TURN_ON = "🔔 Turn on"
BUTTON_LEAD = "{minutes} min before"
BUTTON_QUIET = "Quiet 22–07"
BUTTON_NO_QUIET = "No quiet hours"
NOT_UNDERSTOOD = (
    "I didn't get that. Try /reminders lead 45, /reminders quiet 22-7 or /reminders off."
)
LEAD_RANGE = (
    "Reminders come 0 to {most} minutes before a session (up to 4 hours): "
    "for example /reminders lead 45."
)
QUIET_RANGE = (
    "Quiet hours are a start and an end on the 24-hour clock, 00 to 23: for example "
    "/reminders quiet 22-7, or /reminders quiet off."
)
# What a settings change did, said first.
CHANGED_ON = "🔔 Reminders on: {lead} min before each session."
CHANGED_OFF = "🔕 Reminders off. /reminders on brings them back."
CHANGED_LEAD = "✅ Now {lead} min before each session."
CHANGED_QUIET = "✅ Quiet hours now {start}–{end}: no reminders then."
CHANGED_NO_QUIET = "✅ No quiet hours now."
UNCHANGED = "That's how it was already. ✅"
CURRENT_MARK = "✓ "
NEEDS_PROFILE = "Set up your profile first: /start. Then reminders follow your plan."

CALENDAR_CAPTION = (
    "Your next four weeks of backwards sessions. Open the file to add them to your calendar."
)
CALENDAR_EMPTY = "There are no backwards sessions planned in the next four weeks."


localize(__name__)
