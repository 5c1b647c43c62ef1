"""Texts of the pre-session safety check and of the "I feel unwell" stop.

Keys are the domain's stable values (question ids, button keys, reason keys), written out as
plain strings so this module imports nothing from the domain.
"""

from __future__ import annotations

from bot.texts.onboarding import PLACE_LABELS

QUESTIONS: dict[str, str] = {
    "where": "Quick safety check before we start. Where are you right now?",
    "surface_ok": "Is your spot flat and even, clear of people and obstacles, and well lit?",
    "hard_today": "Have you already done a hard session today, like a long or fast run?",
    "pain_now": "Any pain right now? 0 is none at all, 10 is the worst you can imagine.",
    "warm_up_ready": "Ready? We start with a {minutes}-minute warm-up walk, facing forwards.",
}
WARM_UP_WAITING = (
    "No rush. Get to your spot, check the ground behind you, and tap Ready when you're set."
)

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
}

# Why the check decided what it did: one sentence each, by reason key.
REASONS: dict[str, str] = {
    "all_clear": "All clear: safe ground, fresh legs and no pain, so today's session is on.",
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
