"""Texts of club sessions: what the group reads (set-up, the pinned status, one cue per
step) and what each member reads in their private chat (their check, their part, the end).
The group only ever sees the names members show and whether they are in or done."""

from __future__ import annotations

from bot.texts.translation import localize

# --- In the group ------------------------------------------------------------------------

SETUP_ASK = (
    "🏃 Let's make this group a club: I'll cue your sessions here, once for everyone, and "
    "check each runner privately before they start.\n\nWhere do you train together?"
)
PLACE_BUTTONS: dict[str, str] = {"track": "🏟 Running track", "park": "🌳 Field or park"}
CLUB_PLACES: dict[str, str] = {"track": "on the track", "park": "on the field"}
SET_UP = (
    "✅ Club set up: we train {place}, on {timezone} time.\n"
    "/club now opens a session to start together; /club 18:30 opens one starting at 18:30; "
    "/club end ends it. /language sets the language I write in here."
)
ADMINS_ONLY = "Only the group's admins can set up the club and start its sessions."
LANGUAGE_ADMINS_ONLY = "Only the group's admins can change the language I write in here."
GROUP_LANGUAGE_MENU = (
    "Which language should I write in, in this group? Each member's private chat with me "
    "stays in their own language."
)
GROUP_LANGUAGE_SET = (
    "✅ This group's language: {language}. Each member's private chat with me stays in their "
    "own language."
)
NOT_SET_UP = "This group isn't a club yet: an admin can set it up with /club."
UNKNOWN_TIMEZONE = (
    "I don't know the time zone \u201c{name}\u201d. Try one like /club Europe/London."
)
USAGE = (
    "/club now opens a session to start together; /club 18:30 opens one starting at 18:30 "
    "({timezone} time); /club end ends it."
)
IN_PRIVATE = (
    "Club sessions run in a group chat: add me to your club's group and an admin sends "
    "/club there. Your own sessions stay here, with /go."
)
ALREADY_OPEN = "There's a club session on already: the pinned message has it."

STATUS_AT = "🏃 Club session {place} · starts at {time}"
STATUS_ON_TAP = "🏃 Club session {place} · starts when an admin taps Start"
JOIN_HINT = "Tap Join: your quick safety check comes in our private chat."
STATUS_RUNNING = "🏃 Club session {place} · on now\nStep {number} of {count}: {name} · {left} left"
STATUS_FINISHED = "🏁 Club session {place} · finished. Thank you, everyone!"
STATUS_CALLED_OFF = "Club session {place} · nobody was ready, so it's off this time."
STATUS_ENDED = "Club session {place} · ended by an admin."
ROSTER_READY = "In ({count}): {names}"
ROSTER_CHECKING = "Checking in ({count}): {names}"
ROSTER_DONE = "Done ({count}): {names}"
NOBODY_YET = "Nobody in yet."
BUTTON_JOIN = "🙋 Join"
BUTTON_START = "▶️ Start now"

# One cue for a backwards step that walkers and joggers share.
MIXED_BACKWARDS = "⏪ BACKWARDS · {duration}"
MIXED_VARIANTS = "🚶 Walkers: walk backwards · 🏃 Joggers: jog backwards"
MIXED_REMINDER = "Keep your own lane and look back over your shoulder before you set off."
CLUB_DONE = "🏁 That's the session: well done, everyone! Your own log is waiting in our chat."
CLUB_ENDED = "⏹ An admin ended the session here. Walk it off easy; your log is in our chat."
# Members who stopped mid-session, whatever the reason (never anything about their health):
# one line for one of them, or for several ("Ana, Ben") since the group was last told.
MEMBER_STOPPED = "{name} has stopped for today; the session goes on for everyone else."
MEMBERS_STOPPED = "{names} have stopped for today; the session goes on for everyone else."
CAUGHT_UP = "⏱ I lost track for a moment. We're at step {number} of {count}: {name}, {left} left."

# Answers to taps in the group (shown on the tapper's screen only).
CHECK_IN_PRIVATE = "Your check is in our private chat with me."
OPEN_PRIVATE = "Open our private chat: your check starts there."
JOINED_ALREADY = "You've joined already: your check is in our private chat."
JOINS_CLOSED = "This session has started: join the next one!"
NOBODY_READY = "Nobody has finished their check yet."
NO_SESSION = "That session is over."
NOTHING_TO_END = "There's no club session on to end."

# --- In a member's private chat ------------------------------------------------------------

CHECK_INTRO = (
    "🏃 You joined the club session {place} ({start}). A quick check first, as before any session:"
)
START_AT = "at {time}"
START_ON_TAP = "starting soon"
NEEDS_PROFILE = (
    "Before your first club session I need to know you a little: send /start here, then "
    "tap Join in the group again."
)
OWN_SESSION_RUNNING = (
    "You're in a session of your own right now: finish or stop it first, then tap Join again."
)
YOU_ARE_IN = (
    "✅ You're in. The cues come in the group, once for everyone.\n\n{part}\n\n"
    "Stop whenever you need to with the buttons below; 🆘 if you feel unwell."
)
PART_WALK = "Your part: when the group goes backwards, you walk backwards, at your own easy pace."
PART_WALK_PRECAUTION = (
    "Your part: when the group goes backwards, you walk backwards: with your readiness "
    "answers, walking keeps you steady among other runners."
)
PART_JOG = "Your part: when the group goes backwards, you jog backwards, easy and relaxed."
SIT_OUT = "Sit this one out: the group will be there next time."
TOO_LATE = (
    "The group started before your check was done, so this one goes on without you. "
    "See you at the next!"
)
CALLED_OFF = (
    "The club session is off this time, so there's nothing more to check. See you at the next!"
)
BUTTON_STOP = "⏹ I'm stopping"
BUTTON_UNWELL = "🆘 I feel unwell"
STOPPED = (
    "⏹ Stopped after {reverse} backwards. Stopping early is fine: walk off to the side and "
    "let the others know you're done."
)
MEMBER_DONE = "🏁 Done with the club: {reverse} backwards today. Nicely run!"
SOMEONE = "A runner"  # when a member's Telegram first name is empty
CHECK_OVER = "That check is over: tap Join in the group for the next session."
NOT_RUNNING = "You're not running with the group now."
# Words typed in private mid-session that could be harmless or not: the group goes on, so
# the member steps aside for the one question (a runner on their own is paused instead).
WHICH_QUESTION = (
    "Step to the side and stand still for a moment: the group carries on. To get this right, "
    "which is closest to how you feel?"
)
CARRY_ON = "Good. Rejoin the group when you feel ready: take it easy, and stop if it comes back."
ALERT_NOTE = "Tell someone next to you or your coach straight away."


localize(__name__)
