"""The ranges a logged value must fall in, and the CR10 effort bands (COACHING.md)."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.log_reading.vocabulary import Field
from bot.domain.session_logs import SCALE_MAX

HEART_RATE_MIN = 30
HEART_RATE_MAX = 230
# A reverse session is short; anything longer than this is a typo, not a distance.
MAX_DISTANCE_KM = 50.0
MAX_REVERSE_MINUTES = 180.0

_RANGES: dict[Field, tuple[float, float]] = {
    Field.EFFORT: (0, SCALE_MAX),
    Field.PAIN: (0, SCALE_MAX),
    Field.HEART_RATE: (HEART_RATE_MIN, HEART_RATE_MAX),
    Field.DISTANCE: (0, MAX_DISTANCE_KM),
}


def plausible(field: Field, value: float) -> bool:
    """True when the value is inside the field's range (effort and pain 0-10, heart rate
    30-230 bpm, distance 0-50 km).
    """
    low, high = _RANGES[field]
    return low <= value <= high


class EffortBand(StrEnum):
    """The words of the Borg CR10 scale, as keys (the words live in bot.texts)."""

    REST = "rest"  # 0
    VERY_EASY = "very_easy"  # 1-2
    EASY = "easy"  # 3
    MODERATE = "moderate"  # 4-6
    HARD = "hard"  # 7-8
    VERY_HARD = "very_hard"  # 9
    MAXIMAL = "maximal"  # 10


# The lowest effort of each band, highest band first.
_BAND_FLOORS = (
    (10, EffortBand.MAXIMAL),
    (9, EffortBand.VERY_HARD),
    (7, EffortBand.HARD),
    (4, EffortBand.MODERATE),
    (3, EffortBand.EASY),
    (1, EffortBand.VERY_EASY),
    (0, EffortBand.REST),
)


def effort_band(effort: int) -> EffortBand:
    """The CR10 band of an effort from 0 to 10."""
    if not 0 <= effort <= SCALE_MAX:
        raise ValueError(f"effort must be 0-{SCALE_MAX}, got {effort}")
    return next(band for floor, band in _BAND_FLOORS if effort >= floor)
