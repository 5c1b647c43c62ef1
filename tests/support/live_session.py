"""Shared steps for tests that run live sessions: a registered runner, the safety check taps,
and waiting for cues on real (scaled) time."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from datetime import time as clock_time

from bot.domain.profile import Experience, Place, Profile
from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import ApiCall
from bot.texts import session as session_texts
from tests.domain.programme_fixtures import make_profile
from tests.support.harness import ChatRunner, Coach

# 35, runs now and then, after the walking week (level 1: 5 × 25 s reverse jog / 1 min walk),
# on the track.
TRACK_JOGGER = make_profile(
    user_id=501,
    experience=Experience.OCCASIONAL,
    places=frozenset({Place.TRACK, Place.PARK}),
    weekdays=(1, 3, 5),
    session_time=clock_time(18, 0),
    timezone="Europe/London",
)

CUE_HEADS = tuple(heading.split(" · ")[0] for heading in session_texts.CUE_HEADINGS.values())


async def register(coach: Coach, profile: Profile = TRACK_JOGGER) -> ChatRunner:
    """A runner who finished onboarding and their walking week, ready for /go: level 1."""
    now = datetime.now(UTC)
    await coach.services.runners.record_contact(profile.user_id, profile.user_id, "Ana", now)
    await coach.services.profiles.save(profile, now)
    today = profile.local_time(now).date()
    jogging = PlanState.starting(1, today)
    await coach.services.plans.start(profile.user_id, jogging, Reason(Cause.PROGRESS_LEVEL), now)
    return coach.runner(profile.user_id)


async def pass_safety_check(runner: ChatRunner, *, pain: str = "0", hard: bool = False) -> None:
    """/go and the taps of a clear safety check, up to the session's start."""
    await runner.send("/go")
    await runner.tap("Running track")
    await runner.tap("Yes, all three")
    await runner.tap("Yes, I have" if hard else "No, I'm fresh")
    await runner.tap(pain)
    await runner.tap("Ready")


def is_cue(text: str) -> bool:
    """True for a step's cue (its first line is one of the step headings)."""
    return text.startswith(CUE_HEADS)


def replies(calls: list[ApiCall]) -> list[ApiCall]:
    """The new messages among `calls` that are not cues (edits and cues left out)."""
    return [
        call
        for call in calls
        if call.method == "sendMessage" and not is_cue(str(call.params.get("text", "")))
    ]


def sent_to(coach: Coach, chat_id: int) -> list[ApiCall]:
    """Every sendMessage to one chat so far."""
    return [
        call
        for call in coach.emulator.calls
        if call.method == "sendMessage" and call.params.get("chat_id") == chat_id and call.ok
    ]


def edits_to(coach: Coach, chat_id: int) -> list[str]:
    """The texts of every message edit in one chat so far (the safety check updates in place)."""
    return [
        str(call.params["text"])
        for call in coach.emulator.calls
        if call.method == "editMessageText" and call.params.get("chat_id") == chat_id
    ]


def texts_to(coach: Coach, chat_id: int) -> list[str]:
    """The texts of every message sent to one chat so far."""
    return [str(call.params["text"]) for call in sent_to(coach, chat_id)]


async def wait_until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Poll until `condition()` holds; fail after `timeout` seconds of real time."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.01)


async def wait_for_text(coach: Coach, chat_id: int, starts: str, within: float = 10.0) -> str:
    """The first message to the chat that starts with `starts`, once it arrives."""
    await wait_until(
        lambda: any(text.startswith(starts) for text in texts_to(coach, chat_id)), within
    )
    return next(text for text in texts_to(coach, chat_id) if text.startswith(starts))
