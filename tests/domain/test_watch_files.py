"""Reading watch exports: GPX, TCX and FIT files made by the tests, read back exactly; broken,
huge, hostile or foreign files refused with a reason; never an exception for any bytes.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import Units
from bot.domain.watch_files import (
    MAX_BYTES,
    WatchFileProblem,
    Workout,
    read_workout,
)
from bot.domain.watch_files import reading as reading_module
from bot.texts.watch_files import describe, refusal
from tests.domain.watch_file_samples import (
    FitRecord,
    FitSession,
    Lap,
    fit_bytes,
    fit_file,
    gpx_text,
    straight_track,
    tcx_text,
)

START = datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
LATE_START = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
EXTENSIONS = ("run.gpx", "run.tcx", "run.fit")
# PNG signature and the start of an IHDR chunk: what a photo looks like.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
SESSION = FitSession(
    start=START, elapsed_seconds=1440, timer_seconds=1380, metres=3100, heart_rate=142
)


def gpx_run(start: datetime = START, heart_rates: tuple[int | None, ...] = (140,) * 5) -> bytes:
    return gpx_text(straight_track(start, 1440, 3100, heart_rates)).encode()


def fit_records(count: int = 25) -> list[FitRecord]:
    return [FitRecord(START + timedelta(minutes=i), 130.0 * i, 138 + i % 5) for i in range(count)]


def read(file_name: str, content: bytes, tz: str = "UTC") -> Workout:
    workout = read_workout(file_name, content, tz)
    assert isinstance(workout, Workout), workout
    return workout


# --- GPX ------------------------------------------------------------------------------


def test_gpx_track_with_heart_rate_is_read() -> None:
    workout = read("Morning_Run.gpx", gpx_run(heart_rates=(140, 142, 150, 138, 145)))

    assert workout.source_format == "gpx"
    assert workout.started_at == START
    assert workout.day == date(2024, 5, 1)
    assert workout.duration_seconds == 1440
    assert workout.distance_km == pytest.approx(3.1, rel=0.002)
    assert workout.average_heart_rate == 143


def test_gpx_without_heart_rate_has_none() -> None:
    workout = read("run.gpx", gpx_run(heart_rates=(None,) * 4))

    assert workout.average_heart_rate is None
    assert workout.duration_seconds == 1440


def test_gpx_heart_rate_drop_outs_are_left_out_of_the_average() -> None:
    assert read("run.gpx", gpx_run(heart_rates=(140, 0, 150, 0, 145))).average_heart_rate == 145


def test_gpx_without_times_has_no_activity() -> None:
    points = straight_track(START, 1440, 3100, (None,) * 4)

    result = read_workout("route.gpx", gpx_text(points, with_times=False).encode(), "UTC")

    assert result is WatchFileProblem.NO_ACTIVITY


def test_gpx_with_a_single_point_has_no_activity() -> None:
    result = read_workout("run.gpx", gpx_run(heart_rates=(140,)), "UTC")

    assert result is WatchFileProblem.NO_ACTIVITY


def test_gpx_with_byte_order_mark_and_upper_case_extension_is_read() -> None:
    assert read("RUN.GPX", b"\xef\xbb\xbf" + gpx_run()).duration_seconds == 1440


# --- TCX ------------------------------------------------------------------------------


def test_tcx_laps_are_summed_and_heart_rate_weighted_by_time() -> None:
    laps = [
        Lap("2024-05-01T06:30:00Z", "600", "1500", "140"),
        Lap("2024-05-01T06:40:00.000Z", "840.4", "1600.0", "150"),
    ]

    workout = read("activity.tcx", tcx_text(laps).encode())

    assert workout.source_format == "tcx"
    assert workout.started_at == START
    assert workout.duration_seconds == 1440
    assert workout.distance_km == pytest.approx(3.1)
    assert workout.average_heart_rate == 146  # (140 * 600 + 150 * 840.4) / 1440.4


def test_tcx_lap_without_a_heart_reading_is_left_out_of_the_average() -> None:
    laps = [
        Lap("2024-05-01T06:30:00Z", "600", heart_rate="0"),  # the strap slipped
        Lap("2024-05-01T06:40:00Z", "840", heart_rate="150"),
    ]

    assert read("run.tcx", tcx_text(laps).encode()).average_heart_rate == 150


def test_tcx_without_distance_or_heart_rate_reads_the_time() -> None:
    workout = read("run.tcx", tcx_text([Lap("2024-05-01T06:30:00Z", "900")]).encode())

    assert (workout.duration_seconds, workout.distance_km, workout.average_heart_rate) == (
        900,
        None,
        None,
    )


def test_tcx_without_laps_has_no_activity() -> None:
    assert read_workout("run.tcx", tcx_text([]).encode(), "UTC") is WatchFileProblem.NO_ACTIVITY


@pytest.mark.parametrize(
    "lap",
    [
        Lap("yesterday", "600"),
        Lap("2024-05-01T06:30:00Z", "ten minutes"),
        Lap("2024-05-01T06:30:00Z", "nan"),
        Lap("2024-05-01T06:30:00Z", "600", "-5"),
        Lap("2024-05-01T06:30:00Z", "600", "inf"),
        Lap("9999-12-31T23:59:59-05:00", "600"),  # past year 9999 once in UTC
        Lap("2024-05-01T06:30:00Z", "1e300"),  # not a run: a clock error
    ],
)
def test_tcx_with_impossible_values_is_malformed(lap: Lap) -> None:
    assert read_workout("run.tcx", tcx_text([lap]).encode(), "UTC") is WatchFileProblem.MALFORMED


# --- FIT ------------------------------------------------------------------------------


def test_fit_session_is_read_exactly() -> None:
    workout = read("12345678901.fit", fit_bytes(SESSION, fit_records()), "Europe/Berlin")

    assert workout.source_format == "fit"
    assert workout.started_at == START
    assert workout.started_at.utcoffset() == timedelta(hours=2)
    assert workout.duration_seconds == 1440
    assert workout.distance_km == 3.1
    assert workout.average_heart_rate == 142


def test_fit_without_session_falls_back_on_records() -> None:
    workout = read("run.fit", fit_bytes(None, fit_records(25)))

    assert workout.started_at == START
    assert workout.duration_seconds == 24 * 60
    assert workout.distance_km == pytest.approx(3.12)
    assert workout.average_heart_rate == 140  # 138..142 in turn


def test_fit_treadmill_run_without_distance_has_none() -> None:
    workout = read("run.fit", fit_bytes(replace(SESSION, metres=0)))

    assert workout.distance_km is None
    assert workout.duration_seconds == 1440


def test_fit_without_session_or_records_has_no_activity() -> None:
    assert read_workout("run.fit", fit_bytes(None), "UTC") is WatchFileProblem.NO_ACTIVITY


def test_fit_cut_short_is_malformed() -> None:
    content = fit_bytes(SESSION, fit_records())

    for length in (14, len(content) // 2, len(content) - 1):
        assert read_workout("run.fit", content[:length], "UTC") is WatchFileProblem.MALFORMED


def test_fit_with_a_damaged_byte_is_malformed() -> None:
    content = bytearray(fit_bytes(SESSION, fit_records()))
    content[40] ^= 0xFF

    assert read_workout("run.fit", bytes(content), "UTC") is WatchFileProblem.MALFORMED


@pytest.mark.parametrize(
    ("index", "value"),
    [
        (7, 0),  # a field of zero bytes: fitdecode raises ValueError
        (7, 45),  # a field longer than its message: fitdecode trips an assert
        (13, 1),  # a one-byte date: fitdecode compares a tuple with an int (TypeError)
    ],
)
def test_fit_with_nonsense_definitions_but_good_checksums_is_malformed(
    index: int, value: int
) -> None:
    body = bytearray(fit_bytes(SESSION, fit_records(4))[14:-2])
    body[index] = value

    assert read_workout("run.fit", fit_file(bytes(body)), "UTC") is WatchFileProblem.MALFORMED


# --- the runner's day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "day"),
    [
        ("Asia/Tokyo", date(2024, 5, 2)),
        ("UTC", date(2024, 5, 1)),
        ("America/New_York", date(2024, 5, 1)),
    ],
)
def test_day_is_the_local_date_of_the_start(tz: str, day: date) -> None:
    samples = {
        "run.gpx": gpx_run(LATE_START),
        "run.tcx": tcx_text([Lap("2024-05-01T23:30:00Z", "1440")]).encode(),
        "run.fit": fit_bytes(replace(SESSION, start=LATE_START)),
    }
    for name, content in samples.items():
        workout = read(name, content, tz)
        assert workout.day == day, name
        assert workout.started_at == LATE_START and str(workout.started_at.tzinfo) == tz


# --- refused files --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["run.txt", "photo.jpg", "run", "run.gpx.zip"])
def test_other_extensions_are_unknown_even_with_good_content(name: str) -> None:
    assert read_workout(name, gpx_run(), "UTC") is WatchFileProblem.UNKNOWN_FORMAT


@pytest.mark.parametrize("name", EXTENSIONS)
def test_a_photo_with_a_watch_extension_is_unknown(name: str) -> None:
    assert read_workout(name, PNG + bytes(200), "UTC") is WatchFileProblem.UNKNOWN_FORMAT


@pytest.mark.parametrize(
    "content",
    [b"just some notes about my run", b"<html><body>Strava</body></html>", b"<kml></kml>"],
)
def test_text_and_other_xml_are_unknown(content: bytes) -> None:
    assert read_workout("run.gpx", content, "UTC") is WatchFileProblem.UNKNOWN_FORMAT


def test_content_decides_between_the_formats() -> None:
    assert read("run.gpx", fit_bytes(SESSION)).source_format == "fit"
    assert read("run.tcx", gpx_run()).source_format == "gpx"


@pytest.mark.parametrize("name", EXTENSIONS)
@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_an_empty_file_is_malformed(name: str, content: bytes) -> None:
    assert read_workout(name, content, "UTC") is WatchFileProblem.MALFORMED


@pytest.mark.parametrize(
    "content",
    [
        b'<gpx version="1.1"><trk><trkseg><trkpt lat="48" lon="11">',
        b"<TrainingCenterDatabase><Activities></Activity>",
        b'<gpx version="1.1"><trk><trkseg><trkpt lat="north" lon="11"/></trkseg></trk></gpx>',
        '<gpx version="1.1"><name>Läufchen</name></gpx>'.encode("latin-1"),
        b'<?xml version="1.0" encoding="no-such-encoding"?><gpx/>',
        b'<?xml version="1.0" encoding="UTF-7"?><gpx/>',
    ],
)
def test_broken_xml_is_malformed(content: bytes) -> None:
    assert read_workout("run.gpx", content, "UTC") is WatchFileProblem.MALFORMED


@pytest.mark.parametrize("root", ["gpx", "TrainingCenterDatabase"])
def test_an_entity_bomb_is_refused_quickly(root: str) -> None:
    """Billion laughs: ten entities each ten times the one before, 10**9 "lol"s in all."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE {root} [{"".join(entities)}]><{root}>&lol9;</{root}>'
    ).encode()
    began = time.perf_counter()

    result = read_workout("run.gpx", bomb, "UTC")

    assert result is WatchFileProblem.MALFORMED
    assert time.perf_counter() - began < 5  # expanding it would take minutes


