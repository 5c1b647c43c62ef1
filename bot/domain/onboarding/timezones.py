"""Finding the runner's IANA time zone: common zones for buttons, a typed city or zone name
(fuzzy), or a shared location (offline, with timezonefinder).

Place names are each zone's city, the aliases below (English), and CLDR's names (through
Babel) in the runner's language: every zone's city ("Nueva York", "Москва") and every
country ("Alemania", "Россия"), a country landing where its English name does.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from timezonefinder import TimezoneFinder

from bot.domain.languages import (
    ENGLISH,
    country_names,
    country_zones,
    reading_language,
    zone_cities,
)
from bot.domain.onboarding.lexicon import has_words, normalise, typo_distance, words
from bot.domain.onboarding.results import (
    Accepted,
    Note,
    Notice,
    ParseResult,
    Reason,
    Rejected,
)

# The buttons, roughly by how many runners live in each; anyone else types a city.
COMMON_ZONES: tuple[str, ...] = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
)

# Places people type that are neither (the last part of) a zone name nor a country CLDR
# puts in one zone: cities without a zone of their own, abbreviations, and the main zones
# of countries that span several. Several zones means "ask which one": the runner picks
# from buttons.
ZONE_ALIASES: Mapping[str, tuple[str, ...]] = {
    # North America
    "nyc": ("America/New_York",), "new york city": ("America/New_York",),
    "brooklyn": ("America/New_York",), "manhattan": ("America/New_York",),
    "boston": ("America/New_York",), "washington": ("America/New_York",),
    "washington dc": ("America/New_York",), "dc": ("America/New_York",),
    "philadelphia": ("America/New_York",), "miami": ("America/New_York",),
    "atlanta": ("America/New_York",), "orlando": ("America/New_York",),
    "pittsburgh": ("America/New_York",), "charlotte": ("America/New_York",),
    "dallas": ("America/Chicago",), "houston": ("America/Chicago",),
    "austin": ("America/Chicago",), "san antonio": ("America/Chicago",),
    "minneapolis": ("America/Chicago",), "st louis": ("America/Chicago",),
    "saint louis": ("America/Chicago",), "nashville": ("America/Chicago",),
    "new orleans": ("America/Chicago",), "kansas city": ("America/Chicago",),
    "salt lake city": ("America/Denver",), "albuquerque": ("America/Denver",),
    "la": ("America/Los_Angeles",), "san francisco": ("America/Los_Angeles",),
    "sf": ("America/Los_Angeles",), "bay area": ("America/Los_Angeles",),
    "san jose": ("America/Los_Angeles",), "san diego": ("America/Los_Angeles",),
    "seattle": ("America/Los_Angeles",), "portland": ("America/Los_Angeles",),
    "las vegas": ("America/Los_Angeles",), "sacramento": ("America/Los_Angeles",),
    "montreal": ("America/Toronto",), "ottawa": ("America/Toronto",),
    "quebec": ("America/Toronto",), "calgary": ("America/Edmonton",),
    "eastern": ("America/New_York",), "est": ("America/New_York",),
    "edt": ("America/New_York",), "central": ("America/Chicago",),
    "cst": ("America/Chicago",), "cdt": ("America/Chicago",),
    "mountain": ("America/Denver",), "mst": ("America/Denver",),
    "mdt": ("America/Denver",), "pacific": ("America/Los_Angeles",),
    "pst": ("America/Los_Angeles",), "pdt": ("America/Los_Angeles",),
    "usa": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "united states": (
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    ),
    "america": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "canada": ("America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver"),
    "mexico": ("America/Mexico_City",),
    "brazil": ("America/Sao_Paulo", "America/Manaus"),
    "rio": ("America/Sao_Paulo",), "rio de janeiro": ("America/Sao_Paulo",),
    "argentina": ("America/Argentina/Buenos_Aires",),
    "georgia": ("America/New_York", "Asia/Tbilisi"),
    # Europe
    "uk": ("Europe/London",),
    "england": ("Europe/London",), "britain": ("Europe/London",),
    "great britain": ("Europe/London",), "scotland": ("Europe/London",),
    "wales": ("Europe/London",), "manchester": ("Europe/London",),
    "birmingham": ("Europe/London",), "liverpool": ("Europe/London",),
    "leeds": ("Europe/London",), "glasgow": ("Europe/London",),
    "edinburgh": ("Europe/London",), "bristol": ("Europe/London",),
    "cardiff": ("Europe/London",), "bst": ("Europe/London",),
    "gmt": ("Europe/London", "UTC"),
    "cork": ("Europe/Dublin",),
    "germany": ("Europe/Berlin",), "deutschland": ("Europe/Berlin",),
    "munich": ("Europe/Berlin",), "munchen": ("Europe/Berlin",),
    "hamburg": ("Europe/Berlin",), "frankfurt": ("Europe/Berlin",),
    "cologne": ("Europe/Berlin",), "koln": ("Europe/Berlin",),
    "stuttgart": ("Europe/Berlin",), "dusseldorf": ("Europe/Berlin",),
    "leipzig": ("Europe/Berlin",), "dresden": ("Europe/Berlin",),
    "cet": ("Europe/Berlin",), "cest": ("Europe/Berlin",),
    "central europe": ("Europe/Berlin",),
    "lyon": ("Europe/Paris",),
    "marseille": ("Europe/Paris",), "nice": ("Europe/Paris",),
    "toulouse": ("Europe/Paris",), "bordeaux": ("Europe/Paris",),
    "spain": ("Europe/Madrid",), "barcelona": ("Europe/Madrid",),
    "valencia": ("Europe/Madrid",), "seville": ("Europe/Madrid",),
    "milan": ("Europe/Rome",),
    "milano": ("Europe/Rome",), "naples": ("Europe/Rome",),
    "florence": ("Europe/Rome",), "turin": ("Europe/Rome",),
    "venice": ("Europe/Rome",),
    "holland": ("Europe/Amsterdam",), "rotterdam": ("Europe/Amsterdam",),
    "the hague": ("Europe/Amsterdam",), "utrecht": ("Europe/Amsterdam",),
    "antwerp": ("Europe/Brussels",),
    "geneva": ("Europe/Zurich",),
    "basel": ("Europe/Zurich",), "bern": ("Europe/Zurich",),
    "wien": ("Europe/Vienna",),
    "krakow": ("Europe/Warsaw",),
    "portugal": ("Europe/Lisbon",), "porto": ("Europe/Lisbon",),
    "gothenburg": ("Europe/Stockholm",),
    "istanbul": ("Europe/Istanbul",), "turkey": ("Europe/Istanbul",),
    "ukraine": ("Europe/Kyiv",), "kiev": ("Europe/Kyiv",),
    "russia": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "st petersburg": ("Europe/Moscow",), "saint petersburg": ("Europe/Moscow",),
    # Asia, Africa, Oceania
    "delhi": ("Asia/Kolkata",),
    "new delhi": ("Asia/Kolkata",), "mumbai": ("Asia/Kolkata",),
    "bombay": ("Asia/Kolkata",), "bangalore": ("Asia/Kolkata",),
    "bengaluru": ("Asia/Kolkata",), "chennai": ("Asia/Kolkata",),
    "madras": ("Asia/Kolkata",), "hyderabad": ("Asia/Kolkata",),
    "pune": ("Asia/Kolkata",), "calcutta": ("Asia/Kolkata",), "ist": ("Asia/Kolkata",),
    "china": ("Asia/Shanghai",), "beijing": ("Asia/Shanghai",),
    "shenzhen": ("Asia/Shanghai",), "guangzhou": ("Asia/Shanghai",),
    "osaka": ("Asia/Tokyo",), "kyoto": ("Asia/Tokyo",),
    "jst": ("Asia/Tokyo",), "korea": ("Asia/Seoul",),
    "busan": ("Asia/Seoul",),
    "saigon": ("Asia/Ho_Chi_Minh",), "hanoi": ("Asia/Bangkok",),
    "indonesia": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
    "bali": ("Asia/Makassar",),
    "tel aviv": ("Asia/Jerusalem",), "uae": ("Asia/Dubai",),
    "abu dhabi": ("Asia/Dubai",),
    "cape town": ("Africa/Johannesburg",),
    "australia": (
        "Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth",
    ),
    "canberra": ("Australia/Sydney",), "gold coast": ("Australia/Brisbane",),
    "aest": ("Australia/Sydney",), "new zealand": ("Pacific/Auckland",),
    "nz": ("Pacific/Auckland",), "wellington": ("Pacific/Auckland",),
    "christchurch": ("Pacific/Auckland",), "utc": ("UTC",),
}  # fmt: skip

# Regions whose zones are places people live; Antarctic research stations ("Casey",
# "Davis") and legacy names ("US/Eastern") would only produce surprising fuzzy matches.
_REGIONS = frozenset(
    {"Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)
_MIN_PREFIX = 5
# Longer answers are sentences; their place name is among the first words.
_MAX_WORDS = 6
_MAX_CANDIDATES = 4
# "UTC+2", "GMT -5", "+3": whole hours only, as Etc/GMT zones do.
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*(?P<sign>[+-])\s*(?P<hours>[0-9]{1,2})(?::?00)?$")


@cache
def _valid_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def _zones_by_name() -> dict[str, str]:
    """Every valid zone, by its casefolded full name ("asia/tokyo")."""
    return {zone.casefold(): zone for zone in _valid_zones()}


def _place_key(name: str) -> str:
    return " ".join(words(name.replace("_", " ")))


@cache
def _english_places() -> dict[str, tuple[str, ...]]:
    """Zones by English place name: the city part of each zone name, then the aliases."""
    index: dict[str, list[str]] = {}
    for zone in _valid_zones():
        parts = zone.split("/")
        if parts[0] in _REGIONS and len(parts) > 1:
            index.setdefault(_place_key(parts[-1]), []).append(zone)
    # Old and new names of one city ("America/Buenos_Aires" and ".../Argentina/Buenos_Aires")
    # behave the same; prefer the fuller, current one.
    places: dict[str, tuple[str, ...]] = {
        place: (min(zones, key=lambda zone: (-zone.count("/"), zone)),)
        for place, zones in index.items()
    }
    for alias, zones in ZONE_ALIASES.items():
        valid = tuple(zone for zone in zones if zone in _valid_zones())
        if valid:
            places[alias] = valid
    return places


def _add_cities(places: dict[str, tuple[str, ...]], language: str) -> None:
    """Every zone's city as the language writes it. Old zone names share their city with
    the current one ("Europe/Kiev", "Europe/Belfast"): a city lands where its English name
    does, else on its own zone."""
    english_cities = zone_cities(ENGLISH)
    for zone, city in zone_cities(language).items():
        english = places.get(_place_key(english_cities.get(zone, "")))
        if english or zone in _valid_zones():
            places.setdefault(_place_key(city), english or (zone,))


def _add_countries(places: dict[str, tuple[str, ...]], language: str) -> None:
    """Every country as the language writes it: where its English name lands (an alias),
    else its CLDR zones when there are only a few to choose from."""
    english_names = country_names(ENGLISH)
    for code, name in country_names(language).items():
        english = places.get(_place_key(english_names.get(code, "")))
        zones = english or tuple(zone for zone in country_zones(code) if zone in _valid_zones())
        if zones and len(zones) <= _MAX_CANDIDATES:
            places.setdefault(_place_key(name), zones)


@cache
def _zones_by_place(language: str = ENGLISH) -> dict[str, tuple[str, ...]]:
    """Zones by place name in the runner's language, English names included."""
    places = dict(_english_places())
    language = reading_language(language)
    if language != ENGLISH:
        _add_cities(places, language)
    _add_countries(places, language)
    return places


