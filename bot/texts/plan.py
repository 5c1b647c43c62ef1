"""Texts of /plan and of the first-session note: the week, the next session, where the runner
is in the programme and why.

Keyed by plain values (level numbers, Place and Route string values) so this module needs no
domain import, like `texts.programme`.
"""

from __future__ import annotations

from bot.texts.translation import localize

# The /help and command-menu line for /plan.
PLAN_HELP = "Your week, your next session, and why your plan is what it is"

NO_PROFILE_YET = (
    "Your plan is built from a few questions about you, and we haven't done those yet. "
    "Send /start and we'll set it up together: it takes a couple of minutes."
)

# --- Where the runner is -------------------------------------------------------------------

LEVEL_LINE = "Level {level}, step {stage} of {stages}: {name}."
# Per level, by route ("walker" when a route has no name of its own): walkers lengthen their
# jogs with walking breaks, regular runners mix them into forward jogging.
LEVEL_NAMES: dict[int, dict[str, str]] = {
    0: {"walker": "backward walking"},
    1: {"walker": "short reverse jogs with walking breaks"},
    2: {
        "walker": "longer reverse jogs with walking breaks",
        "runner": "reverse jogs mixed into forward jogging",
    },
    3: {
        "walker": "reverse bouts of 90 s to 3 min with walking breaks",
        "runner": "longer reverse stretches inside an easy run",
    },
}
WHY = "Why: {reason}"

# --- The week --------------------------------------------------------------------------------

WEEK_HEADER = "This week"
DAY_LABEL = "{weekday} {day} {month}"
DAY_LABEL_TODAY = "{day} (today)"
DAY_SESSION = "{day}: {shape} ({reverse} backwards)"
DAY_CHALLENGE = "{day}: challenge, {shape} ({reverse} backwards)"
DAY_EASY = "{day}: easy day"
WEEK_TOTAL = "Backwards this week: {reverse}."

# --- The next session ------------------------------------------------------------------------

NEXT_SESSION = "Next session: {when}, {place}"
SESSION_STEPS = "{warm_up} warm-up walk, then {shape}, then {cool_down} cool-down walk."
SESSION_TOTALS = "About {minutes} min in all, {reverse} of it backwards."
FIRST_SESSION = "Your first session: {when}, {place}: {shape}, about {minutes} min."

WHEN_TODAY = "today at {time}"
WHEN_TOMORROW = "tomorrow at {time}"
WHEN_DATE = "{weekday} {day} {month} at {time}"

PLACE_NAMES: dict[str, str] = {
    "track": "on the track",
    "treadmill": "on the treadmill",
    "park": "in the park",
    "hallway": "in the hallway",
}


localize(__name__)