def test_any_dtd_is_refused_even_a_harmless_looking_one() -> None:
    gpx = gpx_run().decode().replace("<gpx ", '<!DOCTYPE gpx [<!ENTITY run "Backwards">]><gpx ', 1)

    assert read_workout("run.gpx", gpx.encode(), "UTC") is WatchFileProblem.MALFORMED


def test_a_flood_of_namespace_declarations_is_refused_quickly() -> None:
    declarations = "".join(f' xmlns:p{n}="urn:{n}"' for n in range(5000))
    content = f'<gpx version="1.1"><metadata><desc>{declarations}</desc></metadata></gpx>'
    began = time.perf_counter()

    result = read_workout("run.gpx", content.encode(), "UTC")

    assert result is WatchFileProblem.MALFORMED
    assert time.perf_counter() - began < 5  # expanding it would take minutes


def test_an_external_entity_is_refused() -> None:
    content = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<gpx version="1.1"><metadata><name>&secret;</name></metadata></gpx>'
    )

    assert read_workout("run.gpx", content, "UTC") is WatchFileProblem.MALFORMED


@pytest.mark.parametrize("name", EXTENSIONS)
def test_a_huge_file_is_refused_before_any_parsing(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_parse(*_: object) -> NoReturn:
        raise AssertionError("parsed a file over the limit")

    for parser in ("parse_xml", "read_fit", "read_gpx", "read_tcx", "looks_like_fit"):
        monkeypatch.setattr(reading_module, parser, must_not_parse)
    huge = fit_bytes(SESSION) + bytes(11 * 1024 * 1024)

    assert read_workout(name, huge, "UTC") is WatchFileProblem.TOO_LARGE


def test_a_file_of_exactly_the_limit_is_parsed() -> None:
    content = gpx_run()
    padded = content + b" " * (MAX_BYTES - len(content))

    assert read("run.gpx", padded).duration_seconds == 1440


# --- never an exception ---------------------------------------------------------------


@given(name=st.sampled_from(EXTENSIONS), content=st.binary(max_size=2000))
def test_any_bytes_give_a_workout_or_a_problem(name: str, content: bytes) -> None:
    assert isinstance(read_workout(name, content, "Asia/Tokyo"), Workout | WatchFileProblem)


@given(data=st.data())
def test_damaged_fit_with_fresh_checksums_never_raises(data: st.DataObject) -> None:
    body = bytearray(fit_bytes(SESSION, fit_records(4))[14:-2])
    for _ in range(data.draw(st.integers(1, 6))):
        body[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(body)))

    result = read_workout("run.fit", fit_file(bytes(body[:cut])), "UTC")

    assert isinstance(result, Workout | WatchFileProblem)


