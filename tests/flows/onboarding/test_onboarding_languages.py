"""A runner whose Telegram speaks Spanish or Russian types every onboarding answer in that
language, through the whole application, and gets the profile those answers say."""

from __future__ import annotations

from datetime import time

import pytest

from bot.domain.onboarding import StepId
from bot.domain.profile import Experience, Goal, Place, Units
from bot.emulator.user import EmulatedUser
from tests.support.harness import ChatRunner, Coach

SPANISH: list[tuple[StepId, str]] = [
    (StepId.AGE, "treinta y cuatro"),
    (StepId.EXPERIENCE, "varias veces por semana"),
    (StepId.WEEKLY_KM, "unos quince km"),
    (StepId.GOALS, "equilibrio y rodillas"),
    (StepId.INJURIES, "ninguna"),
    (StepId.PLACES, "pista y parque"),
    (StepId.SESSIONS, "tres"),
    (StepId.WEEKDAYS, "lunes, miércoles y viernes"),
    (StepId.SESSION_TIME, "a las seis de la tarde"),
    (StepId.TIMEZONE, "Londres"),
    (StepId.UNITS, "kilómetros"),
    *((step, "no") for step in StepId if step.startswith("parq_")),
    (StepId.ACKNOWLEDGEMENT, "entendido"),
]
RUSSIAN: list[tuple[StepId, str]] = [
    (StepId.AGE, "тридцать четыре"),
    (StepId.EXPERIENCE, "несколько раз в неделю"),
    (StepId.WEEKLY_KM, "около пятнадцати км"),
    (StepId.GOALS, "равновесие и колени"),
    (StepId.INJURIES, "нет"),
    (StepId.PLACES, "стадион и парк"),
    (StepId.SESSIONS, "три"),
    (StepId.WEEKDAYS, "понедельник, среда и пятница"),
    (StepId.SESSION_TIME, "в шесть вечера"),
    (StepId.TIMEZONE, "Лондон"),
    (StepId.UNITS, "километры"),
    *((step, "нет") for step in StepId if step.startswith("parq_")),
    (StepId.ACKNOWLEDGEMENT, "понятно"),
]


@pytest.mark.parametrize(("language", "answers"), [("es", SPANISH), ("ru", RUSSIAN)])
async def test_typed_answers_in_the_runners_language_build_the_profile(
    coach: Coach, language: str, answers: list[tuple[StepId, str]]
) -> None:
    runner = ChatRunner(coach, EmulatedUser(coach.emulator, 101, "Ana", language))
    await runner.send("/start")
    for _, answer in answers:
        await runner.send(answer)
    profile = await coach.services.profiles.get(101)
    assert profile is not None
    assert (profile.age, profile.experience, profile.weekly_km) == (34, Experience.REGULAR, 15)
    assert profile.goals == {Goal.BALANCE, Goal.KNEE}
    assert profile.injuries == frozenset()
    assert profile.places == {Place.TRACK, Place.PARK}
    assert (profile.sessions_per_week, profile.weekdays) == (3, (0, 2, 4))
    assert profile.session_time == time(18, 0)
    assert (profile.timezone, profile.units) == ("Europe/London", Units.KM)
    assert not profile.walk_only


async def test_a_country_with_several_zones_offers_its_cities_in_the_runners_language(
    coach: Coach,
) -> None:
    runner = ChatRunner(coach, EmulatedUser(coach.emulator, 102, "Оля", "ru"))
    await runner.send("/start")
    for step, answer in RUSSIAN:
        if step is StepId.TIMEZONE:
            break
        await runner.send(answer)
    await runner.send("Россия")
    buttons = runner.buttons(runner.last_keyboard_message())
    assert "Москва" in buttons
    await runner.tap("Москва")
    draft = await coach.services.profiles.get_draft(102)
    assert draft is not None and draft.answers[StepId.TIMEZONE] == "Europe/Moscow"
