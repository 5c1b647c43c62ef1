"""Stopping a live session for a warning sign, typed or the 🆘 button, and what follows:
the class's advice, the stored stop, and the one question that comes next (are you hurt,
or which was it)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.domain.log_reading.triage import RESPONSES, Triage
from bot.flows.live_session.ending import AnyApplication, Ending, end_session
from bot.flows.live_session.sos import apply_class, hurt_buttons, record_stop, which_buttons
from bot.flows.session_log.checkin import plan_checkin
from bot.runtime.delivery import Priority
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import services_of
from bot.storage.live_sessions import StoredSession
from bot.storage.session_logs import LogAnswers
from bot.texts import safety as texts


async def stop_for_warning(
    application: AnyApplication, stored: StoredSession, kind: Triage, pain: int | None = None
) -> int | None:
    """End the session with the class's stop-now advice and do what the class asks; the
    log's id, or None if the session had already ended."""
    response = RESPONSES[kind]
    answers = LogAnswers(pain=pain, red_flag=response.step_back)
    log_id = await end_session(
        application, stored, services_of(application).now().timestamp(), Ending.WARNING,
        answers=answers,
        advice=texts.STOP_ADVICE[kind.value],
    )  # fmt: skip
    if log_id is None:
        return None
    await after_stop(application, (stored.user_id, stored.chat_id), kind, log_id, record=True)
    return log_id


async def after_stop(
    application: AnyApplication,
    runner: tuple[int, int],
    kind: Triage,
    log_id: int,
    *,
    record: bool,
) -> None:
    """For the log of a stopped session (`runner`: user and chat id): the stored stop
    (unless stored already), the class's consequences, and "are you hurt?" after a fall."""
    services = services_of(application)
    user_id, chat_id = runner
    entry = await services.logs.get(user_id, log_id)
    profile = await services.profiles.get(user_id)
    if entry is None or profile is None:
        return
    if record:
        await record_stop(application, profile, chat_id, kind.value)
    await apply_class(application, profile, chat_id, kind, entry.place)
    response = RESPONSES[kind]
    if response.morning_check:
        await plan_checkin(application, profile, entry)
    if response.ask_if_hurt:
        await _ask(application, chat_id, texts.HURT_QUESTION, hurt_buttons(log_id))


async def after_sos_button(application: AnyApplication, stored: StoredSession, log_id: int) -> None:
    """After the 🆘 stop and its advice: the stop is stored at once (no clearance within a
    day of it), then one question decides what it means for the plan."""
    services = services_of(application)
    profile = await services.profiles.get(stored.user_id)
    if profile is None:
        return
    await record_stop(application, profile, stored.chat_id, "sos")
    await _ask(application, stored.chat_id, texts.SOS_WHICH_QUESTION, which_buttons(log_id))


async def _ask(
    application: AnyApplication, chat_id: int, text: str, markup: InlineKeyboardMarkup
) -> None:
    await send_or_mark_unreachable(
        application, chat_id, text, priority=Priority.CUE, what="a safety question", markup=markup
    )