_XML_VALUE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["nan", "-inf", "1e400", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59Z"]),
    st.datetimes(timezones=st.timezones()).map(datetime.isoformat),
    st.floats().map(str),
)


@given(start=_XML_VALUE, seconds=_XML_VALUE, metres=_XML_VALUE, heart=_XML_VALUE)
def test_tcx_with_any_values_never_raises(
    start: str, seconds: str, metres: str, heart: str
) -> None:
    content = _xml_escaped_tcx(Lap(start, seconds, metres, heart))

    assert isinstance(
        read_workout("run.tcx", content, "Pacific/Kiritimati"), Workout | WatchFileProblem
    )


@given(lat=_XML_VALUE, when=_XML_VALUE, heart=_XML_VALUE)
def test_gpx_with_any_values_never_raises(lat: str, when: str, heart: str) -> None:
    point = (
        f'<trkpt lat="{_escape(lat)}" lon="11"><time>{_escape(when)}</time><extensions>'
        f"<hr>{_escape(heart)}</hr></extensions></trkpt>"
    )
    content = f'<gpx version="1.1"><trk><trkseg>{point}{point}</trkseg></trk></gpx>'.encode()

    assert isinstance(
        read_workout("run.gpx", content, "Pacific/Kiritimati"), Workout | WatchFileProblem
    )


