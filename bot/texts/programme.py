"""Texts of the programme: session cues and tips, place advice, and the reasons for every plan.

Dictionaries are keyed by the string values of the domain enums (StepKind, Place), so this
module needs no domain import and a translation is one more file of the same shape.
"""

from __future__ import annotations

from bot.texts.translation import localize, plural

# Durations, as cues and session shapes show them.
DURATION_SECONDS = plural("{seconds} s", "{seconds} s", "seconds")
DURATION_MINUTES = plural("{minutes} min", "{minutes} min", "minutes")
DURATION_MINUTES_SECONDS = "{minutes} {seconds}"  # the two above, as "3 min 30 s"

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

# One drill in each warm-up, before the first backward bout; a different one each session.
TECHNIQUE_DRILLS: tuple[str, ...] = (
    "Drill for the last minute: a few steps backwards in place, landing on the balls of your "
    "feet first, then the heels.",
    "Drill for the last minute: tiny, quick backward steps, as if the floor were hot.",
    "Drill for the last minute: stand tall with a slight lean forwards, never back, and take "
    "ten slow steps backwards.",
    "Drill for the last minute: lift your feet as you step back, no shuffling, arms relaxed.",
    "Drill for the last minute: walk backwards slowly, glancing over one shoulder, then the "
    "other, a quick look each time.",
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
SHAPE_CHALLENGE_ALONE = "{bout} continuous {movement}, then walk easily"

# --- Why the plan is what it is: one sentence per `Cause` key ------------------------------
# Placeholders: {shape} the session the runner does now, {level} its level, {day} the session
# the reason came from ("Tue 3 Mar"), {value} a number (pain, effort or days).

REASONS: dict[str, str] = {
    "start_dizziness_uncleared": (
        "You mentioned dizziness or losing your balance, so until a doctor clears you we stick "
        "to backward walking, close to a wall or rail and ideally with someone nearby."
    ),
    "start_parq_uncleared": (
        "You answered yes to one of the health questions, so until a doctor clears you we "
        "stick to backward walking."
    ),
    "start_balance": (
        "You mentioned dizziness or balance trouble, so we start with backward walking and let "
        "your balance get used to it."
    ),
    "start_knee": (
        "Because of your knee, we start with backward walking and build up to 10 minutes of it, "
        "three days a week, before any jogging."
    ),
    "start_pain": (
        "Because something hurts right now, we start with backward walking and build up slowly."
    ),
    "start_physio": "As you're working with a physiotherapist, we start with backward walking.",
    "start_older": (
        "Backwards is new work for your balance, so we start with walking and build up to "
        "jogging over the coming weeks."
    ),
    "start_non_runner": (
        "Jogging backwards is harder than it looks, so we start with backward walking and build "
        "up to it."
    ),
    "start_occasional": (
        "You run now and then, so after one week of backward walking you move on to short "
        "reverse jogs with walking breaks."
    ),
    "start_runner": (
        "You already run regularly, so one week of backward walking first, then short reverse "
        "jogs. Even strong runners start here: backwards is new work for the legs."
    ),
    "progress_stage": (
        "Your last two sessions felt comfortable with no lasting pain, so we add one small "
        "step: {shape}."
    ),
    "progress_level": (
        "Your last two sessions felt comfortable with no lasting pain, so you move up to level "
        "{level}: {shape}."
    ),
    "walk_only": "Until a doctor clears you, we stick to backward walking: {shape}.",
    "red_flag": (
        "You reported a warning sign on {day}, so we ease off: {shape}. Please get it checked "
        "by a doctor before you push on."
    ),
    "break": "It's been {value} days since your last session, so we ease back in: {shape}.",
    "pain": "Your pain went to {value} out of 10 on {day}, so we ease off: {shape}.",
    "morning_worse": (
        "It felt worse the morning after your session on {day}, so we ease off: {shape}."
    ),
    "morning_worse_knee": (
        "Your knee felt worse the morning after your session on {day}, so we ease off: {shape}."
    ),
    "too_hard": "Your last two sessions felt very hard, so we ease off: {shape}.",
    "missed": "You missed a few sessions in a row, so we ease back in: {shape}.",
    "hold_hard": (
        "Your session on {day} felt hard ({value} out of 10), so we repeat this step before "
        "adding more: {shape}."
    ),
    "hold_some_pain": (
        "You felt some pain on {day} ({value} out of 10), so we repeat this step until it has "
        "settled by the next morning: {shape}."
    ),
    "hold_sore": (
        "Sore muscles after your session on {day} are normal in the first weeks: we repeat this "
        "step while your legs get used to it: {shape}."
    ),
    "hold_walk_only_cap": (
        "We stay with backward walking until a doctor clears you. Tell me when they have!"
    ),
    "hold_knee_days": (
        "You've reached 10 minutes of backward walking: before any jogging, do it on three "
        "days a week (add a day with /profile)."
    ),
    "hold_realign": "We repeat this step from tomorrow to get back into the rhythm: {shape}.",
    "hold_top": (
        "You're at the top of the programme: keep enjoying it, with a challenge day each week."
    ),
    "none_no_logs": "Your plan stays as it is until you log a session.",
    "none_not_counted": (
        "Your session on {day} was shorter or gentler than planned, so it doesn't count "
        "towards the next step. That's fine: the plan stays as it is."
    ),
    "none_too_early": "Keep going: we look at two sessions before changing anything.",
    "none_awaiting_effort": (
        "Tell me how hard your session on {day} felt and we'll decide on your next step."
    ),
    "none_full_week": "Good sessions! We give each step a full week before adding more.",
    "earlier": "Your plan as we set it earlier: {shape}.",
}
PHYSIO_NOTE = (
    "Follow your physiotherapist's advice first, and show them this plan before you start."
)

# --- The week ------------------------------------------------------------------------------

# What a day of the week means, keyed by `DayNote` values.
DAY_NOTES: dict[str, str] = {
    "easy_runner": (
        "Easy day: your usual easy run or a brisk walk, nothing backwards. Backward sessions "
        "need a rest day in between."
    ),
    "easy_walker": (
        "Easy day: a relaxed walk, nothing backwards. Backward sessions need a rest day in between."
    ),
    "challenge": (
        "Challenge day: one longer continuous reverse segment. Keep the pace easy and stop "
        "early if your form slips."
    ),
}


localize(__name__)
