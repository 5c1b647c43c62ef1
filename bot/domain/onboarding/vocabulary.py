"""The English words and phrases that typed answers are matched against.

Not texts the runner reads (those live in bot.texts.onboarding), but language all the
same: a translation adds its own vocabulary next to its texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from bot.domain.profile import Experience, Goal, Injury, Place, Units


class YesNo(StrEnum):
    """A yes/no answer, with "not sure" for the questions where doubt counts."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Hazard(StrEnum):
    """Kinds of places that are never suggested for backward running."""

    TRAFFIC = "traffic"
    TERRAIN = "terrain"


# Stands for "no injury" among the injury choices (the profile stores an empty set).
NO_INJURY = "none"

YES_NO: Mapping[YesNo, tuple[str, ...]] = {
    YesNo.YES: (
        "yes", "y", "yeah", "yeh", "yep", "yup", "ya", "yea", "yah", "sure", "ok", "okay", "k",
        "of course", "correct", "true", "affirmative", "i do", "i am", "i have", "right",
        "absolutely", "definitely", "indeed", "si", "ja", "oui",
    ),
    YesNo.NO: (
        "no", "n", "nope", "nop", "nah", "na", "never", "not really", "false", "negative",
        "i dont", "i am not", "im not", "i have not", "i havent", "not at all", "none",
        "nein", "non", "not at the moment", "not right now", "not currently", "not now",
    ),
    YesNo.UNSURE: (
        "not sure", "unsure", "maybe", "perhaps", "dont know", "do not know", "idk",
        "dunno", "no idea", "possibly", "might", "not certain", "i think so",
        # Longer than the "i dont" and "im not" that would otherwise claim these as a no.
        "i dont know", "i do not know", "im not sure", "i am not sure",
    ),
}  # fmt: skip

ACKNOWLEDGE: tuple[str, ...] = (
    "got it", "understood", "understand", "i understand", "agree", "i agree", "agreed",
    "fine", "noted", "alright", "all right", "makes sense", "accept", "i accept",
)  # fmt: skip

EXPERIENCE: Mapping[Experience, tuple[str, ...]] = {
    Experience.NONE: (
        "none", "no", "nope", "never", "not yet", "not at all", "beginner", "zero",
        "nothing", "i dont run", "i dont", "new", "new to running", "dont run",
    ),
    Experience.OCCASIONAL: (
        "occasional", "occasionally", "sometimes", "now and then", "now and again",
        "every now and then", "casual", "casually", "a bit", "a little", "rarely",
        "once in a while", "on and off", "irregular", "irregularly", "a few times",
        "once a week", "once or twice a week", "once a month", "twice a month", "monthly",
        "a couple of times a month", "a few times a month", "1 time a week",
    ),
    Experience.REGULAR: (
        "regular", "regularly", "every week", "weekly", "often", "a lot", "lots",
        "frequently", "several times a week", "most days", "daily", "every day", "always",
        "twice a week", "a few times a week", "a couple of times a week", "2 times a week",
        "3 times a week", "4 times a week", "5 times a week", "three times a week",
    ),
    Experience.RACES: (
        "races", "race", "racing", "i race", "racer", "competitive", "compete", "competing",
        "marathon", "marathons", "half marathon", "ultra", "ultras", "triathlon", "5k",
        "10k", "parkrun", "club", "running club",
    ),
}  # fmt: skip

GOALS: Mapping[Goal, tuple[str, ...]] = {
    Goal.KNEE: (
        "knee", "knee health", "knee pain", "rehab", "rehabilitation", "recovery",
        "patella", "joints", "joint health", "acl", "meniscus",
    ),
    Goal.CALORIES: (
        "calories", "calorie burn", "burn", "burn calories", "weight", "lose weight",
        "weight loss", "fat", "fat loss", "slim", "fitness", "cardio", "get fit",
    ),
    Goal.POSTURE: ("posture", "stand straighter", "upright", "back posture", "spine"),
    Goal.BALANCE: (
        "balance", "coordination", "stability", "agility", "proprioception", "falls",
        "steadiness",
    ),
    Goal.FORWARD: (
        "better forward running", "forward running", "forward", "run better", "faster", "speed",
        "economy", "running economy", "performance", "running form", "races", "race",
        "marathon", "cross training", "endurance",
    ),
    Goal.FUN: (
        "fun", "variety", "something new", "new", "curious", "curiosity", "novelty",
        "bored", "boredom", "try it", "challenge", "enjoy", "for fun",
    ),
}  # fmt: skip

# Words for "everything on the list".
ALL: tuple[str, ...] = ("all", "all of them", "everything", "all of the above", "every")

