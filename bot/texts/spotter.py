"""Texts of the spotter: the invitation, the pairing, and what the spotter sees of a session."""

from __future__ import annotations

from bot.texts.translation import localize

INVITE_HOURS = 24
SOMEONE = "Your partner"  # when a partner's Telegram first name is empty

INVITE = (
    "👀 A spotter walks beside you and watches what's behind you while you go backwards: "
    "the best safety net there is, especially at the start.\n\n"
    "Send this link to the person who'll come along. It works once, for "
    "{hours} hours:\n{link}\n\n"
    "They'll get your session's steps and cues, and an alert if you tap 🆘. "
    "Nothing else: no notes, no pain scores, no history."
)
YOUR_SPOTTERS = "Spotting you: {names}."
YOU_SPOT = "You spot: {names}."
BUTTON_UNPAIR = "End pairing with {name}"

LINK_INVALID = (
    "That spotter link has expired or was already used. Ask your runner for a fresh one: "
    "/spotter makes it."
)
LINK_OWN = "That's your own spotter link: send it to the person who'll walk beside you."
PAIRED_SPOTTER = (
    "🤝 You're now {runner}'s spotter. When {runner} starts a session I'll tell you, and "
    "you can follow the cues here. If {runner} taps 🆘 I'll alert you at once.\n"
    "/spotter ends the pairing any time."
)
PAIRED_RUNNER = "🤝 {spotter} accepted: {spotter} is now your spotter. /spotter ends it any time."
UNPAIRED = "Done: {name} and you are no longer paired."
UNPAIRED_PARTNER = "{name} ended your spotter pairing. /spotter starts a new one."
NOT_PAIRED = "You two aren't paired any more. /spotter shows where things stand."

SESSION_STARTING = "🏃 {runner} is starting a session now ({minutes} min in all):"
FOLLOW_HINT = "Are you beside {runner}? Tap below and I'll send you each step as it starts."
BUTTON_FOLLOW = "👀 I'm beside {runner}: send me the cues"
FOLLOWING = "Great: you'll get each step as {runner} does."
# Each cue, worded for the spotter, by step kind.
SPOTTER_CUES: dict[str, str] = {
    "warm_up": "🔥 {runner} warms up, walking forwards ({duration}). Walk along and chat.",
    "reverse_walk": (
        "⏪ {runner} walks backwards now ({duration}): walk beside {runner}, watch behind "
        "and call out anything in the way."
    ),
    "reverse_jog": (
        "⏪ {runner} jogs backwards now ({duration}): keep level with {runner}, watch behind "
        "and call out early."
    ),
    "forward_walk": "▶️ {runner} walks forwards now ({duration}): an easy stretch for you both.",
    "forward_jog": "▶️ {runner} jogs forwards now ({duration}): an easy stretch for you both.",
    "cool_down": "🧊 {runner} cools down, walking forwards ({duration}). Nearly done.",
}
SPOTTER_PROGRESS = "Step {number} of {count} · {left} left"
SESSION_OVER = "🏁 {runner}'s session is over. Thanks for spotting!"
ALERT = (
    '🆘 {runner} just tapped "I feel unwell" and has been told to stop.\n\n'
    "Go to {runner} now. If {runner} has chest pain or pressure, severe breathlessness, "
    "faints, or has sudden weakness or trouble speaking, call emergency services."
)
ALERT_WARNING = (
    "🆘 {runner} just reported a warning sign and has been told to stop now.\n\n"
    "Go to {runner} now. If {runner} has chest pain or pressure, severe breathlessness, "
    "faints, or has sudden weakness or trouble speaking, call emergency services."
)
ALERT_RED_FLAG = (
    "🆘 {runner} has just reported a warning sign after the session and has been told to "
    "stop for today. Please check on {runner} now."
)
NOT_FOLLOWING = "{runner}'s session has ended, or you two aren't paired any more."


localize(__name__)
