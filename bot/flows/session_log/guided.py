"""The guided /log: which day, how long, effort, pain, an optional note, one question at a
time with buttons (typed answers welcome), cancellable, and stored after every answer so a
restart carries on. The same questions fix one part of a stored log ("✏️ Fix" under the
echo of what was recorded).

Handlers in `handlers` call these and finish a stored log with its take-away.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.domain.log_reading.guided import (
    GuidedProblem,
    Score,
    read_day,
    read_minutes,
    read_note,
    read_score,
)
from bot.domain.log_reading.manual import ManualLogProblem
from bot.domain.profile import Profile, Units
from bot.runtime.services import CoachContext
from bot.storage.log_drafts import LogDraft
from bot.storage.session_logs import LogAnswers, LogEntry, LogSource, NewLog
from bot.texts import plan as plan_texts
from bot.texts import session_log as texts
from bot.texts.session_timeline import format_duration

GUIDED_PREFIX, FIX_PREFIX = "glog", "logfix"
DAY, MINUTES, EFFORT, PAIN, NOTE = "day", "minutes", "effort", "pain", "note"
STEPS = (DAY, MINUTES, EFFORT, PAIN, NOTE)
FIX = "fix"  # the step of a fix before the runner picked what to fix
CANCEL, NO_NOTE = "cancel", "-"
_MINUTE_CHOICES = (5, 10, 15, 20, 30, 45)
_DAYS_OFFERED = 5

Answer = dict[str, Any]


async def start(context: CoachContext, message: Message, user_id: int) -> None:
    """/log with no arguments: the first question (or, mid-way, the current one again)."""
    services = context.services
    draft = await services.log_drafts.get(user_id)
    if draft is not None:
        await message.reply_text(texts.GUIDED_CARRY_ON)
    else:
        draft = LogDraft(DAY)
        await services.log_drafts.save(user_id, draft, services.now())
    await _ask(message, draft, await _today(context, user_id))


async def cancel(context: CoachContext, message: Message, user_id: int) -> bool:
    """/cancel or the Cancel button: drop the draft; False if none was under way."""
    services = context.services
    if await services.log_drafts.get(user_id) is None:
        return False
    await services.log_drafts.discard(user_id)
    await message.reply_text(texts.GUIDED_CANCELLED)
    return True


async def take_text(
    context: CoachContext, message: Message, profile: Profile, text: str
) -> tuple[bool, LogEntry | None]:
    """A typed answer: (whether a guided log was under way, the stored log once done)."""
    draft = await context.services.log_drafts.get(profile.user_id)
    if draft is None:
        return False, None
    today = profile.local_time(context.services.now()).date()
    if draft.step == FIX:
        await _ask(message, draft, today)
        return True, None
    answer = _read(draft.step, text, profile.units, today)
    return True, await _take(context, message, profile, draft, answer)


async def take_tap(
    context: CoachContext, message: Message, profile: Profile, data: tuple[str, ...]
) -> LogEntry | None:
    """A tap on a guided button ("glog|<step>|<value>"); the stored log once done."""
    services, user_id = context.services, profile.user_id
    draft = await services.log_drafts.get(user_id)
    step, value = (data[1], data[2]) if len(data) == 3 else ("", "")
    if value == CANCEL and draft is not None:
        await cancel(context, message, user_id)
        return None
    if draft is None or step != draft.step:
        await message.reply_text(texts.GUIDED_OLD_BUTTON)
        if draft is not None:
            await _ask(message, draft, await _today(context, user_id))
        return None
    if step == FIX:
        draft = LogDraft(value, draft.answers, draft.log_id)
        await services.log_drafts.save(user_id, draft, services.now())
        await _ask(message, draft, await _today(context, user_id))
        return None
    return await _take(context, message, profile, draft, _from_button(step, value))


async def start_fix(context: CoachContext, message: Message, user_id: int, log_id: int) -> None:
    """The Fix button under a log's echo: which part to fix."""
    services = context.services
    if await services.logs.get(user_id, log_id) is None:
        await message.reply_text(texts.NOTHING_TO_LOG)
        return
    draft = LogDraft(FIX, {}, log_id)
    await services.log_drafts.save(user_id, draft, services.now())
    await _ask(message, draft, await _today(context, user_id))


