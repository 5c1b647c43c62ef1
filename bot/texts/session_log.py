"""Texts of logging a session: how it felt, the next-morning check-in, and /log."""

from __future__ import annotations

from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.profile import Units

EFFORT_QUESTION = (
    "How hard did that feel, from 0 to 10?\n"
    "0-2 very easy · 3 easy · 4-6 moderate · 7-8 hard · 9 very hard · 10 maximal\n"
    "Tap a number, or tell me everything in one message, like "
    '"6/10, knee 2, avg hr 140, 1.2 km, windy".'
)
PAIN_QUESTION = "Any pain during or after? 0 is none, 10 the worst imaginable."
PAIN_SITE_QUESTION = "Where was the pain?"
PAIN_SITES: dict[str, str] = {
    "knee": "Knee",
    "hip": "Hip",
    "ankle": "Ankle or foot",
    "calf": "Calf or shin",
    "back": "Back",
    "other": "Somewhere else",
}
BUTTON_SKIP = "Skip"
BUTTON_YES = "✅ Yes"
BUTTON_NO = "✏️ No, let me fix it"

CONFIRM = "{summary}: right?"
CONFIRM_NOTES = 'a note: "{notes}"'
FIX_IT = "No problem: tap the numbers instead."
NOTHING_USABLE = (
    "I couldn't find an effort or pain number in that. A tap on the buttons works, or "
    'type something like "effort 6, pain 1".'
)

TAKEAWAYS: dict[str, str] = {
    "pain_high": "Pain above 5 is your body asking for a break: we take it easier.",
    "some_pain": "Some pain today: I'll check how it feels tomorrow morning.",
    "very_hard": "That was very hard: next time slower, shorter bouts are fine.",
    "hard": "A hard one, well done. Backwards is new work, easy is fine too.",
    "moderate": "Moderate effort and no worrying pain: right where we want you.",
    "easy": "Felt easy: your body is adapting nicely.",
    "unanswered": "Thanks, logged.",
}
NEXT = "Next: {reason}"
ADD_MORE = "Anything to add? Type notes, average heart rate or distance any time today."
RED_FLAG_SEEN = "You mentioned a warning sign, so I've noted it and your plan steps back."

# Keyed by (before noon on the runner's clock, the sore spot is known).
MORNING_QUESTIONS: dict[tuple[bool, bool], str] = {
    (True, True): "Good morning! How is your {site} this morning compared with yesterday?",
    (True, False): (
        "Good morning! How does the sore spot feel this morning compared with yesterday?"
    ),
    (False, True): "Hello! How is your {site} today, compared with after {day}'s session?",
    (False, False): (
        "Hello! How does the sore spot feel today, compared with after {day}'s session?"
    ),
}
MORNING_SITE_NAMES: dict[str, str] = {
    "knee": "knee",
    "hip": "hip",
    "ankle": "ankle",
    "foot": "foot",
    "calf": "calf",
    "shin": "shin",
    "back": "back",
    "hamstring": "hamstring",
}
MORNING_LABELS: dict[str, str] = {"better": "Better", "same": "Same", "worse": "Worse"}
MORNING_THANKS = "Thanks for telling me."
MORNING_WHICH = "Which is it: sore muscles, or pain in a joint?"
MORNING_WHICH_LABELS: dict[str, str] = {"sore": "Sore muscles", "joint": "Joint pain"}
MORNING_WHICH_NOT_UNDERSTOOD = "Sore muscles, or pain in a joint? A tap on the buttons is enough."
MORNING_SORE = (
    "Sore calves and thighs are normal in the first weeks of going backwards: they are your "
    "muscles adapting. We keep this step as it is until they settle."
)
MORNING_WORSE = (
    "Worse the morning after means we reduce the load. Rest today; if it doesn't settle in a "
    "few days, see a physiotherapist or doctor."
)
MORNING_NOT_UNDERSTOOD = "Better, same or worse? A tap on the buttons is enough."

