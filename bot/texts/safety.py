"""Texts of the pre-session safety check and of the "I feel unwell" stop.

Keys are the domain's stable values (question ids, button keys, reason keys), written out as
plain strings so this module imports nothing from the domain.
"""

from __future__ import annotations

from bot.texts.onboarding import PLACE_LABELS
from bot.texts.translation import localize

_SURFACE = "Is your spot flat and even, clear of people and obstacles, and well lit?"
QUESTIONS: dict[str, str] = {
    "where": "Quick safety check before we start. Where are you right now?",
    "surface_ok": _SURFACE,
    "surface_ok.track": _SURFACE,
    "surface_ok.park": "Is your patch of park flat, dry and even, clear of people, and lit?",
    "surface_ok.elsewhere": _SURFACE,
    "surface_ok.treadmill": (
        "Treadmill check: safety clip on, speed at zero or walking pace, and about 2 metres "
        "clear behind the belt (no wall, no furniture)?"
    ),
    "surface_ok.hallway": (
        "Hallway check: rugs, shoes and cables out of the way, and a wall within reach "
        "along the way?"
    ),
    "hard_today": "Have you already done a hard session today, like a long or fast run?",
    "pain_now": "Any pain right now? 0 is none at all, 10 is the worst you can imagine.",
    "warm_up_ready": "Ready? We start with a {minutes}-minute warm-up walk, facing forwards.",
    "warm_up_waiting": (
        "No rush. Get to your spot, check the ground behind you, and tap Ready when you're set."
    ),
    "again_today": (
        "You've already trained today. One session a day is the plan, because legs adapt "
        "while they rest. Another one anyway? A second one won't count towards your next "
        "step up."
    ),
    "dizzy_today": "Any dizziness or light-headedness today?",
    "heart_today": ("Any chest discomfort, unusual breathlessness or a racing heartbeat today?"),
    "joint_today": "Is a joint swollen, warm or giving way today?",
}

# Button labels, by button key (the key is what a button sends back).
OPTION_LABELS: dict[str, str] = {
    **PLACE_LABELS,
    "elsewhere": "📍 Somewhere else",
    "road": "🚗 A sidewalk or road",
    "surface_yes": "✅ Yes, all three",
    "surface_no": "⚠️ Not quite",
    "hard_no": "No, I'm fresh",
    "hard_yes": "Yes, I have",
    **{f"pain_{level}": str(level) for level in range(11)},
    "warm_up_go": "✅ Ready",
    "warm_up_wait": "⏳ Not yet",
    "again_yes": "Yes, a short extra one",
    "again_no": "No, I'll rest",
    **{f"{sign}_no": "No" for sign in ("dizzy_today", "heart_today", "joint_today")},
    **{f"{sign}_yes": "Yes" for sign in ("dizzy_today", "heart_today", "joint_today")},
}

# Why the check decided what it did: one sentence each, by reason key.
REASONS: dict[str, str] = {
    "all_clear": "All clear: a safe spot, fresh legs and no pain, so today's session is on.",
    "mild_pain": (
        "All clear: mild pain of 1 or 2 is fine to train with, so today's session is on, and "
        "if it climbs above 5 out of 10, stop."
    ),
    "dizzy_today": (
        "Dizzy today means no backwards session, since you can't see where you'd fall, so "
        "rest, and if it keeps happening, see a doctor."
    ),
    "heart_today": (
        "With chest or heart symptoms today there's no session, so rest, and if they don't "
        "settle within minutes or come back, get medical help."
    ),
    "joint_today": (
        "A swollen or unstable joint needs rest, not training, so no session today, and a "
        "doctor or physiotherapist should look at it if it doesn't settle."
    ),
    "rest_today": "Good call: rest is part of training, so see you at your next session.",
    "sidewalk_or_road": (
        "Not on a sidewalk or road, please: backwards you can't see kerbs, cars or people "
        "behind you, so tell me another place where you could go."
    ),
    "pain_high": (
        "Pain above 5 out of 10 means no session today, so rest, and if it hasn't settled "
        "in a few days, see a doctor or physiotherapist."
    ),
    "surface": (
        "Backwards you can't see where you step, so the ground must be flat, clear and well "
        "lit: move somewhere that is, or let's do it another day."
    ),
    "pain_moderate": (
        "With some pain right now, today is a shorter session of backward walking only, and "
        "if the pain climbs above 5 out of 10, stop."
    ),
    "hard_today": (
        "Tired legs after a hard session are when going backwards trips people up, so today "
        "is a shorter session of backward walking only."
    ),
}