INJURIES: Mapping[Injury | str, tuple[str, ...]] = {
    Injury.KNEES: ("knee", "knees", "patella", "kneecap", "acl", "meniscus", "itb", "it band"),
    Injury.ANKLES_FEET: (
        "ankle", "ankles", "foot", "feet", "ankles feet", "heel", "heels", "achilles",
        "toe", "toes", "plantar", "shin", "shins", "calf", "calves", "arch",
    ),
    Injury.HIPS_BACK: (
        "hip", "hips", "back", "lower back", "hips back", "spine", "sciatica", "glute",
        "glutes", "pelvis", "hamstring", "hamstrings",
    ),
    Injury.OTHER: (
        "other", "something else", "somewhere else", "else", "elsewhere", "shoulder", "neck",
        "wrist", "elbow", "arm", "chest", "head", "groin",
    ),
    NO_INJURY: (
        "none", "no", "nope", "nothing", "nah", "no pain", "no injury", "no injuries",
        "all good", "fine", "healthy", "pain free", "none right now", "n a", "nil", "zero",
    ),
}  # fmt: skip

PLACES: Mapping[Place | Hazard, tuple[str, ...]] = {
    Place.TRACK: (
        "track", "running track", "athletics track", "stadium", "oval", "400m", "tartan",
    ),
    Place.TREADMILL: ("treadmill", "gym", "running machine", "tread mill", "dreadmill"),
    Place.PARK: (
        "park", "parc", "park or sports field", "sports field", "field", "lawn", "grass", "pitch",
        "football pitch", "soccer field", "football field", "meadow", "playing field",
        "rugby pitch", "garden", "backyard", "yard",
    ),
    Place.HALLWAY: (
        "hallway", "indoor hallway", "hall", "corridor", "indoors", "indoor", "basement",
        "sports hall", "gym hall", "gymnasium", "living room",
    ),
    Hazard.TRAFFIC: (
        "sidewalk", "sidewalks", "side walk", "pavement", "pavements", "road", "roads",
        "street", "streets", "roadside", "crosswalk", "bike lane", "bike path", "cycle path",
        "highway", "car park", "parking", "parking lot", "traffic",
    ),
    Hazard.TERRAIN: (
        "trail", "trails", "hill", "hills", "hilly", "slope", "slopes", "stairs", "steps",
        "staircase", "beach", "sand", "forest", "woods", "gravel", "mountain", "mountains",
        "ice", "rocks", "rocky", "cliff",
    ),
}  # fmt: skip

UNITS: Mapping[Units, tuple[str, ...]] = {
    Units.KM: ("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres", "metric", "k"),
    Units.MILES: ("mi", "mile", "miles", "imperial"),
}

# Weekdays are numbered as in Python (0 = Monday); groups stand for several days at once.
WEEKDAYS: Mapping[frozenset[int], tuple[str, ...]] = {
    frozenset({0}): ("monday", "mondays", "mon", "mo"),
    frozenset({1}): ("tuesday", "tuesdays", "tue", "tues", "tu"),
    frozenset({2}): ("wednesday", "wednesdays", "wed", "weds"),
    frozenset({3}): ("thursday", "thursdays", "thu", "thur", "thurs", "th"),
    frozenset({4}): ("friday", "fridays", "fri", "fr"),
    frozenset({5}): ("saturday", "saturdays", "sat", "sa"),
    frozenset({6}): ("sunday", "sundays", "sun", "su"),
    frozenset({5, 6}): ("weekend", "weekends", "the weekend", "sat and sun"),
    frozenset(range(5)): ("weekdays", "week days", "workdays", "work days", "working days"),
    frozenset(range(7)): (
        "any", "any day", "anyday", "any days", "every day", "everyday", "daily", "all days",
        "all week", "whenever", "flexible", "you pick", "you choose", "dont mind",
        "dont care", "whatever", "doesnt matter", "up to you", "any of them",
    ),
}  # fmt: skip

# "mon to fri", "tue-thu"
DAY_RANGE_WORDS = frozenset({"-", "to", "through", "thru", "till", "til", "until"})
# "weekdays except wednesday", "every day but not sunday"
DAY_EXCLUSION_WORDS = frozenset({"except", "excluding", "but", "not", "without", "besides"})

# Numbers written as words, for ages and counts ("thirty-four", "three times").
NUMBER_WORDS: Mapping[str, int] = {
    "zero": 0, "none": 0, "nothing": 0, "nil": 0, "once": 1, "one": 1,
    "twice": 2, "two": 2, "couple": 2, "thrice": 3, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: Mapping[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

# Times of day without a clock time ("morning" is the 07:00 button).
TIMES_OF_DAY: Mapping[tuple[int, int], tuple[str, ...]] = {
    (7, 0): ("morning", "mornings", "in the morning", "before work", "early"),
    (12, 0): ("midday", "noon", "lunch", "lunchtime", "lunch break", "middle of the day"),
    (15, 0): ("afternoon", "in the afternoon"),
    (18, 0): ("evening", "evenings", "in the evening", "after work", "tonight"),
}
# Words that put a bare hour after noon ("7 in the evening") or before it.
AFTERNOON_WORDS = frozenset({"afternoon", "evening", "evenings", "tonight", "night"})
MORNING_WORDS = frozenset({"morning", "mornings"})
