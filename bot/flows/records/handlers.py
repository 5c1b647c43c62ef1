"""/progress, /history, /export and /delete: the runner's record, and their data rights."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.domain.profile import Profile, Units
from bot.domain.progress import summarize_progress
from bot.flows.plan.coaching import level_line
from bot.flows.records.chart import chart_caption, render_off_loop
from bot.flows.records.export import everything_json, sessions_csv
from bot.flows.session_log.guided import answer_parts
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachContext
from bot.runtime.taps import redraw, tapped
from bot.storage.session_logs import LogEntry, LogSource
from bot.texts import plan as plan_texts
from bot.texts import progress as progress_texts
from bot.texts import records as texts
from bot.texts.session_timeline import format_duration, session_shape
from bot.texts.translation import date_text

HISTORY_PREFIX, DELETE_PREFIX = "hist", "delete"
PAGE_SIZE = 5


async def show_progress(update: Update, context: CoachContext) -> None:
    """/progress: a chart of the last weeks and what it means (words only without data)."""
    sender = await sender_with_profile(update, context, plan_texts.NO_PROFILE_YET)
    if sender is None:
        return
    services, profile, message = context.services, sender.profile, sender.message
    plan = await services.plans.get(sender.user_id)
    if plan is None:
        await message.reply_text(plan_texts.NO_PROFILE_YET)
        return
    logs = await services.logs.recent(sender.user_id)
    today = profile.local_time(services.now()).date()
    summary = summarize_progress(logs, today)
    text = progress_texts.progress_message(summary, level_line(profile, plan))
    if not summary.has_data:
        await message.reply_text(text)
        return
    caption = f"{text}\n\n{chart_caption(summary)}"
    await message.reply_photo(await render_off_loop(summary), caption=caption)


async def show_history(update: Update, context: CoachContext) -> None:
    """/history: the newest sessions, with buttons to page back."""
    user, message = update.effective_user, update.effective_message
    if user is not None and message is not None:
        text, buttons = await _history_page(context, user.id, 0)
        await message.reply_text(text, reply_markup=buttons)


async def turn_history_page(update: Update, context: CoachContext) -> None:
    """Newer or Older under /history: the same message shows another page."""
    tap = await tapped(update)
    offset = tap.number(1) if tap is not None and len(tap.data) == 2 else None
    if tap is None or offset is None:
        return
    text, buttons = await _history_page(context, tap.user_id, offset)
    await redraw(tap, text=text, markup=buttons)


async def _history_page(
    context: CoachContext, user_id: int, offset: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    logs = context.services.logs
    profile = await context.services.profiles.get(user_id)
    total = await logs.count(user_id)
    if not total:
        return texts.HISTORY_EMPTY, None
    offset = min(offset, (total - 1) // PAGE_SIZE * PAGE_SIZE)
    page = await logs.recent(user_id, limit=PAGE_SIZE, offset=offset)
    lines = [
        texts.HISTORY_HEADER.format(first=offset + 1, last=offset + len(page), total=total),
        *(_history_line(entry, profile) for entry in page),
    ]
    buttons = []
    if offset > 0:
        newer = max(0, offset - PAGE_SIZE)
        buttons.append(
            InlineKeyboardButton(texts.BUTTON_NEWER, callback_data=f"{HISTORY_PREFIX}|{newer}")
        )
    if offset + PAGE_SIZE < total:
        older = offset + PAGE_SIZE
        buttons.append(
            InlineKeyboardButton(texts.BUTTON_OLDER, callback_data=f"{HISTORY_PREFIX}|{older}")
        )
    return "\n\n".join(lines), InlineKeyboardMarkup([buttons]) if buttons else None


def _history_line(entry: LogEntry, profile: Profile | None) -> str:
    """One session: what, how long backwards, effort, pain, heart rate, distance, and every
    note with its time on the runner's clock."""
    units = Units.KM if profile is None else profile.units
    if entry.template is not None:
        what = session_shape(entry.template)
    else:
        what = texts.HISTORY_WATCH if entry.source is LogSource.WATCH else texts.HISTORY_MANUAL
    answers = answer_parts(
        entry.effort, entry.pain, entry.pain_site, entry.heart_rate, entry.distance_km, units
    )
    details = "".join(texts.HISTORY_DETAIL.format(detail=part) for part in answers)
    if not entry.completed:
        details += texts.HISTORY_STOPPED
    for note in entry.notes:
        at = note.at if profile is None else profile.local_time(note.at)
        details += texts.HISTORY_NOTE.format(at=at.strftime("%H:%M"), note=note.text)
    return texts.HISTORY_LINE.format(
        day=date_text(entry.day, "EEE dd MMM y"),
        what=what,
        reverse=format_duration(entry.reverse_seconds),
        details=details,
    )


async def export_data(update: Update, context: CoachContext) -> None:
    """/export: the sessions as CSV and everything as JSON, as two documents."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    export = await context.services.runner_data().export(user.id)
    if export.profile is None and not export.session_logs:
        await message.reply_text(texts.NOTHING_TO_EXPORT)
        return
    stamp = datetime.now().strftime("%Y-%m-%d")
    await message.reply_document(
        sessions_csv(export.session_logs),
        filename=f"backstride-sessions-{stamp}.csv",
        caption=texts.EXPORT_CAPTION_CSV,
    )
    await message.reply_document(
        everything_json(export),
        filename=f"backstride-{stamp}.json",
        caption=texts.EXPORT_CAPTION_JSON,
    )


async def ask_to_delete(update: Update, _: CoachContext) -> None:
    """/delete: ask before erasing anything."""
    message = update.effective_message
    if message is None:
        return
    buttons = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BUTTON_DELETE, callback_data=f"{DELETE_PREFIX}|yes")],
            [InlineKeyboardButton(texts.BUTTON_KEEP, callback_data=f"{DELETE_PREFIX}|no")],
        ]
    )
    await message.reply_text(texts.DELETE_QUESTION, reply_markup=buttons)


async def confirm_delete(update: Update, context: CoachContext) -> None:
    """The answer to /delete: erase every row about the runner and cancel their jobs."""
    tap = await tapped(update)
    if tap is None or len(tap.data) != 2:
        return
    await redraw(tap, markup=None)
    if tap.data[1] != "yes":
        await tap.message.reply_text(texts.KEPT)
        return
    services = context.services
    services.cancel_runner_timers(tap.user_id)  # first, so no job writes after the erase
    await services.runner_data().erase(tap.user_id)
    await tap.message.reply_text(texts.DELETED)


def build_records_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/progress, /history, /export, /delete and their buttons."""
    return [
        CommandHandler("progress", show_progress),
        CommandHandler("history", show_history),
        CommandHandler("export", export_data),
        CommandHandler("delete", ask_to_delete),
        CallbackQueryHandler(turn_history_page, pattern=rf"^{HISTORY_PREFIX}\|"),
        CallbackQueryHandler(confirm_delete, pattern=rf"^{DELETE_PREFIX}\|"),
    ]
