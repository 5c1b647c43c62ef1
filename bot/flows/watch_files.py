"""A GPX, TCX or FIT file sent from a watch: its duration, distance and heart rate go onto
that day's log (or a new one), and the runner is told what was read."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.domain.watch_files import (
    EXTENSIONS,
    MAX_BYTES,
    WatchFileProblem,
    read_workout,
)
from bot.flows.workout.returned import log_for_workout, sent_workout_in
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachContext
from bot.storage.session_logs import LogAnswers, LogSource, NewLog
from bot.texts import plan as plan_texts
from bot.texts import watch_files as texts
from bot.texts.translation import date_text


async def read_watch_file(update: Update, context: CoachContext) -> None:
    """Refuse what is too big (or of unknown size) before downloading; then, in a file
    worker's turn, download and read it; attach it to the day's log; say what was read."""
    sender = await sender_with_profile(update, context, plan_texts.NO_PROFILE_YET)
    if sender is None or sender.message.document is None:
        return
    document, message = sender.message.document, sender.message
    name = (document.file_name or "").lower()
    if not name.endswith(tuple(EXTENSIONS)):
        await message.reply_text(texts.refusal(WatchFileProblem.UNKNOWN_FORMAT))
        return
    if document.file_size is None:
        await message.reply_text(texts.SIZE_UNKNOWN)
        return
    if document.file_size > MAX_BYTES:
        await message.reply_text(texts.refusal(WatchFileProblem.TOO_LARGE))
        return
    workers = context.services.file_workers
    if workers.busy:
        await message.reply_text(texts.ONE_MOMENT)
    async with workers.turn():
        content = bytes(await (await document.get_file()).download_as_bytearray())
        workout = await workers.run(read_workout, name, content, sender.profile.timezone)
    if isinstance(workout, WatchFileProblem):
        await message.reply_text(texts.refusal(workout))
        return
    services = context.services
    # An activity of a workout we sent belongs to that workout's session, whatever its date.
    sent = await sent_workout_in(services, sender.user_id, name, content)
    session_day = workout.day if sent is None else sent.session_day
    new_log = (
        NewLog(sender.user_id, session_day, LogSource.WATCH, True, reverse_seconds=0)
        if sent is None
        else log_for_workout(sent, workout.duration_seconds)
    )
    answers = LogAnswers(
        duration_seconds=workout.duration_seconds,
        distance_km=workout.distance_km,
        heart_rate=workout.average_heart_rate,
    )
    # Attached to that day's log, or a new one, in one transaction.
    _, created = await services.logs.answer_day(new_log, answers, services.now())
    where = texts.NEW_LOG if created else texts.ATTACHED
    day = date_text(session_day, "EEE dd MMM")
    await message.reply_text(
        f"{texts.describe(workout, sender.profile.units)} {where.format(day=day)}"
    )


def build_watch_file_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """Documents sent to the coach."""
    return [MessageHandler(filters.Document.ALL, read_watch_file)]