# Added to a session somewhere the runner's profile does not list.
SAFE_PLACE_REMINDER = (
    "A safe spot is flat, even and dry, with no traffic, slopes or crowds, like an empty "
    "sports field, a track or a quiet hallway."
)

# The "I feel unwell" button: stop-immediately advice (COACHING.md), short for a phone.
UNWELL_ADVICE = (
    "🛑 Stop now. Sit down, or stand still holding a wall or rail, and breathe slowly.\n\n"
    "Call emergency services now for chest, jaw, arm or neck pain or pressure, severe "
    "breathlessness, fainting, or sudden weakness, numbness, or trouble seeing or speaking. "
    "Call too if dizziness, a racing or irregular heartbeat, a cold sweat or nausea "
    "don't settle within a few minutes.\n\n"
    "Sharp joint pain, a knee giving way or swelling: no more today; see a doctor or "
    "physiotherapist.\n\n"
    "This is general guidance, not medical advice."
)

# --- Words typed during a live session (triage) ------------------------------------------

# Stop-now advice by triage class (bot.domain.log_reading.triage), sent as the session ends.
STOP_ADVICE: dict[str, str] = {
    "cardiac": UNWELL_ADVICE,
    "joint": (
        "🛑 Let's stop here. Walk slowly forwards to somewhere you can sit, and don't test "
        "the joint again today.\n\n"
        "Ice or cool it for 15 minutes if it's swollen. If it gave way, locked or swelled "
        "up, see a doctor or physiotherapist before your next session. I'll ease your plan "
        "back and ask how it feels tomorrow morning.\n\n"
        "This is general guidance, not medical advice."
    ),
    "fall": (
        "🛑 Let's stop here. Stay down for a moment, then get up slowly, facing forwards, "
        "holding on to something if you can."
    ),
}
# Said when the runner's words are ordinary effort, or a pain they rated 0-5.
REASSURE = (
    "That sounds like ordinary effort: sore muscles and breathing hard are normal. Slow down "
    "if you need to. If anything feels sharp, or your chest, heart or head feels wrong, "
    "stop and tell me."
)
BEARABLE_PAIN = (
    "Pain {pain} out of 10 is acceptable if it settles by tomorrow morning. Keep it gentle, "
    "and if it climbs above 5, stop."
)
NOTE_KEPT = "Noted for this session. 👍"
HOW_BAD = "Sorry to hear that. How bad is it right now? 0 is none, 10 the worst imaginable."
# One follow-up question when a sign could be harmless or not; the session waits.
WHICH_QUESTION = "I've paused the session. To get this right, which is closest to how you feel?"
WHICH_LABELS: dict[str, str] = {
    "cardiac": "🫀 Chest, heart, fainting or hard to breathe",
    "joint": "🦵 A joint: sharp, swollen or giving way",
    "fall": "⚠️ I fell or nearly fell",
    "reassure": "🙂 It's passing: tired or out of breath",
}
RESUMED_AFTER_WHICH = "Good. The session goes on: take it easy, and stop if it comes back."
SOS_WHICH_QUESTION = "When you're safe: so I can adjust your plan, which was it?"
# After a fall.
HURT_QUESTION = "Are you hurt?"
HURT_LABELS: dict[str, str] = {"hurt": "Yes, something hurts", "fine": "No, just shaken"}
HURT_YES = (
    "Then no more today. If you hit your head, feel dizzy or sick, or can't put weight on a "
    "leg, get medical help now. Otherwise rest, and see a doctor or physiotherapist if it "
    "still hurts tomorrow."
)
HURT_NO = (
    "Glad you're OK. Next time I'll go over the spot with you before you start: most "
    "backward falls come from something behind you."
)
# Shown once, at the next safety check after a fall there.
PLACE_ADVICE: dict[str, str] = {
    "track": "Last time you fell. Use an outside lane, away from others, and look over your "
    "shoulder every few steps.",
    "park": "Last time you fell. Pick the flattest, driest patch of grass and walk it first "
    "to check for holes, roots and stones.",
    "treadmill": "Last time you fell. Start with the belt stopped, clip on, hold the rails, and "
    "keep it at walking speed until you feel steady.",
    "hallway": "Last time you fell. Clear rugs, shoes and cables first, and keep one hand near "
    "the wall the whole way.",
}
# Cardiac or neurological signs: walk-only until a doctor clears the runner.
READINESS_AGAIN = (
    "Until a doctor has checked you, your plan is backward walking only. Please answer the "
    "health questions again, so I know where you stand."
)
READINESS_AGAIN_BUTTON = "Answer the health questions"
# Later on the day of an SOS stop.
FOLLOW_UP = (
    "Checking in after earlier today: how are you feeling now? If anything came back "
    "(chest, breathing, dizziness, a joint), please get it checked before your next "
    "session. Tell me in a few words when you can."
)

