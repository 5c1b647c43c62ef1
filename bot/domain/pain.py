"""The pain monitoring model (Silbernagel 2007), the one scale every rule reads pain on.

Pain 0-10: 0-2 is safe, up to 5 is acceptable during exercise if it settles by the next
morning, above 5 is not. Progress asks for more: no pain above 3 in the sessions it counts.
"""

from __future__ import annotations

from enum import StrEnum

SAFE_PAIN_MAX = 2
ACCEPTABLE_PAIN_MAX = 5
PROGRESS_PAIN_MAX = 3


class PainBand(StrEnum):
    """Where a pain score sits in the model."""

    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too_much"


def pain_band(pain: int) -> PainBand:
    """The band of a pain score from 0 to 10."""
    if pain <= SAFE_PAIN_MAX:
        return PainBand.SAFE
    if pain <= ACCEPTABLE_PAIN_MAX:
        return PainBand.ACCEPTABLE
    return PainBand.TOO_MUCH


def is_too_much_pain(pain: int | None) -> bool:
    """True for pain above what is acceptable during exercise (stop, step back)."""
    return pain is not None and pain_band(pain) is PainBand.TOO_MUCH
