"""Texts of onboarding: the questions, buttons, re-prompts, the readiness screen and the
profile summary.

Keys are the domain's stable values (step ids, choice keys, reason keys), written out as
plain strings so this module imports nothing from the domain.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.texts.translation import localize

INTRO = (
    "Let's set you up. About a dozen quick questions, then seven short health ones: "
    "tap a button or just type your answer."
)

QUESTIONS: dict[str, str] = {
    "age": "How old are you?",
    "experience": "How much do you run forwards these days?",
    "weekly_km": "Roughly how far do you run in a normal week? A guess is fine.",
    "goals": "What would you like from running backwards? Pick all that fit, then tap Done.",
    "injuries": "Any injury or pain right now? Pick all that apply, then tap Done.",
    "physio": "Is a physiotherapist looking after that at the moment?",
    "places": (
        "Where could you train? Backwards you can't see what's behind you, so it has to be "
        "flat, clear and free of traffic. Pick all you have access to, then tap Done."
    ),
    "sessions": "How many sessions a week suit you? Two or three is a great start.",
    "weekdays": (
        "Which {sessions} days work best? A rest day between sessions helps your legs adapt. "
        "Tap Done when you've picked."
    ),
    "session_time": "What time of day? Tap one, or type a time like 6:30 or 7 pm.",
    "timezone": (
        "Which time zone are you in, so reminders come at your time? Tap one, type your "
        "city, or share your location."
    ),
    "units": "Kilometres or miles?",
    "acknowledgement": (
        "One last thing. I give general training guidance, not medical advice: I can't see "
        "or examine you. If something hurts, feels wrong, or you're unsure, stop and talk "
        "to a doctor or physiotherapist."
    ),
}

PARQ_INTRO = (
    "Now seven quick health questions: the standard PAR-Q readiness check. Please answer "
    "honestly. A yes doesn't stop you; it means we start with walking and you check "
    "with a doctor."
)
PARQ_QUESTION = "Health check {number} of {total}: {question}"
PARQ_QUESTIONS: dict[str, str] = {
    "heart_condition": (
        "Has a doctor ever said that you have a heart condition and that you should only "
        "do physical activity recommended by a doctor?"
    ),
    "chest_pain_activity": "Do you feel pain in your chest when you are physically active?",
    "chest_pain_rest": (
        "In the past month, have you had chest pain when you were not physically active?"
    ),
    "dizziness_balance": (
        "Do you lose your balance because of dizziness, or have you ever lost consciousness?"
    ),
    "bone_joint": (
        "Do you have a bone or joint problem (for example back, knee or hip) that could be "
        "made worse by more physical activity?"
    ),
    "bp_heart_medication": (
        "Is a doctor currently prescribing medication for your blood pressure or a heart condition?"
    ),
    "other_reason": "Do you know of any other reason why you should not do physical activity?",
}

# Button labels, by choice key (the key is what a button sends back).
EXPERIENCE_LABELS: dict[str, str] = {
    "none": "Not yet",
    "occasional": "Now and then",
    "regular": "Regularly",
    "races": "I race",
}
WEEKLY_KM_LABELS: dict[str, str] = {
    "0": "0",
    "5": "~5 km",
    "15": "~15 km",
    "30": "~30 km",
    "50": "50+ km",
}
GOAL_LABELS: dict[str, str] = {
    "knee": "🦵 Knee health / rehab",
    "calories": "🔥 Burn calories",
    "posture": "🧍 Posture",
    "balance": "⚖️ Balance & coordination",
    "forward": "🏃 Better forward running",
    "fun": "🎉 Variety & fun",
}
INJURY_LABELS: dict[str, str] = {
    "knees": "Knees",
    "ankles_feet": "Ankles / feet",
    "hips_back": "Hips / back",
    "other": "Somewhere else",
    "none": "None right now",
}
YES_NO_LABELS: dict[str, str] = {"yes": "Yes", "no": "No"}
PARQ_LABELS: dict[str, str] = {"yes": "Yes", "no": "No", "not sure": "Not sure"}
PLACE_LABELS: dict[str, str] = {
    "track": "🏟️ Running track",
    "treadmill": "Treadmill",
    "park": "🌳 Park or sports field",
    "hallway": "🏠 Indoor hallway",
}
SESSIONS_LABELS: dict[str, str] = {"2": "2 a week", "3": "3 a week", "4": "4 a week"}
WEEKDAY_LABELS: dict[str, str] = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}
ANY_DAY_LABEL = "You pick for me"
TIME_LABELS: dict[str, str] = {
    "07:00": "🌅 Morning 07:00",
    "12:00": "☀️ Midday 12:00",
    "18:00": "🌆 Evening 18:00",
}
ZONE_LABELS: dict[str, str] = {
    "Europe/London": "London",
    "Europe/Berlin": "Berlin / Paris",
    "America/New_York": "New York",
    "America/Chicago": "Chicago",
    "America/Los_Angeles": "Los Angeles",
    "Asia/Kolkata": "India",
    "Asia/Tokyo": "Tokyo",
    "Australia/Sydney": "Sydney",
}
UNITS_LABELS: dict[str, str] = {"km": "Kilometres", "mi": "Miles"}
ACK_LABELS: dict[str, str] = {"got it": "Got it 👍"}
_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "experience": EXPERIENCE_LABELS,
    "weekly_km": WEEKLY_KM_LABELS,
    "goals": GOAL_LABELS,
    "injuries": INJURY_LABELS,
    "physio": YES_NO_LABELS,
    "places": PLACE_LABELS,
    "sessions": SESSIONS_LABELS,
    "weekdays": {**WEEKDAY_LABELS, "any": ANY_DAY_LABEL},
    "session_time": TIME_LABELS,
    "timezone": ZONE_LABELS,
    "units": UNITS_LABELS,
    "acknowledgement": ACK_LABELS,
}


def choice_label(step_id: str, key: str) -> str:
    """The label of the button that sends `key` at a step (every PAR-Q step shares one set)."""
    if step_id.startswith("parq_"):
        return str(PARQ_LABELS.get(key, key))
    return str(_CHOICE_LABELS[step_id].get(key, key))


DONE_LABEL = "Done ✔️"
SHARE_LOCATION_LABEL = "📍 Share my location"

# A short example for each question, added to re-prompts that need one.
PARQ_HINT = "Yes, no or not sure is fine."
HINTS: dict[str, str] = {
    "age": "Just the number, like 34.",
    "experience": "Tap a button, or type something like “now and then”.",
    "weekly_km": "Type a number of km like 10, or miles like “6 miles”.",
    "goals": "Tap the buttons, or type something like “balance and posture”.",
    "injuries": "Tap the buttons, or type something like “knees” or “none”.",
    "physio": "Yes or no is fine.",
    "places": "Tap the buttons, or type something like “track and treadmill”.",
    "sessions": "Type 2, 3 or 4.",
    "weekdays": "Type days like “mon wed fri”, “tue & thu” or “weekends”.",
    "session_time": "Type a time like 6:30, 18:15 or 7 pm.",
    "timezone": "Type a city like “Berlin” or a zone like “Asia/Tokyo”, or share your location.",
    "units": "Type km or miles.",
    "parq_heart_condition": PARQ_HINT,
    "parq_chest_pain_activity": PARQ_HINT,
    "parq_chest_pain_rest": PARQ_HINT,
    "parq_dizziness_balance": PARQ_HINT,
    "parq_bone_joint": PARQ_HINT,
    "parq_bp_heart_medication": PARQ_HINT,
    "parq_other_reason": PARQ_HINT,
    "acknowledgement": "Tap “Got it” when you're ready.",
}

# Re-prompts, by reason key. {hint} is the example for the question being asked.
REJECTIONS: dict[str, str] = {
    "empty": "I couldn't find any words in that. {hint}",
    "not_understood": "Sorry, I didn't get that. {hint}",
    "pick_one": "Just one answer here, please. {hint}",
    "need_number": "I need a number here. {hint}",
    "one_number": "Just one number, please. {hint}",
    "age_not_positive": "An age can't be zero or below 🙂 Please type it in years, like 34.",
    "age_too_young": (
        "Sorry, Backstride is made for runners aged 13 and up. Running backwards is still "
        "a great game to play with a grown-up nearby!"
    ),
    "age_too_high": "Is that a typo? Please type your age in years, like 67.",
    "age_looks_like_year": "That looks like a year. Please type your age in years, like 34.",
    "distance_out_of_range": (
        "Please give a weekly distance between 0 and 300 km. A rough guess is fine."
    ),
    "sessions_too_few": (
        "At least 2 sessions a week keeps your body learning the movement. Pick 2, 3 or 4."
    ),
    "sessions_too_many": (
        "Running backwards is hard work, and rest days are when you get stronger, so 4 a "
        "week is the most I'll plan. Pick 2, 3 or 4."
    ),
    "unsafe_place_traffic": (
        "Please don't run backwards on sidewalks or roads: you can't see kerbs, cars or "
        "people behind you. A track, a park lawn or sports field, a treadmill or a quiet "
        "hallway is perfect. Where else could you go?"
    ),
    "unsafe_place_terrain": (
        "Hills, trails, stairs, sand and uneven ground trip you up when you can't see where "
        "you step. Flat, even ground is best: a track, a park lawn, a treadmill or a quiet "
        "hallway. Where else could you go?"
    ),
    "weekdays_too_few": (
        "You planned {sessions} sessions a week, so please pick {sessions} days "
        "(I counted {given})."
    ),
    "time_not_understood": "I couldn't read that as a time. {hint}",
    "time_impossible": "That time isn't on the clock. {hint}",
    "zone_not_found": (
        "I couldn't find that place. Try the nearest big city, or share your location."
    ),
    "zone_ambiguous": "Which of these do you mean?",
    "location_not_placed": (
        "I couldn't find a time zone for that spot. Could you type your city instead?"
    ),
    "yes_or_no": "A yes or no is all I need. {hint}",
    "ack_needed": (
        "No rush. I can only coach you once you've read this. Tap “Got it” when you're ready."
    ),
}

# Said after an accepted answer, by note key.
NOTICES: dict[str, str] = {
    "miles_converted": "Got it: {miles} miles is about {km} km.",
    "days_picked": "I picked {days}, so there's a rest day in between where possible.",
    "back_to_back_days": (
        "Heads-up: {days} are back to back. While the movement is new, a rest day between "
        "sessions is when your legs adapt, so keep the second one easy."
    ),
    "dark_hours": (
        "At {time} it may be dark out. Backwards in the dark isn't safe: choose a well-lit "
        "track, the treadmill or a hallway then."
    ),
    "fixed_offset_zone": (
        "Note: {zone} doesn't follow daylight-saving changes. If your clocks change, type "
        "your city instead."
    ),
    "unsure_counts_as_yes": "Not sure counts as a yes, just to be safe.",
}

# After the PAR-Q, by readiness reason.
READINESS: dict[str, str] = {
    "clear": (
        "Thanks, all clear. We'll still start gently: backward walking first, then short "
        "reverse jogs."
    ),
    "chest_pain": (
        "Thank you for telling me. Chest pain needs a doctor's check before you exercise, "
        "so please see one soon. Until they clear you I'll only suggest gentle backward "
        "walking, and if chest pain comes back, stop and get help right away."
    ),
    "dizziness_balance": (
        "Thank you for telling me. Dizziness matters even more when you move backwards, so "
        "please check with a doctor before you start running. Until then: backward walking "
        "only, beside a wall you can touch, with someone nearby, and never on a treadmill."
    ),
    "heart": (
        "Thank you for telling me. Please ask your doctor before you start running "
        "backwards. Until they clear you: backward walking only. We'll go by how hard it "
        "feels, not heart rate, since some medication changes it."
    ),
    "bone_joint": (
        "Thank you for telling me. A doctor or physiotherapist can tell you what's safe for "
        "that joint. Until they clear you: backward walking only, and stop if pain goes "
        "above 3 out of 10."
    ),
    "other": (
        "Thank you for telling me. Please check with your doctor before you start running "
        "backwards. Until they clear you: backward walking only."
    ),
}
AGE_NOTES: dict[str, str] = {
    "under_15": "As you're under 15, please get a parent's or guardian's OK before you start.",
    "over_69": (
        "These health questions are designed for ages 15 to 69, so a quick chat with your "
        "doctor before you start is wise, especially if you're not used to being active."
    ),
}

# The profile summary at the end of onboarding.
SUMMARY_TITLE = "Here's your setup:"
SUMMARY_AGE = "• Age: {age}"
SUMMARY_RUNNING = "• Running now: {experience}"
SUMMARY_RUNNING_DISTANCE = "• Running now: {experience}, about {distance} a week"
SUMMARY_GOALS = "• Goals: {goals}"
SUMMARY_PAIN = "• Pain or injury now: {injuries}"
SUMMARY_PAIN_WITH_PHYSIO = "• Pain or injury now: {injuries} (with a physio)"
SUMMARY_PLACES = "• Where: {places}"
SUMMARY_WHEN = "• When: {days} at {time} ({zone} time)"
SUMMARY_UNITS = "• Units: {units}"
SUMMARY_START = "• Start: backward walking, then short reverse jogs"
SUMMARY_START_WALK_ONLY = "• Start: backward walking only, until a doctor clears you"

DISTANCE: dict[str, str] = {"km": "{value} km", "mi": "{value} miles"}
EXPERIENCE_NAMES: dict[str, str] = {
    "none": "not yet",
    "occasional": "now and then",
    "regular": "regularly",
    "races": "regularly, with races",
}
GOAL_NAMES: dict[str, str] = {
    "knee": "knee health",
    "calories": "burning calories",
    "posture": "posture",
    "balance": "balance and coordination",
    "forward": "better forward running",
    "fun": "variety and fun",
}
INJURY_NAMES: dict[str, str] = {
    "knees": "knees",
    "ankles_feet": "ankles or feet",
    "hips_back": "hips or back",
    "other": "somewhere else",
}
NO_INJURY_NAME = "none"
PLACE_NAMES: dict[str, str] = {
    "track": "running track",
    "treadmill": "treadmill",
    "park": "park or sports field",
    "hallway": "indoor hallway",
}
UNITS_NAMES: dict[str, str] = {"km": "kilometres", "mi": "miles"}


# The word before the last name of a list ("Tue and Fri", "Вт и Пт").
LIST_AND = "and"


def join_list(names: Sequence[str]) -> str:
    """Names as a list: "a", "a and b", "a, b and c"; commas only when a name has its own
    "and" ("knee health, balance and coordination"), so no "and" is doubled."""
    if len(names) < 2:
        return "".join(names)
    conjunction = f" {LIST_AND} "  # in the current language
    if any(conjunction in name for name in names):
        return ", ".join(names)
    return f"{', '.join(names[:-1])}{conjunction}{names[-1]}"


localize(__name__)