@cache
def _places_by_length(language: str = ENGLISH) -> dict[int, tuple[str, ...]]:
    by_length: dict[int, list[str]] = {}
    for place in _zones_by_place(language):
        by_length.setdefault(len(place), []).append(place)
    return {size: tuple(places) for size, places in by_length.items()}


def is_valid_zone(name: str) -> bool:
    """True if zoneinfo can load this zone name."""
    if name not in _valid_zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _offset_zone(query: str) -> str | None:
    match = _OFFSET.match(query)
    if not match:
        return None
    hours = int(match.group("hours"))
    if hours == 0:
        return "UTC"
    east = match.group("sign") == "+"
    # Etc/GMT signs are inverted (POSIX): UTC+2 is Etc/GMT-2.
    zone = f"Etc/GMT{'-' if east else '+'}{hours}"
    return zone if zone in _valid_zones() else None


def _phrases(typed: list[str]) -> list[str]:
    """Runs of consecutive words, longest first, then left to right."""
    return [
        " ".join(typed[start : start + size])
        for size in range(len(typed), 0, -1)
        for start in range(len(typed) - size + 1)
    ]


def _closest(phrases: list[str], language: str) -> tuple[str, ...]:
    """Zones for the place names fewest typos away from any phrase; several on a tie.

    A phrase of five letters or more that starts a place name counts as one typo away
    ("san fran", "los ang").
    """
    distances: dict[str, int] = {}

    def keep_fewest(place: str, distance: int | None) -> None:
        if distance is not None and distance < distances.get(place, distance + 1):
            distances[place] = distance

    by_length = _places_by_length(language)
    places = _zones_by_place(language)
    for phrase in phrases:
        # Typos change the length by at most two letters (see `typo_distance`).
        for size in range(len(phrase) - 2, len(phrase) + 3):
            for place in by_length.get(size, ()):
                keep_fewest(place, typo_distance(phrase, place))
        if len(phrase) >= _MIN_PREFIX:
            for place in places:
                keep_fewest(place, 1 if place.startswith(phrase) else None)
    if not distances:
        return ()
    fewest = min(distances.values())
    zones: list[str] = []
    for place in sorted(place for place, distance in distances.items() if distance == fewest):
        zones += [zone for zone in places[place] if zone not in zones]
    return tuple(zones[:_MAX_CANDIDATES])


