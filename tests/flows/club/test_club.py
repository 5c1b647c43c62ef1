"""Club sessions in a group chat, end to end: set-up by an admin, three members join and
check in privately (one with a readiness limit walks), one pinned status edited through
the session, one cue per step in the group, each member's log in their own history;
members who sit out, stop, tap 🆘 or leave the group; a restart mid-session; privacy,
/export and /delete."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.domain.profile import ParqQuestion, Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import ApiCall, Json
from bot.flows.club.chain import CLUB_CUE, CLUB_START
from bot.texts import club as texts
from bot.texts import safety as safety_texts
from bot.texts import spotter as spotter_texts
from bot.texts.session_log import EFFORT_QUESTION
from tests.domain.programme_fixtures import make_profile
from tests.support.harness import ChatRunner, Coach, running_coach
from tests.support.live_session import TRACK_JOGGER, texts_to, wait_until

SCALE = 200.0  # the group's 16 min session takes about 5 s
GROUP = -4001
ANA, BEN, CY = 501, 602, 703  # Ana is the group's admin; Cy has a readiness limit
NEWCOMER = 804
BEN_PROFILE = make_profile(user_id=BEN, places=TRACK_JOGGER.places, timezone="Europe/London")
CY_PROFILE = make_profile(
    user_id=CY,
    places=TRACK_JOGGER.places,
    parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}),
    medically_cleared=True,  # cleared to jog on her own; in a crowd she walks
)
NAMES = {ANA: "Ana", BEN: "Ben", CY: "Cy"}


@pytest.fixture
async def club_coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    """The bot on both backends, at a time scale where a session takes seconds. Telegram's
    per-minute group limit would hold a session squeezed into seconds back, so it is lifted
    here; `bench.cues --club` measures a club's message rate at real time."""
    async with running_coach(
        tmp_path, database_url=database_url, time_scale=SCALE, send_rate=None
    ) as coach:
        coach.emulator.admins[GROUP] = {ANA}
        yield coach


async def member(coach: Coach, profile: Profile) -> None:
    """A runner with a profile, on level 1 (short reverse jogs)."""
    now = datetime.now(UTC)
    name = NAMES[profile.user_id]
    await coach.services.runners.record_contact(profile.user_id, profile.user_id, name, now)
    await coach.services.profiles.save(profile, now)
    today = profile.local_time(now).date()
    await coach.services.plans.start(
        profile.user_id, PlanState.starting(1, today), Reason(Cause.PROGRESS_LEVEL), now
    )


def in_group(coach: Coach, user_id: int) -> ChatRunner:
    return coach.runner(user_id, NAMES.get(user_id, "Dee"), group=GROUP)


def in_private(coach: Coach, user_id: int) -> ChatRunner:
    return coach.runner(user_id, NAMES.get(user_id, "Dee"))


async def set_up_club(coach: Coach) -> None:
    """Ana makes the group a club that trains on the track."""
    ana = in_group(coach, ANA)
    [ask] = await ana.send("/club")
    assert ask.params["text"] == texts.SETUP_ASK
    await ana.tap("Running track")
    assert texts.SET_UP.split(":")[0] in ana.inbox()[-1]["text"]


def status(coach: Coach) -> Json:
    """The group's pinned status message, as it reads now."""
    pinned = coach.emulator.pinned[GROUP]
    [message] = [m for m in coach.emulator.messages_in(GROUP) if m["message_id"] == pinned]
    return message


async def join_and_check(
    coach: Coach, user_id: int, *, pain: str = "0", join: str = texts.BUTTON_JOIN
) -> list[str]:
    """The member taps Join (labelled `join` in the group's language) in the group and
    answers their check in private; returns the private texts they got."""
    answer = await tap_join(coach, user_id, join)
    assert answer == texts.CHECK_IN_PRIVATE
    private = in_private(coach, user_id)
    check = private.inbox()[-1]["text"]
    assert check.startswith(texts.CHECK_INTRO.format(place="on the track", start="starting soon"))
    await private.tap("Yes, all three")
    if user_id == CY:  # her readiness limit adds its own question
        await private.tap("No")
    await private.tap("No, I'm fresh")
    await private.tap(pain)
    if pain == "0":
        await private.tap("Ready")
    inbox = [str(message.get("text", "")) for message in private.inbox()]
    # The check keeps saying which session it is for, with every answer under it.
    assert any(text.startswith(check.split("\n")[0]) and f"✔︎ {pain}" in text for text in inbox)
    return inbox


