"""A runner whose Telegram speaks Russian, through the real application: set-up by taps on
Russian buttons (a PAR-Q yes included, so the safety verdict is read in Russian), and the
"I feel unwell" stop mid-session. (Typed set-up, the log, and 1, 2 and 5 minutes in cues and
/progress are in test_language.py, beside their Spanish twins.)

The expected sentences are written out as the runner reads them, so a missing or wrong
entry in the Russian catalogue fails here, not only a wiring fault."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts.translation import date_text, speaking
from tests.domain.watch_file_samples import gpx_text, straight_track
from tests.flows.test_language import english_in, speaking_runner
from tests.support.harness import ChatRunner, Coach, running_coach, texts
from tests.support.live_session import TRACK_JOGGER, register, sent_to, texts_to, wait_until

LUCIA = 721


async def _tap_through_set_up(runner: ChatRunner) -> list[str]:
    """/start, then every answer by tapping its Russian button (a dizziness yes in the PAR-Q);
    the texts of the first three messages."""
    first = texts(await runner.send("/start"))
    await runner.send("41")
    await runner.tap("Пока нет")  # the weekly distance is not asked then
    await runner.tap("Осанка")
    await runner.tap("Готово")
    await runner.tap("Сейчас ничего")
    await runner.tap("Готово")
    await runner.tap("Стадион")
    await runner.tap("Готово")
    await runner.tap("2 в неделю")
    await runner.tap("Вт")
    await runner.tap("Пт")
    await runner.tap("Готово")
    await runner.tap("Вечер 18:00")
    await runner.tap("Лондон")
    await runner.tap("Километры")
    for answer in ("Нет", "Нет", "Нет", "Да", "Нет", "Нет", "Нет"):
        await runner.tap(answer)
    await runner.tap("Понятно")
    return first


async def test_a_russian_runner_sets_up_by_taps_and_reads_the_safety_verdict_in_russian(
    coach: Coach,
) -> None:
    runner = speaking_runner(coach, LUCIA, "ru")

    welcome, intro, age = await _tap_through_set_up(runner)

    assert welcome.startswith("Привет, Lucía! Я Backstride, твой тренер по бегу спиной вперёд.")
    assert intro.startswith("Давай настроимся. Около дюжины быстрых вопросов")
    assert age == "Сколько тебе лет?"
    profile = await coach.services.profiles.get(LUCIA)
    assert profile is not None and profile.weekdays == (1, 4) and profile.walk_only
    assert await coach.services.runners.language(LUCIA) == "ru"
    final = runner.inbox()[-1]["text"].splitlines()
    assert final[0] == "Всё готово! 🎉"
    assert "• Когда: Вт и Пт в 18:00 (время: Лондон)" in final
    assert "• Начало: только ходьба спиной вперёд, пока не разрешит врач" in final
    assert any(
        line.startswith(
            "Спасибо, что рассказываешь. Когда двигаешься спиной вперёд, головокружение "
            "особенно опасно, поэтому перед началом бега посоветуйся с врачом."
        )
        for line in final
    )
    assert english_in(sent_to(coach, LUCIA)) == []


async def test_i_feel_unwell_stops_a_russian_session_with_the_advice_in_russian(
    tmp_path: Path,
) -> None:
    async with running_coach(tmp_path, time_scale=20.0) as coach:
        runner = await register(coach)
        chat = TRACK_JOGGER.user_id
        await coach.services.runners.set_language(chat, "ru")
        await runner.send("/go")
        for label in ("Стадион", "Да, все три", "Нет, ноги свежие", "0", "Поехали"):
            await runner.tap(label)
        await wait_until(lambda: texts_to(coach, chat)[-1].startswith("🔥 РАЗМИНКА"))

        advice = texts(await runner.tap("🆘 Мне плохо"))[0]

    assert advice.startswith(
        "🛑 Остановись сейчас же. Сядь или стой неподвижно, держась за стену или перила, "
        "и дыши медленно.\n\nСразу вызывай скорую помощь, если есть боль или давление в груди"
    )
    assert advice.endswith("Это общие рекомендации, а не медицинская консультация.")


async def test_a_russian_log_echo_names_the_sore_spot_and_writes_decimals_in_russian(
    coach: Coach,
) -> None:
    runner = await register(coach)
    await coach.services.runners.set_language(TRACK_JOGGER.user_id, "ru")

    echo = texts(await runner.send("/log вчера 12 мин усилие 6 колено 2 1,5 км"))[0]

    assert echo.startswith("Записано: ")
    assert echo.splitlines()[0].endswith(
        " · 12 минут спиной вперёд · нагрузка 6 · колено: боль 2 · 1,5 км"
    )


async def test_progress_writes_a_russian_average_with_a_decimal_comma(coach: Coach) -> None:
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await coach.services.runners.set_language(chat, "ru")
    now = datetime.now(UTC)
    today = TRACK_JOGGER.local_time(now).date()
    for days_back, pain in ((0, 1), (1, 2)):
        log = NewLog(chat, today - timedelta(days=days_back), LogSource.MANUAL, True, 300)
        log_id = await coach.services.logs.create(log, now)
        await coach.services.logs.answer(chat, log_id, LogAnswers(effort=6, pain=pain), now)

    [caption] = [t for t in texts(await runner.send("/progress")) if t.startswith("📈")]

    assert "Последние две недели: нагрузка 6/10, боль 1,5/10." in caption.splitlines()


async def test_reminders_name_the_runner_s_time_zone_in_russian(coach: Coach) -> None:
    runner = await register(coach)
    await coach.services.runners.set_language(TRACK_JOGGER.user_id, "ru")

    summary = texts(await runner.send("/reminders"))[0]

    assert "Тренировки: вт, чт, сб в 18:00 (Лондон)." in summary.splitlines()


async def test_a_walking_speed_is_said_back_in_russian_units(coach: Coach) -> None:
    runner = await register(coach)
    await coach.services.runners.set_language(TRACK_JOGGER.user_id, "ru")

    [reply] = texts(await runner.send("/workout speed 5.4"))

    assert reply.startswith("Понял: ходьба 5,4 км/ч.")


async def test_a_watch_file_is_read_back_in_russian(coach: Coach) -> None:
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await coach.services.runners.set_language(chat, "ru")
    start = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    log_id = await coach.services.logs.create(
        NewLog(chat, start.date(), LogSource.LIVE, True, 125), datetime.now(UTC)
    )
    await coach.services.logs.answer(chat, log_id, LogAnswers(effort=5), datetime.now(UTC))
    track = gpx_text(straight_track(start, 24 * 60, 3100, [140, 142, 144]))

    [reply] = texts(await runner.send_payload(runner.user.document("run.gpx", track.encode())))

    assert reply.startswith("Прочитал с твоих часов: 24 минуты, 3,1 км, средний пульс 142. ")
    with speaking("ru"):
        day = date_text(start.date(), "EEE dd MMM")
    assert reply.endswith(f"Добавил к твоей тренировке ({day}).")
