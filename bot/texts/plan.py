"""Texts of /plan and of the first-session note: the week, the next session, where the runner
is in the programme and why.

Keyed by plain values (level numbers, Place and Route string values); `week_lines` words the
domain's week view.
"""

from __future__ import annotations

from datetime import date

from bot.domain.programme import DayKind, DayStatus, WeekDay, WeekView
from bot.domain.progress import Stats
from bot.texts import programme as programme_texts
from bot.texts import session_log as log_texts
from bot.texts.progress import average_text, weekly_minutes
from bot.texts.session_timeline import format_duration, session_shape

# The /help and command-menu line for /plan.
PLAN_HELP = "Your week, your next session, and why your plan is what it is"

NO_PROFILE_YET = (
    "Your plan is built from a few questions about you, and we haven't done those yet. "
    "Send /start and we'll set it up together: it takes a couple of minutes."
)

# --- Where the runner is -------------------------------------------------------------------

LEVEL_LINE = "Level {level}, step {stage} of {stages}: {name}."
# Per level, by route ("walker" when a route has no name of its own): walkers lengthen their
# jogs with walking breaks, regular runners mix them into forward jogging.
LEVEL_NAMES: dict[int, dict[str, str]] = {
    0: {"walker": "backward walking"},
    1: {"walker": "short reverse jogs with walking breaks"},
    2: {
        "walker": "longer reverse jogs with walking breaks",
        "runner": "reverse jogs mixed into forward jogging",
    },
    3: {
        "walker": "reverse bouts of 90 s to 3 min with walking breaks",
        "runner": "longer reverse stretches inside an easy run",
    },
}
WHY = "Why: {reason}"

# --- The week --------------------------------------------------------------------------------

WEEK_HEADER = "This week"
# A runner who joined this week sees it from that day: the days before are not theirs.
WEEK_HEADER_JOINED = "This week, from {day} when you joined"
DAY_LABEL = "{weekday} {day} {month}"
# What is said after a day's label, in brackets: "(today, moved to 08:45)", "(moved from Thu)".
DAY_TODAY = "today"
DAY_MOVED_LATER = "moved to {time}"
DAY_MOVED_FROM = "moved from {weekday}"
DAY_ASIDES = "{day} ({asides})"
DAY_ASIDES_JOIN = ", "
# Each line starts with a mark of where the day stands, so the week reads at a glance.
DAY_MARKS: dict[str, str] = {
    "done": "✅",
    "missed": "➖",
    "skipped": "⏭️",
    "moved": "↪️",
    "today": "👉",
    "upcoming": "▫️",
    "passed": "▫️",
}
DAY_LINE = "{mark} {day}: {what}"
DAY_SESSION = "{shape} ({reverse} backwards)"
DAY_CHALLENGE = "challenge, {shape} ({reverse} backwards)"
DAY_EASY = "easy day"
DAY_REST = "rest day"
# What was logged, in the words of the log's echo: "done, 5 min backwards · effort 4 · pain 0".
DAY_DONE = "done, {parts}"
DAY_MISSED = "missed"
DAY_SKIPPED = "skipped"
DAY_MOVED = "moved to {weekday}"
# The backward time logged this week (the figure /progress gives) and still planned.
WEEK_TOTAL = "Backwards this week: {done} done, {to_come} still planned."
WEEK_TOTAL_ALL_DONE = "Backwards this week: {done} done."

# --- The next session ------------------------------------------------------------------------

NEXT_SESSION = "Next session: {when}, {place}"
SESSION_STEPS = "{warm_up} warm-up walk, then {shape}, then {cool_down} cool-down walk."
SESSION_TOTALS = "About {minutes} min in all, {reverse} of it backwards."
FIRST_SESSION = "Your first session: {when}, {place}: {shape}, about {minutes} min."

WHEN_TODAY = "today at {time}"
WHEN_TOMORROW = "tomorrow at {time}"
WHEN_DATE = "{weekday} {day} {month} at {time}"

PLACE_NAMES: dict[str, str] = {
    "track": "on the track",
    "treadmill": "on the treadmill",
    "park": "in the park",
    "hallway": "in the hallway",
}

# --- Calendar words (Monday first, as Python's weekday() counts) -----------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- Wording the week ------------------------------------------------------------------------


def week_lines(view: WeekView) -> list[str]:
    """The week of /plan: a header, a line per day, the totals, and what an easy or a
    challenge day means (once each rather than on every such day)."""
    header = (
        WEEK_HEADER_JOINED.format(day=day_label(view.first_day))
        if view.joined_this_week
        else WEEK_HEADER
    )
    lines = [header, *(_day_line(day, view.today) for day in view.days)]
    done = weekly_minutes(view.done.reverse_seconds)
    if view.to_come_seconds:
        lines.append(WEEK_TOTAL.format(done=done, to_come=weekly_minutes(view.to_come_seconds)))
    else:
        lines.append(WEEK_TOTAL_ALL_DONE.format(done=done))
    notes = dict.fromkeys(
        note
        for day in view.days
        if day.session is not None and (note := day.session.note) is not None
    )
    lines += [programme_texts.DAY_NOTES[note.value] for note in notes]
    return lines


def day_label(day: date) -> str:
    """A day as the runner reads it in a list: "Tue 3 Mar"."""
    return DAY_LABEL.format(
        weekday=WEEKDAYS_SHORT[day.weekday()], day=day.day, month=MONTHS_SHORT[day.month - 1]
    )


def _day_line(entry: WeekDay, today: date) -> str:
    asides = []
    if entry.day == today:
        asides.append(DAY_TODAY)
    if entry.moved_from is not None:
        asides.append(DAY_MOVED_FROM.format(weekday=WEEKDAYS_SHORT[entry.moved_from.weekday()]))
    if entry.retimed and entry.session is not None:
        asides.append(DAY_MOVED_LATER.format(time=entry.session.at.strftime("%H:%M")))
    label = day_label(entry.day)
    if asides:
        label = DAY_ASIDES.format(day=label, asides=DAY_ASIDES_JOIN.join(asides))
    return DAY_LINE.format(mark=DAY_MARKS[entry.status.value], day=label, what=_what(entry))


def _what(entry: WeekDay) -> str:
    if entry.done is not None:
        return _done(entry.done)
    if entry.status is DayStatus.MISSED:
        return DAY_MISSED
    if entry.status is DayStatus.SKIPPED:
        return DAY_SKIPPED
    if entry.moved_to is not None:
        return DAY_MOVED.format(weekday=WEEKDAYS_SHORT[entry.moved_to.weekday()])
    session = entry.session
    if session is None:
        return DAY_REST
    if session.template is None:
        return DAY_EASY
    line = DAY_CHALLENGE if session.kind is DayKind.CHALLENGE else DAY_SESSION
    return line.format(
        shape=session_shape(session.template),
        reverse=format_duration(session.template.reverse_seconds),
    )


def _done(stats: Stats) -> str:
    """What was logged on a day: backward time, then effort and pain when answered (their
    averages when the day had several sessions)."""
    parts = [log_texts.ECHO_MINUTES.format(duration=format_duration(stats.reverse_seconds))]
    if stats.effort is not None:
        parts.append(log_texts.ECHO_EFFORT.format(effort=average_text(stats.effort)))
    if stats.pain is not None:
        parts.append(log_texts.ECHO_PAIN.format(pain=average_text(stats.pain)))
    return DAY_DONE.format(parts=log_texts.ECHO_JOIN.join(parts))
