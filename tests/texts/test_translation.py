"""The lookup itself: the current language, LazyText in every way a sentence gets used,
plural forms, CLDR names, and Telegram's language codes."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from bot.texts import common, progress
from bot.texts.session_timeline import format_duration
from bot.texts.translation import (
    LazyText,
    cache_per_language,
    current_language,
    date_text,
    language_from_code,
    language_name,
    month_name,
    speaking,
    use_language,
    weekday_name,
)

HELLO = LazyText("Nice one! 😄")  # a message id the Spanish catalogue translates
SPANISH_HELLO = "¡Buenísimo! 😄"


@pytest.mark.parametrize(
    ("code", "language"),
    [("es", "es"), ("es-419", "es"), ("ru-RU", "ru"), ("pt-br", "en"), ("", "en"), (None, "en")],
)
def test_telegram_language_codes_map_to_a_language_we_speak(
    code: str | None, language: str
) -> None:
    assert language_from_code(code) == language


def test_every_way_of_using_a_lazy_text_reads_the_translation() -> None:
    with speaking("es"):
        assert str(HELLO) == SPANISH_HELLO
        assert f"{HELLO}" == SPANISH_HELLO
        assert HELLO + "!" == SPANISH_HELLO + "!"
        assert ">" + HELLO == ">" + SPANISH_HELLO
        assert HELLO.upper() == SPANISH_HELLO.upper()
        assert len(HELLO) == len(SPANISH_HELLO)
    assert str(HELLO) == "Nice one! 😄"
    assert HELLO == "Nice one! 😄"  # equality and hashing stay the message id's


def test_constants_read_from_a_texts_module_are_plain_strings_in_the_current_language() -> None:
    with speaking("es"):
        assert common.STICKER_THANKS == SPANISH_HELLO
        assert type(common.STICKER_THANKS) is str
        assert common.COMMANDS["go"].startswith("Empieza tu próxima sesión")
    assert common.STICKER_THANKS == "Nice one! 😄"


def test_a_language_set_in_a_task_stays_in_that_task() -> None:
    async def speak_spanish() -> str:
        use_language("es")
        return current_language()

    async def main() -> tuple[str, str]:
        inside = await asyncio.create_task(speak_spanish())
        return inside, current_language()

    assert asyncio.run(main()) == ("es", "en")


def test_plurals_pick_the_form_for_the_number() -> None:
    assert progress.STREAK.format(weeks=1) == "Streak: 1 week with a session."
    assert progress.STREAK.format(weeks=2).startswith("Streak: 2 weeks in a row")
    with speaking("es"):
        assert progress.STREAK.format(weeks=1) == "Racha: 1 semana con sesión."
        assert progress.STREAK.format(weeks=21).startswith("Racha: 21 semanas seguidas")
        assert format_duration(150) == "2 min 30 s"


def test_days_and_months_come_from_cldr() -> None:
    day = date(2026, 12, 2)
    assert (weekday_name(2), month_name(12, "abbreviated")) == ("Wednesday", "Dec")
    assert date_text(day, "EEE dd MMM y") == "Wed 02 Dec 2026"
    with speaking("es"):
        assert (weekday_name(2), month_name(12)) == ("miércoles", "diciembre")
    with speaking("ru"):
        assert month_name(12) == "декабря"  # as in "2 декабря"
        assert month_name(12, standalone=True) == "декабрь"
        assert weekday_name(0, "abbreviated") == "пн"


def test_language_names_are_in_their_own_language() -> None:
    assert [language_name(code) for code in ("en", "es", "ru")] == [
        "English",
        "Español",
        "Русский",
    ]


def test_cached_words_are_built_once_per_language() -> None:
    built: list[str] = []

    @cache_per_language
    def greeting(name: str) -> str:
        built.append(current_language())
        return f"{HELLO} {name}"

    assert greeting("Ana") == greeting("Ana") == "Nice one! 😄 Ana"
    with speaking("es"):
        assert greeting("Ana") == f"{SPANISH_HELLO} Ana"
    assert built == ["en", "es"]
