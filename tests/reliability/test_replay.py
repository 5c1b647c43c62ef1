"""The replay test: a scripted runner's week through the real application, run once as
written, then again with every update delivered twice (at once, side by side, or after the
next one) and edits of earlier messages mixed in at random. Afterwards the runner's export
is the same, and the runner saw every reply exactly as often as in the first run (the
edits' own answer aside): no update, tap or edit had an effect twice or an effect at all.

`make test` replays a few random interleavings; `make soak` (SOAK=1) many more.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import Json
from bot.flows.records.export import everything_json
from bot.flows.reminders.jobs import look_for_missed_sessions, send_reminder
from bot.texts import exactly_once as once_texts
from bot.texts import safety as safety_texts
from bot.texts import session_log as log_texts
from tests.support.harness import ChatRunner, Coach, running_coach
from tests.support.live_session import wait_until
from tests.support.onboarding_script import TYPED_ANSWERS

RUNNER = 8_801
ZONE = ZoneInfo("Europe/London")  # the script's time zone answer
SOAK = os.environ.get("SOAK") == "1"

Setup = Callable[[Coach], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Send:
    """The runner types `text`."""

    text: str


@dataclass(frozen=True, slots=True)
class Tap:
    """The runner taps the button labelled `label` on the newest keyboard."""

    label: str


@dataclass(frozen=True, slots=True)
class Happen:
    """Something the bot does on its own (a job), the same in every run."""

    what: Setup


def _days_ahead(days: int) -> Any:
    return datetime.now(ZONE).date() + timedelta(days=days)


async def _remind_in(coach: Coach, days: int) -> None:
    await send_reminder(coach.app, RUNNER, _days_ahead(days))


async def _three_weeks_of_misses(coach: Coach) -> None:
    """Three weeks pass with nothing logged; the daily look offers to step back."""
    since = _days_ahead(-22)
    await coach.services.plans.start(
        RUNNER, PlanState(3, 2, since), Reason(Cause.START_OCCASIONAL), datetime.now(UTC)
    )
    await look_for_missed_sessions(coach.app, RUNNER)


async def _session_over(coach: Coach) -> None:
    """The session has ended and the coach asks how it felt."""
    question = log_texts.EFFORT_QUESTION[:20]
    await wait_until(
        lambda: any(
            str(message.get("text", "")).startswith(question)
            for message in coach.runner(RUNNER).inbox()
        )
    )


WEEK: tuple[Send | Tap | Happen, ...] = (
    *(Send(answer) for answer in ["/start", *(answer for _, answer in TYPED_ANSWERS)]),
    Send("/plan"),
    Happen(_three_weeks_of_misses),
    Tap("One step back"),
    Send("/log yesterday 12 min effort 6 pain 0"),
    Send("/log 2 days ago 15 min effort 5 pain 1 knee"),
    Happen(lambda coach: _remind_in(coach, 1)),
    Tap("Snooze"),
    Happen(lambda coach: _remind_in(coach, 2)),
    Tap("Skip today"),
    Send("/reminders"),
    Tap("Turn off"),
    Send("/go"),
    Tap("Running track"),
    Tap("Yes, all three"),
    Tap("No, I'm fresh"),
    Tap("0"),
    Tap("Ready"),
    Send("/skip"),
    Send("/stop"),
    Happen(_session_over),
    Tap("5"),
    Tap("0"),
    Send("/history"),
    Send("/progress"),
)


@dataclass(frozen=True, slots=True)
class Delivery:
    """How the replay delivers one update: twice one after the other, twice side by side,
    or once now and again after the next update; perhaps followed by an edit."""

    how: str
    edit: str | None


DELIVERIES = st.builds(
    Delivery,
    st.sampled_from(["twice", "together", "later"]),
    st.one_of(st.none(), st.sampled_from(["yes", "/log 90 min effort 10 pain 9", "stop", "12"])),
)


async def _run(coach: Coach, plan: list[Delivery] | None) -> tuple[Json, Counter[str]]:
    """Play the week (with `plan`, replayed); the export and the texts the runner saw."""
    runner = coach.runner(RUNNER)
    typed: list[Json] = []
    late: Json | None = None
    for index, step in enumerate(WEEK):
        if isinstance(step, Happen):
            await step.what(coach)
            continue
        payload = (
            runner.user.text(step.text)
            if isinstance(step, Send)
            else _tap_payload(runner, step.label)
        )
        update = coach.emulator.number_update(payload)
        if isinstance(step, Send):
            typed.append(update["message"])
        delivery = None if plan is None else plan[index % len(plan)]
        await _deliver(runner, update, delivery)
        if late is not None:
            await runner.send_update(late)
            late = None
        if delivery is not None and delivery.how == "later":
            late = update
        if delivery is not None and delivery.edit is not None and typed:
            earlier = typed[len(typed) // 2]
            await runner.send_payload(runner.user.edited(delivery.edit, earlier["message_id"]))
        await _settle(coach)
    if late is not None:
        await runner.send_update(late)
    await _settle(coach)
    export = await coach.services.runner_data().export(RUNNER)
    return _comparable(json.loads(everything_json(export))), _seen(coach)


def _tap_payload(runner: ChatRunner, label: str) -> Json:
    message = runner.last_keyboard_message()
    for row in message["reply_markup"]["inline_keyboard"]:
        for button in row:
            if label in button["text"]:
                return runner.user.tap(message, button["callback_data"])
    raise AssertionError(f"no button {label!r} in {runner.buttons(message)}")


async def _deliver(runner: ChatRunner, update: Json, delivery: Delivery | None) -> None:
    if delivery is None or delivery.how == "later":
        await runner.send_update(update)
    elif delivery.how == "twice":
        await runner.send_update(update)
        await runner.send_update(update)
    else:
        await asyncio.gather(runner.send_update(update), runner.send_update(update))


async def _settle(coach: Coach) -> None:
    """Let jobs that are due now (a cue after /skip) run before the next step."""
    for _ in range(5):
        await asyncio.sleep(0.01)


_VOLATILE_KEY = re.compile(r"(_at|^due|^paused_at|^id|_id)$")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def _comparable(value: Any) -> Any:
    """The export without what depends on the wall clock or on row numbering."""
    if isinstance(value, dict):
        return {
            key: _comparable(item)
            for key, item in value.items()
            if not _VOLATILE_KEY.search(str(key))
        }
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    return value


# The darkness warning follows the sun: two plays on either side of sunset differ by it.
_DARK = safety_texts.DARK_NOW.format(sunset="HH:MM", sunrise="HH:MM")


def _blurred(text: str) -> str:
    """A text without what depends on the wall clock: times of day, the darkness warning."""
    return _CLOCK.sub("HH:MM", text).replace(f"\n\n{_DARK}", "").replace(_DARK, "").strip()


def _seen(coach: Coach) -> Counter[str]:
    """Every text the runner was sent (or a message was changed to), wall clock blurred."""
    return Counter(
        _blurred(str(call.params.get("text") or call.params.get("caption") or ""))
        for call in coach.emulator.calls
        if call.ok
        and call.method in {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}
        and call.params.get("chat_id") == RUNNER
    )


async def _play(plan: list[Delivery] | None) -> tuple[Json, Counter[str]]:
    with tempfile.TemporaryDirectory() as directory:
        async with running_coach(Path(directory)) as coach:
            return await _run(coach, plan)


_ONCE: list[tuple[Json, Counter[str]]] = []


def _as_written() -> tuple[Json, Counter[str]]:
    """The week played once as written (computed once per test run)."""
    if not _ONCE:
        _ONCE.append(asyncio.run(_play(None)))
    return _ONCE[0]


@settings(max_examples=60 if SOAK else 3)
@given(st.lists(DELIVERIES, min_size=1, max_size=len(WEEK)))
def test_the_week_replayed_with_duplicates_and_edits_ends_the_same(plan: list[Delivery]) -> None:
    export, seen = _as_written()
    replayed_export, replayed_seen = asyncio.run(_play(plan))
    edits = replayed_seen.pop(once_texts.EDIT_NOT_APPLIED, 0)
    assert edits <= len(WEEK)
    assert replayed_export == export
    assert replayed_seen == seen