def echo_text(entry: LogEntry, units: Units) -> str:
    """What was recorded, part by part."""
    parts = [
        _day_name(entry.day),
        texts.ECHO_MINUTES.format(duration=format_duration(entry.reverse_seconds)),
        *answer_parts(
            entry.effort, entry.pain, entry.pain_site, entry.heart_rate, entry.distance_km, units
        ),
    ]
    parts.extend(texts.ECHO_NOTE.format(note=note.text) for note in entry.notes)
    return texts.ECHO.format(parts=texts.ECHO_JOIN.join(parts))


def answer_parts(
    effort: int | None,
    pain: int | None,
    site: str | None,
    heart_rate: int | None,
    distance_km: float | None,
    units: Units,
) -> list[str]:
    """The answers given, each in a few words: "effort 6", "knee pain 2", "148 bpm"..."""
    parts = []
    if effort is not None:
        parts.append(texts.ECHO_EFFORT.format(effort=effort))
    if pain is not None:
        named = site if site and site != "other" else None
        parts.append(
            texts.ECHO_SITE_PAIN.format(site=named, pain=pain)
            if named
            else texts.ECHO_PAIN.format(pain=pain)
        )
    if heart_rate is not None:
        parts.append(texts.ECHO_HEART_RATE.format(heart_rate=heart_rate))
    if distance_km is not None:
        parts.append(texts.distance_text(distance_km, units))
    return parts