LOG_PROBLEMS: dict[str, str] = {
    "no_minutes": "How many minutes backwards? For example: /log 12 min effort 6.",
    "future_date": "That date hasn't happened yet. Log it on the day, or after.",
    "minutes_out_of_range": "Between 1 and 180 minutes backwards, please.",
    "date_too_old": "I keep logs of the last 30 days: that one is further back.",
    "unknown_date": "I couldn't read that date. Try yesterday, a weekday, or 18.11.",
    "unclear_numbers": (
        "Some numbers didn't fit: effort and pain are 0 to 10. For example: "
        "/log 12 min effort 6 pain 1."
    ),
}
NOTHING_TO_LOG = "There's nothing waiting to be logged. /log records a session you did alone."

# The guided /log: one question at a time, buttons or typed answers.
GUIDED_DAY = "Let's log it. Which day was the session?"
GUIDED_MINUTES = "How many minutes backwards, roughly? Tap one or type it."
GUIDED_EFFORT = (
    "How hard did it feel, from 0 to 10?\n"
    "0-2 very easy · 3 easy · 4-6 moderate · 7-8 hard · 9 very hard · 10 maximal"
)
GUIDED_PAIN = (
    "Any pain during or after? 0 is none, 10 the worst imaginable. "
    'You can say where, like "knee 2".'
)
GUIDED_NOTE = "Anything to add? Heart rate, distance, how it went: type it, or tap No note."
GUIDED_TODAY = "Today"
GUIDED_YESTERDAY = "Yesterday"
GUIDED_NO_NOTE = "No note"
GUIDED_CANCEL = "✖️ Cancel"
GUIDED_MINUTES_LABEL = "{minutes} min"
GUIDED_CANCELLED = "Okay, nothing logged. /log starts again whenever you like."
GUIDED_CARRY_ON = "Let's carry on where we were."
GUIDED_OLD_BUTTON = "That button is from an earlier question."
GUIDED_PROBLEMS: dict[str, str] = {
    "no_day": "Which day? Today, yesterday, a weekday like tue, or a date like 2.12.",
    "no_score": "A number from 0 to 10, please. A tap on the buttons works too.",
    "no_minutes": "How many minutes backwards? A number like 12 is enough.",
    "minutes_out_of_range": "Between 1 and 180 minutes backwards, please.",
    "future_date": "That day hasn't happened yet: which day was the session?",
    "date_too_old": "I keep logs of the last 30 days: which day in those was it?",
    "unknown_date": "I couldn't read that date. Try yesterday, a weekday, or 2.12.",
    "unclear_numbers": "How many minutes backwards? A number like 12 is enough.",
}

# What was recorded, said back: "Logged: Wed 2 Dec · 12 min backwards · effort 6 · knee
# pain 2 · 148 bpm · 1.5 km · "windy"", with a Fix button under it.
ECHO = "Logged: {parts}"
ECHO_JOIN = " · "
ECHO_DAY = "{weekday} {day} {month}"
ECHO_MINUTES = "{duration} backwards"
ECHO_EFFORT = "effort {effort}"
ECHO_PAIN = "pain {pain}"
ECHO_SITE_PAIN = "{site} pain {pain}"
ECHO_HEART_RATE = "{heart_rate} bpm"
ECHO_DISTANCE = "{distance} {unit}"
ECHO_NOTE = '"{note}"'
FIX_BUTTON = "✏️ Fix"
FIX_WHAT = "What should I fix?"
FIX_FIELDS: dict[str, str] = {
    "day": "Day",
    "minutes": "Minutes",
    "effort": "Effort",
    "pain": "Pain",
    "note": "Note",
}


def distance_text(km: float, units: Units) -> str:
    """A distance in the runner's units, as the log's echo and /history say it: "1.5 km",
    "0.93 mi"."""
    value, unit = (km / KM_PER_MILE, "mi") if units is Units.MILES else (km, "km")
    return ECHO_DISTANCE.format(distance=f"{value:.2f}".rstrip("0").rstrip("."), unit=unit)
