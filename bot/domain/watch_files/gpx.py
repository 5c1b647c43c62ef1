"""Reading a GPX track as a stream: time from the first to the last point, distance along
each track segment, heart rate from Garmin's TrackPointExtension `hr` elements.

The file is parsed piece by piece (defusedxml's iterparse: DTDs forbidden, so no entity
bombs and no external entities), and each point is dropped once read: a 10 MB track never
becomes a tree, and the parser hands the interpreter back between pieces, so a thread
reading it does not hold up the event loop. Distances are gpxpy's (`gpxpy.geo.distance`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException
from gpxpy.geo import distance

from bot.domain.watch_files.model import (
    Stretch,
    WatchFileProblem,
    as_utc,
    stretch_from_samples,
)
from bot.domain.watch_files.xml_files import local_name

_HEART_RATE_TAG = "hr"
# Real exports declare fewer than ten namespaces; thousands are an attack on the parser.
MAX_NAMESPACE_DECLARATIONS = 32
_PIECE_BYTES = 64 * 1024  # read and parsed at a time
# Finished elements dropped from the tree as soon as they are read.
_DONE_WITH = frozenset({"trkpt", "trkseg", "trk", "rte", "wpt", "metadata"})


class _Malformed(Exception):
    """A value in the file that no watch writes (bad coordinates, bad time)."""


@dataclass(slots=True)
class _Track:
    """What is kept while reading: point times, heart rates, distance so far."""

    times: list[datetime] = field(default_factory=list)
    heart_rates: list[float] = field(default_factory=list)
    meters: float = 0.0
    points: int = 0
    previous: tuple[float, float] | None = None  # within the current segment

    def add(self, point: Element) -> None:
        latitude, longitude = _coordinates(point)
        self.points += 1
        if self.previous is not None:
            self.meters += distance(*self.previous, None, latitude, longitude, None)
        self.previous = (latitude, longitude)
        for child in point.iter():
            name = local_name(child.tag)
            if name == "time" and child.text and child is not point:
                self.times.append(_moment(child.text))
            elif name == _HEART_RATE_TAG:
                with suppress(ValueError):
                    self.heart_rates.append(float(child.text or ""))


def read_gpx(content: bytes) -> Stretch | WatchFileProblem:
    """The track's stretch, `NO_ACTIVITY` without timed points, `MALFORMED` if unreadable."""
    if content.count(b"xmlns") > MAX_NAMESPACE_DECLARATIONS:
        return WatchFileProblem.MALFORMED
    track = _Track()
    try:
        for event, element, parent in _finished_elements(content):
            name = local_name(element.tag)
            if event == "start":
                if name == "trkseg":
                    track.previous = None
                continue
            if name == "trkpt":
                track.add(element)
            if name in _DONE_WITH and parent is not None:
                parent.remove(element)
    except (ParseError, DefusedXmlException, LookupError, ValueError, _Malformed):
        return WatchFileProblem.MALFORMED
    meters = track.meters
    stretch = stretch_from_samples(
        track.times,
        meters=meters if track.points > 1 and math.isfinite(meters) else None,
        heart_rates=track.heart_rates,
    )
    return stretch or WatchFileProblem.NO_ACTIVITY


def _finished_elements(content: bytes) -> Iterator[tuple[str, Element, Element | None]]:
    """("start" | "end", element, its parent) as the parser meets them, piece by piece."""
    source = io.BufferedReader(io.BytesIO(content), buffer_size=_PIECE_BYTES)
    path: list[Element] = []
    for event, element in safe_xml.iterparse(source, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            yield event, element, path[-1] if path else None
            path.append(element)
        else:
            path.pop()
            yield event, element, path[-1] if path else None


def _coordinates(point: Element) -> tuple[float, float]:
    try:
        latitude, longitude = float(point.get("lat", "")), float(point.get("lon", ""))
    except ValueError as error:
        raise _Malformed("a point without coordinates") from error
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise _Malformed("a point off the earth")  # gpxpy's distance would fail or lie
    return latitude, longitude


def _moment(text: str) -> datetime:
    try:
        return as_utc(datetime.fromisoformat(text.strip()))
    except ValueError as error:
        raise _Malformed(f"not a time: {text!r}") from error
