"""Watch files made on the spot for the tests: GPX and TCX as text, FIT through a small
encoder (header, definition and data messages, CRCs) written from the FIT protocol.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

# A degree of a great circle on the WGS-84 equatorial radius (gpxpy's own yardstick).
METRES_PER_DEGREE = 2 * math.pi * 6_378_137 / 360

_GPX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
)


@dataclass(frozen=True, slots=True)
class TrackPoint:
    """One GPX point: when, how far north of the start, and the heart rate if worn."""

    at: datetime
    metres_north: float
    heart_rate: int | None = None


def straight_track(
    start: datetime, seconds: int, metres: float, heart_rates: Sequence[int | None]
) -> list[TrackPoint]:
    """Points evenly spread in time and distance along a meridian, one per heart rate."""
    steps = max(1, len(heart_rates) - 1)
    return [
        TrackPoint(start + timedelta(seconds=seconds * i / steps), metres * i / steps, bpm)
        for i, bpm in enumerate(heart_rates)
    ]


def gpx_text(points: Iterable[TrackPoint], *, with_times: bool = True) -> str:
    """A GPX 1.1 file with one track of the points (heart rate as Garmin writes it)."""
    body = "".join(_gpx_point(point, with_times) for point in points)
    return f"{_GPX_HEAD}<trk><name>Backwards</name><trkseg>\n{body}</trkseg></trk></gpx>\n"


def _gpx_point(point: TrackPoint, with_time: bool) -> str:
    lat = 48.0 + point.metres_north / METRES_PER_DEGREE
    time = f"<time>{_iso(point.at)}</time>" if with_time else ""
    heart = (
        "<extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{point.heart_rate}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions>"
        if point.heart_rate is not None
        else ""
    )
    return f'<trkpt lat="{lat:.9f}" lon="11.5"><ele>520</ele>{time}{heart}</trkpt>\n'


@dataclass(frozen=True, slots=True)
class Lap:
    """One TCX lap as a watch sums it up (the values are text so tests can break them)."""

    start: str
    seconds: str
    metres: str | None = None
    heart_rate: str | None = None


def tcx_text(laps: Iterable[Lap]) -> str:
    """A TCX file with one running Activity made of the laps."""
    body = "".join(_tcx_lap(lap) for lap in laps)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2">\n'
        f'<Activities><Activity Sport="Running"><Id>2024-05-01T06:30:00Z</Id>\n{body}'
        "</Activity></Activities></TrainingCenterDatabase>\n"
    )


def _tcx_lap(lap: Lap) -> str:
    metres = f"<DistanceMeters>{lap.metres}</DistanceMeters>" if lap.metres is not None else ""
    heart = (
        f"<AverageHeartRateBpm><Value>{lap.heart_rate}</Value></AverageHeartRateBpm>"
        if lap.heart_rate is not None
        else ""
    )
    return (
        f'<Lap StartTime="{lap.start}"><TotalTimeSeconds>{lap.seconds}</TotalTimeSeconds>'
        f"{metres}{heart}<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
        "</Lap>\n"
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- FIT ------------------------------------------------------------------------------

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)

# FIT base types: (number on the wire, struct code).
_ENUM = (0x00, "B")
_UINT8 = (0x02, "B")
_UINT16 = (0x84, "H")
_UINT32 = (0x86, "I")

_FILE_ID, _SESSION, _RECORD = 0, 18, 20
_FILE_ID_FIELDS = ((0, _ENUM), (1, _UINT16), (4, _UINT32))  # type, manufacturer, created
# start_time, total_elapsed_time (ms), total_timer_time (ms), total_distance (cm), avg hr
_SESSION_FIELDS = ((2, _UINT32), (7, _UINT32), (8, _UINT32), (9, _UINT32), (16, _UINT8))
_RECORD_FIELDS = ((253, _UINT32), (5, _UINT32), (3, _UINT8))  # timestamp, distance (cm), hr


@dataclass(frozen=True, slots=True)
class FitRecord:
    """One FIT record (a sample), as written every second or so during the run."""

    at: datetime
    metres: float
    heart_rate: int


@dataclass(frozen=True, slots=True)
class FitSession:
    """The watch's summary of the whole activity."""

    start: datetime
    elapsed_seconds: float
    timer_seconds: float
    metres: float
    heart_rate: int


def fit_bytes(session: FitSession | None, records: Sequence[FitRecord] = ()) -> bytes:
    """A FIT activity file: file_id, then the records, then the session if given."""
    created = _fit_time(session.start if session else FIT_EPOCH)
    body = _definition(0, _FILE_ID, _FILE_ID_FIELDS) + _data(0, _FILE_ID_FIELDS, (4, 1, created))
    if records:
        body += _definition(1, _RECORD, _RECORD_FIELDS)
        for record in records:
            values = (_fit_time(record.at), round(record.metres * 100), record.heart_rate)
            body += _data(1, _RECORD_FIELDS, values)
    if session is not None:
        values = (
            _fit_time(session.start),
            round(session.elapsed_seconds * 1000),
            round(session.timer_seconds * 1000),
            round(session.metres * 100),
            session.heart_rate,
        )
        body += _definition(2, _SESSION, _SESSION_FIELDS) + _data(2, _SESSION_FIELDS, values)
    return fit_file(body)


def fit_file(body: bytes) -> bytes:
    """Header and CRCs around already encoded messages (tests reuse it on broken bodies)."""
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    content = header + body
    return content + struct.pack("<H", fit_crc(content))


def fit_crc(data: bytes) -> int:
    """The FIT checksum: CRC-16 with the reflected 0x8005 polynomial, starting at 0."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def _definition(local: int, message: int, fields: Sequence[tuple[int, tuple[int, str]]]) -> bytes:
    head = struct.pack("<BBBHB", 0x40 | local, 0, 0, message, len(fields))
    return head + b"".join(
        struct.pack("<BBB", number, struct.calcsize(code), base) for number, (base, code) in fields
    )


def _data(
    local: int, fields: Sequence[tuple[int, tuple[int, str]]], values: Sequence[int]
) -> bytes:
    codes = "".join(code for _, (_, code) in fields)
    return bytes([local]) + struct.pack("<" + codes, *values)


def _fit_time(moment: datetime) -> int:
    return round((moment - FIT_EPOCH).total_seconds())
