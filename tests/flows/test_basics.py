"""The baseline chat, driven through the emulated Bot API."""

from __future__ import annotations

import gc
import logging

import pytest

from bot.texts import common
from tests.support.harness import Coach, texts
from tests.support.onboarding_script import answer_until


async def test_start_welcomes_a_new_runner(coach: Coach) -> None:
    ana = coach.runner(11, "Ana")

    replies = texts(await ana.send("/start"))

    assert replies[0] == common.WELCOME.format(name="Ana")


async def test_start_remembers_the_runner(coach: Coach) -> None:
    await coach.runner(12, "Ben").send("/start")

    runner = await coach.services.runners.get(12)

    assert runner is not None
    assert (runner.chat_id, runner.first_name, runner.active) == (12, "Ben", True)


async def test_help_lists_every_command_once(coach: Coach) -> None:
    [reply] = texts(await coach.runner(13).send("/help"))

    for command, description in common.COMMANDS.items():
        assert reply.count(f"/{command} - {description}") == 1


async def test_command_list_is_registered_at_start(coach: Coach) -> None:
    assert [c["command"] for c in coach.emulator.commands] == list(common.COMMANDS)


async def test_what_start_up_built_is_kept_out_of_garbage_collections(coach: Coach) -> None:
    # Frozen objects are never scanned again; a full collection of the bot's start-up heap
    # paused the event loop for tens of milliseconds (python -m bench.cues).
    assert gc.get_freeze_count() > 0
    assert not any(obj is coach.application for obj in gc.get_objects(generation=2))


async def test_cancel_with_nothing_running(coach: Coach) -> None:
    assert texts(await coach.runner(14).send("/cancel")) == [common.NOTHING_TO_CANCEL]


async def test_unknown_command_points_to_help(coach: Coach) -> None:
    assert texts(await coach.runner(15).send("/fly")) == [common.UNKNOWN_COMMAND]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "sticker",
            "Nice one! 😄 Send /start and we'll set you up in about two minutes.",
        ),
        (
            "photo",
            "I can't look at photos yet (a GPX, TCX or FIT file from a watch I can read)."
            " Send /start and we'll set you up in about two minutes.",
        ),
        (
            "voice",
            "I can't listen to voice notes yet, sorry: could you type it?"
            " Send /start and we'll set you up in about two minutes.",
        ),
    ],
)
async def test_media_is_named_kindly_with_the_next_step(
    coach: Coach, kind: str, expected: str
) -> None:
    runner = coach.runner(16)
    payload = getattr(runner.user, kind)()

    assert texts(await runner.send_payload(payload)) == [expected]


async def test_a_newcomers_hello_points_to_start(coach: Coach) -> None:
    assert texts(await coach.runner(17).send("hello")) == [
        "Hi! I'm Backstride, a coach for running backwards."
        " Send /start and we'll set you up in about two minutes."
    ]


async def test_a_runner_between_sessions_is_pointed_to_go_plan_and_log(coach: Coach) -> None:
    runner = coach.runner(19)
    await answer_until(runner)

    [reply] = texts(await runner.send("what should I do today?"))
    [sticker] = texts(await runner.send_payload(runner.user.sticker()))

    assert reply == (
        "I didn't quite follow that. /go starts your next session, /plan shows your week,"
        " and /log records one you did on your own."
    )
    assert sticker.startswith("Nice one! 😄 /go starts your next session")


@pytest.mark.parametrize("status", [500, 502, 0])  # 0: the emulator times out
async def test_a_passing_server_error_is_retried_and_the_reply_still_goes(
    coach: Coach, status: int
) -> None:
    coach.emulator.fail_next(status, method="sendMessage")

    replies = await coach.runner(18).send("/help")

    assert [call.ok for call in replies] == [False, True]
    assert texts(replies)[1] == common.help_text()


@pytest.mark.parametrize("status", [500, 0])
async def test_a_lasting_server_error_reaches_the_error_handler_and_the_runner_hears_back(
    coach: Coach, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    coach.emulator.fail_next(status, method="sendMessage", times=4)  # every retry fails too

    with caplog.at_level(logging.ERROR):
        replies = await coach.runner(19).send("/help")

    assert [call.ok for call in replies] == [False, False, False, False, True]
    assert texts(replies)[-1] == common.SOMETHING_WENT_WRONG
    assert "error while handling an update" in caplog.text


async def test_blocked_bot_marks_the_runner_unreachable_and_stays_quiet(coach: Coach) -> None:
    runner = coach.runner(20, "Cleo")
    await runner.send("/start")
    coach.emulator.fail_next(403, method="sendMessage")

    replies = await runner.send("/help")

    stored = await coach.services.runners.get(20)
    assert [call.ok for call in replies] == [False]  # no apology sent into a blocked chat
    assert stored is not None
    assert stored.active is False


async def test_a_runner_who_blocks_the_bot_before_the_apology_is_marked_unreachable(
    coach: Coach,
) -> None:
    runner = coach.runner(21, "Dev")
    await runner.send("/start")
    coach.emulator.fail_next(500, method="sendMessage", times=4)  # the reply fails for good
    coach.emulator.fail_next(403, method="sendMessage")  # and the apology finds the bot blocked

    replies = await runner.send("/help")

    stored = await coach.services.runners.get(21)
    assert [call.ok for call in replies] == [False, False, False, False, False]
    assert stored is not None
    assert stored.active is False


async def test_rate_limit_is_waited_out_and_the_message_still_goes(coach: Coach) -> None:
    coach.emulator.fail_next(429, method="sendMessage", retry_after=1)

    replies = await coach.runner(21).send("/help")

    assert [call.ok for call in replies] == [False, True]
    assert replies[1].at - replies[0].at >= 1.0
    assert texts(replies)[1] == common.help_text()


async def test_the_bot_keeps_working_after_errors(coach: Coach) -> None:
    runner = coach.runner(22)
    coach.emulator.fail_next(500, method="sendMessage", times=4)
    await runner.send("/help")

    assert texts(await runner.send("/help")) == [common.help_text()]


async def test_an_unknown_button_is_answered_not_left_spinning(coach: Coach) -> None:
    runner = coach.runner(23)
    await runner.send("/help")
    [message] = runner.inbox()

    await runner.press_data(message, "forged|data")

    answers = [c for c in coach.emulator.calls if c.method == "answerCallbackQuery"]
    assert [a.params.get("text") for a in answers] == [common.BUTTON_EXPIRED]
