"""A club's own language: the organiser's at set-up (stored, or their app's), changed in the
group by an admin with /language, kept over a restart; every message to the group is
worded in it, while each member's private chat stays in the member's own language."""

from __future__ import annotations

from collections.abc import Callable

from bot.emulator.botapi import ApiCall
from bot.emulator.user import EmulatedUser
from bot.texts import club as texts
from bot.texts.session_log import EFFORT_QUESTION
from bot.texts.translation import speaking
from tests.flows.club.test_club import (
    ANA,
    BEN,
    BEN_PROFILE,
    GROUP,
    club_coach,
    gathered,
    in_group,
    join_and_check,
    member,
    status,
    status_edits,
)
from tests.flows.test_language import english_in
from tests.support.harness import ChatRunner, Coach
from tests.support.live_session import TRACK_JOGGER, texts_to, wait_until

__all__ = ["club_coach"]  # the fixture, shared with the club's other tests


def to_group(coach: Coach, since: int = 0) -> list[ApiCall]:
    """What the bot posted in the group, or edited there, from call number `since` on."""
    return [
        call
        for call in coach.emulator.calls[since:]
        if call.method in ("sendMessage", "editMessageText") and call.params["chat_id"] == GROUP
    ]


def said_in_group(coach: Coach, text: str) -> bool:
    return any(call.params["text"] == text for call in to_group(coach))


def worded(language: str, read: Callable[[], str]) -> str:
    """A text of bot/texts as `language` words it (`read` reads it)."""
    with speaking(language):
        return read()


async def set_up_by(organiser: ChatRunner, language: str) -> None:
    """The organiser makes the group a club on the track, the bot answering in `language`."""
    [ask] = await organiser.send("/club")
    assert ask.params["text"] == worded(language, lambda: texts.SETUP_ASK)
    await organiser.tap(worded(language, lambda: texts.PLACE_BUTTONS["track"]))


async def start_with_ben(coach: Coach, organiser: ChatRunner, language: str) -> None:
    """A session opened now; Ben (English) joins and checks in; the organiser starts it."""
    await organiser.send("/club now")
    # Ben's check, in his private chat, is in English.
    await join_and_check(coach, BEN, join=worded(language, lambda: texts.BUTTON_JOIN))
    await organiser.tap(worded(language, lambda: texts.BUTTON_START), status(coach))


async def test_a_spanish_organisers_club_is_spoken_to_in_spanish_and_an_english_member_in_english(
    club_coach: Coach,
) -> None:
    coach = club_coach
    for profile in (TRACK_JOGGER, BEN_PROFILE):
        await member(coach, profile)
    await coach.services.runners.set_language(ANA, "es")
    ana = in_group(coach, ANA)
    await set_up_by(ana, "es")
    club = await coach.services.clubs.club(GROUP)
    assert club is not None and club.language == "es"
    # What English Ben's commands get in the group is worded for the group.
    [refused] = await in_group(coach, BEN).send("/club now")
    assert refused.params["text"] == worded("es", lambda: texts.ADMINS_ONLY)
    [pointer] = await in_group(coach, BEN).send("/go")
    assert pointer.params["text"].startswith("Mejor dejemos tu entrenamiento entre nosotros")

    await start_with_ben(coach, ana, "es")

    done = worded("es", lambda: texts.CLUB_DONE)
    await wait_until(lambda: said_in_group(coach, done), within=30)
    cues = [c for c in to_group(coach) if c.method == "sendMessage" and "⏪" in c.params["text"]]
    assert cues and all("Paso " in str(cue.params["text"]) for cue in cues)
    assert english_in(to_group(coach)) == []
    # Ben's own chat stays English: his part, his end, his log's first question.
    await wait_until(lambda: EFFORT_QUESTION in texts_to(coach, BEN))
    assert any(text.startswith("🏁 Done with the club") for text in texts_to(coach, BEN))
    assert texts.YOU_ARE_IN.format(part=texts.PART_JOG) in texts_to(coach, BEN)


async def test_an_admin_changes_the_groups_language_with_language_in_the_group(
    club_coach: Coach,
) -> None:
    coach = club_coach
    [not_a_club] = await in_group(coach, ANA).send("/language")
    assert not_a_club.params["text"] == texts.NOT_SET_UP
    await gathered(coach, ANA, BEN)  # an English club
    [refused] = await in_group(coach, BEN).send("/language")
    assert refused.params["text"] == texts.LANGUAGE_ADMINS_ONLY

    [menu] = await in_group(coach, ANA).send("/language")
    assert menu.params["text"] == texts.GROUP_LANGUAGE_MENU
    changed_at = len(coach.emulator.calls)
    await in_group(coach, ANA).tap("Русский", coach.emulator.messages_in(GROUP)[-1])

    said = coach.emulator.messages_in(GROUP)[-1]["text"]
    assert said == worded("ru", lambda: texts.GROUP_LANGUAGE_SET).format(language="Русский")
    # The next group message (the status, edited at once) is in Russian, buttons and all.
    with speaking("ru"):
        headline = texts.STATUS_ON_TAP.format(place=texts.CLUB_PLACES["track"])
    assert status_edits(coach)[-1].startswith(headline)
    await in_group(coach, ANA).tap(worded("ru", lambda: texts.BUTTON_START), status(coach))
    await wait_until(lambda: said_in_group(coach, worded("ru", lambda: texts.CLUB_DONE)), within=30)
    assert english_in(to_group(coach, changed_at)) == []
    # Members' own chats, the admin's included, keep their language.
    assert await coach.services.runners.language(ANA) != "ru"
    await wait_until(lambda: EFFORT_QUESTION in texts_to(coach, BEN))
    await wait_until(lambda: EFFORT_QUESTION in texts_to(coach, ANA))


async def test_the_groups_language_from_the_organisers_app_survives_a_restart(
    club_coach: Coach,
) -> None:
    coach = club_coach
    for profile in (TRACK_JOGGER, BEN_PROFILE):
        await member(coach, profile)
    # No language chosen: the organiser's Telegram app speaks Russian.
    ana = ChatRunner(coach, EmulatedUser(coach.emulator, ANA, "Ana", "ru", chat_id=GROUP))
    await set_up_by(ana, "ru")
    await start_with_ben(coach, ana, "ru")
    await wait_until(lambda: len(status_edits(coach)) >= 3)

    restarted_at = len(coach.emulator.calls)
    await coach.restart()

    await wait_until(lambda: said_in_group(coach, worded("ru", lambda: texts.CLUB_DONE)), within=30)
    after = to_group(coach, restarted_at)
    assert any(call.method == "sendMessage" for call in after)
    assert english_in(to_group(coach)) == []
    await wait_until(
        lambda: any(t.startswith("🏁 Done with the club") for t in texts_to(coach, BEN))
    )


async def test_a_club_set_up_before_clubs_had_a_language_takes_the_next_organisers(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await member(coach, TRACK_JOGGER)
    await set_up_by(in_group(coach, ANA), "en")
    await coach.services.db.execute("UPDATE clubs SET language = NULL")
    await coach.services.runners.set_language(ANA, "es")

    await in_group(coach, ANA).send("/club now")

    club = await coach.services.clubs.club(GROUP)
    assert club is not None and club.language == "es"
    with speaking("es"):
        headline = texts.STATUS_ON_TAP.format(place=texts.CLUB_PLACES["track"])
    assert status(coach)["text"].startswith(headline)
