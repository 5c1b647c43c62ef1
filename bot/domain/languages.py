"""The languages a runner's replies are read in, and the words CLDR (through Babel) knows
for each: weekday and month names, unit names in every plural form, and city and country
names for time zones. Reading is our own grammar; these are its maintained word lists.

Parsers take a language code ("en", "es", "ru"); a regional code ("es-MX") reads as its
base language, and a language we have no words for reads as English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Literal

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.dates import get_day_names, get_month_names, get_timezone_location
from babel.units import format_unit

ENGLISH = "en"
SPANISH = "es"
RUSSIAN = "ru"
READ_LANGUAGES: tuple[str, ...] = (ENGLISH, SPANISH, RUSSIAN)

# Everything in a formatted unit that is not its word: the number, spaces, a "/".
_NOT_UNIT_WORD = re.compile(r"[\d.,\s/]+")
_Width = Literal["wide", "abbreviated"]
_Context = Literal["format", "stand-alone"]
_WIDTHS: tuple[_Width, ...] = ("wide", "abbreviated")
_CONTEXTS: tuple[_Context, ...] = ("format", "stand-alone")
_UNIT_LENGTHS: tuple[Literal["long", "short", "narrow"], ...] = ("long", "short", "narrow")
# Counts that pick every plural form: one, few, many and other (Russian needs all four).
_PLURAL_SAMPLES = (1, 2, 5, 1.5, 21)


def reading_language(code: str | None) -> str:
    """The language a text is read in: the code's base language when we read it, else English."""
    base = (code or "").replace("_", "-").split("-")[0].casefold()
    return base if base in READ_LANGUAGES else ENGLISH


def _all_names(
    names_of: Callable[[_Width, _Context, str], Mapping[int, str]], language: str
) -> dict[int, tuple[str, ...]]:
    """CLDR's names (full and abbreviated, in running text and alone) by number, lower case."""
    found: dict[int, set[str]] = {}
    for width in _WIDTHS:
        for context in _CONTEXTS:
            for key, name in names_of(width, context, language).items():
                found.setdefault(key, set()).add(name.strip(".").casefold())
    return {key: tuple(sorted(names)) for key, names in found.items()}


@cache
def weekday_names(language: str) -> dict[int, tuple[str, ...]]:
    """Each weekday's names (0 = Monday), full and abbreviated, as CLDR writes them."""
    return _all_names(get_day_names, language)


@cache
def month_names(language: str) -> dict[int, tuple[str, ...]]:
    """Each month's names (1 = January), in running text ("18 ноября") and alone ("ноябрь")."""
    return _all_names(get_month_names, language)


@cache
def unit_words(language: str, unit: str) -> frozenset[str]:
    """Every word CLDR writes after a number for a unit ("duration-minute" in Russian:
    "мин", "минута", "минуты", "минут"), in all lengths and plural forms, lower case."""
    found: set[str] = set()
    for length in _UNIT_LENGTHS:
        for count in _PLURAL_SAMPLES:
            typed = format_unit(count, unit, length=length, locale=language)
            word = _NOT_UNIT_WORD.sub("", typed).casefold()
            if word:
                found.add(word)
    return frozenset(found)


@cache
def zone_cities(language: str) -> dict[str, str]:
    """Each time zone's city as the language writes it ("Nueva York", "Москва")."""
    from zoneinfo import available_timezones

    return {
        zone: get_timezone_location(zone, locale=language, return_city=True)
        for zone in sorted(available_timezones())
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/"))
    }


@cache
def country_names(language: str) -> dict[str, str]:
    """Country names as the language writes them, by their two-letter code ("ES": "España")."""
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return {}
    return {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()}


def country_zones(code: str) -> tuple[str, ...]:
    """The time zones CLDR lists for a country code."""
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    return tuple(zones.get(code, ()))