def find_zones(text: str, language: str = ENGLISH) -> tuple[str, ...]:
    """Zones for a typed city, country or zone name: one if sure, a few if not, none if lost."""
    query = normalise(text).strip()
    as_name = _zones_by_name().get(re.sub(r"\s+", "_", query))
    # One-word legacy names ("Japan", "EST", "GB") go through the aliases instead, so they
    # land on the current zone for that place.
    if as_name and ("/" in as_name or as_name == "UTC"):
        return (as_name,)
    offset = _offset_zone(query)
    if offset:
        return (offset,)
    phrases = _phrases(words(text)[:_MAX_WORDS])
    places = _zones_by_place(language)
    for phrase in phrases:
        if phrase in places:
            return places[phrase]
    return _closest(phrases, language)


def parse_zone(text: str, language: str = ENGLISH) -> ParseResult[str]:
    """A typed time zone answer; an ambiguous one is rejected with the candidates to offer."""
    zones = find_zones(text, language)
    if not zones:
        return Rejected(Reason.ZONE_NOT_FOUND if has_words(text) else Reason.EMPTY)
    if len(zones) > 1:
        return Rejected(Reason.ZONE_AMBIGUOUS, options=zones)
    return accept_zone(zones[0])


def accept_zone(zone: str) -> ParseResult[str]:
    """Accept a zone, noting when it is a fixed offset that ignores daylight saving."""
    if zone.startswith("Etc/"):
        return Accepted(zone, (Notice(Note.FIXED_OFFSET_ZONE, (("zone", zone_label(zone)),)),))
    return Accepted(zone)


