"""When the bot cannot reach a runner (blocked, removed from a group) and when it can again."""

from __future__ import annotations

import time
from datetime import date

from bot.emulator.botapi import BOT_USER, Json
from bot.flows.reminders.jobs import add_one_off, sync_reminders
from tests.support.harness import ChatRunner, Coach
from tests.support.live_session import TRACK_JOGGER, pass_safety_check, register, wait_until

GROUP = -100_777
USER = TRACK_JOGGER.user_id


async def _session_in_group(coach: Coach) -> ChatRunner:
    """A runner whose chat with the coach is a group, in a live session there."""
    runner = await register(coach)
    await pass_safety_check(runner)
    await coach.services.db.execute(
        "UPDATE runners SET chat_id = ? WHERE user_id = ?", (GROUP, USER)
    )
    await coach.services.db.execute(
        "UPDATE live_sessions SET chat_id = ? WHERE user_id = ?", (GROUP, USER)
    )
    coach.services.live_sessions.forget(USER)  # changed behind the write-through memory
    return runner


async def test_removed_from_a_group_the_session_ends_and_its_jobs_go(coach: Coach) -> None:
    runner = await _session_in_group(coach)
    coach.emulator.fail_next(403, method="sendMessage")
    await runner.send("/skip")  # the next cue is due at once, and the group refuses it
    cues = coach.services.cue_timer
    await wait_until(lambda: USER not in cues and not cues.busy)
    assert coach.services.jobs.names() == frozenset()
    assert await coach.services.live_sessions.get(USER) is None
    stored = await coach.services.runners.get(USER)
    assert stored is not None and not stored.active


def _membership(chat_id: int, status: str) -> Json:
    member = {"user": BOT_USER, "status": status}
    if status == "kicked":
        member["until_date"] = 0
    return {
        "my_chat_member": {
            "chat": {"id": chat_id, "type": "private", "first_name": "Ana"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Ana"},
            "date": int(time.time()),
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": member,
        }
    }


async def test_blocking_and_unblocking_the_bot_follow_at_once(coach: Coach) -> None:
    await register(coach)
    await sync_reminders(coach.app, USER)
    await add_one_off(coach.app, USER, time.time() + 3600, date.today())
    own = coach.services.jobs.names()
    await coach.deliver(_membership(USER, "kicked"))
    runner = await coach.services.runners.get(USER)
    assert runner is not None and not runner.active
    assert not [name for name in coach.services.jobs.names() if "once" in name]
    await coach.deliver(_membership(USER, "member"))
    runner = await coach.services.runners.get(USER)
    assert runner is not None and runner.active
    assert coach.services.jobs.names() == own  # the runner's jobs are scheduled again
