"""Random updates at every onboarding step: the bot never raises and always answers."""

from __future__ import annotations

import itertools
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.onboarding import STEPS
from bot.emulator.botapi import Json
from tests.support.harness import ChatRunner, Coach
from tests.support.onboarding_script import TYPED_ANSWERS, answer_until

_user_ids = itertools.count(10_000)
_COMMANDS = ["/start", "/help", "/cancel", "/profile", "/plan", "/go", "/nonsense", "/"]
_step_ids = [str(step.id) for step in STEPS]


def _random_update(runner: ChatRunner, draw: Any) -> Json:
    kind = draw(
        st.sampled_from(
            [
                "text",
                "command",
                "sticker",
                "photo",
                "voice",
                "location",
                "document",
                "tap",
                "forged_tap",
            ]
        )
    )
    user = runner.user
    if kind == "text":
        return user.text(draw(st.text(max_size=300)) or " ")
    if kind == "command":
        return user.text(draw(st.sampled_from(_COMMANDS)))
    if kind == "location":
        return user.location(draw(st.floats(-90, 90)), draw(st.floats(-180, 180)))
    if kind == "document":
        return user.document("x.bin", draw(st.binary(max_size=64)))
    if kind in ("tap", "forged_tap"):
        inbox = runner.inbox() or [
            {"message_id": 1, "date": 0, "chat": {"id": runner.chat_id, "type": "private"}}
        ]
        message = draw(st.sampled_from(inbox))
        if kind == "tap":
            data = f"ob|{draw(st.sampled_from(_step_ids))}|{draw(st.text(max_size=20))}"
        else:
            data = draw(st.text(max_size=64))
        return user.tap(message, data)
    payload: Json = getattr(user, kind)()
    return payload


@pytest.fixture
def log_errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(data=st.data(), answered=st.integers(0, len(TYPED_ANSWERS)))
async def test_random_updates_at_any_step_never_raise_and_always_get_an_answer(
    coach: Coach, log_errors: pytest.LogCaptureFixture, data: st.DataObject, answered: int
) -> None:
    runner = coach.runner(next(_user_ids))
    stop = TYPED_ANSWERS[answered][0] if answered < len(TYPED_ANSWERS) else None
    await answer_until(runner, stop_before=stop)

    for _ in range(data.draw(st.integers(1, 6))):
        first = len(coach.emulator.calls)
        await runner.send_payload(_random_update(runner, data.draw))
        calls = coach.emulator.calls[first:]
        assert calls, "the update got no answer at all"

    assert "error while handling an update" not in log_errors.text
