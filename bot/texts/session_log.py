"""Texts of logging a session: how it felt, the next-morning check-in, and /log."""

from __future__ import annotations

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
CONFIRM_EFFORT = "effort {effort}"
CONFIRM_PAIN = "{site} pain {pain}"
CONFIRM_PAIN_NO_SITE = "pain {pain}"
CONFIRM_HEART_RATE = "heart rate {heart_rate}"
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
NOTE_ADDED = "Added to your log. 👍"
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
MORNING_SORE = (
    "Sore calves and thighs are normal in the first weeks of going backwards: they are your "
    "muscles adapting. We keep this step as it is until they settle."
)
MORNING_WORSE = (
    "Worse the morning after means we reduce the load. Rest today; if it doesn't settle in a "
    "few days, see a physiotherapist or doctor."
)
MORNING_NOT_UNDERSTOOD = "Better, same or worse? A tap on the buttons is enough."

LOG_USAGE = (
    "To log a session you did without me, type for example:\n"
    "/log 12 min effort 6 pain 1\n"
    "/log yesterday 10 min 5/10\n"
    "/log 18.11 15 min effort 7, knee 2"
)
LOGGED = "Logged: {day}, {minutes} backwards{details}."
LOGGED_EFFORT = ", effort {effort}"
LOGGED_PAIN = ", pain {pain}"
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