@cache
def _finder() -> TimezoneFinder:
    # Loading the boundary data takes a noticeable moment: once per process, on first use.
    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str | None:
    """The zone at a shared location, or None for open sea or impossible coordinates.

    Open sea gives None rather than a nautical Etc/GMT zone: a pin in the ocean is far more
    likely a slip than a runner on a ship, and a typed city is a better next step.
    """
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _finder().timezone_at_land(lng=longitude, lat=latitude)
    return zone if isinstance(zone, str) and is_valid_zone(zone) else None


def parse_location(latitude: float, longitude: float) -> ParseResult[str]:
    """A shared location as an answer to the time zone question."""
    zone = zone_at(latitude, longitude)
    if zone is None:
        return Rejected(Reason.LOCATION_NOT_PLACED)
    return Accepted(zone)


def zone_label(zone: str, language: str = ENGLISH) -> str:
    """A short human name for a zone in the runner's language: "New York", "Nueva York",
    "Нью-Йорк", "UTC+2"."""
    offset = re.fullmatch(r"Etc/GMT(?P<sign>[+-])(?P<hours>[0-9]+)", zone)
    if offset:
        # Inverted back: Etc/GMT-2 is two hours east of UTC.
        return f"UTC{'+' if offset.group('sign') == '-' else '-'}{offset.group('hours')}"
    language = reading_language(language)
    city = zone_cities(language).get(zone) if language != ENGLISH else None
    return city or zone.rsplit("/", 1)[-1].replace("_", " ")
