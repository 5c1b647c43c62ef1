"""Texts of /workout: the watch workout file, its step names and notes, and the replies."""

from __future__ import annotations

from bot.texts.translation import localize

# The workout's name on the watch and in Garmin Connect: short, with the session's day.
WORKOUT_NAME = "Backstride {weekday} {day} {month}"
FILE_NAME = "backstride-{date}.fit"

# Each step's name on the watch face, by step kind. The direction comes first and backwards
# is in capitals: it is what the runner must catch at a glance when the watch buzzes.
STEP_NAMES: dict[str, str] = {
    "warm_up": "Warm-up walk {duration}",
    "reverse_walk": "BACKWARDS walk {duration}",
    "reverse_jog": "BACKWARDS jog {duration}",
    "forward_walk": "Forwards walk {duration}",
    "forward_jog": "Forwards jog {duration}",
    "cool_down": "Cool-down walk {duration}",
}
# A short note per step kind, for watches and apps that show step notes.
STEP_NOTES: dict[str, str] = {
    "warm_up": "Easy walk forwards. Check the ground is flat, clear and dry.",
    "reverse_walk": "Toes first, short steps, glance over one shoulder then the other.",
    "reverse_jog": "Go slowly: short quick steps, upright, brief glances over the shoulder.",
    "forward_walk": "Turn round and walk forwards. Breathe easy.",
    "forward_jog": "Easy forwards jog: you can talk in short sentences.",
    "cool_down": "Easy walk forwards to finish. Sore calves are normal; joint pain is not.",
}

CAPTION = (
    "⌚ Your session as a watch workout: {shape}, about {minutes} min. Your watch buzzes at "
    "every turn, so the phone can stay in your pocket. How to load it: /workout help."
)
# A walking speed's unit, by the runner's units.
SPEED_UNITS: dict[str, str] = {"km": "km/h", "mi": "mph"}
CAPTION_SPEEDS = " Treadmill speeds are set from your walking speed of {speed} {unit}."
BUTTON = "⌚ Send to my watch"

HOW_TO_LOAD = (
    "How to put the workout on your watch:\n"
    "• Garmin: plug the watch into a computer and copy the .fit file into its "
    "GARMIN/NewFiles folder; it appears under Training › Workouts. Or import it in Garmin "
    "Connect on a computer and send it to the watch.\n"
    "• Other watches: import the .fit file in the watch's app or website if it takes "
    "workout files (many do, some don't).\n\n"
    "Afterwards, send me the activity file from the watch and I'll put it on that session.\n\n"
    "On a treadmill? Tell me your usual forwards walking speed, for example "
    "/workout speed 5, and the workout gets speed targets (backwards starts at about half)."
)
SPEED_SET = (
    "Got it: walking {speed} {unit}. Treadmill workouts now aim for that when you walk "
    "forwards and about half of it backwards."
)
SPEED_CLEARED = "Speed targets are off; treadmill workouts go by time only."
SPEED_NOT_UNDERSTOOD = (
    "I didn't get that speed. Send your usual forwards walking speed on the treadmill, "
    "for example /workout speed 5 (or /workout speed off)."
)
NO_PROFILE = "Set up your profile first with /start; then your sessions can go to your watch."


localize(__name__)
