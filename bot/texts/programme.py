"""Texts of the programme: session cues and tips, place advice, and the reasons for every plan.

Dictionaries are keyed by the string values of the domain enums (StepKind, Place), so this
module needs no domain import and a translation is one more file of the same shape.
"""

from __future__ import annotations

# Durations, as cues and session shapes show them.
DURATION_SECONDS = "{seconds} s"
DURATION_MINUTES = "{minutes} min"
DURATION_MINUTES_SECONDS = "{minutes} min {seconds} s"

# --- Session cues: one message as each step starts ------------------------------------------

STEP_CUES: dict[str, str] = {
    "warm_up": "Warm up: walk forwards, easy and relaxed, for {duration}.",
    "reverse_walk": "Turn around and walk backwards for {duration}.",
    "reverse_jog": "Turn around and jog backwards, slowly, for {duration}.",
    "forward_walk": "Face forwards and walk easily for {duration}.",
    "forward_jog": "Face forwards and jog easily for {duration}.",
    "cool_down": "Cool down: walk forwards easily for {duration}. Nicely done!",
}

# Said once, in the warm-up cue: how to set up at this place.
PLACE_SETUP: dict[str, str] = {
    "treadmill": (
        "On the treadmill: manual mode, safety clip on, and about 2 metres clear behind the "
        "belt. Never turn around on a moving belt: stand on the side rails, or stop it, first."
    ),
    "track": (
        "On the track: pick an outer lane, move in the same direction as everyone else and "
        "glance over your shoulder now and then."
    ),
    "park": (
        "In the park: find flat, even grass with no holes, roots or obstacles, and take brief "
        "looks over your shoulder."
    ),
    "hallway": (
        "In the hallway: clear the floor of rugs, shoes and cables first, then go in laps, "
        "turning at each end. Walking and short jogs only here."
    ),
}

# Added to every backwards cue: the one safety point that matters most at this place (and,
# where it differs, at this movement: "<place>.<step kind>").
PLACE_REVERSE_REMINDERS: dict[str, str] = {
    "treadmill": "Turn on the side rails, never on the moving belt; hands near the rails.",
    "treadmill.reverse_walk": (
        "Turn on the side rails, never on the moving belt; then step on at a backward "
        "walking speed of about 1.5-2.5 km/h, hands near the rails."
    ),
    "treadmill.reverse_jog": (
        "Turn on the side rails, never on the moving belt; then step on at a backward jogging "
        "speed of about 3-5 km/h, no faster than feels steady."
    ),
    "track": "Outer lane, same direction as the others, a quick glance over your shoulder.",
    "park": "Quick shoulder check first: flat grass, nothing behind you.",
    "hallway": "Clear floor behind you; at the end, stop, turn and go again.",
}

# Turning back to face forwards only needs a word where the ground keeps moving.
PLACE_TURN_FORWARD_REMINDERS: dict[str, str] = {
    "treadmill": "Stand on the side rails before you turn around; never turn on the moving belt.",
}

PAIN_RULE = "If anything hurts more than 5 out of 10, stop and walk forwards."
PHYSIO_FIRST = "Your physiotherapist's advice comes first."

# Technique tips rotate through the backwards steps of a session, one per step.
TECHNIQUE_TIPS: tuple[str, ...] = (
    "Push off from the ball of your foot.",
    "Take short, quick steps.",
    "Stand tall: chest up, eyes level.",
    "Keep your core gently engaged.",
    "Let your arms swing naturally.",
    "Brief glances over your shoulder, not a long look back.",
)

# Tips for the forwards steps.
STEP_TIPS: dict[str, str] = {
    "warm_up": "Walk tall and let your shoulders relax.",
    "forward_walk": "Breathe easy: this is your recovery.",
    "forward_jog": "Easy pace: you should be able to talk in short sentences.",
    "cool_down": "Slow down gradually and let your breathing settle.",
}

# --- Session shapes: a one-line summary of the main set ---------------------------------------

MOVEMENT_NAMES: dict[str, str] = {
    "reverse_walk": "reverse walk",
    "reverse_jog": "reverse jog",
    "forward_walk": "walk",
    "forward_jog": "forward jog",
}
SHAPE_INTERVALS = "{reps} × {bout} {movement} / {recovery} {recovery_movement}"
SHAPE_IN_RUN = "{reps} × {bout} {movement} inside an easy run"
SHAPE_CHALLENGE = "{bout} continuous {movement} inside an easy run"

