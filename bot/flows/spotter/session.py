"""What a spotter sees of their runner's live session: the start with its steps (and a
button to follow it), each cue worded for the spotter once they follow, the end, and an
alert at once if the runner taps 🆘. Nothing else of the runner's data. Each spotter reads
it in their own language."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from bot.domain.live_session import CueEvent
from bot.domain.programme import TimelineStep, timeline_seconds, whole_minutes
from bot.flows.live_session.view import time_left, timeline_lines
from bot.runtime.delivery import Priority
from bot.runtime.language import speaking_to
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import services_of
from bot.texts import spotter as texts
from bot.texts.session_timeline import format_duration

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

# An alert's template, read when it is worded (in the spotter's language): "{runner} …".
Alert = Callable[[], str]

SPOT_PREFIX = "spot"
FOLLOW, UNPAIR = "follow", "end"


async def partner_name(application: AnyApplication, user_id: int) -> str:
    """The first name someone gave Telegram: all their partner learns about them."""
    runner = await services_of(application).runners.get(user_id)
    return runner.first_name if runner is not None and runner.first_name else texts.SOMEONE


async def session_started(
    application: AnyApplication, runner_id: int, steps: Sequence[TimelineStep]
) -> None:
    """Tell each of the runner's spotters that a session starts, with its steps."""
    services = services_of(application)
    await services.spotters.unfollow_all(runner_id)
    spotters = await services.spotters.reachable(runner_id, following_only=False)
    if not spotters:
        return
    name = await partner_name(application, runner_id)
    minutes = whole_minutes(timeline_seconds(steps))

    def text() -> str:
        return "\n".join(
            [
                texts.SESSION_STARTING.format(runner=name, minutes=minutes),
                "",
                *timeline_lines(steps),
                "",
                texts.FOLLOW_HINT.format(runner=name),
            ]
        )

    await _send_to(
        application,
        spotters,
        text,
        markup=lambda: _follow_button(runner_id, name),
        what="a spotter's session start",
    )


async def cue_started(application: AnyApplication, runner_id: int, event: CueEvent) -> None:
    """Pass a cue to the spotters following the session, in the spotter's words."""
    services = services_of(application)
    following = await services.spotters.reachable(runner_id, following_only=True)
    if not following or event.step is None:
        return
    step = event.step
    name = await partner_name(application, runner_id)

    def text() -> str:
        return "\n".join(
            [
                texts.SPOTTER_CUES[step.kind].format(
                    runner=name, duration=format_duration(step.seconds)
                ),
                texts.SPOTTER_PROGRESS.format(
                    number=event.number, count=event.count, left=time_left(event.seconds_left)
                ),
            ]
        )

    await _send_to(application, following, text, what="a spotter's cue")


async def session_ended(
    application: AnyApplication, runner_id: int, *, alert: Alert | None = None
) -> None:
    """The session is over. With an `alert` (a stop for feeling unwell or a warning sign)
    every spotter gets it at once; otherwise those who followed hear that it ended."""
    services = services_of(application)
    if alert is not None:
        await _alert_every_spotter(application, runner_id, alert)
    else:
        following = await services.spotters.reachable(runner_id, following_only=True)
        if following:
            name = await partner_name(application, runner_id)
            await _send_to(
                application,
                following,
                lambda: texts.SESSION_OVER.format(runner=name),
                what="a spotter's session end",
            )
    await services.spotters.unfollow_all(runner_id)


async def red_flag_logged(application: AnyApplication, runner_id: int) -> None:
    """The runner's log of a live session names a warning sign: alert every spotter."""
    await _alert_every_spotter(application, runner_id, lambda: texts.ALERT_RED_FLAG)


async def _alert_every_spotter(application: AnyApplication, runner_id: int, alert: Alert) -> None:
    spotters = await services_of(application).spotters.reachable(runner_id, following_only=False)
    if not spotters:
        return
    name = await partner_name(application, runner_id)
    await _send_to(
        application, spotters, lambda: alert().format(runner=name), what="a spotter's alert"
    )


async def _send_to(
    application: AnyApplication,
    spotter_ids: Sequence[int],
    text: Callable[[], str],
    *,
    what: str,
    markup: Callable[[], InlineKeyboardMarkup] | None = None,
) -> None:
    """Send to each spotter's private chat (its id is theirs), as urgently as a cue, worded
    (`text()`, `markup()`) in the spotter's language."""

    async def send(spotter_id: int) -> None:
        async with speaking_to(services_of(application), spotter_id):
            words, buttons = text(), markup() if markup is not None else None
        await send_or_mark_unreachable(
            application, spotter_id, words, priority=Priority.CUE, what=what, markup=buttons
        )

    await asyncio.gather(*(send(spotter_id) for spotter_id in spotter_ids))


def _follow_button(runner_id: int, name: str) -> InlineKeyboardMarkup:
    label = texts.BUTTON_FOLLOW.format(runner=name)
    data = f"{SPOT_PREFIX}|{FOLLOW}|{runner_id}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])
