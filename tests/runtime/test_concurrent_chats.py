"""Many runners at once through the real Application: each keeps their own state and order."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import time
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import BaseUpdateProcessor, SimpleUpdateProcessor

from bot.domain.onboarding import STEP_BY_ID, StepId, next_step
from bot.emulator.botapi import Json
from bot.flows.onboarding.conversation import Stage
from bot.runtime.update_processor import ChatOrderedUpdateProcessor
from bot.texts import onboarding_flow as flow
from bot.texts.onboarding_prompts import question_text
from tests.support.harness import ChatRunner, Coach, running_coach, texts
from tests.support.onboarding_script import TYPED_ANSWERS, answer_until

RUNNERS = 30
_SESSIONS = {StepId.SESSIONS: "3"}  # what TYPED_ANSWERS says; later questions depend on it


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


@dataclass
class _Peak:
    value: int = 0


@asynccontextmanager
async def _peak_concurrency(coach: Coach) -> AsyncIterator[_Peak]:
    """Watch how many updates the Application processes at once while the block runs."""
    peak = _Peak()
    processor = coach.app.update_processor

    async def watch() -> None:
        while True:
            peak.value = max(peak.value, processor.current_concurrent_updates)
            await asyncio.sleep(0.001)

    watcher = asyncio.create_task(watch())
    try:
        yield peak
    finally:
        watcher.cancel()


def _answers_of(number: int) -> dict[StepId, str]:
    """Answers that tell runners apart: an age and a session time of their own."""
    return {
        StepId.AGE: str(20 + number),
        StepId.SESSION_TIME: f"{6 + number // 4:02d}:{number % 4 * 15:02d}",
    }


def _own_values_hidden(runner: ChatRunner, own: dict[StepId, str]) -> tuple[str, ...]:
    """The runner's chat, with their own name, age and session time hidden (and the months
    their time is dark outdoors, which follow from it, left out)."""
    return tuple(
        _DARK_MONTHS.sub("", message.get("text", ""))
        .replace(f"Age: {own[StepId.AGE]}", "Age: <age>")
        .replace(own[StepId.SESSION_TIME], "<time>")
        .replace(runner.user.first_name, "<name>")
        for message in runner.inbox()
    )


_DARK_MONTHS = re.compile(r"🌙 At .*? where you are\. .*?\n\n", re.S)


async def _answer_from(runner: ChatRunner, first: StepId, answers: dict[StepId, str]) -> None:
    steps = [step for step, _ in TYPED_ANSWERS]
    for step, answer in TYPED_ANSWERS[steps.index(first) :]:
        await runner.send(answers.get(step, answer))


async def _conversation_states(coach: Coach) -> dict[int, object]:
    rows = await coach.services.db.fetch_all(
        "SELECT conversation_key, state FROM ptb_conversations WHERE name = 'onboarding'"
    )
    return {json.loads(row["conversation_key"])[0]: json.loads(row["state"]) for row in rows}


async def test_many_runners_onboard_at_once_each_with_their_own_profile(
    coach: Coach, errors: pytest.LogCaptureFixture
) -> None:
    runners = [coach.runner(5_000 + number, f"Runner {number}") for number in range(RUNNERS)]
    answers = [_answers_of(number) for number in range(RUNNERS)]

    async with _peak_concurrency(coach) as peak:
        await asyncio.gather(
            *(
                answer_until(runner, stop_before=StepId.SESSIONS, overrides=own)
                for runner, own in zip(runners, answers, strict=True)
            )
        )
    # Every runner's place in the conversation was stored, so it survives a restart.
    states = await _conversation_states(coach)
    assert states == {runner.chat_id: Stage.ANSWERING for runner in runners}
    await coach.restart()
    await asyncio.gather(
        *(
            _answer_from(runner, StepId.SESSIONS, own)
            for runner, own in zip(runners, answers, strict=True)
        )
    )

    assert peak.value > 1  # the runners really were handled side by side
    # Apart from their own age and time, every runner read exactly the same conversation.
    conversations = {
        _own_values_hidden(runner, own) for runner, own in zip(runners, answers, strict=True)
    }
    assert len(conversations) == 1
    for runner, own in zip(runners, answers, strict=True):
        profile = await coach.services.profiles.get(runner.chat_id)
        assert profile is not None
        assert profile.age == int(own[StepId.AGE])
        assert profile.session_time == time.fromisoformat(own[StepId.SESSION_TIME])
        assert own[StepId.SESSION_TIME] in runner.inbox()[-1]["text"]
    assert await _conversation_states(coach) == {}
    assert not errors.records


async def _tap_twice_through_the_harness(coach: Coach, runner: ChatRunner, message: Json) -> None:
    await asyncio.gather(runner.tap("Regularly", message), runner.tap("Regularly", message))


async def _tap_twice_through_the_update_queue(
    coach: Coach, runner: ChatRunner, message: Json
) -> None:
    """As polling delivers them: PTB's update fetcher starts one task per update."""
    rows = message["reply_markup"]["inline_keyboard"]
    data = next(b["callback_data"] for row in rows for b in row if "Regularly" in b["text"])
    for _ in range(2):
        payload = coach.emulator.number_update(runner.user.tap(message, data))
        await coach.app.update_queue.put(Update.de_json(payload, coach.app.bot))
    await coach.app.update_queue.join()


