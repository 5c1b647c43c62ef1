"""Texts of the pre-session safety check and of the "I feel unwell" stop.

Keys are the domain's stable values (question ids, button keys, reason keys), written out as
plain strings so this module imports nothing from the domain.
"""

from __future__ import annotations

from bot.texts.onboarding import PLACE_LABELS

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