async def tap_join(coach: Coach, user_id: int, join: str = texts.BUTTON_JOIN) -> str:
    """Tap Join on the status; the answer shown on the tapper's screen."""
    await in_group(coach, user_id).tap(join, status(coach))
    answers = [c for c in coach.emulator.calls if c.method == "answerCallbackQuery"]
    return str(answers[-1].params.get("text", ""))


async def gathered(coach: Coach, *members: int) -> None:
    """Club set up, a session opened now, and `members` in and checked."""
    for profile in (TRACK_JOGGER, BEN_PROFILE, CY_PROFILE):
        await member(coach, profile)
    await set_up_club(coach)
    await in_group(coach, ANA).send("/club now")
    for user_id in members:
        await join_and_check(coach, user_id)


def group_sends(coach: Coach) -> list[ApiCall]:
    """Every new message the bot posted in the group."""
    calls = coach.emulator.calls
    return [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == GROUP]


def status_edits(coach: Coach) -> list[str]:
    pinned = coach.emulator.pinned[GROUP]
    return [
        str(c.params["text"])
        for c in coach.emulator.calls
        if c.method == "editMessageText"
        and c.params["chat_id"] == GROUP
        and int(c.params["message_id"]) == pinned
    ]


def club_over(coach: Coach) -> bool:
    """The group got the last word and the status says the session is finished."""
    said = any(c.params["text"] == texts.CLUB_DONE for c in group_sends(coach))
    return said and status(coach)["text"].startswith("🏁")


async def test_a_club_session_runs_for_three_members_in_one_pinned_status(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await gathered(coach, ANA, BEN, CY)
    cy_texts = texts_to(coach, CY)
    assert texts.YOU_ARE_IN.format(part=texts.PART_WALK_PRECAUTION) in cy_texts
    assert texts.YOU_ARE_IN.format(part=texts.PART_JOG) in texts_to(coach, BEN)

    wall_minus_loop = time.time() - asyncio.get_running_loop().time()
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))
    session = await coach.services.clubs.session(GROUP)
    assert session is not None and session.live is not None
    due = session.live.due
    await wait_until(lambda: club_over(coach), within=30)

    sends = group_sends(coach)
    cues = [c for c in sends if "Step " in str(c.params["text"])]
    # One cue per step, in the group once, plus the final word; the status is one message.
    assert len(cues) == len(session.live.steps)
    statuses = [c for c in sends if str(c.params["text"]).startswith("🏃 Club session")]
    assert len(statuses) == 1
    # Walkers and joggers share the backwards steps, named in one cue.
    assert any(texts.MIXED_VARIANTS in str(c.params["text"]) for c in cues)
    edits = status_edits(coach)
    assert len(edits) >= len(cues)
    first_step = next(edit for edit in edits if "Step 1 of" in edit)
    assert "In (3): Ana, Ben, Cy" in first_step
    assert status(coach)["text"].startswith("🏁 Club session on the track · finished")
    assert "Done (3): Ana, Ben, Cy" in status(coach)["text"]
    # Each member's log is in their own history, as they did it (Cy walked).
    for user_id in (ANA, BEN, CY):
        [log] = await coach.services.logs.recent(user_id)
        assert log.completed
    await wait_until(lambda: all(EFFORT_QUESTION in texts_to(coach, uid) for uid in NAMES))
    [cy_log] = await coach.services.logs.recent(CY)
    assert cy_log.template is not None and cy_log.template.bout.value == "reverse_walk"
    # Nothing personal in the group: no check answers, no pain, no levels.
    group_text = "\n".join(str(c.params["text"]) for c in sends) + "\n".join(edits)
    assert "pain" not in group_text.lower() and "dizz" not in group_text.lower()
    lateness = [
        (c.at + wall_minus_loop - moment) * 1000 for c, moment in zip(cues, due, strict=False)
    ]
    print(
        f"\nclub cue lateness over {len(lateness)} cues: max {max(lateness):.1f} ms, "
        f"median {sorted(lateness)[len(lateness) // 2]:.1f} ms"
    )


