"""Session log replies typed in Spanish and Russian, each with its reading written down
first: effort, pain, where, heart rate and distance (typos, emoji and number words in)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.log_reading import ManualLog, ManualLogProblem, parse_log_reply, parse_manual_log
from bot.domain.log_reading.guided import read_day, read_score
from bot.domain.log_reading.signs import BodyPart
from bot.domain.profile import Units

KNEE, HIP, ANKLE, FOOT, HEEL, ACHILLES, CALF, SHIN, HAM, QUAD, GLUTE, BACK, NECK, SHOULDER = (
    BodyPart.KNEE,
    BodyPart.HIP,
    BodyPart.ANKLE,
    BodyPart.FOOT,
    BodyPart.HEEL,
    BodyPart.ACHILLES,
    BodyPart.CALF,
    BodyPart.SHIN,
    BodyPart.HAMSTRING,
    BodyPart.QUAD,
    BodyPart.GLUTE,
    BodyPart.BACK,
    BodyPart.NECK,
    BodyPart.SHOULDER,
)

# (reply, effort, pain, where, heart rate, km)
Row = tuple[str, int | None, int | None, BodyPart | None, int | None, float | None]

SPANISH: list[Row] = [
    ("esfuerzo 6, rodilla 2", 6, 2, KNEE, None, None),
    ("Esfuerzo 7, dolor 0", 7, 0, None, None, None),
    ("esfuerzo seis, rodilla dos", 6, 2, KNEE, None, None),
    ("7/10", 7, None, None, None, None),
    ("un 7 de 10", 7, None, None, None, None),
    ("7 sobre 10, sin dolor", 7, 0, None, None, None),
    ("esfuerzo 5 sin dolor 👍", 5, 0, None, None, None),
    ("esfuerso 6, rodiya 1", 6, 1, KNEE, None, None),
    ("intensidad 8, me duele la rodilla 3", 8, 3, KNEE, None, None),
    ("esfuerzo 4, molestia en el tobillo 2", 4, 2, ANKLE, None, None),
    ("esfuerzo 6 pulso 148", 6, None, None, 148, None),
    ("pulsaciones 152, esfuerzo 7", 7, None, None, 152, None),
    ("140 ppm, esfuerzo 5", 5, None, None, 140, None),
    ("1,2 km, esfuerzo 5", 5, None, None, None, 1.2),
    ("800 metros, esfuerzo 4", 4, None, None, None, 0.8),
    ("2 kilómetros, esfuerzo siete", 7, None, None, None, 2.0),
    ("distancia 1.5 km, esfuerzo 6", 6, None, None, None, 1.5),
    ("esfuerzo 6, cadera 2", 6, 2, HIP, None, None),
    ("esfuerzo 5, gemelos cargados 2", 5, 2, CALF, None, None),
    ("esfuerzo 7, dolor de espalda 3", 7, 3, BACK, None, None),
    ("esfuerzo 5, el cuello 1", 5, 1, NECK, None, None),
    ("esfuerzo 6, hombro 2", 6, 2, SHOULDER, None, None),
    ("esfuerzo 3, talón 2", 3, 2, HEEL, None, None),
    ("esfuerzo 5, aquiles 1", 5, 1, ACHILLES, None, None),
    ("esfuerzo 6, espinilla 2", 6, 2, SHIN, None, None),
    ("esfuerzo 7, isquios 3", 7, 3, HAM, None, None),
    ("esfuerzo 6, cuádriceps 2", 6, 2, QUAD, None, None),
    ("esfuerzo 5, glúteo 1", 5, 1, GLUTE, None, None),
    ("esfuerzo 4, pie 1", 4, 1, FOOT, None, None),
    ("esfuerzo 8, nada de dolor", 8, 0, None, None, None),
    ("esfuerzo cinco, no me duele nada", 5, 0, None, None, None),
    ("esfuerzo 6 y dolor 1 en la rodilla", 6, 1, KNEE, None, None),
    ("dolor 2 en la rodilla, esfuerzo 6", 6, 2, KNEE, None, None),
    ("rodilla un poco molesta 2, esfuerzo 5", 5, 2, KNEE, None, None),
    ("ESFUERZO 9!!! rodilla 4", 9, 4, KNEE, None, None),
    ("esfuerzo 6 😅 rodilla 2", 6, 2, KNEE, None, None),
    ("6", 6, None, None, None, None),
    ("seis", 6, None, None, None, None),
    ("me sentí como un siete", 7, None, None, None, None),
    ("esfuerzo 7, rodilla 0", 7, 0, None, None, None),
    ("esfuerzo diez, pulso ciento cincuenta", 10, None, None, 150, None),
    ("esfuerzo 6, fc 145, 1 km", 6, None, None, 145, 1.0),
    ("esfuerzo 5, tobillos 2, 20 minutos", 5, 2, ANKLE, None, None),
    ("esfuerzo 4 de 10, hacía viento", 4, None, None, None, None),
    ("bien, esfuerzo 5", 5, None, None, None, None),
    ("esfuerzo 5, pulso medio 138", 5, None, None, 138, None),
    ("esfuerzo 7. me duele la cadera 2", 7, 2, HIP, None, None),
    ("esfuerzo ocho, cadera tres", 8, 3, HIP, None, None),
    ("esfuerzo 6, dolor 0 en la rodilla", 6, 0, None, None, None),
    ("esfuerzo 5, rodilla derecha 2", 5, 2, KNEE, None, None),
    ("esfuerzo 5 rodilla izquierda 1", 5, 1, KNEE, None, None),
    ("esfuerzo 6, 1500 m", 6, None, None, None, 1.5),
    ("esfuerzo 3, muy fácil", 3, None, None, None, None),
    ("esfuerzo 6, pulso 150, rodilla 1, 1 km", 6, 1, KNEE, 150, 1.0),
    ("esfuerzo: 6 / dolor: 1", 6, 1, None, None, None),
    ("esfuerzo 7, dolor 2 en el pie", 7, 2, FOOT, None, None),
    ("esfuerzo 6, sin molestias", 6, 0, None, None, None),
    ("esfuerzo 6, espalda baja 2", 6, 2, BACK, None, None),
    ("esfuerzo 6, corrí de espaldas por el pasillo", 6, None, None, None, None),
    ("esfuerzo 5, miré por encima del hombro", 5, None, None, None, None),
    ("dolor de rodilla 3, esfuerzo cuatro", 4, 3, KNEE, None, None),
    ("esfuerso 7 pulsasiones 150", 7, None, None, 150, None),
    ("rpe 6, rodilla 2", 6, 2, KNEE, None, None),
]

RUSSIAN: list[Row] = [
    ("усилие 6, колено 2", 6, 2, KNEE, None, None),
    ("Усилие 7, боль 0", 7, 0, None, None, None),
    ("усилие шесть, колено два", 6, 2, KNEE, None, None),
    ("7/10", 7, None, None, None, None),
    ("7 из 10", 7, None, None, None, None),
    ("усилие 7 из 10, без боли", 7, 0, None, None, None),
    ("усилие 5, боли нет 👍", 5, 0, None, None, None),
    ("усилее 6, калено 1", 6, 1, KNEE, None, None),
    ("нагрузка 8, колено болит 3", 8, 3, KNEE, None, None),
    ("усилие 4, голеностоп 2", 4, 2, ANKLE, None, None),
    ("усилие 6, пульс 148", 6, None, None, 148, None),
    ("пульс 152, усилие 7", 7, None, None, 152, None),
    ("чсс 140, усилие 5", 5, None, None, 140, None),
    ("1,2 км, усилие 5", 5, None, None, None, 1.2),
    ("800 метров, усилие 4", 4, None, None, None, 0.8),
    ("2 километра, усилие семь", 7, None, None, None, 2.0),
    ("дистанция 1.5 км, усилие 6", 6, None, None, None, 1.5),
    ("усилие 6, бедро 2", 6, 2, HIP, None, None),
    ("усилие 5, икры 2", 5, 2, CALF, None, None),
    ("усилие 7, спина болит 3", 7, 3, BACK, None, None),
    ("усилие 5, шея 1", 5, 1, NECK, None, None),
    ("усилие 6, плечо 2", 6, 2, SHOULDER, None, None),
    ("усилие 3, пятка 2", 3, 2, HEEL, None, None),
    ("усилие 5, ахилл 1", 5, 1, ACHILLES, None, None),
    ("усилие 6, голень 2", 6, 2, SHIN, None, None),
    ("усилие 7, задняя поверхность бедра 3", 7, 3, HAM, None, None),
    ("усилие 6, квадрицепс 2", 6, 2, QUAD, None, None),
    ("усилие 5, ягодица 1", 5, 1, GLUTE, None, None),
    ("усилие 4, стопа 1", 4, 1, FOOT, None, None),
    ("усилие 8, ничего не болит", 8, 0, None, None, None),
    ("усилие пять, не болит", 5, 0, None, None, None),
    ("усилие 6 и боль 1 в колене", 6, 1, KNEE, None, None),
    ("боль 2 в колене, усилие 6", 6, 2, KNEE, None, None),
    ("колено немного ноет 2, усилие 5", 5, 2, KNEE, None, None),
    ("УСИЛИЕ 9!!! колено 4", 9, 4, KNEE, None, None),
    ("усилие 6 😅 колено 2", 6, 2, KNEE, None, None),
    ("6", 6, None, None, None, None),
    ("шесть", 6, None, None, None, None),
    ("ощущалось на семь", 7, None, None, None, None),
    ("усилие 7, колено 0", 7, 0, None, None, None),
    ("усилие десять, пульс сто пятьдесят", 10, None, None, 150, None),
    ("усилие 6, пульс 145, 1 км", 6, None, None, 145, 1.0),
    ("вчера 20 минут, усилие шесть", 6, None, None, None, None),
    ("усилие 4 из 10, было ветрено", 4, None, None, None, None),
    ("нормально, усилие 5", 5, None, None, None, None),
    ("усилие 5, средний пульс 138", 5, None, None, 138, None),
    ("усилие 7. болит бедро 2", 7, 2, HIP, None, None),
    ("усилие восемь, бедро три", 8, 3, HIP, None, None),
    ("усилие 6, боль в колене 0", 6, 0, None, None, None),
    ("усилие 5, правое колено 2", 5, 2, KNEE, None, None),
    ("усилие 5 левое колено 1", 5, 1, KNEE, None, None),
    ("усилие 6, 1500 м", 6, None, None, None, 1.5),
    ("усилие 3, очень легко", 3, None, None, None, None),
    ("усилие 6, пульс 150, колено 1, 1 км", 6, 1, KNEE, 150, 1.0),
    ("усилие: 6 / боль: 1", 6, 1, None, None, None),
    ("усилие 7, боль 2 в стопе", 7, 2, FOOT, None, None),
    ("усилие 6, без дискомфорта", 6, 0, None, None, None),
    ("усилие 6, поясница 2", 6, 2, BACK, None, None),
    ("усилие 6, бежал спиной вперёд по коридору", 6, None, None, None, None),
    ("усилие 5, оглядывался через плечо", 5, None, None, None, None),
    ("колено болит на 3, усилие четыре", 4, 3, KNEE, None, None),
    ("усилие 7 пульс 150 уд/мин", 7, None, None, 150, None),
    ("rpe 6, колено 2", 6, 2, KNEE, None, None),
    ("усилие 6, пульс упал до 120", 6, None, None, 120, None),
]


def _reading(text: str, language: str) -> Row:
    reply = parse_log_reply(text, Units.KM, language)
    return (text, reply.effort, reply.pain, reply.pain_site, reply.heart_rate, reply.distance_km)


def test_each_table_has_at_least_sixty_replies() -> None:
    assert len(SPANISH) >= 60
    assert len(RUSSIAN) >= 60


@pytest.mark.parametrize("row", SPANISH, ids=[row[0] for row in SPANISH])
def test_spanish_replies_are_read(row: Row) -> None:
    assert _reading(row[0], "es") == row


@pytest.mark.parametrize("row", RUSSIAN, ids=[row[0] for row in RUSSIAN])
def test_russian_replies_are_read(row: Row) -> None:
    assert _reading(row[0], "ru") == row


def test_each_language_reads_its_own_words_and_english() -> None:
    """An English reply never meets Spanish words ("pie" is a foot only in Spanish); a
    Spanish one reads English labels too."""
    assert parse_log_reply("pie 3, effort 5", Units.KM).pain_site is None
    assert parse_log_reply("pie 3, effort 5", Units.KM, "es").pain_site is BodyPart.FOOT


TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("ayer", "es", date(2026, 12, 2)),
        ("hoy", "es", TODAY),
        ("anteayer", "es", date(2026, 12, 1)),
        ("el lunes", "es", date(2026, 11, 30)),
        ("el jueves pasado", "es", date(2026, 11, 26)),
        ("el miércoles", "es", date(2026, 12, 2)),
        ("el sábado", "es", date(2026, 11, 28)),
        ("hace 3 días", "es", date(2026, 11, 30)),
        ("hace tres días", "es", date(2026, 11, 30)),
        ("18 de noviembre", "es", date(2026, 11, 18)),
        ("ayer por la tarde", "es", date(2026, 12, 2)),
        ("вчера", "ru", date(2026, 12, 2)),
        ("сегодня", "ru", TODAY),
        ("позавчера", "ru", date(2026, 12, 1)),
        ("в понедельник", "ru", date(2026, 11, 30)),
        ("в среду", "ru", date(2026, 12, 2)),
        ("в пятницу", "ru", date(2026, 11, 27)),
        ("в прошлый четверг", "ru", date(2026, 11, 26)),
        ("3 дня назад", "ru", date(2026, 11, 30)),
        ("три дня назад", "ru", date(2026, 11, 30)),
        ("18 ноября", "ru", date(2026, 11, 18)),
        ("вчера вечером", "ru", date(2026, 12, 2)),
    ],
)
def test_days_are_read_in_the_runners_language(text: str, language: str, day: date) -> None:
    assert read_day(text, TODAY, language) == day


@pytest.mark.parametrize(
    ("text", "language", "minutes", "effort", "pain", "day"),
    [
        ("ayer 20 min esfuerzo 6 rodilla 2", "es", 20, 6, 2, date(2026, 12, 2)),
        ("el lunes 15 minutos, esfuerzo cinco", "es", 15, 5, None, date(2026, 11, 30)),
        ("treinta y cinco minutos esfuerzo 6", "es", 35, 6, None, TODAY),
        ("вчера 20 минут, усилие шесть", "ru", 20, 6, None, date(2026, 12, 2)),
        ("в понедельник 15 мин, усилие 5, колено 1", "ru", 15, 5, 1, date(2026, 11, 30)),
        ("двадцать пять минут усилие 6", "ru", 25, 6, None, TODAY),
        ("полчаса? нет: 30 мин усилие 4", "ru", 30, 4, None, TODAY),
    ],
)
def test_log_commands_are_read_in_the_runners_language(
    text: str, language: str, minutes: float, effort: int, pain: int | None, day: date
) -> None:
    logged = parse_manual_log(text, TODAY, Units.KM, language)
    assert isinstance(logged, ManualLog)
    assert (logged.reverse_minutes, logged.effort, logged.pain, logged.day) == (
        minutes,
        effort,
        pain,
        day,
    )


def test_tomorrow_is_refused_in_every_language() -> None:
    assert parse_manual_log("mañana 20 min", TODAY, Units.KM, "es") is ManualLogProblem.FUTURE_DATE
    assert parse_manual_log("завтра 20 мин", TODAY, Units.KM, "ru") is ManualLogProblem.FUTURE_DATE


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [("ninguno", "es", 0), ("nada", "es", 0), ("нет", "ru", 0), ("ничего", "ru", 0)],
)
def test_no_pain_in_words_is_pain_zero(text: str, language: str, value: int) -> None:
    score = read_score(text, pain=True, units=Units.KM, language=language)
    assert not isinstance(score, str) and score.value == value


_LANGUAGES = st.sampled_from(["en", "es", "ru", "pt-BR", "", "xx"])


@settings(max_examples=200)
@given(text=st.text(max_size=300), language=_LANGUAGES)
def test_any_text_in_any_language_gets_a_reading(text: str, language: str) -> None:
    parse_log_reply(text, Units.KM, language)
    parse_manual_log(text, TODAY, Units.MILES, language)


_WORDS = st.sampled_from(
    [
        "esfuerzo",
        "dolor",
        "rodilla",
        "seis",
        "y",
        "treinta",
        "pulso",
        "km",
        "min",
        "ayer",
        "lunes",
        "hace",
        "días",
        "de",
        "усилие",
        "боль",
        "колено",
        "шесть",
        "двадцать",
        "пять",
        "пульс",
        "км",
        "мин",
        "вчера",
        "назад",
        "дня",
        "в",
        "среду",
        "из",
        "7",
        "10",
        "148",
        "1,5",
        "/",
        "-",
        ",",
        ".",
        "😅",
        "no",
        "не",
    ]
)


@settings(max_examples=300)
@given(parts=st.lists(_WORDS, max_size=14), language=_LANGUAGES)
def test_replies_made_of_known_words_get_a_reading(parts: list[str], language: str) -> None:
    text = " ".join(parts)
    parse_log_reply(text, Units.KM, language)
    parse_manual_log(text, TODAY, Units.KM, language)
