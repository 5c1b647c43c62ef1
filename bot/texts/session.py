"""Texts of a live session: the timeline up front, each cue, pause, skip, stop and catch-up.

A cue's first line is what a lock screen shows, so it starts with an emoji and a word that
tell backwards from forwards at a glance.
"""

from __future__ import annotations

from bot.texts.translation import localize, plural

# The first line of each cue, by StepKind value.
CUE_HEADINGS: dict[str, str] = {
    "warm_up": "🔥 WARM-UP · walk forwards · {duration}",
    "reverse_walk": "⏪🚶 BACKWARDS · walk · {duration}",
    "reverse_jog": "⏪🏃 BACKWARDS · jog · {duration}",
    "forward_walk": "▶️🚶 forwards · walk · {duration}",
    "forward_jog": "▶️🏃 forwards · jog · {duration}",
    "cool_down": "🧊 COOL-DOWN · walk forwards · {duration}",
}
# The short names used in the timeline list and the catch-up message.
STEP_NAMES: dict[str, str] = {
    "warm_up": "warm-up walk",
    "reverse_walk": "walk backwards",
    "reverse_jog": "jog backwards",
    "forward_walk": "walk forwards",
    "forward_jog": "jog forwards",
    "cool_down": "cool-down walk",
}
TIP = "💡 {tip}"
PROGRESS = "Step {number} of {count} · {left} left"
HALFWAY = "Halfway there!"
LAST_ONE = "Last one backwards: make it tidy."

TIMELINE_HEADER = "Today: {shape} {place}, {minutes} min in all."
TIMELINE_DOWNGRADED = "Today: a gentler session, {shape} {place}, {minutes} min in all."
TIMELINE_LINE = "{number}. {name} {duration}"
TIMELINE_FOOTER = (
    "I'll send each step when it's due; keep your phone's sound or vibration on. "
    "Pause, skip or stop with the buttons."
)
TIMELINE_STEPS_FOLDED = "{first}–{last}. {count} × ({bout} {bout_name}, {recovery} {recovery_name})"

# The end of a finished session: a first line, then only the lines that are true.
DONE = "🏁 Done! {reverse} backwards today, {total} in all."
DONE_FIRST = "🏁 Done! Your first backwards session: {reverse}. 🎉"
DONE_BEST = "🏆 Your longest yet, {more} more than your best before."
DONE_MORE = "{difference} more than last time."
DONE_SAME = "The same as last time: nice and steady."
DONE_LESS = "{difference} less than last time, and that's fine: listen to your body."
DONE_STREAK = plural(
    "🔥 {weeks} week in a row with a session.",
    "🔥 {weeks} weeks in a row with a session.",
    "weeks",
)
DONE_NEXT = "Next session: {weekday} {day} {month} at {time}."
DONE_CAUGHT_UP = (
    "We were interrupted, and your session has finished in the meantime. "
    "I hope it went well: tell me how it felt."
)

PAUSED = "⏸ Paused in step {number} of {count}: {name}, {left} left. Resume when you're ready."
RESUMED = "▶️ Resuming step {number} of {count}: {name}, {left} left."
NOT_PAUSED = "The session is running, not paused."
ALREADY_PAUSED = "The session is already paused."
# The spinner's words for a Skip tapped again on a cue the session has moved past.
SKIP_ALREADY_DONE = "Already skipped: you're on the next step."
STOPPED = "⏹ Stopped after {reverse} backwards. Stopping early is fine: listen to your body."
NO_SESSION = "There's no session running. /go starts your next one."
ALREADY_RUNNING = (
    "You're in a session already: step {number} of {count}, {name}. Resume it or stop it?"
)
ALREADY_RUNNING_PAUSED = (
    "You have a paused session: step {number} of {count}, {name}. Resume it or stop it?"
)
CAUGHT_UP = (
    "We were interrupted, sorry. You are now in step {number} of {count}, {name}, "
    "{left} left. Cues continue from here."
)
CUE_HELD_BACK = (
    "Sorry, my last cue could not reach you in time. You are now in step {number} of {count}: "
    "{name}, {left} left."
)
NO_SESSION_STEP = "Your session is just wrapping up. Resume it or stop it?"
CHECK_ANSWER = "✔︎ {answer}"
CHECK_USE_BUTTONS = "Tap one of the buttons on the safety check above, please. /go starts it again."
CHECK_ENDED = "That safety check has ended. /go starts a fresh one."
NEEDS_PROFILE = "Let's set up your profile first: /start takes about two minutes."

BUTTON_PAUSE = "⏸ Pause"
BUTTON_RESUME = "▶️ Resume"
BUTTON_SKIP = "⏭ Skip"
BUTTON_STOP = "⏹ Stop"
BUTTON_UNWELL = "🆘 I feel unwell"


localize(__name__)
