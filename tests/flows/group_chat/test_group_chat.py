"""Commands typed in a group chat: a pointer to the private chat, never a personal reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import running_coach, texts
from tests.support.live_session import register, sent_to

GROUP = -4001
PRIVATE_LINK = "https://t.me/backstride_bot?start=group"


@pytest.mark.parametrize("command", ["/go", "/go@backstride_bot", "/history", "/start", "/help"])
async def test_a_personal_command_in_a_group_answers_with_a_private_chat_link(
    tmp_path: Path, command: str
) -> None:
    async with running_coach(tmp_path) as coach:
        runner = await register(coach)
        in_group = coach.runner(runner.user.user_id, "Ana", group=GROUP)

        replies = await in_group.send(command)

        assert len(replies) == 1
        assert PRIVATE_LINK in texts(replies)[0]
        assert "private chat" in texts(replies)[0]
        button = replies[0].params["reply_markup"]["inline_keyboard"][0][0]
        assert button["url"] == PRIVATE_LINK
        # Nothing started for the runner, and nothing went to any other chat.
        assert await coach.services.safety_checks.get(runner.chat_id) is None
        assert sent_to(coach, runner.chat_id) == []


async def test_a_command_for_another_bot_is_left_to_it(tmp_path: Path) -> None:
    async with running_coach(tmp_path) as coach:
        runner = await register(coach)
        in_group = coach.runner(runner.user.user_id, "Ana", group=GROUP)

        assert await in_group.send("/go@someone_elses_bot") == []
        assert await coach.services.safety_checks.get(runner.chat_id) is None


async def test_group_talk_and_stray_taps_get_no_personal_reply(tmp_path: Path) -> None:
    async with running_coach(tmp_path) as coach:
        runner = await register(coach)
        in_group = coach.runner(runner.user.user_id, "Ana", group=GROUP)

        assert await in_group.send("see you all at the track at six") == []
        stray = {"message_id": 5, "date": 0, "chat": {"id": GROUP, "type": "supergroup"}}
        assert await in_group.press_data(stray, "live|stop") == []

        answers = [call for call in coach.emulator.calls if call.method == "answerCallbackQuery"]
        assert PRIVATE_LINK in answers[-1].params["text"]


async def test_the_same_command_in_private_still_works(tmp_path: Path) -> None:
    async with running_coach(tmp_path) as coach:
        runner = await register(coach)

        replies = await runner.send("/go")

        assert not any("t.me/" in text for text in texts(replies))
        assert await coach.services.safety_checks.get(runner.chat_id) == {}