async def test_only_admins_set_up_and_start(club_coach: Coach) -> None:
    coach = club_coach
    await member(coach, BEN_PROFILE)
    [reply] = await in_group(coach, BEN).send("/club")
    assert reply.params["text"] == texts.ADMINS_ONLY
    await set_up_club(coach)
    [reply] = await in_group(coach, BEN).send("/club now")
    assert reply.params["text"] == texts.ADMINS_ONLY
    await in_group(coach, ANA).send("/club now")
    await in_group(coach, BEN).tap(texts.BUTTON_START, status(coach))
    answers = [c for c in coach.emulator.calls if c.method == "answerCallbackQuery"]
    assert answers[-1].params["text"] == texts.ADMINS_ONLY
    # Ana may start it, but nobody has checked in yet.
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))
    answers = [c for c in coach.emulator.calls if c.method == "answerCallbackQuery"]
    assert answers[-1].params["text"] == texts.NOBODY_READY


async def test_a_member_with_pain_sits_out_and_the_group_never_learns_why(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await gathered(coach, ANA)
    private = await join_and_check(coach, BEN, pain="7")
    assert any(texts.SIT_OUT in text for text in private)
    # Once he sits out, the status leaves him off without a word (its next edit).
    await wait_until(lambda: "In (1): Ana" in status(coach)["text"], within=20)
    assert "Ben" not in status(coach)["text"]


async def test_a_newcomer_is_sent_to_the_private_chat_first(club_coach: Coach) -> None:
    coach = club_coach
    await gathered(coach)
    answer = await tap_join(coach, NEWCOMER)
    assert answer == texts.OPEN_PRIVATE
    answers = [c for c in coach.emulator.calls if c.method == "answerCallbackQuery"]
    assert answers[-1].params["url"] == "https://t.me/backstride_bot?start=club-4001"
    [reply] = await in_private(coach, NEWCOMER).send("/start club-4001")
    assert reply.params["text"] == texts.NEEDS_PROFILE


def left_message(coach: Coach, user_id: int) -> Json:
    """Telegram's service message: a member left the group."""
    left = in_group(coach, user_id).user.text("")["message"]
    del left["text"]
    left["left_chat_member"] = left["from"]
    return {"message": left}


def left_update(coach: Coach, user_id: int) -> Json:
    """The chat_member update a group where the bot is an admin sends instead."""
    user = {"id": user_id, "is_bot": False, "first_name": NAMES[user_id]}
    chat = {"id": GROUP, "type": "supergroup", "title": "Club"}
    return {
        "chat_member": {
            "chat": chat,
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": user},
            "new_chat_member": {"status": "left", "user": user},
        }
    }


@pytest.mark.parametrize("leaving", [left_message, left_update])
async def test_leaving_the_group_removes_the_member(club_coach: Coach, leaving: Any) -> None:
    coach = club_coach
    await gathered(coach, ANA, BEN)

    await coach.deliver(leaving(coach, BEN))

    session = await coach.services.clubs.session(GROUP)
    assert session is not None and session.member(BEN) is None
    await wait_until(lambda: "In (1): Ana" in status(coach)["text"], within=20)
    assert "Ben" not in status(coach)["text"]


async def test_an_sos_stops_the_member_privately_and_alerts_their_spotter(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await gathered(coach, ANA, BEN)
    await coach.services.spotters.invite(BEN, "tok", time.time() + 3600)
    await coach.services.spotters.accept("tok", CY, datetime.now(UTC))
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))

    await in_private(coach, BEN).tap(texts.BUTTON_UNWELL)

    assert any(t.startswith(safety_texts.UNWELL_ADVICE) for t in texts_to(coach, BEN))
    alert = spotter_texts.ALERT.format(runner="Ben")
    await wait_until(lambda: alert in texts_to(coach, CY))
    [log] = await coach.services.logs.recent(BEN)
    assert log.red_flag and not log.completed
    await wait_until(lambda: "Done (1): Ben" in status(coach)["text"], within=20)
    group_text = "\n".join(str(c.params["text"]) for c in group_sends(coach))
    assert "unwell" not in group_text.lower() and "🆘" not in group_text
    await wait_until(lambda: club_over(coach), within=30)
    assert len(await coach.services.logs.recent(BEN)) == 1  # no second log at the end


