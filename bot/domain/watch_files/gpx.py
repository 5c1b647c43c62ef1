"""Reading a GPX track with gpxpy: time from the first to the last point, distance along
the track, heart rate from Garmin's TrackPointExtension `hr` elements.

gpxpy parses text itself with the standard library's ElementTree and offers no way to
pass it a tree or a hardened parser, so the caller first parses the bytes with defusedxml
(DTDs forbidden: no entity bombs, no external entities) and hands over only files that
passed; see `reading.py`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from contextlib import suppress

import gpxpy
import gpxpy.gpx

from bot.domain.watch_files.model import (
    Stretch,
    WatchFileProblem,
    as_utc,
    stretch_from_samples,
)
from bot.domain.watch_files.xml_files import local_name

_HEART_RATE_TAG = "hr"
# gpxpy registers every `xmlns` it finds, anywhere in the text, in ElementTree's global
# namespace map, at a cost growing with the map: thousands of them take minutes. Real
# exports declare fewer than ten.
MAX_NAMESPACE_DECLARATIONS = 32


def read_gpx(content: bytes) -> Stretch | WatchFileProblem:
    """The track's stretch, `NO_ACTIVITY` without timed points, `MALFORMED` if unreadable."""
    if content.count(b"xmlns") > MAX_NAMESPACE_DECLARATIONS:
        return WatchFileProblem.MALFORMED
    try:
        track = gpxpy.parse(content.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError):
        return WatchFileProblem.MALFORMED
    points = [
        point for route in track.tracks for segment in route.segments for point in segment.points
    ]
    if not all(_on_earth(point) for point in points):
        return WatchFileProblem.MALFORMED  # gpxpy's distance would fail or lie
    try:
        times = [as_utc(point.time) for point in points if point.time is not None]
    except ValueError:
        return WatchFileProblem.MALFORMED
    meters = track.length_2d()
    stretch = stretch_from_samples(
        times,
        meters=meters if len(points) > 1 and math.isfinite(meters) else None,
        heart_rates=_heart_rates(points),
    )
    return stretch or WatchFileProblem.NO_ACTIVITY


def _on_earth(point: gpxpy.gpx.GPXTrackPoint) -> bool:
    return -90 <= point.latitude <= 90 and -180 <= point.longitude <= 180


def _heart_rates(points: Iterable[gpxpy.gpx.GPXTrackPoint]) -> list[float]:
    readings: list[float] = []
    for point in points:
        for extension in point.extensions:
            for element in extension.iter():
                if local_name(element.tag) == _HEART_RATE_TAG:
                    with suppress(ValueError):
                        readings.append(float(element.text or ""))
    return readings
