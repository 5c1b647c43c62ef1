"""The runner's language through the whole bot: a Spanish runner's set-up, session and log,
/language switching mid-way (the next cue and reminder follow), plurals, and what the bot
registers with Telegram per language."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.domain.onboarding import StepId
from bot.emulator.botapi import ApiCall
from bot.emulator.user import EmulatedUser
from bot.flows.reminders.jobs import send_reminder
from bot.storage.session_logs import LogSource, NewLog
from bot.texts import language as language_texts
from bot.texts.translation import LOCALES_DIR
from tests.flows.onboarding.test_onboarding_languages import RUSSIAN, SPANISH
from tests.support.harness import ChatRunner, Coach, running_coach, texts
from tests.support.live_session import (
    TRACK_JOGGER,
    is_cue,
    pass_safety_check,
    register,
    sent_to,
    texts_to,
    wait_for_text,
    wait_until,
)

SCALE = 200.0  # a 16 min session in about 5 s
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture
async def fast_coach(tmp_path: Path, database_url: str | None) -> AsyncIterator[Coach]:
    async with running_coach(tmp_path, database_url=database_url, time_scale=SCALE) as coach:
        yield coach


def speaking_runner(coach: Coach, user_id: int, language_code: str) -> ChatRunner:
    """A runner whose Telegram app is set to `language_code`."""
    return ChatRunner(coach, EmulatedUser(coach.emulator, user_id, "Lucía", language_code))


def english_fragments() -> set[str]:
    """Stretches of English (four words or more, between placeholders) of every message: a
    message in another language contains none of them."""
    with (LOCALES_DIR / "messages.pot").open("rb") as template:
        ids = [message.id for message in read_po(template) if message.id]
    fragments = set()
    for message_id in ids:
        for english in message_id if isinstance(message_id, tuple) else (message_id,):
            for piece in _PLACEHOLDER.split(english):
                for line in piece.split("\n"):
                    if len(re.findall(r"[A-Za-z]+", line)) >= 4 and "/" not in line:
                        fragments.add(line.strip())
    return fragments


def english_in(calls: list[ApiCall]) -> list[str]:
    """The English sentences found in what the bot sent (texts, captions and buttons)."""
    shown = []
    for call in calls:
        shown.append(str(call.params.get("text") or call.params.get("caption") or ""))
        markup = call.params.get("reply_markup")
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        shown += [str(button["text"]) for row in rows for button in row]
    fragments = english_fragments()
    return [fragment for fragment in fragments for text in shown if fragment in text]


async def _onboard_in_spanish(runner: ChatRunner) -> list[str]:
    """Set-up by buttons, in Spanish; the texts of the first three messages."""
    first = texts(await runner.send("/start"))
    await runner.send("34")
    await runner.tap("De vez en cuando")
    await runner.tap("~15 km")
    await runner.tap("Postura")
    await runner.tap("Listo")
    await runner.tap("Tobillos / pies")
    await runner.tap("Listo")
    await runner.tap("No")  # no physiotherapist
    await runner.tap("Pista de atletismo")
    await runner.tap("Listo")
    await runner.tap("3 por semana")
    for day in ("Lun", "Mié", "Vie"):
        await runner.tap(day)
    await runner.tap("Listo")
    await runner.tap("Tarde 18:00")
    await runner.tap("Londres")
    await runner.tap("Kilómetros")
    for _ in range(7):
        await runner.tap("No")
    await runner.tap("Entendido")
    return first


async def test_a_spanish_runner_sets_up_runs_a_session_and_logs_it_all_in_spanish(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    runner = speaking_runner(coach, 701, "es")

    first = await _onboard_in_spanish(runner)
    assert first[0].startswith("¡Hola, Lucía! Soy Backstride, tu coach para correr hacia atrás.")
    assert first[1].startswith("Vamos a configurarlo todo.")
    assert first[2] == "¿Cuántos años tienes?"
    assert "¡Todo listo! 🎉" in runner.inbox()[-1]["text"]
    assert await coach.services.runners.language(701) == "es"
    profile = await coach.services.profiles.get(701)
    assert profile is not None and profile.weekdays == (0, 2, 4)

    await runner.send("/go")
    await runner.tap("Pista de atletismo")
    await runner.tap("Sí, las tres cosas")
    await runner.tap("piernas frescas")
    await runner.tap("0")
    await runner.tap("Listo")
    await wait_for_text(coach, 701, "¿Cómo de duro se te hizo", within=15)
    cues = [text for text in texts_to(coach, 701) if text.startswith(("🔥", "⏪", "▶️", "🧊"))]
    assert cues[0].startswith("🔥 CALENTAMIENTO · caminar hacia delante · ")
    assert "Calentamiento: camina hacia delante" in cues[0]
    assert re.search(r"Paso 1 de \d+ · quedan \d+ min", cues[0])
    assert any(text.startswith("🏁 ¡Hecho!") for text in texts_to(coach, 701))

    await runner.tap("5")
    [takeaway] = [t for t in texts(await runner.tap("0")) if t.startswith("Registrado:")]
    assert re.match(r"Registrado: \w+ \d+ \w+ · .* hacia atrás · esfuerzo 5 · dolor 0", takeaway)

    assert english_in(sent_to(coach, 701)) == []


async def test_the_language_comes_from_the_app_and_falls_back_to_english(coach: Coach) -> None:
    spanish = speaking_runner(coach, 702, "es-419")
    german = speaking_runner(coach, 703, "de")

    assert texts(await spanish.send("/help"))[0].startswith("Esto es lo que puedo hacer:")
    assert texts(await german.send("/help"))[0].startswith("Here's what I can do:")
    await german.send("/start")
    assert await coach.services.runners.language(703) == "en"


async def test_language_switches_mid_session_and_the_next_cue_and_reminder_follow(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await pass_safety_check(runner)
    await wait_until(lambda: any(is_cue(text) for text in texts_to(coach, chat)))
    assert texts_to(coach, chat)[-1].startswith("🔥 WARM-UP")

    assert texts(await runner.send("/language")) == [language_texts.MENU]
    changed = texts(await runner.tap("Español"))
    assert changed == ["Entendido: a partir de ahora te escribo en español. ✅"]

    await wait_until(lambda: texts_to(coach, chat)[-1].startswith("⏪"), within=15)
    next_cue = texts_to(coach, chat)[-1]
    assert next_cue.startswith("⏪🏃 HACIA ATRÁS · trotar · 25 s")
    assert "Date la vuelta y trota hacia atrás" in next_cue  # the step's own words, reworded
    await wait_for_text(coach, chat, "🏁 ¡Hecho!", within=15)

    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    before = len(coach.emulator.calls)
    assert await send_reminder(coach.app, chat, tomorrow)
    sent = texts([c for c in coach.emulator.calls[before:] if c.method == "sendMessage"])
    [reminder] = [text for text in sent if text.startswith("⏰")]
    assert reminder.startswith("⏰ Sesión hacia atrás ")


# The end of /progress's minutes line, over its 12 weeks.
_OVER_12_WEEKS = {"es": "en 12 semanas.", "ru": "за 12 недель."}


@pytest.mark.parametrize(
    ("language", "weeks", "streak"),
    [
        ("es", 1, "Racha: 1 semana con sesión."),
        ("es", 2, "Racha: 2 semanas seguidas con sesión. 🔥"),
        ("ru", 1, "Серия: 1 неделя подряд с тренировками. 🔥"),
        ("ru", 3, "Серия: 3 недели подряд с тренировками. 🔥"),
        ("ru", 5, "Серия: 5 недель подряд с тренировками. 🔥"),
    ],
)
async def test_progress_says_its_numbers_with_the_right_plural(
    coach: Coach, language: str, weeks: int, streak: str
) -> None:
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await coach.services.runners.set_language(chat, language)
    now = datetime.now(UTC)
    for weeks_back in range(weeks):
        day = now.date() - timedelta(weeks=weeks_back)
        await coach.services.logs.create(NewLog(chat, day, LogSource.MANUAL, True, 600), now)

    [caption] = [t for t in texts(await runner.send("/progress")) if t.startswith("📈")]
    assert streak in caption.splitlines()
    assert _OVER_12_WEEKS[language] in caption


async def test_commands_and_descriptions_are_registered_in_every_language(coach: Coach) -> None:
    menus = coach.emulator.command_menus
    english = menus[("default", "")]
    spanish = menus[("default", "es")]
    assert [c["command"] for c in spanish] == [c["command"] for c in english]
    assert {c["command"]: c["description"] for c in spanish}["go"] == (
        "Empieza tu próxima sesión (antes, un repaso rápido de seguridad)"
    )
    assert coach.emulator.descriptions[""].startswith("Backstride is a coach")
    assert coach.emulator.descriptions["es"].startswith("Backstride es un coach")
    assert coach.emulator.short_descriptions["es"].startswith("Tu coach para correr")
    assert all(len(text) <= 512 for text in coach.emulator.descriptions.values())
    assert all(len(text) <= 120 for text in coach.emulator.short_descriptions.values())


async def test_the_language_is_kept_across_a_restart_and_shown_in_the_profile(
    coach: Coach,
) -> None:
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await runner.send("/profile")
    await runner.tap("🌐 Language")
    await runner.tap("Español")
    await coach.restart()

    assert texts(await runner.send("/help"))[0].startswith("Esto es lo que puedo hacer:")
    [profile] = texts(await runner.send("/profile"))
    assert "• Idioma: Español" in profile.splitlines()
    assert "🌐 Idioma" in runner.buttons(runner.last_keyboard_message())
    chat_menu = coach.emulator.command_menus[(f"chat:{chat}", "")]
    assert {c["command"]: c["description"] for c in chat_menu}["language"] == (
        "Elige el idioma en que te escribo"
    )


async def test_every_command_answers_in_the_runner_s_language(coach: Coach) -> None:
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await coach.services.runners.set_language(chat, "es")
    now = datetime.now(UTC)
    yesterday = now.date() - timedelta(days=1)
    await coach.services.logs.create(NewLog(chat, yesterday, LogSource.MANUAL, True, 300), now)

    for command in (
        "/help",
        "/plan",
        "/reminders",
        "/reminders lead 45",
        "/history",
        "/progress",
        "/calendar",
        "/workout",
        "/workout help",
        "/spotter",
        "/export",
        "/profile",
        "/log",
        "/cancel",
        "/nonsense",
        "hola",
    ):
        await runner.send(command)
    await runner.send("/delete")
    await runner.tap("Conservar mis datos")

    shown = [call for call in coach.emulator.calls if call.params.get("chat_id") == chat]
    assert len(shown) > 20
    assert english_in(shown) == []


async def test_a_spotter_reads_the_runner_s_session_in_the_spotter_s_language(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    ana = await register(coach)
    spotter = speaking_runner(coach, 705, "es")
    [link] = texts(await ana.send("/spotter"))
    payload = re.search(r"start=(spot-[\w-]+)", link)
    assert payload is not None and "A spotter walks beside you" in link
    [welcome] = texts(await spotter.send(f"/start {payload.group(1)}"))
    assert welcome.startswith("🤝 Ahora acompañas a Runner.")

    await pass_safety_check(ana)  # Ana's session, in English for her
    await wait_for_text(coach, 705, "🏃 Runner empieza ahora una sesión")
    await spotter.tap("Estoy junto a Runner")
    await ana.tap("I feel unwell")

    alert = await wait_for_text(coach, 705, "🆘")
    assert alert.startswith('🆘 Runner acaba de tocar "Me encuentro mal"')
    assert any(text.startswith("🛑 Stop now.") for text in texts_to(coach, TRACK_JOGGER.user_id))


# The safety check's taps, the question after the session, a typed reply to it, and how
# the log's echo starts.
_SESSION_IN = {
    "es": (
        ("Pista de atletismo", "Sí, las tres cosas", "piernas frescas", "0", "Listo"),
        "¿Cómo de duro se te hizo",
        "esfuerzo 6, rodilla 2",
        "Registrado: ",
    ),
    "ru": (
        ("Стадион", "Да, все три", "Нет, ноги свежие", "0", "Поехали"),
        "Насколько тяжело было",
        "усилие 6, колено 2",
        "Записано: ",
    ),
}


@pytest.mark.parametrize(("language", "answers"), [("es", SPANISH), ("ru", RUSSIAN)])
async def test_a_runner_types_set_up_and_log_in_their_language_end_to_end(
    fast_coach: Coach, language: str, answers: list[tuple[StepId, str]]
) -> None:
    coach = fast_coach
    runner = speaking_runner(coach, 706, language)
    taps, question, log_reply, echo = _SESSION_IN[language]

    await runner.send("/start")
    for _, answer in answers:
        await runner.send(answer)
    assert await coach.services.profiles.get(706) is not None
    await runner.send("/go")
    for label in taps:
        await runner.tap(label)
    await wait_for_text(coach, 706, question, within=15)
    replies = texts(await runner.send(log_reply))

    assert any(reply.startswith(echo) for reply in replies), replies
    [entry] = await coach.services.logs.recent(706)
    assert (entry.effort, entry.pain, entry.pain_site, entry.completed) == (6, 2, "knee", True)
    assert english_in([c for c in coach.emulator.calls if c.params.get("chat_id") == 706]) == []


async def test_russian_says_1_2_and_5_minutes_rightly_in_cues_and_progress(
    fast_coach: Coach,
) -> None:
    coach = fast_coach
    runner = await register(coach)
    chat = TRACK_JOGGER.user_id
    await coach.services.runners.set_language(chat, "ru")
    await runner.send("/go")
    for label in _SESSION_IN["ru"][0]:
        await runner.tap(label)
    done = await wait_for_text(coach, chat, "🏁", within=15)
    headings = [text.splitlines()[0] for text in texts_to(coach, chat)]
    assert "🔥 РАЗМИНКА · ходьба лицом вперёд · 5 минут" in headings
    assert "▶️🚶 лицом вперёд · ходьба · 1 минута" in headings
    assert "2 минуты 5 секунд" in done

    now = datetime.now(UTC)
    today = TRACK_JOGGER.local_time(now).date()
    for weeks_back, seconds in ((1, 60), (3, 120)):
        day = today - timedelta(weeks=weeks_back)
        await coach.services.logs.create(NewLog(chat, day, LogSource.MANUAL, True, seconds), now)
    [caption] = [t for t in texts(await runner.send("/progress")) if t.startswith("📈")]
    assert "2 минуты на этой неделе, 1 минута на прошлой, 5 минут за 12 недель." in caption


async def test_a_forged_language_button_is_refused_kindly_and_changes_nothing(
    coach: Coach,
) -> None:
    runner = speaking_runner(coach, 707, "es")
    [menu] = texts(await runner.send("/language"))
    message = runner.last_keyboard_message()
    before = len(coach.emulator.calls)

    await runner.press_data(message, "lang|xx")

    [answer] = [c for c in coach.emulator.calls[before:] if c.method == "answerCallbackQuery"]
    assert (
        answer.params["text"] == "Ese botón ya caducó. /help te muestra lo que puedo hacer ahora."
    )
    assert await coach.services.runners.language(707) is None
    assert menu == "¿En qué idioma quieres que te escriba? Toca uno."
