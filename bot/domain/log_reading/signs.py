"""What a runner can tell us about their body after a session: where it hurts and the
warning signs that stop a session (COACHING.md, "stop immediately").
"""

from __future__ import annotations

from enum import StrEnum


class BodyPart(StrEnum):
    """Where pain is felt, as a key (the words for it live in bot.texts)."""

    KNEE = "knee"
    HIP = "hip"
    ANKLE = "ankle"
    FOOT = "foot"
    HEEL = "heel"
    ACHILLES = "achilles"
    CALF = "calf"
    SHIN = "shin"
    HAMSTRING = "hamstring"
    QUAD = "quad"
    GLUTE = "glute"
    GROIN = "groin"
    BACK = "back"
    NECK = "neck"
    SHOULDER = "shoulder"


class RedFlag(StrEnum):
    """A warning sign in a reply: each one gets the safety advice at once."""

    CHEST_PAIN = "chest_pain"  # chest, jaw or arm pain or pressure
    BREATHLESS = "breathless"  # how bad is unclear ("a bit breathless" is ordinary effort)
    SEVERE_BREATHLESS = "severe_breathless"
    DIZZY = "dizzy"
    FAINT = "faint"
    FALL = "fall"  # a fall, a trip or a near-fall
    GAVE_WAY = "gave_way"  # a knee or leg giving way
    SWELLING = "swelling"
    HEART_RHYTHM = "heart_rhythm"  # racing or irregular heartbeat
    NUMBNESS = "numbness"
    WEAKNESS = "weakness"  # sudden weakness
    VISION_OR_SPEECH = "vision_or_speech"
    NAUSEA = "nausea"
    COLD_SWEAT = "cold_sweat"
    SHARP_PAIN = "sharp_pain"