# A doctor's clearance: confirmed in two steps, and not within a day of an SOS stop.
CLEARANCE_CONFIRM = (
    "Just to be sure: has a doctor or physiotherapist examined you since your symptoms, and "
    "said you can train normally again?"
)
CLEARANCE_YES = "Yes, they examined me and cleared me"
CLEARANCE_NO = "Not yet"
CLEARANCE_NOT_YET = (
    "No problem: backward walking stays your plan until then. Tap the button in /profile "
    "once a doctor has checked you."
)
CLEARANCE_TOO_SOON = (
    "Your session was stopped for a warning sign less than a day ago, so I can't lift the "
    "limit yet. Please get checked by a doctor first; backward walking only until then."
)
# In the profile summary of a runner held at walking after a cardiac stop.
HOLD_NOTE = (
    "After the warning sign in a recent session: backward walking only until a doctor has "
    "checked you. Then tap “A doctor has cleared me” in /profile."
)

# After a session, a warning sign in the log reply, by triage class: no "stop now" then.
AFTER_ADVICE: dict[str, str] = {
    "cardiac": (
        "⚠️ Chest, jaw or arm pain or pressure, fainting, a racing or irregular heartbeat, "
        "severe breathlessness or sudden numbness need a doctor's check before you train "
        "again. If you have any of them now, call emergency services.\n\n"
        "This is general guidance, not medical advice."
    ),
    "joint": (
        "⚠️ Pain above 5, or a joint that gave way or swelled: rest it today, and cool it for "
        "15 minutes if it's swollen. I'll ask how it is tomorrow morning; if it isn't "
        "settling, see a doctor or physiotherapist.\n\n"
        "This is general guidance, not medical advice."
    ),
    "fall": (
        "⚠️ A fall: if you hit your head, feel dizzy or sick, or can't put weight on a leg, "
        "get checked today. Next time we'll go over the spot before you start."
    ),
    "unclear": (
        "⚠️ Dizziness or feeling sick after a session: sit down, drink and eat a little. If it "
        "doesn't settle within a few minutes, or comes with chest pain or a racing heart, "
        "get medical help.\n\n"
        "This is general guidance, not medical advice."
    ),
}

# Darkness from the sun, for outdoor places (indoor ones are exempt).
DARK_NOW = (
    "🌙 It will be dark for this session: the sun sets at {sunset} and rises at {sunrise} "
    "today. Backwards you can't see the ground, so only go ahead on a brightly lit spot; "
    "otherwise the treadmill or the hallway, or an earlier time, is safer."
)
DARK_AT_TIME = (
    "🌙 At {time} it's dark outdoors in {months} where you are. On those days, pick an "
    "earlier time, or the treadmill or hallway; I'll warn you before dark sessions."
)

# In every timeline of a runner with a standing precaution, by precaution.
PRECAUTION_REMINDERS: dict[str, str] = {
    "dizziness": (
        "🧭 With your dizziness: backward walking only, beside a wall you can touch, with "
        "someone nearby. At the first wobble, stop and hold the wall."
    ),
    "heart": (
        "🫀 With your heart in mind: keep it easy enough to talk, and stop at once for chest "
        "discomfort, a racing heart or unusual breathlessness."
    ),
    "joint": (
        "🦵 With your joint in mind: short, smooth steps, and stop if it turns sharp, swells "
        "or gives way."
    ),
}


localize(__name__)