# --- Starting level ------------------------------------------------------------------------

START_DIZZINESS_UNCLEARED = (
    "You mentioned dizziness or losing your balance, so until a doctor clears you we stick to "
    "backward walking, close to a wall or rail and ideally with someone nearby."
)
START_PARQ_UNCLEARED = (
    "You answered yes to one of the health questions, so until a doctor clears you we stick "
    "to backward walking."
)
START_BALANCE = (
    "You mentioned dizziness or balance trouble, so we start with backward walking and let "
    "your balance get used to it."
)
START_KNEE = "Because of your knee, we start with backward walking and build up slowly from there."
START_PAIN = (
    "Because something hurts right now, we start with backward walking and build up slowly."
)
START_PHYSIO = "As you're working with a physiotherapist, we start with backward walking."
START_OLDER = (
    "Backwards is new work for your balance, so we start with walking and build up to jogging "
    "over the coming weeks."
)
START_NON_RUNNER = (
    "Jogging backwards is harder than it looks, so we start with backward walking and build "
    "up to it."
)
START_OCCASIONAL = "You run now and then, so you start with short reverse jogs and walking breaks."
START_RUNNER = (
    "You already run regularly, so you start with short reverse jogs. Even strong runners start "
    "here: backwards is new work for the legs."
)
PHYSIO_NOTE = (
    "Follow your physiotherapist's advice first, and show them this plan before you start."
)

# --- Progression: why the plan changed, or didn't ----------------------------------------------

PROGRESS_STAGE = (
    "Your last sessions felt comfortable with no lasting pain, so we add one small step: {shape}."
)
PROGRESS_LEVEL = (
    "Your last sessions felt comfortable with no lasting pain, so you move up to level {level}: "
    "{shape}."
)

HOLD_INCOMPLETE = "Your last session wasn't finished, so we repeat this step: {shape}."
HOLD_HARD = "Your last sessions felt hard, so we repeat this step before adding more: {shape}."
HOLD_SOME_PAIN = "You felt some pain, so we repeat this step and see how it settles: {shape}."
HOLD_WALK_ONLY_CAP = (
    "We stay with backward walking until a doctor clears you. Tell me when they have!"
)
HOLD_REALIGN = "We repeat this step from tomorrow to get back into the rhythm: {shape}."
HOLD_TOP = "You're at the top of the programme: keep enjoying it, with a challenge day each week."

NONE_NO_LOGS = "Your plan stays as it is until you log a session."
NONE_TOO_EARLY = "Keep going: we look at a couple of sessions before changing anything."
NONE_AWAITING_ANSWERS = (
    "We decide on your next step once you've told us how hard it felt and how you were the "
    "morning after."
)
NONE_FULL_WEEK = "Good sessions! We give each step a full week before adding more."

# A step back reads "<cause>, <consequence>." so each cause pairs with where the plan went.
STEP_BACK_REASON = "{cause}, {consequence}."
CAUSE_RED_FLAG = "You reported a warning sign"
CAUSE_BREAK = "It's been {days} days since your last session"
CAUSE_PAIN = "Your pain went above 5 out of 10"
CAUSE_MORNING_WORSE = "You felt worse the morning after"
CAUSE_MORNING_WORSE_KNEE = "Your knee felt worse the morning after"
CAUSE_MISSED = "You missed a few sessions in a row"
CAUSE_TOO_HARD = "Your last two sessions felt very hard"
CONSEQUENCE_LEVEL = "so we go back to level {level}: {shape}"
CONSEQUENCE_STAGE = "so we go back to an easier session: {shape}"
CONSEQUENCE_FLOOR = "so we stay with the gentlest session: {shape}"
RED_FLAG_CHECK = "Please get it checked by a doctor before you push on."
STEP_BACK_WALK_ONLY = "Until a doctor clears you, we stick to backward walking: {shape}."

# --- The week ------------------------------------------------------------------------------

EASY_DAY_RUNNER = (
    "Easy day: your usual easy run or a brisk walk, nothing backwards. Backward sessions need "
    "a rest day in between."
)
EASY_DAY_WALKER = (
    "Easy day: a relaxed walk, nothing backwards. Backward sessions need a rest day in between."
)
CHALLENGE_DAY = (
    "Challenge day: one longer continuous reverse segment. Keep the pace easy and stop early "
    "if your form slips."
)
