"""Reading a TCX activity from its laps: StartTime, TotalTimeSeconds, DistanceMeters and
AverageHeartRateBpm, summed over the laps of every Activity (a course's laps have no
start time and are left out).
"""

from __future__ import annotations

import math
from datetime import datetime
from xml.etree.ElementTree import Element

from bot.domain.watch_files.model import Stretch, WatchFileProblem, as_utc, combined
from bot.domain.watch_files.xml_files import local_name


def read_tcx(root: Element) -> Stretch | WatchFileProblem:
    """The activity's stretch, `NO_ACTIVITY` without timed laps, `MALFORMED` for bad values."""
    laps = [
        lap for activity in _descendants(root, "Activity") for lap in _descendants(activity, "Lap")
    ]
    try:
        stretches = [stretch for lap in laps if (stretch := _stretch(lap)) is not None]
    except ValueError:
        return WatchFileProblem.MALFORMED
    return combined(stretches) or WatchFileProblem.NO_ACTIVITY


def _stretch(lap: Element) -> Stretch | None:
    start = lap.get("StartTime")
    seconds = _text(lap, "TotalTimeSeconds")
    if start is None or seconds is None:
        return None
    meters = _text(lap, "DistanceMeters")
    heart_rate = _text(lap, "AverageHeartRateBpm", "Value")
    return Stretch(
        started_at=as_utc(datetime.fromisoformat(start.strip())),
        seconds=_amount(seconds),
        meters=None if meters is None else _amount(meters),
        heart_rate=None if heart_rate is None else _amount(heart_rate),
    )


def _amount(text: str) -> float:
    """A finite, non-negative number; anything else is a broken file (ValueError)."""
    value = float(text)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"not an amount: {text!r}")
    return value


def _text(element: Element, *path: str) -> str | None:
    for name in path:
        found = next((child for child in element if local_name(child.tag) == name), None)
        if found is None:
            return None
        element = found
    return element.text


def _descendants(element: Element, name: str) -> list[Element]:
    return [found for found in element.iter() if local_name(found.tag) == name]
