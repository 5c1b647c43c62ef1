"""Properties of the log parsers: any text gives a result, never an exception, and never
a value out of range; replies and /log commands built from known parts read back as them.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.log_reading import (
    BodyPart,
    LogReply,
    ManualLog,
    ManualLogProblem,
    parse_log_reply,
    parse_manual_log,
    parse_morning_answer,
)
from bot.domain.onboarding.parsers import KM_PER_MILE
from bot.domain.profile import Units
from bot.domain.session_logs import MorningAfter

# Words and pieces the parsers know, plus noise, so generated text reaches the paths.
PIECES = [
    "7", "10", "/", "/10", "out of 10", "of", "0", "11", "148", "1.2", "1,2", "1,500",
    "-", "6-7", "or", "to", "x", "km", "mi", "m", "k", "min", "bpm", "hr", "effort", "rpe",
    "pain", "no", "not", "free", "knee", "kne", "back", "came back", "sore", "a bit",
    "seven", "ten", "one", "distance", "dizzy", "fell", "gave way", "chest strap", ",",
    ".", "\n", ":", "better", "worse", "same", "👍", "👎", "3️⃣", "１２", "yesterday",
    "monday", "last", "18.11", "18/11", "2026-11-18", "nov", "18th", "31.02", "days ago",
    "999999999999", "0.0000001", "é", "\u200d", "  ",
]  # fmt: skip
any_text = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
)
units = st.sampled_from(Units)


def in_scale(value: int | None) -> bool:
    return value is None or (isinstance(value, int) and 0 <= value <= 10)


@given(text=any_text, runner_units=units)
def test_any_reply_gives_values_in_range(text: str, runner_units: Units) -> None:
    reply = parse_log_reply(text, runner_units)
    assert in_scale(reply.effort) and in_scale(reply.pain)
    assert reply.heart_rate is None or 30 <= reply.heart_rate <= 230
    assert reply.distance_km is None or 0 <= reply.distance_km <= 50
    assert reply.pain != 0 or reply.pain_site is None
    assert isinstance(reply.notes, str) and reply.notes == reply.notes.strip()
    if not reply.usable:
        assert (reply.effort, reply.pain, reply.heart_rate, reply.distance_km) == (None,) * 4
        assert not reply.red_flags


@given(text=any_text)
def test_any_morning_answer_gives_one_of_three_or_none(text: str) -> None:
    assert parse_morning_answer(text) in (*MorningAfter, None)


@given(text=any_text, today=st.dates())
def test_any_manual_log_gives_a_log_in_range_or_a_problem(text: str, today: date) -> None:
    result = parse_manual_log(text, today)
    if isinstance(result, ManualLogProblem):
        return
    assert 0 < result.reverse_minutes <= 180
    assert 0 <= (today - result.day).days <= 30
    assert in_scale(result.effort) and in_scale(result.pain)


SITE_WORDS = {
    BodyPart.KNEE: "knee", BodyPart.HIP: "hip", BodyPart.ANKLE: "ankle",
    BodyPart.FOOT: "foot", BodyPart.HEEL: "heel", BodyPart.ACHILLES: "achilles",
    BodyPart.CALF: "calf", BodyPart.SHIN: "shin", BodyPart.HAMSTRING: "hamstring",
    BodyPart.QUAD: "quad", BodyPart.GLUTE: "glute", BodyPart.GROIN: "groin",
    BodyPart.BACK: "lower back", BodyPart.NECK: "neck", BodyPart.SHOULDER: "shoulder",
}  # fmt: skip
NUMBER_NAMES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)  # fmt: skip


@st.composite
def effort_part(draw: st.DrawFn, effort: int) -> str:
    formats = [
        f"{effort}/10", f"{effort} / 10", f"{effort} out of 10", f"{effort} of 10",
        f"effort {effort}", f"rpe {effort}", f"RPE{effort}", f"effort: {effort}/10",
        f"{effort} effort", f"effort {NUMBER_NAMES[effort]}", f"{NUMBER_NAMES[effort]}/10",
        f"{effort}",
    ]  # fmt: skip
    return draw(st.sampled_from(formats))


@st.composite
def pain_part(draw: st.DrawFn, pain: int, site: BodyPart | None) -> str:
    if pain == 0:
        return draw(st.sampled_from(["no pain", "pain 0", "pain free", "pain: none"]))
    if site is None:
        return draw(st.sampled_from([f"pain {pain}", f"pain {pain}/10", f"{pain} pain"]))
    word = SITE_WORDS[site]
    formats = [
        f"{word} {pain}", f"{word} pain {pain}", f"sore {word} {pain}/10",
        f"pain {pain} in my {word}", f"{word} a bit sore {pain}", f"{word}: {pain}",
    ]  # fmt: skip
    return draw(st.sampled_from(formats))


def heart_rate_part(heart_rate: int) -> st.SearchStrategy[str]:
    formats = [
        f"hr {heart_rate}", f"{heart_rate} bpm", f"avg hr {heart_rate}", f"hr{heart_rate}",
        f"heart rate {heart_rate}", f"HR: {heart_rate}", f"pulse {heart_rate}",
    ]  # fmt: skip
    return st.sampled_from(formats)


@st.composite
def distance_part(draw: st.DrawFn, runner_units: Units) -> tuple[str, float]:
    """A distance as typed, and the kilometres it means."""
    tenths = draw(st.integers(1, 200))
    typed = f"{tenths / 10:g}"
    unit = draw(st.sampled_from(["km", "mi", "m", "label", "comma"]))
    if unit == "m":
        metres = tenths * 100
        typed_metres = draw(st.sampled_from([f"{metres} m", f"{metres}m", f"{metres} metres"]))
        return typed_metres, metres / 1000
    if unit == "comma":
        return f"{typed.replace('.', ',')} km", tenths / 10
    if unit == "km":
        return draw(st.sampled_from([f"{typed} km", f"{typed}km", f"{typed} k"])), tenths / 10
    if unit == "mi":
        return draw(st.sampled_from([f"{typed} mi", f"{typed} miles"])), tenths / 10 * KM_PER_MILE
    per_unit = KM_PER_MILE if runner_units is Units.MILES else 1.0
    return f"distance {typed}", tenths / 10 * per_unit


@st.composite
def known_reply(draw: st.DrawFn) -> tuple[str, Units, LogReply]:
    """A reply rendered from chosen values, in random order, case and punctuation."""
    runner_units = draw(units)
    effort = draw(st.none() | st.integers(0, 10))
    pain = draw(st.none() | st.integers(0, 10))
    site = draw(st.none() | st.sampled_from(BodyPart)) if pain else None
    heart_rate = draw(st.none() | st.integers(30, 230))
    distance = draw(st.none() | distance_part(runner_units))
    parts = []
    if effort is not None:
        parts.append(draw(effort_part(effort)))
    if pain is not None:
        parts.append(draw(pain_part(pain, site)))
    if heart_rate is not None:
        parts.append(draw(heart_rate_part(heart_rate)))
    if distance is not None:
        parts.append(distance[0])
    parts = draw(st.permutations(parts))
    # Dashes do not end a clause ("knee - 3"), so they are not separators here.
    separator = draw(st.sampled_from([", ", "; ", ". ", "\n", " , ", "! "]))
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str]))
    expected = LogReply(
        effort=effort,
        pain=pain,
        pain_site=site,
        heart_rate=heart_rate,
        distance_km=None if distance is None else round(distance[1], 3),
    )
    return case(separator.join(parts)), runner_units, expected


@given(case=known_reply())
def test_a_reply_built_from_known_parts_reads_back_as_them(
    case: tuple[str, Units, LogReply],
) -> None:
    typed, runner_units, expected = case
    reply = parse_log_reply(typed, runner_units)
    got = (reply.effort, reply.pain, reply.pain_site, reply.heart_rate, reply.distance_km)
    wanted = (
        expected.effort,
        expected.pain,
        expected.pain_site,
        expected.heart_rate,
        expected.distance_km,
    )
    assert got == wanted
    assert reply.notes == ""
    assert not reply.ambiguous


TODAY = date(2026, 11, 20)


@st.composite
def known_manual_log(draw: st.DrawFn) -> tuple[str, ManualLog]:
    """A /log command rendered from a day, minutes, effort and pain."""
    back = draw(st.integers(0, 30))
    day = TODAY - timedelta(days=back)
    day_formats = [day.isoformat(), f"{day.day:02}.{day.month:02}", f"{day.day}/{day.month}"]
    day_formats += [f"{back} days ago", f"{day.day} {day.strftime('%b')}"]
    day_formats += {0: ["today", ""], 1: ["yesterday"]}.get(back, [])
    minutes = draw(st.integers(1, 180))
    effort = draw(st.none() | st.integers(0, 10))
    pain = draw(st.none() | st.integers(0, 10)) if effort is not None else None
    scores = " ".join(str(value) for value in (effort, pain) if value is not None)
    minutes_typed = draw(st.sampled_from([f"{minutes} min", f"{minutes}m", f"{minutes}"]))
    typed = f"{draw(st.sampled_from(day_formats))} {minutes_typed} {scores}"
    return typed, ManualLog(day, float(minutes), effort, pain)


@given(case=known_manual_log())
def test_a_manual_log_built_from_known_parts_reads_back_as_them(
    case: tuple[str, ManualLog],
) -> None:
    typed, expected = case
    assert parse_manual_log(typed, TODAY) == expected
