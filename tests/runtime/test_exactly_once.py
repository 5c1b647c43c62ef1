"""Each update is applied once, and an edit never acts as a new message."""

from __future__ import annotations

from bot.domain.onboarding import StepId
from bot.texts import exactly_once as once_texts
from tests.support.harness import Coach, texts
from tests.support.live_session import register
from tests.support.onboarding_script import TYPED_ANSWERS, answer_until

LOG = "/log yesterday 12 min effort 6 pain 0"


async def test_a_log_delivered_twice_is_stored_and_answered_once(coach: Coach) -> None:
    runner = await register(coach)
    update = coach.emulator.number_update(runner.user.text(LOG))
    first = await runner.send_update(update)
    again = await runner.send_update(update)
    assert len(texts(first)) == 1  # the log's echo with its takeaway
    assert again == []
    assert len(await coach.services.logs.recent(runner.chat_id)) == 1


async def test_an_update_applied_before_a_restart_is_not_applied_after_it(coach: Coach) -> None:
    runner = await register(coach)
    update = coach.emulator.number_update(runner.user.text(LOG))
    await runner.send_update(update)
    await coach.restart()
    assert await runner.send_update(update) == []
    assert len(await coach.services.logs.recent(runner.chat_id)) == 1


async def test_an_edited_log_changes_nothing_and_says_so(coach: Coach) -> None:
    runner = await register(coach)
    sent = coach.emulator.number_update(runner.user.text(LOG))
    await runner.send_update(sent)
    edit = runner.user.edited(LOG.replace("12 min", "40 min"), sent["message"]["message_id"])
    assert texts(await runner.send_payload(edit)) == [once_texts.EDIT_NOT_APPLIED]
    [entry] = await coach.services.logs.recent(runner.chat_id)
    assert entry.reverse_seconds != 40 * 60


async def test_an_edited_health_answer_is_not_taken_as_the_next_answer(coach: Coach) -> None:
    runner = coach.runner(4242)
    await answer_until(runner, stop_before=StepId.PARQ_HEART_CONDITION)
    heart = coach.emulator.number_update(runner.user.text("no"))
    await runner.send_update(heart)
    edit = runner.user.edited("yes", heart["message"]["message_id"])
    assert texts(await runner.send_payload(edit)) == [once_texts.EDIT_NOT_APPLIED]
    steps = [step for step, _ in TYPED_ANSWERS]
    for _, answer in TYPED_ANSWERS[steps.index(StepId.PARQ_HEART_CONDITION) + 1 :]:
        await runner.send(answer)
    profile = await coach.services.profiles.get(runner.chat_id)
    assert profile is not None
    assert profile.parq_yes == frozenset()  # every answer is the one typed for its question
