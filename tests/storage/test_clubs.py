"""The clubs repository on both backends: a club's language, the running club session a
member is in, and the stops the group is still to hear of."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain.club import MemberState
from bot.domain.live_session import LiveSession
from bot.domain.profile import Place
from bot.domain.programme import Route, session_template
from bot.storage.clubs import Clubs
from bot.storage.database import Database
from bot.storage.runners import Runners
from bot.storage.session_logs import LogSource, NewLog
from bot.texts.session_timeline import build_session_timeline

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
GROUP, OTHER_GROUP = -4001, -4002
ANA = 501
TEMPLATE = session_template(Route.RUNNER, 1, 1)


async def test_a_club_keeps_the_language_it_was_set_up_in_until_an_admin_changes_it(
    database: Database,
) -> None:
    clubs = Clubs(database)
    await clubs.set_up(GROUP, Place.TRACK, "Europe/Madrid", "es", NOW)
    await clubs.set_up(GROUP, Place.PARK, "Europe/London", "ru", NOW)  # a new place and clock

    club = await clubs.club(GROUP)
    assert club is not None and (club.place, club.language) == (Place.PARK, "es")
    assert await clubs.set_language(GROUP, "ru")
    club = await clubs.club(GROUP)
    assert club is not None and club.language == "ru"
    assert not await clubs.set_language(OTHER_GROUP, "ru")  # no club there


async def test_a_club_from_before_clubs_had_a_language_takes_the_next_set_ups(
    database: Database,
) -> None:
    clubs = Clubs(database)
    await clubs.set_up(GROUP, Place.TRACK, "Europe/Madrid", "en", NOW)
    await database.execute("UPDATE clubs SET language = NULL")
    club = await clubs.club(GROUP)
    assert club is not None and club.language is None

    await clubs.set_up(GROUP, Place.TRACK, "Europe/Madrid", "ru", NOW)

    club = await clubs.club(GROUP)
    assert club is not None and club.language == "ru"


async def test_a_members_running_club_session_is_found_only_while_they_run_in_it(
    database: Database,
) -> None:
    clubs = Clubs(database)
    await Runners(database).record_contact(ANA, ANA, "Ana", NOW)
    await clubs.set_up(GROUP, Place.TRACK, "Europe/Madrid", "en", NOW)
    await clubs.open(GROUP, None, NOW)
    await clubs.join(GROUP, ANA, "Ana", NOW)
    await clubs.clear(GROUP, ANA, TEMPLATE, downgraded=False, walks=False)
    assert await clubs.running_group(ANA) is None  # gathering: not running yet

    steps = build_session_timeline(TEMPLATE, None, Place.TRACK, 1)
    await clubs.start(GROUP, TEMPLATE, LiveSession.begin(steps, NOW.timestamp(), 1.0))
    assert await clubs.running_group(ANA) == GROUP

    log = NewLog(ANA, date(2025, 3, 4), LogSource.LIVE, False, 60, TEMPLATE, Place.TRACK, False)
    assert await clubs.finish_member(GROUP, ANA, log, NOW, None, stopped=True) is not None
    session = await clubs.session(GROUP)
    assert session is not None and session.members[0].state is MemberState.DONE
    assert await clubs.running_group(ANA) is None
    # The group is owed one word about her stop, once.
    assert session.members[0].stop_unsaid
    assert await clubs.take_unsaid_stops(GROUP) == ["Ana"]
    assert await clubs.take_unsaid_stops(GROUP) == []