async def test_a_member_who_stops_is_done_and_one_who_stops_before_the_start_is_out(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await gathered(coach, ANA, BEN, CY)
    await in_private(coach, CY).tap(texts.BUTTON_STOP)  # before the start: out of it
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))

    await in_private(coach, BEN).tap(texts.BUTTON_STOP)

    assert any(t.startswith("⏹ Stopped after") for t in texts_to(coach, BEN))
    await wait_until(lambda: EFFORT_QUESTION in texts_to(coach, BEN))
    [log] = await coach.services.logs.recent(BEN)
    assert not log.completed and not log.red_flag
    await wait_until(lambda: club_over(coach), within=30)
    assert "Done (2): Ana, Ben" in status(coach)["text"]
    assert "Cy" not in status(coach)["text"]
    assert await coach.services.logs.recent(CY) == []
    # A second tap on a finished part changes nothing.
    [again] = await in_private(coach, BEN).press_data(
        in_private(coach, BEN).inbox()[-1], f"clubme|stop|{GROUP}"
    )
    assert again.params["text"] == texts.NOT_RUNNING


async def test_an_admin_ends_a_running_session_and_calls_off_a_gathering_one(
    club_coach: Coach,
) -> None:
    coach = club_coach
    await gathered(coach, ANA, BEN)
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))
    [refused] = await in_group(coach, BEN).send("/club end")
    assert refused.params["text"] == texts.ADMINS_ONLY

    await in_group(coach, ANA).send("/club end")

    assert texts.CLUB_ENDED in [c.params["text"] for c in group_sends(coach)]
    assert "Done (2): Ana, Ben" in status(coach)["text"]
    for user_id in (ANA, BEN):
        [log] = await coach.services.logs.recent(user_id)
        assert not log.completed
    assert await coach.services.clubs.session(GROUP) is None
    # A session that never started is called off: whoever was checking in hears it.
    await in_group(coach, ANA).send("/club now")
    await tap_join(coach, CY)
    await in_group(coach, ANA).send("/club end")
    assert status(coach)["text"] == texts.STATUS_ENDED.format(place="on the track")
    await wait_until(lambda: texts.CALLED_OFF in texts_to(coach, CY))
    [nothing] = await in_group(coach, ANA).send("/club end")
    assert nothing.params["text"] == texts.NOTHING_TO_END


async def test_a_restart_mid_session_goes_on_from_the_database(club_coach: Coach) -> None:
    coach = club_coach
    await gathered(coach, ANA, CY)
    await in_group(coach, ANA).tap(texts.BUTTON_START, status(coach))
    await wait_until(lambda: len(status_edits(coach)) >= 3)

    await coach.restart()

    name = coach.services.jobs.runner_job(CLUB_CUE, GROUP)
    assert name in coach.services.jobs.names() or club_over(coach)
    await wait_until(lambda: club_over(coach), within=30)
    for user_id in (ANA, CY):
        assert len(await coach.services.logs.recent(user_id)) == 1
    assert await coach.services.clubs.session(GROUP) is None


async def test_a_session_set_for_later_is_armed_again_after_a_restart(club_coach: Coach) -> None:
    coach = club_coach
    await member(coach, TRACK_JOGGER)
    await set_up_club(coach)
    later = (coach.services.now() + timedelta(hours=2)).astimezone(UTC)
    await in_group(coach, ANA).send(f"/club {later:%H:%M}")
    assert f"starts at {later:%H:%M}" in status(coach)["text"]

    await coach.restart()

    assert coach.services.jobs.runner_job(CLUB_START, GROUP) in coach.services.jobs.names()


async def test_club_rows_are_in_export_and_go_with_delete(club_coach: Coach) -> None:
    coach = club_coach
    await gathered(coach, BEN)
    exported = await coach.services.runner_data().export(BEN)
    assert exported.other_records["club_members"][0]["name"] == "Ben"

    counts = await coach.services.runner_data().erase(BEN)

    assert counts["club_members"] == 1
    session = await coach.services.clubs.session(GROUP)
    assert session is not None and session.member(BEN) is None


async def test_club_in_a_private_chat_points_to_the_group(club_coach: Coach) -> None:
    coach = club_coach
    await member(coach, BEN_PROFILE)
    [reply] = await in_private(coach, BEN).send("/club")
    assert reply.params["text"] == texts.IN_PRIVATE
