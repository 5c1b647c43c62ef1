"""What the runner sees of a live session: the timeline, each cue, and the session buttons."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.live_session import CueEvent, Mark, Position
from bot.domain.precautions import Precaution
from bot.domain.profile import Place
from bot.domain.programme import (
    SessionTemplate,
    TimelineStep,
    timeline_seconds,
    whole_minutes,
)
from bot.texts import plan as plan_texts
from bot.texts import safety as safety_texts
from bot.texts import session as texts
from bot.texts.session_timeline import format_duration, session_shape
from bot.texts.translation import cache_per_language

# Callback data of the session buttons: "live|<action>".
LIVE_PREFIX = "live"
PAUSE, RESUME, SKIP, STOP, UNWELL = "pause", "resume", "skip", "stop", "unwell"
_FOLD_AT = 4  # a main set of this many steps or more is shown as "n × (bout, recovery)"


def timeline_text(
    steps: Sequence[TimelineStep],
    template: SessionTemplate,
    place: Place,
    downgraded: bool,
    precautions: Sequence[Precaution] = (),
) -> str:
    """The whole session in one message, before the first cue, with a reminder for each of
    the runner's standing precautions."""
    header = texts.TIMELINE_DOWNGRADED if downgraded else texts.TIMELINE_HEADER
    lines = [
        header.format(
            shape=session_shape(template),
            place=plan_texts.PLACE_NAMES[place],
            minutes=whole_minutes(timeline_seconds(steps)),
        ),
        "",
        *timeline_lines(steps),
        "",
        *(f"{safety_texts.PRECAUTION_REMINDERS[p.value]}\n" for p in precautions),
        texts.TIMELINE_FOOTER,
    ]
    return "\n".join(lines)


def cue_text(event: CueEvent) -> str:
    """The message that starts a step: heading, instruction, tip, progress."""
    step = event.step
    if step is None:
        raise ValueError("the final event is not a step")
    lines = [
        texts.CUE_HEADINGS[step.kind].format(duration=format_duration(step.seconds)),
        step.cue,
        texts.TIP.format(tip=step.tip),
    ]
    if event.mark is Mark.HALFWAY:
        lines.append(texts.HALFWAY)
    elif event.mark is Mark.LAST_ONE:
        lines.append(texts.LAST_ONE)
    lines.append(
        texts.PROGRESS.format(
            number=event.number, count=event.count, left=time_left(event.seconds_left)
        )
    )
    return "\n".join(lines)


def position_values(position: Position, count: int) -> dict[str, object]:
    """The fields the pause, resume, catch-up and "already running" texts share."""
    return {
        "number": position.index + 1,
        "count": count,
        "name": texts.STEP_NAMES[position.step.kind],
        "left": time_left(position.step_seconds_left),
    }


def time_left(seconds: int) -> str:
    """Plan seconds left, as a runner glances at it: "40 s", "9 min". Minutes are rounded
    like the timeline's total, so a session starts with as many minutes left as it says."""
    if seconds < 60:
        return format_duration(seconds)
    return format_duration(60 * whole_minutes(seconds))


@cache_per_language
def session_buttons(*, paused: bool, next_index: int) -> InlineKeyboardMarkup:
    """Pause or resume, skip, stop, and "I feel unwell" under every cue. Skip carries the
    session's `next_index` when it was offered, so a second tap on it skips nothing more."""
    first = (texts.BUTTON_RESUME, RESUME) if paused else (texts.BUTTON_PAUSE, PAUSE)
    row = [first, (texts.BUTTON_SKIP, f"{SKIP}|{next_index}"), (texts.BUTTON_STOP, STOP)]
    return InlineKeyboardMarkup(
        [
            [_button(label, action) for label, action in row],
            [_button(texts.BUTTON_UNWELL, UNWELL)],
        ]
    )


@cache_per_language
def resume_or_stop_buttons() -> InlineKeyboardMarkup:
    """What a second /go offers."""
    return InlineKeyboardMarkup(
        [[_button(texts.BUTTON_RESUME, RESUME), _button(texts.BUTTON_STOP, STOP)]]
    )


def _button(label: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=f"{LIVE_PREFIX}|{action}")


def timeline_lines(steps: Sequence[TimelineStep]) -> list[str]:
    """One line per step, with a long run of bouts and recoveries folded into one line."""
    reverse = [i for i, step in enumerate(steps) if step.kind.is_reverse]
    lines = []
    index = 0
    while index < len(steps):
        if reverse and index == reverse[0] and reverse[-1] - index + 1 >= _FOLD_AT:
            lines.append(_folded_line(steps, index, reverse[-1]))
            index = reverse[-1] + 1
            continue
        step = steps[index]
        lines.append(
            texts.TIMELINE_LINE.format(
                number=index + 1,
                name=texts.STEP_NAMES[step.kind],
                duration=format_duration(step.seconds),
            )
        )
        index += 1
    return lines


def _folded_line(steps: Sequence[TimelineStep], first: int, last: int) -> str:
    bout, recovery = steps[first], steps[first + 1]
    return texts.TIMELINE_STEPS_FOLDED.format(
        first=first + 1,
        last=last + 1,
        count=sum(1 for step in steps[first : last + 1] if step.kind is bout.kind),
        bout=format_duration(bout.seconds),
        bout_name=texts.STEP_NAMES[bout.kind],
        recovery=format_duration(recovery.seconds),
        recovery_name=texts.STEP_NAMES[recovery.kind],
    )
