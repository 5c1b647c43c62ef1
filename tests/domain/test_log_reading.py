"""Reading session logs: free-text replies, morning check-in answers and /log arguments,
over real-looking input with typos, emoji, units, words, mixed case and stray spaces.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.log_reading import (
    BodyPart,
    Doubt,
    EffortBand,
    LogReply,
    ManualLog,
    ManualLogProblem,
    RedFlag,
    effort_band,
    parse_log_reply,
    parse_manual_log,
    parse_morning_answer,
    red_flags_in,
)
from bot.domain.profile import Units
from bot.domain.session_logs import MorningAfter

KNEE, HIP, ANKLE, CALF, BACK = (
    BodyPart.KNEE,
    BodyPart.HIP,
    BodyPart.ANKLE,
    BodyPart.CALF,
    BodyPart.BACK,
)
GUESSED, UNPLACED, OUT, CONFLICT = (
    Doubt.GUESSED_ORDER,
    Doubt.UNPLACED_NUMBER,
    Doubt.OUT_OF_RANGE,
    Doubt.CONFLICT,
)


def doubts(*found: Doubt) -> frozenset[Doubt]:
    return frozenset(found)


def flags(*found: RedFlag) -> frozenset[RedFlag]:
    return frozenset(found)


NOTHING = LogReply()

REPLIES_KM: list[tuple[str, LogReply]] = [
    # The example, and the same facts in other shapes.
    (
        "7/10, knee a bit sore 2, avg hr 148, 1.2 km, windy",
        LogReply(7, 2, KNEE, 148, 1.2, "windy"),
    ),
    ("7/10 knee 2 hr 148 1.2km windy", LogReply(7, 2, KNEE, 148, 1.2, "windy")),
    ("  EFFORT   8 / 10  ,  PAIN 2  ", LogReply(8, 2)),
    ("Effort: 6/10. Pain: none.", LogReply(6, 0)),
    ("effort 5 , hr 160 , 3 km , rain", LogReply(5, heart_rate=160, distance_km=3.0, notes="rain")),
    ("hr 148 7/10 2.5km", LogReply(7, heart_rate=148, distance_km=2.5)),
    ("RPE 9!!! HR 181", LogReply(9, heart_rate=181)),
    ("EFFORT 7 PAIN 0 WINDY", LogReply(7, 0, notes="WINDY")),
    # Effort on its own: digits, words, scales.
    ("7", LogReply(7)),
    ("seven", LogReply(7)),
    ("Six/10", LogReply(6)),
    ("7 out of 10", LogReply(7)),
    ("7 of 10", LogReply(7)),
    ("seven out of ten", LogReply(7)),
    ("7/10!!!", LogReply(7)),
    ("0/10", LogReply(0)),
    ("10/10", LogReply(10)),
    ("effort 6", LogReply(6)),
    ("rpe 5", LogReply(5)),
    ("RPE5, pain 1", LogReply(5, 1)),
    ("felt like a seven", LogReply(7)),
    ("good one, 6/10", LogReply(6, notes="good one")),
    ("hard but fun, 7", LogReply(7, notes="hard but fun")),
    ("hell of a session, 8/10", LogReply(8, notes="hell of a session")),
    # Pain: numbers, places, none at all.
    ("pain 0", LogReply(pain=0)),
    ("no pain", LogReply(pain=0)),
    ("pain free", LogReply(pain=0)),
    ("Pain-free, 4/10", LogReply(4, 0)),
    ("didn't hurt at all 5/10", LogReply(5, 0, notes="at all")),
    ("knee 3", LogReply(pain=3, pain_site=KNEE)),
    ("knee about 3", LogReply(pain=3, pain_site=KNEE)),
    ("pain 3 in my left knee", LogReply(pain=3, pain_site=KNEE)),
    ("Pain 2 knee effort 5", LogReply(5, 2, KNEE)),
    ("sore hamstring 2/10, 5/10 effort", LogReply(5, 2, BodyPart.HAMSTRING)),
    ("lower back 2", LogReply(pain=2, pain_site=BACK)),
    ("Calves tight 3", LogReply(pain=3, pain_site=CALF)),
    ("no pain 7/10 shoulder 2", LogReply(7, 2, BodyPart.SHOULDER, notes="no pain")),
    ("Knee 👍 0", LogReply(pain=0)),
    ("knee 3, hip 2", LogReply(pain=3, pain_site=KNEE, notes="hip 2")),
    (
        "My calf was sore, about 2/10. Effort 6.",
        LogReply(6, 2, CALF, notes="My calf was sore", doubts=doubts(GUESSED)),
    ),
    # Labels after the number, and which label a number belongs to.
    ("7 effort 2 pain", LogReply(7, 2)),
    ("7/10 knee 2", LogReply(7, 2, KNEE)),
    ("came back home 7/10", LogReply(7, notes="came back home")),
    ("checking over my shoulder 6/10", LogReply(6, notes="checking over my shoulder")),
    # Typos.
    ("efort 7 kne 3", LogReply(7, 3, KNEE)),
    ("efort 6 pian 2", LogReply(6, 2)),
    ("hamstrng 2", LogReply(pain=2, pain_site=BodyPart.HAMSTRING)),
    ("hr148", LogReply(heart_rate=148)),
    ("hearrate 150", LogReply(heart_rate=150)),
    ("distnace 2", LogReply(distance_km=2.0)),
    # Heart rate and distance units.
    ("148 bpm", LogReply(heart_rate=148)),
    ("HR: 152, effort: 8", LogReply(8, heart_rate=152)),
    ("1,2 km", LogReply(distance_km=1.2)),
    ("2 mi", LogReply(distance_km=3.219)),
    ("800m", LogReply(distance_km=0.8)),
    ("1,500 m", LogReply(distance_km=1.5)),
    ("5k 6/10", LogReply(6, distance_km=5.0)),
    ("6x30m, 5/10", LogReply(5, distance_km=0.18)),
    ("distance 1.5", LogReply(distance_km=1.5)),
    ("legs heavy, 8/10, pain 0, 2.4k", LogReply(8, 0, distance_km=2.4, notes="legs heavy")),
    # Emoji and other scripts are never a problem.
    ("7/10 🏃‍♀️💨", LogReply(7)),
    ("7️⃣/10", LogReply(7)),
    ("１０/１０", LogReply(10)),
    ("😅😅😅", NOTHING),
    ("👍", NOTHING),
    ("Effort 10/10 😵 legs gone", LogReply(10, notes="legs gone")),
    # Things we keep as notes rather than numbers.
    ("20 min, 6/10, felt great", LogReply(6, notes="20 min, felt great")),
    ("did 10 bursts of 30m 4/10", LogReply(4, distance_km=0.03, notes="did 10 bursts")),
    ("Felt good today, legs a bit heavy", LogReply(notes="Felt good today, legs a bit heavy")),
    ("6/10 chest strap said 151 bpm", LogReply(6, heart_rate=151, notes="chest strap said")),
    # Ambiguous: confirm before storing.
    ("7 2", LogReply(7, 2, doubts=doubts(GUESSED))),
    ("effort 7, 2", LogReply(7, 2, doubts=doubts(GUESSED))),
    ("7.5/10", LogReply(8, doubts=doubts(Doubt.ROUNDED))),
    ("6-7/10", LogReply(7, doubts=doubts(Doubt.RANGE))),
    ("6 or 7", LogReply(7, doubts=doubts(Doubt.RANGE))),
    ("pain 2, later pain 4", LogReply(pain=4, notes="pain 2, later", doubts=doubts(CONFLICT))),
    ("hr 14", LogReply(notes="hr 14", doubts=doubts(OUT))),
    ("effort 12", LogReply(notes="effort 12", doubts=doubts(OUT))),
    ("pain 11, 6/10", LogReply(6, notes="pain 11", doubts=doubts(OUT))),
    ("1.2", LogReply(notes="1.2", doubts=doubts(UNPLACED))),
    ("15", LogReply(notes="15", doubts=doubts(UNPLACED))),
    (
        "Avg HR 148 max 171, 7/10",
        LogReply(7, heart_rate=148, notes="max 171", doubts=doubts(UNPLACED)),
    ),
    ("7 2 5", LogReply(7, 2, notes="5", doubts=doubts(GUESSED, UNPLACED))),
    # Warning signs, with typos and inflections; denied ones are not flagged.
    ("dizzyness after, 5/10", LogReply(5, notes="dizzyness after", red_flags=flags(RedFlag.DIZZY))),
    (
        "felt faint and fell over",
        LogReply(notes="felt faint and fell over", red_flags=flags(RedFlag.FAINT, RedFlag.FALL)),
    ),
    (
        "knee gave out twice",
        LogReply(notes="knee gave out twice", red_flags=flags(RedFlag.GAVE_WAY)),
    ),
    (
        "chest felt tight, 6/10",
        LogReply(6, notes="chest felt tight", red_flags=flags(RedFlag.CHEST_PAIN)),
    ),
    (
        "Swolen ankle, pain 4",
        LogReply(pain=4, notes="Swolen ankle", red_flags=flags(RedFlag.SWELLING)),
    ),
    (
        "7/10 pain 2 heart racing",
        LogReply(7, 2, notes="heart racing", red_flags=flags(RedFlag.HEART_RHYTHM)),
    ),
    ("No dizziness, no chest pain. 4/10", LogReply(4, 0, notes="No dizziness")),
    ("didn't fall this time, 5/10", LogReply(5, notes="didn't fall this time")),
    ("sweating loads, 6/10", LogReply(6, notes="sweating loads")),
    # Nothing usable.
    ("ok", NOTHING),
    ("", NOTHING),
    ("   \n  ", NOTHING),
    ("!!!???", NOTHING),
]


@pytest.mark.parametrize(("typed", "expected"), REPLIES_KM)
def test_reply(typed: str, expected: LogReply) -> None:
    assert parse_log_reply(typed, Units.KM) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("distance 1.5", LogReply(distance_km=2.414)),
        ("2 miles, 6/10", LogReply(6, distance_km=3.219)),
        ("1.2 km", LogReply(distance_km=1.2)),
        ("1.2", LogReply(notes="1.2", doubts=doubts(UNPLACED))),
    ],
)
def test_reply_in_miles(typed: str, expected: LogReply) -> None:
    assert parse_log_reply(typed, Units.MILES) == expected


def test_the_table_is_big_enough() -> None:
    assert len(REPLIES_KM) >= 60


@pytest.mark.parametrize(
    ("reply", "usable"),
    [
        (NOTHING, False),
        (LogReply(notes="15", doubts=doubts(UNPLACED)), False),
        (LogReply(effort=0), True),
        (LogReply(pain_site=KNEE), True),
        (LogReply(notes="windy"), True),
        (LogReply(red_flags=flags(RedFlag.DIZZY)), True),
    ],
)
def test_usable(reply: LogReply, usable: bool) -> None:
    assert reply.usable is usable


def test_ambiguous_follows_the_doubts() -> None:
    assert parse_log_reply("7 2", Units.KM).ambiguous
    assert not parse_log_reply("7/10 pain 2", Units.KM).ambiguous


@pytest.mark.parametrize(
    ("effort", "band"),
    [
        (0, EffortBand.REST),
        (1, EffortBand.VERY_EASY),
        (2, EffortBand.VERY_EASY),
        (3, EffortBand.EASY),
        (4, EffortBand.MODERATE),
        (6, EffortBand.MODERATE),
        (7, EffortBand.HARD),
        (8, EffortBand.HARD),
        (9, EffortBand.VERY_HARD),
        (10, EffortBand.MAXIMAL),
    ],
)
def test_effort_band(effort: int, band: EffortBand) -> None:
    assert effort_band(effort) is band


@pytest.mark.parametrize("effort", [-1, 11])
def test_effort_band_refuses_values_off_the_scale(effort: int) -> None:
    with pytest.raises(ValueError, match="effort"):
        effort_band(effort)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("better", MorningAfter.BETTER),
        ("Bit better", MorningAfter.BETTER),
        ("a lot better thanks 😊", MorningAfter.BETTER),
        ("Beter!", MorningAfter.BETTER),
        ("good", MorningAfter.BETTER),
        ("pain free", MorningAfter.BETTER),
        ("same", MorningAfter.SAME),
        ("SAME AS YESTERDAY", MorningAfter.SAME),
        ("smae", MorningAfter.SAME),
        ("no change", MorningAfter.SAME),
        ("about the same", MorningAfter.SAME),
        ("still sore", MorningAfter.SAME),
        ("not better", MorningAfter.SAME),
        ("no worse", MorningAfter.SAME),
        ("no better no worse", MorningAfter.SAME),
        ("ok", MorningAfter.SAME),
        ("worse", MorningAfter.WORSE),
        ("worce", MorningAfter.WORSE),
        ("a bit worse", MorningAfter.WORSE),
        ("hurts more", MorningAfter.WORSE),
        ("👎", MorningAfter.WORSE),
        ("👍", None),
        ("not good", None),
        ("better but then worse", None),
        ("what?", None),
        ("", None),
        ("🙂", None),
    ],
)
def test_morning_answer(typed: str, expected: MorningAfter | None) -> None:
    assert parse_morning_answer(typed) == expected


def test_red_flags_in_a_morning_answer() -> None:
    assert red_flags_in("worse, and my knee is swollen") == flags(RedFlag.SWELLING)
    assert red_flags_in("no swelling") == flags()


TODAY = date(2026, 11, 20)  # a Friday


def on(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12 min", ManualLog(TODAY, 12.0)),
        ("12m", ManualLog(TODAY, 12.0)),
        ("12", ManualLog(TODAY, 12.0)),
        ("12.5", ManualLog(TODAY, 12.5)),
        ("1h", ManualLog(TODAY, 60.0)),
        ("today 15 min", ManualLog(TODAY, 15.0)),
        ("yesterday 20 6 2", ManualLog(on(11, 19), 20.0, 6, 2)),
        ("Yesterday, 20 mins, 6/10, no pain", ManualLog(on(11, 19), 20.0, 6, 0)),
        ("yesturday 10", ManualLog(on(11, 19), 10.0)),
        ("monday 15 min effort 5 knee 2", ManualLog(on(11, 16), 15.0, 5, 2, KNEE)),
        ("friday 10", ManualLog(TODAY, 10.0)),
        ("last fri 10", ManualLog(on(11, 13), 10.0)),
        ("Wed 8m 4", ManualLog(on(11, 18), 8.0, 4)),
        ("3 days ago 14 min 6/10", ManualLog(on(11, 17), 14.0, 6)),
        ("2026-11-18 12", ManualLog(on(11, 18), 12.0)),
        ("18.11 12", ManualLog(on(11, 18), 12.0)),
        ("18.11.2026 12", ManualLog(on(11, 18), 12.0)),
        ("18.11, 20 min, 5/10", ManualLog(on(11, 18), 20.0, 5)),
        ("18/11 12 min", ManualLog(on(11, 18), 12.0)),
        ("11/18 12", ManualLog(on(11, 18), 12.0)),
        ("18 nov 12", ManualLog(on(11, 18), 12.0)),
        ("nov 18th 12", ManualLog(on(11, 18), 12.0)),
        ("18th of November 12", ManualLog(on(11, 18), 12.0)),
        ("7/10 20", ManualLog(TODAY, 20.0, 7)),
        ("20 min, dizzy", ManualLog(TODAY, 20.0, notes="dizzy", red_flags=flags(RedFlag.DIZZY))),
        (
            "30 min run, 10 min reverse, 5/10",
            ManualLog(TODAY, 10.0, 5, notes="30 min run, reverse"),
        ),
        (
            "20 min 1.2 km hr 150 windy",
            ManualLog(TODAY, 20.0, notes="windy", heart_rate=150, distance_km=1.2),
        ),
        ("", ManualLogProblem.NO_MINUTES),
        ("yesterday", ManualLogProblem.NO_MINUTES),
        ("5/10", ManualLogProblem.NO_MINUTES),
        ("200", ManualLogProblem.MINUTES_OUT_OF_RANGE),
        ("0 min", ManualLogProblem.MINUTES_OUT_OF_RANGE),
        ("tomorrow 12", ManualLogProblem.FUTURE_DATE),
        ("2026-12-01 10", ManualLogProblem.FUTURE_DATE),
        ("18.12 10", ManualLogProblem.FUTURE_DATE),
        ("01.09 10", ManualLogProblem.DATE_TOO_OLD),
        ("2025-11-18 10", ManualLogProblem.DATE_TOO_OLD),
        ("31.02 10", ManualLogProblem.UNKNOWN_DATE),
        ("yesterday monday 10", ManualLogProblem.UNKNOWN_DATE),
        ("20 15", ManualLogProblem.UNCLEAR_NUMBERS),
        ("20 effort 12", ManualLogProblem.UNCLEAR_NUMBERS),
        ("10 min 5 min", ManualLogProblem.UNCLEAR_NUMBERS),
    ],
)
def test_manual_log(typed: str, expected: ManualLog | ManualLogProblem) -> None:
    assert parse_manual_log(typed, TODAY) == expected


def test_a_manual_distance_is_read_in_the_runner_s_units() -> None:
    in_miles = parse_manual_log("20 min, distance 2", TODAY, Units.MILES)
    assert isinstance(in_miles, ManualLog)
    assert in_miles.distance_km == pytest.approx(3.219, abs=0.001)
    assert parse_manual_log("20 min, distance 2", TODAY) == ManualLog(TODAY, 20.0, distance_km=2.0)


def test_a_year_less_date_in_january_can_be_last_december() -> None:
    assert parse_manual_log("30.12 10", date(2027, 1, 2)) == ManualLog(on(12, 30), 10.0)


def test_every_log_problem_has_a_kind_reply() -> None:
    from bot.domain.log_reading import ManualLogProblem
    from bot.texts.session_log import LOG_PROBLEMS

    assert set(LOG_PROBLEMS) == {problem.value for problem in ManualLogProblem}