@pytest.mark.parametrize(
    "tap_twice", [_tap_twice_through_the_harness, _tap_twice_through_the_update_queue]
)
async def test_a_quick_double_tap_is_handled_in_order(
    coach: Coach,
    errors: pytest.LogCaptureFixture,
    tap_twice: Callable[[Coach, ChatRunner, Json], Awaitable[None]],
) -> None:
    runner = coach.runner(6_001)
    await runner.send("/start")
    await runner.send("30")
    question = copy.deepcopy(runner.last_keyboard_message())  # both taps land on this message
    sent_before = len(runner.inbox())
    first_call = len(coach.emulator.calls)

    await tap_twice(coach, runner, question)

    # The first tap answers; the second finds the question moved on and says so.
    replies = [message["text"] for message in runner.inbox()[sent_before:]]
    weekly_km = question_text(STEP_BY_ID[StepId.WEEKLY_KM], {})
    assert replies == [weekly_km, flow.STALE_BUTTON, weekly_km]
    spinners = [c for c in coach.emulator.calls[first_call:] if c.method == "answerCallbackQuery"]
    assert len(spinners) == 2
    draft = await coach.services.profiles.get_draft(runner.chat_id)
    assert draft is not None
    step = next_step(draft.answers)
    assert step is not None
    assert step.id is StepId.WEEKLY_KM
    assert not errors.records


async def test_two_runners_answer_the_same_step_at_the_same_moment(
    coach: Coach, errors: pytest.LogCaptureFixture
) -> None:
    pair = [coach.runner(7_001, "Ada"), coach.runner(7_002, "Bo")]
    answers = [_answers_of(3), _answers_of(17)]
    await asyncio.gather(*(runner.send("/start") for runner in pair))
    steps = [step for step, _ in TYPED_ANSWERS]

    for index, (step, typed) in enumerate(TYPED_ANSWERS):
        replies = await asyncio.gather(
            *(runner.send(own.get(step, typed)) for runner, own in zip(pair, answers, strict=True))
        )
        for reply, own in zip(replies, answers, strict=True):
            if index + 1 < len(steps):
                expected = question_text(STEP_BY_ID[steps[index + 1]], _SESSIONS)
            else:
                expected = own[StepId.SESSION_TIME]  # the last reply names their session
            assert any(expected in text for text in texts(reply)), (step, texts(reply))

    for runner, own in zip(pair, answers, strict=True):
        profile = await coach.services.profiles.get(runner.chat_id)
        assert profile is not None
        assert profile.age == int(own[StepId.AGE])
        assert profile.session_time == time.fromisoformat(own[StepId.SESSION_TIME])
    assert not errors.records


@pytest.mark.parametrize(
    ("bound", "kind"), [(1, SimpleUpdateProcessor), (256, ChatOrderedUpdateProcessor)]
)
async def test_the_setting_picks_the_update_processor(
    tmp_path: Path, bound: int, kind: type[BaseUpdateProcessor]
) -> None:
    async with running_coach(tmp_path, concurrent_updates=bound) as coach:
        assert type(coach.app.update_processor) is kind
        assert coach.app.concurrent_updates == bound
