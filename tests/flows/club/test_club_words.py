"""Words a club member types in their private chat during the club's session are read as a
runner's own are: a red flag ends their part with the same safety texts and the spotter
alert, and the group hears only that they stopped; other words get the solo answers."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.club import MemberState
from bot.texts import club as texts
from bot.texts import safety as safety_texts
from bot.texts import spotter as spotter_texts
from bot.texts.translation import speaking
from tests.flows.club.test_club import (
    ANA,
    BEN,
    CY,
    GROUP,
    gathered,
    in_group,
    in_private,
    status,
)
from tests.support.harness import Coach, running_coach
from tests.support.live_session import texts_to, wait_until

SCALE = 40.0  # the group's 16 min session takes about 24 s: time to talk during it


@pytest.fixture
async def club_coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    async with running_coach(
        tmp_path, database_url=database_url, time_scale=SCALE, send_rate=None
    ) as coach:
        coach.emulator.admins[GROUP] = {ANA}
        yield coach


async def running_with_ben(coach: Coach, *, spotter: bool = False) -> None:
    """Ana and Ben in the club's session, started; Cy spots Ben if `spotter`."""
    await gathered(coach, ANA, BEN)
    if spotter:
        await coach.services.spotters.invite(BEN, "tok", time.time() + 3600)
        await coach.services.spotters.accept("tok", CY, datetime.now(UTC))
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))


async def state_of(coach: Coach, user_id: int) -> MemberState | None:
    session = await coach.services.clubs.session(GROUP)
    member = None if session is None else session.member(user_id)
    return None if member is None else member.state


def told_the_group(coach: Coach, since: int) -> list[str]:
    """What the group was told from call number `since` on, but the cues (which say
    "Step n of m")."""
    return [
        str(call.params["text"])
        for call in coach.emulator.calls[since:]
        if call.method in ("sendMessage", "editMessageText")
        and call.params["chat_id"] == GROUP
        and "Step " not in str(call.params["text"])
    ]


async def group_told_only(coach: Coach, since: int, stopped: str) -> None:
    """The group hears `stopped` once (with the status's next debounced edit), and
    otherwise only sees its status change."""
    await wait_until(lambda: stopped in told_the_group(coach, since), within=20)
    told = told_the_group(coach, since)
    assert told.count(stopped) == 1
    assert all(text == stopped or text.startswith("🏃 Club session") for text in told), told


@pytest.mark.parametrize(("language", "words"), [("en", "I fell"), ("es", "me caí")])
async def test_a_fall_typed_in_private_stops_the_members_part_with_the_safety_text(
    club_coach: Coach, language: str, words: str
) -> None:
    coach = club_coach
    await running_with_ben(coach, spotter=True)
    await coach.services.runners.set_language(BEN, language)
    since = len(coach.emulator.calls)

    await in_private(coach, BEN).send(words)

    with speaking(language):
        advice, hurt = safety_texts.STOP_ADVICE["fall"], safety_texts.HURT_QUESTION
    assert any(text.startswith(advice) for text in texts_to(coach, BEN))
    await wait_until(lambda: hurt in texts_to(coach, BEN))
    alert = spotter_texts.ALERT_WARNING.format(runner="Ben")
    await wait_until(lambda: alert in texts_to(coach, CY))
    assert await state_of(coach, BEN) is MemberState.DONE
    assert await state_of(coach, ANA) is MemberState.READY  # the group goes on
    [log] = await coach.services.logs.recent(BEN)
    assert not log.completed and [note.text for note in log.notes] == [words]
    assert await coach.services.safety_stops.last_at(BEN) is not None
    # The group is told he stopped, in the group's words, and nothing of why.
    await group_told_only(coach, since, texts.MEMBER_STOPPED.format(name="Ben"))


async def test_pain_typed_in_private_is_asked_about_and_above_5_stops_the_part(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await running_with_ben(coach)
    ben = in_private(coach, BEN)

    [calm] = await ben.send("my calves are sore")
    assert calm.params["text"] == safety_texts.REASSURE
    [how_bad] = await ben.send("my knee hurts")
    assert how_bad.params["text"] == safety_texts.HOW_BAD
    assert await state_of(coach, BEN) is MemberState.READY
    since = len(coach.emulator.calls)

    await ben.tap("7")

    assert any(t.startswith(safety_texts.STOP_ADVICE["joint"]) for t in texts_to(coach, BEN))
    [log] = await coach.services.logs.recent(BEN)
    assert log.pain == 7 and log.red_flag and not log.completed
    assert await state_of(coach, BEN) is MemberState.DONE
    await group_told_only(coach, since, texts.MEMBER_STOPPED.format(name="Ben"))


async def test_an_unclear_sign_asks_without_pausing_the_group_and_stop_stops(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await running_with_ben(coach)
    ben = in_private(coach, BEN)

    [which] = await ben.send("a bit dizzy")
    assert which.params["text"] == texts.WHICH_QUESTION
    [carry_on] = await ben.tap("It's passing")
    assert carry_on.params["text"] == texts.CARRY_ON
    assert await state_of(coach, BEN) is MemberState.READY

    await ben.send("stop")

    assert any(text.startswith("⏹ Stopped after") for text in texts_to(coach, BEN))
    assert await state_of(coach, BEN) is MemberState.DONE
    [log] = await coach.services.logs.recent(BEN)
    assert not log.red_flag and [note.text for note in log.notes] == ["a bit dizzy"]


async def test_members_who_stop_close_together_are_named_in_one_line(club_coach: Coach) -> None:
    coach = club_coach
    await running_with_ben(coach)
    since = len(coach.emulator.calls)

    await in_private(coach, ANA).tap(texts.BUTTON_STOP)
    await in_private(coach, BEN).send("I fell")

    await group_told_only(coach, since, texts.MEMBERS_STOPPED.format(names="Ana, Ben"))


async def test_the_group_still_hears_of_a_stop_after_a_restart(club_coach: Coach) -> None:
    coach = club_coach
    await running_with_ben(coach)
    since = len(coach.emulator.calls)
    await in_private(coach, BEN).send("I fell")

    await coach.restart()  # before the status's debounced edit, which says it

    await group_told_only(coach, since, texts.MEMBER_STOPPED.format(name="Ben"))