def _xml_escaped_tcx(lap: Lap) -> bytes:
    escaped = Lap(
        *(
            _escape(value)
            for value in (lap.start, lap.seconds, lap.metres or "", lap.heart_rate or "")
        )
    )
    return tcx_text([escaped]).encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


# --- what the runner reads ------------------------------------------------------------


def _workout(distance_km: float | None, heart_rate: int | None) -> Workout:
    return Workout(date(2024, 5, 1), START, 1440, distance_km, heart_rate, "gpx")


def test_describe_in_kilometres_and_miles() -> None:
    assert describe(_workout(3.1, 142), Units.KM) == (
        "Read from your watch: 24 min, 3.1 km, average heart rate 142."
    )
    assert describe(_workout(3.1, 142), Units.MILES) == (
        "Read from your watch: 24 min, 1.9 mi, average heart rate 142."
    )


def test_describe_leaves_out_what_the_watch_did_not_measure() -> None:
    assert describe(_workout(None, None), Units.KM) == "Read from your watch: 24 min."


def test_each_problem_has_its_own_refusal() -> None:
    sentences = {problem: refusal(problem) for problem in WatchFileProblem}

    assert len(set(sentences.values())) == len(WatchFileProblem)
    assert "10 MB" in sentences[WatchFileProblem.TOO_LARGE]
    assert all("{" not in sentence for sentence in sentences.values())
