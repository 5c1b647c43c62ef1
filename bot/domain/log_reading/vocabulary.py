"""The English words a session log is read with.

Not texts the runner reads (those live in bot.texts.session_log), but language all the same:
a translation adds its own vocabulary next to its texts. Words are matched after
`lexicon.normalise` (lower case, no accents or apostrophes: "didn't" is "didnt").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.log_reading.signs import BodyPart, RedFlag
from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.onboarding.vocabulary import NUMBER_WORDS
from bot.domain.session_logs import MorningAfter


class Field(StrEnum):
    """What a number in a reply can be."""

    EFFORT = "effort"
    PAIN = "pain"
    HEART_RATE = "heart_rate"
    DISTANCE = "distance"


@dataclass(frozen=True, slots=True)
class Cue:
    """What a word says about the numbers near it: their field, and where it hurts.
    No field marks a harmless phrase around a label word ("came back", "over my shoulder").
    """

    field: Field | None
    site: BodyPart | None = None


_PAIN_WORDS = (
    "pain", "pains", "painful", "sore", "soreness", "hurt", "hurts", "hurting", "ache",
    "aches", "aching", "achy", "twinge", "twinges", "niggle", "niggles", "niggly", "tender",
    "discomfort", "tight", "tightness", "stiff", "stiffness", "cramp", "cramps", "cramping",
)  # fmt: skip

# Pain words that say more than "sore": these ask how bad wherever they are.
HURTING = frozenset({
    "pain", "pains", "painful", "hurt", "hurts", "hurting", "ache", "aches", "aching",
    "twinge", "twinges", "niggle", "niggles", "niggly", "tender", "discomfort",
})  # fmt: skip

_BODY_PARTS: Mapping[BodyPart, tuple[str, ...]] = {
    BodyPart.KNEE: ("knee", "knees", "kneecap", "patella", "itb", "it band"),
    BodyPart.HIP: ("hip", "hips", "hip flexor", "hip flexors"),
    BodyPart.ANKLE: ("ankle", "ankles"),
    BodyPart.FOOT: ("foot", "feet", "toe", "toes", "sole", "plantar", "arch of my foot"),
    BodyPart.HEEL: ("heel", "heels"),
    BodyPart.ACHILLES: ("achilles", "achilles tendon"),
    BodyPart.CALF: ("calf", "calves"),
    BodyPart.SHIN: ("shin", "shins", "shin splints"),
    BodyPart.HAMSTRING: ("hamstring", "hamstrings", "hammy", "hammies"),
    BodyPart.QUAD: ("quad", "quads", "quadriceps", "thigh", "thighs"),
    BodyPart.GLUTE: ("glute", "glutes", "buttock", "buttocks", "bum"),
    BodyPart.GROIN: ("groin",),
    BodyPart.BACK: ("back", "lower back", "low back", "spine", "lumbar"),
    BodyPart.NECK: ("neck",),
    BodyPart.SHOULDER: ("shoulder", "shoulders"),
}

CUES: Mapping[Cue, tuple[str, ...]] = {
    Cue(Field.EFFORT): (
        "effort", "efforts", "effort level", "rpe", "exertion", "intensity", "borg",
        "difficulty", "how hard",
    ),
    Cue(Field.PAIN): _PAIN_WORDS,
    Cue(Field.HEART_RATE): (
        "hr", "heart rate", "heartrate", "heart", "pulse", "avg hr", "average hr",
        "ahr", "bpm",
    ),
    Cue(Field.DISTANCE): ("distance", "dist"),
    **{Cue(Field.PAIN, part): phrases for part, phrases in _BODY_PARTS.items()},
    Cue(None): (
        "came back", "come back", "coming back", "went back", "go back", "going back",
        "got back", "get back", "getting back", "back home", "back to", "back and forth",
        "way back", "back again", "ran back", "run back", "running back", "walked back",
        "walk back", "jog back", "back in", "back on", "back at", "back up",
        "over my shoulder", "over the shoulder", "over shoulder", "over my shoulders",
        "shoulder check", "shoulder checks", "on foot", "by foot", "neck and neck",
        "im back", "i am back", "were back", "back soon",
        "heart rate monitor", "heart rate strap",
    ),
}  # fmt: skip

# Everyday words one typo away from a label or a warning word ("feels" is not "heels",
# "sweating" is not "swelling", "but" is not "butt"): as typed, they are never read as one.
PLAIN_WORDS = frozenset({
    "feel", "feels", "felt", "feeling", "score", "scored", "store", "snore", "more", "some",
    "sure", "paint", "painted", "painting", "plain", "again", "rain", "heat", "hear",
    "hears", "heard", "hearty", "high", "higher", "black", "angle", "squad", "pause",
    "paused", "pauses", "heals", "wheel", "wheels", "shine", "shines", "shiny", "grain",
    "chips", "ships", "tended", "distant", "distinct", "instance", "effect", "exception",
    "execution", "election", "intensive", "difficult", "thin", "skin", "calm", "half",
    "halves", "food", "fleet", "glue", "but", "hell", "cache", "share", "starting",
    "standing", "render", "sender", "gender", "ender", "pairs", "gains", "solve", "acting",
    "filling", "stripped", "spelling", "spelled", "selling", "stealing", "stalling",
    "omit", "omitting", "limiting", "visiting", "dangling", "swapped", "pickling",
    "bubbling", "bundling", "tainted", "freezing", "grabbing", "stamping", "stapling",
    "stacking", "fairness", "clipped", "shouldnt", "grin", "twine", "pine", "sine", "spin",
    "spice", "sweat", "sweaty", "sweating", "cheat", "chess", "skipped", "ripped",
    "dripped", "trapped", "tipped", "shipped", "walls", "calls", "balls", "calling",
    "failing", "rolling", "fella", "fizzy", "smell", "smelled", "spell", "shell",
    "shouting", "number", "numbers", "shark", "shape", "topped", "hopped", "stopped",
    "dropped", "huffy", "fluffy", "whipped", "integrity", "printing", "pointing", "arches",
    "achieves", "harp", "flute", "spline",
})  # fmt: skip

# Numbers written as words; counts like "twice" and "none" are not scores.
CARDINALS: Mapping[str, int] = {
    word: value
    for word, value in NUMBER_WORDS.items()
    if word not in {"once", "twice", "thrice", "couple", "none", "nothing", "nil"}
}

# Words a leftover piece of a reply can consist of and still say nothing.
FILLERS = frozenset({
    "a", "an", "the", "and", "or", "so", "my", "me", "i", "im", "ive", "it", "its",
    "was", "is", "were", "be", "been", "bit", "abit", "little", "lil", "slightly", "slight",
    "quite", "very", "pretty", "kinda", "kind", "sort", "sorta", "of", "at", "about",
    "around", "approx", "approximately", "roughly", "maybe", "like", "just", "only", "also",
    "then", "with", "in", "on", "to", "for", "left", "right", "both", "avg", "average",
    "mean", "max", "maximum", "total", "ok", "okay", "k", "yes", "yeah", "yep", "hmm", "um",
    "uh", "lol", "idk", "level", "score", "rating", "today", "session", "felt", "feel",
    "feels", "feeling", "overall", "that", "this", "there", "got", "had", "has", "have",
    "some", "mild", "mildly", "per", "out", "x", "than", "after", "during", "rate",
})  # fmt: skip
# Words trimmed from the ends of a note ("and windy" is "windy").
CONNECTORS = frozenset({
    "and", "but", "with", "also", "plus", "so", "then", "except", "apart", "although",
    "though", "yet", "or", "while", "besides", "of",
})  # fmt: skip
# "no pain", "didn't hurt", "not dizzy".
NEGATORS = frozenset({
    "no", "not", "without", "never", "didnt", "dont", "doesnt", "wasnt", "isnt", "werent",
    "havent", "hasnt", "nor", "zero", "nothing", "non",
})  # fmt: skip
# After a negator these make it a mild "some": "not too sore", "not much pain".
SOFTENERS = frozenset({"much", "too", "very", "that", "really", "so", "overly", "super"})
# "pain free", "pain: none".
AFTER_NEGATORS = frozenset({"free", "none", "nil", "gone", "nada"})
# A negation does not reach past these: "no pain but dizzy" is dizzy.
CONTRASTS = frozenset({"but", "except", "although", "though", "however", "yet", "apart"})

# Kilometres per unit.
DISTANCE_UNITS: Mapping[str, float] = {
    **dict.fromkeys(
        ("km", "kms", "k", "kilometer", "kilometers", "kilometre", "kilometres", "klicks"), 1.0
    ),
    **dict.fromkeys(("mi", "mile", "miles"), KM_PER_MILE),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres", "mtr", "mtrs"), 0.001),
    **dict.fromkeys(("yd", "yds", "yard", "yards"), 0.0009144),
}
# Minutes per unit; "hr" is heart rate, never hours.
DURATION_UNITS: Mapping[str, float] = {
    **dict.fromkeys(("min", "mins", "minute", "minutes", "mn", "mns"), 1.0),
    **dict.fromkeys(("h", "hrs", "hour", "hours"), 60.0),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1 / 60),
}
# In /log, "12m" is twelve minutes.
MINUTE_LETTER = "m"
HEART_RATE_UNITS = frozenset({"bpm"})
# "7 out of 10", "7 of 10", "7/10".
SCALE_WORDS = frozenset({"of", "outof", "outta", "from"})
RANGE_WORDS = frozenset({"to", "or"})
COUNT_WORD = "x"
# A number before one of these is counted or measured in something we don't record.
COUNTED = frozenset({
    "lap", "laps", "rep", "reps", "set", "sets", "time", "times", "burst", "bursts",
    "interval", "intervals", "round", "rounds", "stride", "strides", "step", "steps",
    "degree", "degrees", "deg", "c", "f", "am", "pm", "percent", "pct", "kg", "kgs", "lb",
    "lbs", "cal", "kcal", "calories", "day", "days", "week", "weeks", "year", "years", "yrs",
    "th", "st", "nd", "rd", "kmh", "kph", "mph",
})  # fmt: skip
# Words that mark the reverse part of a session ("30 min run, 10 min reverse").
REVERSE_WORDS = frozenset({"reverse", "reversed", "backward", "backwards", "retro"})

RED_FLAGS: Mapping[RedFlag | None, tuple[str, ...]] = {
    RedFlag.CHEST_PAIN: (
        "chest", "chest pain", "tight chest", "chest tightness", "chest pressure",
        "pressure in my chest", "crushing", "jaw", "jaw pain", "arm pain", "pain in my arm",
        "left arm", "angina",
    ),
    RedFlag.BREATHLESS: (
        "breathless", "breathlessness", "short of breath", "shortness of breath", "wheezy",
    ),
    RedFlag.SEVERE_BREATHLESS: (
        "cant breathe", "couldnt breathe", "could not breathe", "cannot breathe",
        "cant catch my breath", "couldnt catch my breath", "struggled to breathe",
        "struggling to breathe", "gasping", "gasping for air", "wheezing", "very breathless",
        "really breathless", "severely breathless", "extremely breathless",
        "very short of breath", "really short of breath",
    ),
    RedFlag.DIZZY: (
        "dizzy", "dizziness", "lightheaded", "light headed", "lightheadedness", "vertigo",
        "woozy", "room spinning", "head spinning", "head was spinning",
    ),
    RedFlag.FAINT: (
        "felt faint", "feel faint", "feeling faint", "faintness", "fainted", "fainting",
        "passed out", "pass out", "blacked out", "black out", "nearly passed out",
    ),
    RedFlag.FALL: (
        "fell", "fall", "fallen", "falling", "fell over", "fell down", "took a fall",
        "tripped", "stumbled", "stumble", "slipped", "near fall", "nearly fell",
        "almost fell", "lost my balance", "lost balance", "lost my footing", "lost footing",
    ),
    RedFlag.GAVE_WAY: (
        "gave way", "give way", "giving way", "gives way", "gave out", "giving out",
        "buckled", "buckling", "knee locked",
    ),
    RedFlag.SWELLING: ("swollen", "swelling", "swelled", "puffy"),
    RedFlag.HEART_RHYTHM: (
        "heart racing", "racing heart", "heart was racing", "pulse racing", "heart pounding",
        "palpitations", "palpitation", "irregular heartbeat", "irregular heart",
        "irregular pulse", "heart skipping", "skipped beats", "skipping beats",
        "heart fluttering", "heart flutter", "fluttering heart", "arrhythmia", "afib",
    ),
    RedFlag.NUMBNESS: ("numb", "numbness", "tingling", "pins and needles"),
    RedFlag.WEAKNESS: ("sudden weakness", "suddenly weak", "went weak", "legs went weak"),
    RedFlag.VISION_OR_SPEECH: (
        "blurred vision", "blurry vision", "vision blurred", "double vision",
        "trouble seeing", "couldnt see", "seeing stars", "slurred", "slurring",
        "trouble speaking", "couldnt speak",
    ),
    RedFlag.NAUSEA: (
        "nausea", "nauseous", "nauseated", "felt sick", "feel sick", "feeling sick",
        "threw up", "throw up", "vomit", "vomited", "vomiting", "puked",
    ),
    RedFlag.COLD_SWEAT: ("cold sweat", "cold sweats", "clammy"),
    RedFlag.SHARP_PAIN: (
        "sharp", "sharp pain", "stabbing", "shooting pain", "popped", "felt a pop",
        "heard a pop", "snapped",
    ),
    # Harmless phrases that contain a warning word: straps, idioms, seasons, turns.
    None: (
        "chest strap", "chest belt", "chest monitor", "chest hr", "chest heart rate",
        "chest is fine", "chest fine", "chest ok", "chest is ok", "chest felt fine",
        "fell into a rhythm", "fell into a good rhythm", "fell into a nice rhythm",
        "fell into rhythm", "fell into a groove", "fell into a nice groove", "fell into place",
        "fall into place", "falling into place", "fell into a routine", "fall into a rhythm",
        "fall into rhythm", "falling into a rhythm", "falling into rhythm", "fell asleep",
        "fall asleep", "fell in love", "fell behind", "falling behind", "fell short",
        "fall short", "in the fall", "last fall", "this fall", "next fall", "slipped my mind",
        "stumbled upon", "stumbled across", "look sharp", "looking sharp", "sharp turn",
        "sharp turns", "sharp corner", "sharp corners", "sharp bend", "mentally sharp",
        "popped out", "popped in", "popped over", "popped by", "snapped a photo",
        "snapped a pic", "fall back on", "fell back on",
    ),
}  # fmt: skip
# Before a breathlessness word these make it mild: ordinary breathing hard during effort.
MILD_QUALIFIERS = frozenset({
    "bit", "abit", "little", "lil", "slightly", "slight", "mildly", "mild", "somewhat",
    "kinda", "kind", "sort", "sorta", "tad", "touch",
})  # fmt: skip

# What reads as ordinary effort: muscle soreness, tired legs, breathing hard.
REASSURING: tuple[str, ...] = (
    "tired", "legs tired", "tired legs", "legs heavy", "heavy legs", "legs are heavy",
    "burning", "burn", "legs burning", "jelly legs", "legs like jelly", "out of breath",
    "puffed", "puffing", "puffed out", "winded", "huffing", "huffing and puffing",
    "breathing hard", "breathing heavily", "heavy breathing", "breathing heavy",
    "exhausted", "knackered", "shattered", "wiped", "wiped out", "pooped", "doms",
)  # fmt: skip

# "stop" and its friends: the runner wants to end the session now.
STOP_WORDS: tuple[str, ...] = (
    "stop", "stopping", "stop now", "stop session", "stop the session", "quit",
    "quitting", "end the session", "end session", "end it", "call it a day",
    "calling it a day", "had enough", "ive had enough", "im done", "i am done",
    "done for today", "thats enough", "that is enough", "enough for today", "abort",
    "cancel", "cancel session", "finish now",
)  # fmt: skip

MORNING: Mapping[MorningAfter, tuple[str, ...]] = {
    MorningAfter.BETTER: (
        "better", "bit better", "a bit better", "little better", "a little better",
        "much better", "lot better", "a lot better", "way better", "improved", "improving",
        "easier", "less sore", "less pain", "good", "fine", "great", "all good", "gone",
        "pain free", "no pain", "not sore", "recovered", "healed",
    ),
    MorningAfter.SAME: (
        "same", "the same", "about the same", "similar", "unchanged", "no change",
        "no different", "not different", "no better no worse", "as before", "still sore",
        "still hurts", "still there", "still aching", "still painful", "ok", "okay",
        "alright", "meh", "so so",
    ),
    MorningAfter.WORSE: (
        "worse", "bit worse", "a bit worse", "a little worse", "much worse", "worst",
        "more sore", "sorer", "more pain", "hurts more", "more painful", "bad", "terrible",
        "awful", "worsened", "getting worse",
    ),
}  # fmt: skip
# After "worse": sore muscles (expected early on) or a joint.
SORE_OR_JOINT: Mapping[MorningAfter, tuple[str, ...]] = {
    MorningAfter.SORE: (
        "muscle", "muscles", "sore muscles", "muscle soreness", "soreness", "stiff", "calves",
        "calf", "thighs", "quads", "legs",
    ),
    MorningAfter.WORSE: ("joint", "joints", "joint pain", "knee", "hip", "ankle", "both"),
}  # fmt: skip
# Morning words that compare: "not better" and "no worse" both mean about the same.
COMPARATIVES = frozenset({"better", "worse"})
MORNING_EMOJI: Mapping[str, str] = {"👎": "worse"}

# Days back from today; "tomorrow" is one day ahead.
RELATIVE_DAYS: Mapping[int, tuple[str, ...]] = {
    -1: ("tomorrow", "tmrw", "tmr"),
    0: ("today", "tonight", "this morning", "this evening", "this afternoon"),
    1: ("yesterday", "yday", "yest", "last night", "yesterday morning", "yesterday evening"),
    2: ("day before yesterday", "the day before yesterday"),
}
DAYS_AGO = frozenset({"ago"})
DAY_WORDS = frozenset({"day", "days"})
LAST_WORDS = frozenset({"last", "past", "previous"})
MONTHS: Mapping[int, tuple[str, ...]] = {
    1: ("january", "jan"), 2: ("february", "feb"), 3: ("march", "mar"),
    4: ("april", "apr"), 5: ("may",), 6: ("june", "jun"), 7: ("july", "jul"),
    8: ("august", "aug"), 9: ("september", "sep", "sept"), 10: ("october", "oct"),
    11: ("november", "nov"), 12: ("december", "dec"),
}  # fmt: skip
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
