"""Onboarding answers typed in Spanish and Russian, each with the reading written down first:
age, experience, weekly distance, goals, injuries, places, sessions, days, time, zone,
units, yes/no and the acknowledgement (typos, emoji and number words in)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.onboarding.clock import parse_session_time
from bot.domain.onboarding.parsers import (
    parse_acknowledgement,
    parse_age,
    parse_experience,
    parse_goals,
    parse_injuries,
    parse_parq_answer,
    parse_places,
    parse_sessions,
    parse_units,
    parse_weekly_km,
    parse_yes_no,
)
from bot.domain.onboarding.results import Accepted, Reason, Rejected
from bot.domain.onboarding.steps import STEPS
from bot.domain.onboarding.timezones import parse_zone, zone_label
from bot.domain.onboarding.weekdays import parse_weekdays
from bot.domain.profile import Experience, Goal, Injury, Place, Units

Reader = Callable[[str, str], Any]
_REFUSED = object()

AGE, EXP, KM, GOALS, INJ, PLACES, SESS, DAYS, TIME, ZONE, UNITS, YN, PARQ, ACK = (
    parse_age,
    parse_experience,
    parse_weekly_km,
    parse_goals,
    parse_injuries,
    parse_places,
    parse_sessions,
    parse_weekdays,
    parse_session_time,
    parse_zone,
    parse_units,
    parse_yes_no,
    parse_parq_answer,
    parse_acknowledgement,
)
E, G, I, P = Experience, Goal, Injury, Place  # noqa: E741

# (reader, answer, value it must be read as; _REFUSED where the answer must be refused)
SPANISH: list[tuple[Reader, str, Any]] = [
    (AGE, "34", 34),
    (AGE, "tengo 34 años", 34),
    (AGE, "treinta y cuatro", 34),
    (AGE, "cuarenta y dos años 🙂", 42),
    (AGE, "sesenta", 60),
    (AGE, "1990", _REFUSED),
    (EXP, "nunca", E.NONE),
    (EXP, "soy principiante", E.NONE),
    (EXP, "de vez en cuando", E.OCCASIONAL),
    (EXP, "a veces", E.OCCASIONAL),
    (EXP, "tres veces por semana", E.REGULAR),
    (EXP, "regularmente", E.REGULAR),
    (EXP, "hago maratones", E.RACES),
    (EXP, "compito en carreras", E.RACES),
    (KM, "20", 20),
    (KM, "unos veinte km", 20),
    (KM, "entre 10 y 20", 15),
    (KM, "diez millas", 16),
    (KM, "nada", _REFUSED),
    (GOALS, "equilibrio", frozenset({G.BALANCE})),
    (GOALS, "postura y equilibrio", frozenset({G.POSTURE, G.BALANCE})),
    (GOALS, "perder peso", frozenset({G.CALORIES})),
    (GOALS, "la rodilla", frozenset({G.KNEE})),
    (GOALS, "por diversión", frozenset({G.FUN})),
    (GOALS, "correr mejor", frozenset({G.FORWARD})),
    (GOALS, "todos", frozenset(Goal)),
    (INJ, "ninguna", frozenset()),
    (INJ, "rodilla", frozenset({I.KNEES})),
    (INJ, "tobillo y espalda", frozenset({I.ANKLES_FEET, I.HIPS_BACK})),
    (INJ, "el hombro", frozenset({I.OTHER})),
    (INJ, "estoy bien 👍", frozenset()),
    (PLACES, "pista", frozenset({P.TRACK})),
    (PLACES, "en el parque", frozenset({P.PARK})),
    (PLACES, "cinta de correr y pasillo", frozenset({P.TREADMILL, P.HALLWAY})),
    (PLACES, "gimnasio", frozenset({P.TREADMILL})),
    (PLACES, "la acera", _REFUSED),
    (PLACES, "sendero de montaña", _REFUSED),
    (SESS, "3", 3),
    (SESS, "tres", 3),
    (SESS, "dos veces", 2),
    (SESS, "cuatro", 4),
    (SESS, "siete", _REFUSED),
    (DAYS, "lunes, miércoles y viernes", (0, 2, 4)),
    (DAYS, "lun mié vie", (0, 2, 4)),
    (DAYS, "martes y jueves", (1, 3)),
    (DAYS, "fin de semana", (5, 6)),
    (DAYS, "de lunes a viernes", (0, 1, 2, 3, 4)),
    (DAYS, "cualquier día", (0, 1, 2, 3, 4, 5, 6)),
    (DAYS, "todos los días menos el domingo", (0, 1, 2, 3, 4, 5)),
    (DAYS, "miercoles y sabado", (2, 5)),
    (TIME, "18:30", time(18, 30)),
    (TIME, "a las siete de la tarde", time(19, 0)),
    (TIME, "7 de la mañana", time(7, 0)),
    (TIME, "por la mañana", time(7, 0)),
    (TIME, "al mediodía", time(12, 0)),
    (TIME, "después del trabajo", time(18, 0)),
    (ZONE, "Madrid", "Europe/Madrid"),
    (ZONE, "Nueva York", "America/New_York"),
    (ZONE, "Londres", "Europe/London"),
    (ZONE, "Ciudad de México", "America/Mexico_City"),
    (ZONE, "Alemania", "Europe/Berlin"),
    (ZONE, "Tokio", "Asia/Tokyo"),
    (ZONE, "Buenos Aires", "America/Argentina/Buenos_Aires"),
    (ZONE, "Bogotá", "America/Bogota"),
    (ZONE, "Sevilla", "Europe/Madrid"),
    (UNITS, "kilómetros", Units.KM),
    (UNITS, "millas", Units.MILES),
    (YN, "sí", True),
    (YN, "claro", True),
    (YN, "no", False),
    (YN, "para nada", False),
    (YN, "👍", True),
    (PARQ, "no lo sé", True),
    (PARQ, "no", False),
    (ACK, "entendido", True),
    (ACK, "de acuerdo", True),
    (ACK, "no", _REFUSED),
]

RUSSIAN: list[tuple[Reader, str, Any]] = [
    (AGE, "34", 34),
    (AGE, "мне 34 года", 34),
    (AGE, "тридцать четыре", 34),
    (AGE, "сорок два 🙂", 42),
    (AGE, "шестьдесят лет", 60),
    (AGE, "1990", _REFUSED),
    (EXP, "никогда", E.NONE),
    (EXP, "я новичок", E.NONE),
    (EXP, "время от времени", E.OCCASIONAL),
    (EXP, "иногда", E.OCCASIONAL),
    (EXP, "три раза в неделю", E.REGULAR),
    (EXP, "регулярно", E.REGULAR),
    (EXP, "бегаю марафоны", E.RACES),
    (EXP, "участвую в забегах", E.RACES),
    (KM, "20", 20),
    (KM, "около двадцати км", 20),
    (KM, "от 10 до 20", 15),
    (KM, "десять миль", 16),
    (KM, "ничего", _REFUSED),
    (GOALS, "равновесие", frozenset({G.BALANCE})),
    (GOALS, "осанка и баланс", frozenset({G.POSTURE, G.BALANCE})),
    (GOALS, "похудеть", frozenset({G.CALORIES})),
    (GOALS, "колени", frozenset({G.KNEE})),
    (GOALS, "для удовольствия", frozenset({G.FUN})),
    (GOALS, "бегать лучше", frozenset({G.FORWARD})),
    (GOALS, "все", frozenset(Goal)),
    (INJ, "нет", frozenset()),
    (INJ, "колено", frozenset({I.KNEES})),
    (INJ, "голеностоп и спина", frozenset({I.ANKLES_FEET, I.HIPS_BACK})),
    (INJ, "плечо", frozenset({I.OTHER})),
    (INJ, "всё хорошо 👍", frozenset()),
    (PLACES, "стадион", frozenset({P.TRACK})),
    (PLACES, "в парке", frozenset({P.PARK})),
    (PLACES, "беговая дорожка и коридор", frozenset({P.TREADMILL, P.HALLWAY})),
    (PLACES, "спортзал", frozenset({P.TREADMILL})),
    (PLACES, "по тротуару", _REFUSED),
    (PLACES, "лесная тропа", _REFUSED),
    (SESS, "3", 3),
    (SESS, "три", 3),
    (SESS, "два раза", 2),
    (SESS, "четыре", 4),
    (SESS, "семь", _REFUSED),
    (DAYS, "понедельник, среда и пятница", (0, 2, 4)),
    (DAYS, "пн ср пт", (0, 2, 4)),
    (DAYS, "вторник и четверг", (1, 3)),
    (DAYS, "выходные", (5, 6)),
    (DAYS, "с понедельника по пятницу", (0, 1, 2, 3, 4)),
    (DAYS, "любой день", (0, 1, 2, 3, 4, 5, 6)),
    (DAYS, "каждый день кроме воскресенья", (0, 1, 2, 3, 4, 5)),
    (DAYS, "по средам и субботам", (2, 5)),
    (TIME, "18:30", time(18, 30)),
    (TIME, "в семь вечера", time(19, 0)),
    (TIME, "7 утра", time(7, 0)),
    (TIME, "утром", time(7, 0)),
    (TIME, "в обед", time(12, 0)),
    (TIME, "после работы", time(18, 0)),
    (ZONE, "Москва", "Europe/Moscow"),
    (ZONE, "Нью-Йорк", "America/New_York"),
    (ZONE, "Лондон", "Europe/London"),
    (ZONE, "Новосибирск", "Asia/Novosibirsk"),
    (ZONE, "Германия", "Europe/Berlin"),
    (ZONE, "Токио", "Asia/Tokyo"),
    (ZONE, "Екатеринбург", "Asia/Yekaterinburg"),
    (ZONE, "Мосвка", "Europe/Moscow"),
    (ZONE, "Киев", "Europe/Kyiv"),
    (UNITS, "километры", Units.KM),
    (UNITS, "мили", Units.MILES),
    (YN, "да", True),
    (YN, "конечно", True),
    (YN, "нет", False),
    (YN, "неа", False),
    (YN, "👍", True),
    (PARQ, "не знаю", True),
    (PARQ, "нет", False),
    (ACK, "понятно", True),
    (ACK, "согласен", True),
    (ACK, "нет", _REFUSED),
]


def _read(reader: Reader, text: str, language: str) -> Any:
    result = reader(text, language)
    return result.value if isinstance(result, Accepted) else _REFUSED


def test_each_table_has_at_least_sixty_answers() -> None:
    assert len(SPANISH) >= 60
    assert len(RUSSIAN) >= 60


@pytest.mark.parametrize(
    ("reader", "text", "value"), SPANISH, ids=[f"{r.__name__}:{t}" for r, t, _ in SPANISH]
)
def test_spanish_answers_are_read(reader: Reader, text: str, value: Any) -> None:
    assert _read(reader, text, "es") == value


@pytest.mark.parametrize(
    ("reader", "text", "value"), RUSSIAN, ids=[f"{r.__name__}:{t}" for r, t, _ in RUSSIAN]
)
def test_russian_answers_are_read(reader: Reader, text: str, value: Any) -> None:
    assert _read(reader, text, "ru") == value


def test_a_country_with_several_zones_asks_which() -> None:
    result = parse_zone("Rusia", "es")
    assert isinstance(result, Rejected) and result.reason is Reason.ZONE_AMBIGUOUS
    assert "Europe/Moscow" in result.options


def test_english_answers_are_read_in_every_language() -> None:
    """Buttons send English keys; runners mix in English words."""
    for language in ("es", "ru"):
        assert _read(parse_experience, "regular", language) is E.REGULAR
        assert _read(parse_weekdays, "mon, wed, fri", language) == (0, 2, 4)
        assert _read(parse_yes_no, "yes", language) is True


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=80), language=st.sampled_from(["en", "es", "ru", "pt", ""]))
def test_any_answer_in_any_language_is_read_or_refused(text: str, language: str) -> None:
    for step in STEPS:
        assert isinstance(step.parse(text, {}, language), Accepted | Rejected)


@pytest.mark.parametrize(
    ("zone", "language", "label"),
    [
        ("America/New_York", "en", "New York"),
        ("America/New_York", "es", "Nueva York"),
        ("Europe/Moscow", "ru", "Москва"),
        ("Etc/GMT-2", "ru", "UTC+2"),
    ],
)
def test_a_zone_is_named_in_the_runners_language(zone: str, language: str, label: str) -> None:
    assert zone_label(zone, language) == label


@pytest.mark.parametrize(
    ("text", "zone"),
    [("Peru", "America/Lima"), ("Colombia", "America/Bogota"), ("Japan", "Asia/Tokyo")],
)
def test_countries_of_one_zone_come_from_cldr_in_english_too(text: str, zone: str) -> None:
    assert _read(parse_zone, text, "en") == zone
