"""Time zones: buttons, typed city or zone names (fuzzy), shared locations (offline)."""

from __future__ import annotations

import math
from zoneinfo import ZoneInfo

import pytest

from bot.domain.onboarding.results import Accepted, Note, Reason, Rejected
from bot.domain.onboarding.timezones import (
    COMMON_ZONES,
    ZONE_ALIASES,
    find_zones,
    is_valid_zone,
    parse_location,
    parse_zone,
    zone_at,
    zone_label,
)


@pytest.mark.parametrize("zone", COMMON_ZONES)
def test_common_zones_are_valid_and_type_back_to_themselves(zone: str) -> None:
    ZoneInfo(zone)
    assert find_zones(zone) == (zone,)


def test_every_alias_points_at_real_zones() -> None:
    for alias, zones in ZONE_ALIASES.items():
        assert zones, alias
        for zone in zones:
            assert is_valid_zone(zone), (alias, zone)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("london", "Europe/London"),
        ("London", "Europe/London"),
        ("  LONDON  ", "Europe/London"),
        ("London, UK", "Europe/London"),
        ("londn", "Europe/London"),
        ("new york", "America/New_York"),
        ("New York City", "America/New_York"),
        ("NYC", "America/New_York"),
        ("new yrok", "America/New_York"),
        ("I live in New York", "America/New_York"),
        ("berlin", "Europe/Berlin"),
        ("berlni", "Europe/Berlin"),
        ("Asia/Tokyo", "Asia/Tokyo"),
        ("asia/tokyo", "Asia/Tokyo"),
        ("America/New York", "America/New_York"),
        ("tokio", "Asia/Tokyo"),
        ("munich", "Europe/Berlin"),
        ("München", "Europe/Berlin"),
        ("Zürich", "Europe/Zurich"),
        ("São Paulo", "America/Sao_Paulo"),
        ("san francisco", "America/Los_Angeles"),
        ("san fran", "America/Los_Angeles"),
        ("los ang", "America/Los_Angeles"),
        ("boston", "America/New_York"),
        ("montreal", "America/Toronto"),
        ("delhi", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("Sydeny", "Australia/Sydney"),
        ("melbourne", "Australia/Melbourne"),
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("istanbul", "Europe/Istanbul"),
        ("pst", "America/Los_Angeles"),
        ("UTC", "UTC"),
        ("utc+2", "Etc/GMT-2"),
        ("GMT-5", "Etc/GMT+5"),
        ("+3", "Etc/GMT-3"),
    ],
)
def test_typed_places_find_one_zone(typed: str, zone: str) -> None:
    assert find_zones(typed) == (zone,)


@pytest.mark.parametrize(
    ("typed", "includes"),
    [
        ("usa", {"America/New_York", "America/Los_Angeles"}),
        ("Australia", {"Australia/Sydney", "Australia/Perth"}),
        ("gmt", {"Europe/London", "UTC"}),
        ("santa", {"America/Santarem", "America/Santa_Isabel"}),
    ],
)
def test_ambiguous_places_offer_candidates(typed: str, includes: set[str]) -> None:
    result = parse_zone(typed)
    assert isinstance(result, Rejected)
    assert result.reason is Reason.ZONE_AMBIGUOUS
    assert includes <= set(result.options)
    assert 1 < len(result.options) <= 4


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("xyzzy", Reason.ZONE_NOT_FOUND), ("my house", Reason.ZONE_NOT_FOUND),
     ("+5:30", Reason.ZONE_NOT_FOUND), ("", Reason.EMPTY), ("🌍", Reason.EMPTY)],
)  # fmt: skip
def test_unknown_places_find_nothing(typed: str, reason: Reason) -> None:
    assert parse_zone(typed) == Rejected(reason)


def test_fixed_offsets_are_accepted_with_a_daylight_saving_note() -> None:
    result = parse_zone("UTC+2")
    assert isinstance(result, Accepted)
    assert result.notices[0].note is Note.FIXED_OFFSET_ZONE
    assert dict(result.notices[0].params) == {"zone": "UTC+2"}


@pytest.mark.parametrize(
    ("latitude", "longitude", "zone"),
    [
        (48.8566, 2.3522, "Europe/Paris"),
        (-33.8688, 151.2093, "Australia/Sydney"),
        (40.7128, -74.0060, "America/New_York"),
        (35.6762, 139.6503, "Asia/Tokyo"),
        (51.5074, -0.1278, "Europe/London"),
    ],
)
def test_shared_locations_resolve_offline(latitude: float, longitude: float, zone: str) -> None:
    assert zone_at(latitude, longitude) == zone
    assert parse_location(latitude, longitude) == Accepted(zone)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(0.0, -30.0), (30.0, -150.0), (91.0, 0.0), (0.0, 181.0), (math.nan, 0.0), (0.0, math.inf)],
)
def test_open_sea_and_impossible_points_give_no_zone(latitude: float, longitude: float) -> None:
    # A pin in the ocean is more likely a slip than a runner at sea: ask for a city instead.
    assert zone_at(latitude, longitude) is None
    assert parse_location(latitude, longitude) == Rejected(Reason.LOCATION_NOT_PLACED)


@pytest.mark.parametrize(
    ("zone", "label"),
    [("America/New_York", "New York"), ("America/Argentina/Buenos_Aires", "Buenos Aires"),
     ("Etc/GMT-2", "UTC+2"), ("Etc/GMT+5", "UTC-5"), ("UTC", "UTC")],
)  # fmt: skip
def test_zone_labels(zone: str, label: str) -> None:
    assert zone_label(zone) == label
