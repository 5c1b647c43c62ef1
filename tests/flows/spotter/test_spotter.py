"""The spotter end to end: invitation, acceptance, following a session, the 🆘 alert,
privacy, ending a pairing, and a pairing's rows in /export and /delete."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.emulator.botapi import ApiCall
from bot.texts import spotter as texts
from tests.support.harness import ChatRunner, Coach, running_coach
from tests.support.live_session import (
    is_cue,
    pass_safety_check,
    register,
    sent_to,
    texts_to,
    wait_for_text,
    wait_until,
)

SCALE = 200.0  # the 16 min session takes about 5 s
ANA = 501  # the runner (tests.support.live_session registers her as "Ana")
BEN = 602  # her spotter, who never set up a profile
_LINK = re.compile(r"https://t\.me/backstride_bot\?start=(spot-[\w-]+)")


@pytest.fixture
async def coach(tmp_path: Path) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, time_scale=SCALE) as coach:
        yield coach


async def registered_ana(coach: Coach) -> ChatRunner:
    """Ana, with a profile, writing under her Telegram name."""
    await register(coach)
    return coach.runner(ANA, "Ana")


async def invitation(runner: ChatRunner) -> str:
    """/spotter, and the /start payload of the link it gives."""
    [reply] = await runner.send("/spotter")
    match = _LINK.search(str(reply.params["text"]))
    assert match is not None, reply.params["text"]
    return match.group(1)


async def paired(coach: Coach) -> tuple[ChatRunner, ChatRunner]:
    """Ana invites Ben, Ben accepts in his own chat."""
    ana = await registered_ana(coach)
    ben = coach.runner(BEN, "Ben")
    payload = await invitation(ana)
    [welcome] = await ben.send(f"/start {payload}")
    assert welcome.params["text"] == texts.PAIRED_SPOTTER.format(runner="Ana")
    return ana, ben


async def test_an_accepted_invitation_pairs_them_and_tells_the_runner(coach: Coach) -> None:
    ana, _ = await paired(coach)

    assert texts.PAIRED_RUNNER.format(spotter="Ben") in texts_to(coach, ANA)
    [listing] = await ana.send("/spotter")
    assert str(listing.params["text"]).startswith(texts.YOUR_SPOTTERS.format(names="Ben"))


async def test_a_link_works_once_and_not_for_its_own_runner(coach: Coach) -> None:
    ana = await registered_ana(coach)
    payload = await invitation(ana)

    [own] = await ana.send(f"/start {payload}")
    assert own.params["text"] == texts.LINK_OWN
    await coach.runner(BEN, "Ben").send(f"/start {payload}")
    [again] = await coach.runner(603, "Cy").send(f"/start {payload}")
    assert again.params["text"] == texts.LINK_INVALID
    # A newer link replaces an older one that was never used.
    older, newer = await invitation(ana), await invitation(ana)
    [stale] = await coach.runner(604, "Di").send(f"/start {older}")
    assert stale.params["text"] == texts.LINK_INVALID
    [fresh] = await coach.runner(604, "Di").send(f"/start {newer}")
    assert fresh.params["text"] == texts.PAIRED_SPOTTER.format(runner="Ana")


async def test_an_expired_link_is_refused_kindly(coach: Coach) -> None:
    await registered_ana(coach)
    await coach.services.spotters.invite(ANA, "old-token", expires_at=1.0)

    [reply] = await coach.runner(BEN, "Ben").send("/start spot-old-token")

    assert reply.params["text"] == texts.LINK_INVALID
    assert await coach.services.spotters.partners(ANA, "runner") == []


async def test_the_spotter_follows_the_session_and_is_alerted_at_once_on_sos(
    coach: Coach,
) -> None:
    ana, ben = await paired(coach)
    await pass_safety_check(ana)

    start = await wait_for_text(coach, BEN, "🏃 Ana is starting a session now")
    assert "1. warm-up walk 5 min" in start
    await ben.tap("I'm beside Ana")
    reverse = texts.SPOTTER_CUES["reverse_jog"].format(runner="Ana", duration="25 s")
    await wait_for_text(coach, BEN, reverse)
    await ana.tap("I feel unwell")

    alert = texts.ALERT.format(runner="Ana")
    await wait_until(lambda: alert in texts_to(coach, BEN))
    before_alert = "\n".join(text for text in texts_to(coach, BEN) if text != alert)
    # Spotter's words only: no runner cue, none of her check's answers (pain included), no
    # verdict, no log question, no advice meant for Ana.
    assert not any(is_cue(text) for text in texts_to(coach, BEN))
    for private in ("✔︎", "pain", "All clear", "How did", "Stop now. Sit down"):
        assert private not in before_alert


async def test_spotter_cues_follow_the_runner_s_closely_and_survive_a_restart(
    coach: Coach,
) -> None:
    ana, ben = await paired(coach)
    await pass_safety_check(ana)
    await wait_for_text(coach, BEN, "🏃 Ana is starting")
    await ben.tap("I'm beside Ana")
    await wait_until(lambda: len(_spotter_cues(coach)) >= 1)

    await coach.restart()
    over = texts.SESSION_OVER.format(runner="Ana")
    await wait_for_text(coach, BEN, over, within=15)

    spotter_cues = _spotter_cues(coach)
    # After the first followed cue, every later step reached Ben, restart or not.
    assert len(spotter_cues) >= 9
    runner_cues = {
        index: call.at
        for index, call in enumerate(
            call for call in sent_to(coach, ANA) if is_cue(str(call.params["text"]))
        )
    }
    count = len(runner_cues)
    delays = [
        call.at - runner_cues[count - len(spotter_cues) + offset]
        for offset, call in enumerate(spotter_cues)
    ]
    # Reported, not asserted (wall-clock): how long after Ana's cue Ben's arrived.
    print(f"spotter cue delay after the runner's: max {max(delays) * 1000:.1f} ms")


def _spotter_cues(coach: Coach) -> list[ApiCall]:
    """Ben's cues: his messages that end with the step's progress line."""
    return [call for call in sent_to(coach, BEN) if "\nStep " in str(call.params["text"])]


async def test_a_warning_sign_typed_mid_session_alerts_the_spotter_at_once(coach: Coach) -> None:
    ana, _ = await paired(coach)
    await pass_safety_check(ana)
    await wait_for_text(coach, ANA, "🔥 WARM-UP")

    await ana.send("chest feels tight")

    assert texts.ALERT_WARNING.format(runner="Ana") in texts_to(coach, BEN)
    assert not any("tight" in text for text in texts_to(coach, BEN))


async def test_a_warning_sign_in_the_runner_s_log_alerts_the_spotter(coach: Coach) -> None:
    ana, _ = await paired(coach)
    await pass_safety_check(ana)
    await ana.tap("Stop")

    await ana.send("felt dizzy at the end, 5/10")

    assert texts.ALERT_RED_FLAG.format(runner="Ana") in texts_to(coach, BEN)
    assert not any("dizzy" in text or "5/10" in text for text in texts_to(coach, BEN))


async def test_a_spotter_who_does_not_follow_gets_only_the_start_and_the_end(
    coach: Coach,
) -> None:
    ana, _ = await paired(coach)
    await pass_safety_check(ana)
    await wait_for_text(coach, ANA, "🏁 Done!", within=15)

    # Not following: no cue and no "session over", but the start with its steps.
    [start] = texts_to(coach, BEN)[1:]
    assert start.startswith("🏃 Ana is starting a session now")


async def test_a_following_spotter_hears_when_the_session_is_over(coach: Coach) -> None:
    ana, ben = await paired(coach)
    await pass_safety_check(ana)
    await wait_for_text(coach, BEN, "🏃 Ana is starting")
    await ben.tap("I'm beside Ana")

    await ana.tap("Stop")

    assert texts_to(coach, BEN)[-1] == texts.SESSION_OVER.format(runner="Ana")
    # The next session starts unfollowed: following is asked for again each time.
    assert await coach.services.spotters.reachable(ANA, following_only=True) == []


async def test_a_spotter_who_blocked_the_bot_is_not_written_to_until_he_is_back(
    coach: Coach,
) -> None:
    ana, ben = await paired(coach)
    # Ben blocked the bot: a 403 left him marked unreachable (as any runner who blocks it).
    await coach.services.runners.mark_unreachable(BEN)
    first_new = len(coach.emulator.calls)
    await pass_safety_check(ana)
    await ana.tap("I feel unwell")
    tried = [call for call in coach.emulator.calls[first_new:] if call.params.get("chat_id") == BEN]
    assert tried == []  # neither the start nor the alert is thrown at a blocked chat

    await ben.send("/spotter")  # he is back

    assert await coach.services.spotters.reachable(ANA, following_only=False) == [BEN]


async def test_either_side_ends_the_pairing_and_the_next_session_is_private(
    coach: Coach,
) -> None:
    ana, ben = await paired(coach)
    await ben.send("/spotter")

    replies = await ben.tap("End pairing with Ana")

    assert texts.UNPAIRED.format(name="Ana") in [call.params["text"] for call in replies]
    assert texts.UNPAIRED_PARTNER.format(name="Ben") in texts_to(coach, ANA)
    told_ben = len(texts_to(coach, BEN))
    await pass_safety_check(ana)
    await ana.tap("Stop")
    assert len(texts_to(coach, BEN)) == told_ben


async def test_the_pairing_is_in_both_exports_and_goes_with_either_delete(
    coach: Coach,
) -> None:
    _, ben = await paired(coach)
    for user_id in (ANA, BEN):
        export = await coach.services.runner_data().export(user_id)
        # Both rows of the pairing (one per side) are about each of them.
        assert len(export.other_records["spotter_pairs"]) == 2

    await ben.send("/delete")
    await ben.tap("Yes, delete")

    assert await coach.services.spotters.partners(ANA, "runner") == []
    assert "spotter_pairs" not in (await coach.services.runner_data().export(ANA)).other_records