def fix_keyboard(log_id: int) -> InlineKeyboardMarkup:
    """The one-tap way to correct a log."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.FIX_BUTTON, callback_data=f"{FIX_PREFIX}|{log_id}")]]
    )


# --- answers -------------------------------------------------------------------------------


def _read(step: str, text: str, units: Units, today: date) -> Answer | str:
    """A typed answer as the draft stores it, or the key of the re-prompt."""
    if step == DAY:
        day = read_day(text, today)
        return {DAY: day.isoformat()} if isinstance(day, date) else day.value
    if step == MINUTES:
        minutes = read_minutes(text, today)
        return minutes.value if isinstance(minutes, ManualLogProblem) else {MINUTES: minutes}
    if step in (EFFORT, PAIN):
        score = read_score(text, pain=step == PAIN, units=units)
        if isinstance(score, GuidedProblem):
            return score.value
        return _score_answer(step, score)
    reply = read_note(text, units)
    return {
        "notes": reply.notes or None,
        "heart_rate": reply.heart_rate,
        "distance_km": reply.distance_km,
        "red_flag": bool(reply.red_flags),
    }


def _score_answer(step: str, score: Score) -> Answer:
    answer: Answer = {step: score.value}
    if score.site is not None:
        answer["pain_site"] = score.site.value
    return answer


def _from_button(step: str, value: str) -> Answer | str:
    if step == NOTE:
        return {}
    if step == DAY:
        return {DAY: value}
    if step == MINUTES:
        return {MINUTES: float(value)} if value.isdigit() else GuidedProblem.NO_SCORE.value
    return {step: int(value)} if value.isdigit() and int(value) <= 10 else "no_score"


async def _take(
    context: CoachContext,
    message: Message,
    profile: Profile,
    draft: LogDraft,
    answer: Answer | str,
) -> LogEntry | None:
    """Store the answer and ask the next question; the log once the last one is in."""
    services, user_id = context.services, profile.user_id
    today = profile.local_time(services.now()).date()
    if isinstance(answer, str):
        await message.reply_text(texts.GUIDED_PROBLEMS[answer])
        await _ask(message, draft, today)
        return None
    answers = {**draft.answers, **answer}
    if draft.log_id is not None:
        return await _apply_fix(context, profile, draft.log_id, answers)
    following = STEPS[STEPS.index(draft.step) + 1 :]
    if following:
        draft = LogDraft(following[0], answers)
        await services.log_drafts.save(user_id, draft, services.now())
        await _ask(message, draft, today)
        return None
    log_id = await services.logs.create(
        NewLog(
            user_id,
            date.fromisoformat(answers[DAY]),
            LogSource.MANUAL,
            True,
            round(answers[MINUTES] * 60),
        ),
        services.now(),
    )
    await services.log_drafts.discard(user_id)
    return await services.logs.answer(user_id, log_id, _log_answers(answers), services.now())


async def _apply_fix(
    context: CoachContext, profile: Profile, log_id: int, answers: Answer
) -> LogEntry | None:
    services, user_id = context.services, profile.user_id
    if DAY in answers:
        await services.logs.redate(
            user_id, log_id, date.fromisoformat(answers[DAY]), services.now()
        )
    await services.log_drafts.discard(user_id)
    return await services.logs.answer(user_id, log_id, _log_answers(answers), services.now())


def _log_answers(answers: Answer) -> LogAnswers:
    minutes = answers.get(MINUTES)
    return LogAnswers(
        effort=answers.get(EFFORT),
        pain=answers.get(PAIN),
        pain_site=answers.get("pain_site"),
        heart_rate=answers.get("heart_rate"),
        distance_km=answers.get("distance_km"),
        notes=answers.get("notes"),
        red_flag=bool(answers.get("red_flag")),
        reverse_seconds=None if minutes is None else round(minutes * 60),
    )


# --- questions -----------------------------------------------------------------------------


async def _ask(message: Message, draft: LogDraft, today: date) -> None:
    question, rows = _question(draft.step, today)
    rows.append([_button(draft.step, texts.GUIDED_CANCEL, CANCEL)])
    await message.reply_text(question, reply_markup=InlineKeyboardMarkup(rows))


def _question(step: str, today: date) -> tuple[str, list[list[InlineKeyboardButton]]]:
    if step == FIX:
        buttons = [_button(FIX, label, key) for key, label in texts.FIX_FIELDS.items()]
        return texts.FIX_WHAT, [buttons[:3], buttons[3:]]
    if step == DAY:
        days = [today - timedelta(days=back) for back in range(_DAYS_OFFERED)]
        buttons = [_button(DAY, _day_label(day, today), day.isoformat()) for day in days]
        return texts.GUIDED_DAY, [buttons[:2], buttons[2:]]
    if step == MINUTES:
        buttons = [
            _button(MINUTES, texts.GUIDED_MINUTES_LABEL.format(minutes=m), str(m))
            for m in _MINUTE_CHOICES
        ]
        return texts.GUIDED_MINUTES, [buttons[:3], buttons[3:]]
    if step in (EFFORT, PAIN):
        scale = [_button(step, str(n), str(n)) for n in range(11)]
        text = texts.GUIDED_EFFORT if step == EFFORT else texts.GUIDED_PAIN
        return text, [scale[:6], scale[6:]]
    return texts.GUIDED_NOTE, [[_button(NOTE, texts.GUIDED_NO_NOTE, NO_NOTE)]]


def _button(step: str, label: str, value: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=f"{GUIDED_PREFIX}|{step}|{value}")


def _day_label(day: date, today: date) -> str:
    if day == today:
        return texts.GUIDED_TODAY
    if day == today - timedelta(days=1):
        return texts.GUIDED_YESTERDAY
    return _day_name(day)


def _day_name(day: date) -> str:
    return texts.ECHO_DAY.format(
        weekday=plan_texts.WEEKDAYS_SHORT[day.weekday()],
        day=day.day,
        month=plan_texts.MONTHS_SHORT[day.month - 1],
    )


async def _today(context: CoachContext, user_id: int) -> date:
    profile = await context.services.profiles.get(user_id)
    now = context.services.now()
    return (profile.local_time(now) if profile else now).date()
