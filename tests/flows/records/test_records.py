"""/progress, /history, /export and /delete end to end."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.programme import Cause, PlanState, Reason
from bot.emulator.botapi import ApiCall
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import common
from bot.texts import progress as progress_texts
from bot.texts import records as texts
from tests.storage.test_runner_data import dump, names
from tests.support.harness import Coach, running_coach
from tests.support.live_session import (
    TRACK_JOGGER,
    is_cue,
    pass_safety_check,
    register,
    sent_to,
    wait_for_text,
)

CHAT = TRACK_JOGGER.user_id
OTHER = 777
TODAY = datetime.now(UTC).date()


async def _with_logs(coach: Coach, user_id: int, count: int) -> None:
    await register(coach, replace(TRACK_JOGGER, user_id=user_id))
    now = datetime.now(UTC)
    await coach.services.plans.start(
        user_id, PlanState.starting(1, TODAY), Reason(Cause.START_OCCASIONAL), now
    )
    for index in range(count):
        day = TODAY - timedelta(days=3 * index)
        log_id = await coach.services.logs.create(
            NewLog(user_id, day, LogSource.MANUAL, True, 120 + 10 * index), now
        )
        notes = f"session {index}, windy" if index % 2 else None
        answers = LogAnswers(effort=4 + index % 3, pain=index % 2, notes=notes)
        await coach.services.logs.answer(user_id, log_id, answers, now)


def _documents(calls: list[ApiCall], coach: Coach) -> dict[str, bytes]:
    return {
        str(call.params["filename"]): coach.emulator.files.contents[
            call.result["document"]["file_id"]
        ]
        for call in calls
        if call.method == "sendDocument"
    }


async def test_progress_without_data_says_so_kindly(coach: Coach) -> None:
    await _with_logs(coach, CHAT, 0)
    [call] = await coach.runner(CHAT).send("/progress")
    assert call.method == "sendMessage"
    assert progress_texts.NO_DATA.form(12)[:30] in str(call.params["text"])


async def test_progress_sends_a_chart_and_a_summary(coach: Coach) -> None:
    await _with_logs(coach, CHAT, 12)
    [call] = await coach.runner(CHAT).send("/progress")
    assert call.method == "sendPhoto"
    png = coach.emulator.files.contents[call.result["photo"][0]["file_id"]]
    assert png.startswith(b"\x89PNG")
    assert 10_000 < len(png) < 1_000_000
    assert str(call.params["caption"]).startswith("📈 Your progress · Level 1, step 1")


async def test_the_chart_caption_says_the_numbers_the_chart_shows(coach: Coach) -> None:
    await register(coach)
    now = datetime.now(UTC)
    start = Reason(Cause.START_OCCASIONAL)
    await coach.services.plans.start(CHAT, PlanState.starting(1, TODAY), start, now)
    log_id = await coach.services.logs.create(NewLog(CHAT, TODAY, LogSource.MANUAL, True, 720), now)
    await coach.services.logs.answer(CHAT, log_id, LogAnswers(effort=6, pain=2), now)
    monday = TODAY - timedelta(days=TODAY.weekday())

    [call] = await coach.runner(CHAT).send("/progress")

    assert str(call.params["caption"]).endswith(
        "\n\nIn the chart (week of: backwards, effort ●, pain ■): "
        f"{monday.day} {monday.strftime('%b')}: 12 min, 6, 2."
    )


async def test_history_pages_through_the_sessions(coach: Coach) -> None:
    await _with_logs(coach, CHAT, 12)
    runner = coach.runner(CHAT)
    [first] = await runner.send("/history")
    text = str(first.params["text"])
    assert text.startswith("Your sessions, newest first (1–5 of 12):")
    assert f"{TODAY:%a %d %b %Y} · logged by hand · 2 min backwards · effort 4 · pain 0" in text
    assert runner.buttons(first.params) == ["Older ▶"]
    [page] = await runner.tap("Older")
    assert str(page.params["text"]).startswith("Your sessions, newest first (6–10 of 12):")
    assert "“session 5, windy”" in str(page.params["text"])
    await runner.tap("Older")
    last = runner.inbox()[-1]
    assert str(last["text"]).startswith("Your sessions, newest first (11–12 of 12):")
    assert runner.buttons(last) == ["◀ Newer"]


async def test_history_shows_where_it_hurt_heart_rate_and_distance(coach: Coach) -> None:
    runner = await register(coach)
    await runner.send("/log 12 min effort 6 knee 2 hr 148 1.5 km")

    [call] = await runner.send("/history")

    assert (
        f"{TODAY:%a %d %b %Y} · logged by hand · 12 min backwards · effort 6 · knee pain 2"
        " · 148 bpm · 1.5 km"
    ) in str(call.params["text"])


async def test_history_without_sessions(coach: Coach) -> None:
    [call] = await coach.runner(CHAT).send("/history")
    assert call.params["text"] == texts.HISTORY_EMPTY


async def test_export_sends_the_runner_s_sessions_and_everything(coach: Coach) -> None:
    await _with_logs(coach, CHAT, 3)
    await _with_logs(coach, OTHER, 2)
    calls = await coach.runner(CHAT).send("/export")
    files = _documents(calls, coach)
    [csv_name] = [name for name in files if name.endswith(".csv")]
    [json_name] = [name for name in files if name.endswith(".json")]
    rows = list(csv.DictReader(io.StringIO(files[csv_name].decode("utf-8-sig"))))
    assert [row["date"] for row in rows] == [
        (TODAY - timedelta(days=6)).isoformat(),
        (TODAY - timedelta(days=3)).isoformat(),
        TODAY.isoformat(),
    ]
    assert rows[1]["notes"] == "session 1, windy"
    assert (rows[1]["effort"], rows[1]["pain"], rows[1]["reverse_minutes"]) == ("5", "1", "2.17")
    everything = json.loads(files[json_name])
    assert everything["profile"]["user_id"] == CHAT
    assert len(everything["session_logs"]) == 3
    assert str(OTHER) not in json.dumps(everything["session_logs"])


async def _runners_rows(coach: Coach) -> dict[str, object]:
    """Every table but the record of which updates were applied (a tap is one)."""
    tables = await dump(coach.services.db)
    return {name: rows for name, rows in tables.items() if name != "applied_updates"}


async def test_delete_asks_then_erases_only_this_runner(coach: Coach) -> None:
    await _with_logs(coach, CHAT, 3)
    await _with_logs(coach, OTHER, 2)
    runner = coach.runner(CHAT)
    [question] = await runner.send("/delete")
    assert question.params["text"] == texts.DELETE_QUESTION
    before = await _runners_rows(coach)
    [kept] = [c for c in await runner.tap("Keep my data") if c.method == "sendMessage"]
    assert kept.params["text"] == texts.KEPT
    assert await _runners_rows(coach) == before

    await runner.send("/go")  # a safety check left open, as well as the profile
    assert await coach.services.safety_checks.get(CHAT) == {}
    await runner.send("/delete")
    [done] = [c for c in await runner.tap("Yes, delete") if c.method == "sendMessage"]
    assert done.params["text"] == texts.DELETED
    rows = await dump(coach.services.db)
    assert not [row for table in rows.values() for row in table if names(row, CHAT)]
    # Nor does the bot remember them in memory.
    assert await coach.services.profiles.get(CHAT) is None
    assert await coach.services.plans.get(CHAT) is None
    assert await coach.services.safety_checks.get(CHAT) is None
    assert len(await coach.services.logs.recent(OTHER)) == 2
    assert await coach.services.profiles.get(OTHER) is not None
    [welcome, *_] = await runner.send("/start")
    assert str(welcome.params["text"]).startswith(common.WELCOME.split("{")[0])


async def test_cues_stay_on_time_while_charts_render(tmp_path: Path) -> None:
    async with running_coach(tmp_path, time_scale=100.0) as coach:
        await _with_logs(coach, OTHER, 12)
        runner = await register(coach)
        await pass_safety_check(runner)
        await wait_for_text(coach, CHAT, "🔥")
        for _ in range(3):
            await coach.runner(OTHER).send("/progress")
        await wait_for_text(coach, CHAT, "⏪", within=10)
        cues = [call for call in sent_to(coach, CHAT) if is_cue(str(call.params["text"]))]
        # The warm-up is 3 s at this scale; the first bout must follow it on time.
        assert abs(cues[1].at - cues[0].at - 3.0) < 0.25
        await runner.send("/stop")
