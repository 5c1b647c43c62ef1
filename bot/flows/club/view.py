"""What the group sees of a club session (the pinned status, one cue per step) and the
buttons of a club: names and "in / done" only, never a member's answers or level."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.club import roster
from bot.domain.live_session import CueEvent, LiveSession
from bot.domain.profile import Place
from bot.flows.live_session.view import cue_text, time_left
from bot.storage.clubs import ClubSession
from bot.texts import club as texts
from bot.texts import session as session_texts
from bot.texts.session_timeline import format_duration
from bot.texts.translation import cache_per_language

# Callback data: "club|<action>[|<value>]" in the group ("club|lang|<code>" for its
# language), "clubchk|<group>|<option>" on a member's check, "clubme|<action>|<group>" under
# "you're in" in their private chat.
CLUB_PREFIX, CHECK_PREFIX, MEMBER_PREFIX = "club", "clubchk", "clubme"
JOIN, START, PLACE, LANGUAGE = "join", "start", "place", "lang"
STOP, UNWELL = "stop", "unwell"
CLUB_PLACES = (Place.TRACK, Place.PARK)


def status_text(session: ClubSession, live: LiveSession | None, now: float) -> str:
    """The pinned status: what the session is doing now, then who is in, checking in, done."""
    place = texts.CLUB_PLACES[session.club.place]
    lines = [_headline(session, live, now, place)]
    names = roster(member.member for member in session.members)
    for group, line in (
        (names.ready, texts.ROSTER_READY),
        (names.checking, texts.ROSTER_CHECKING),
        (names.done, texts.ROSTER_DONE),
    ):
        if group:
            lines.append(line.format(count=len(group), names=", ".join(group)))
    if len(lines) == 1:
        lines.append(texts.NOBODY_YET)
    if live is None:
        lines += ["", texts.JOIN_HINT]
    return "\n".join(lines)


def _headline(session: ClubSession, live: LiveSession | None, now: float, place: str) -> str:
    if live is None:
        if session.starts_at is None:
            return texts.STATUS_ON_TAP.format(place=place)
        return texts.STATUS_AT.format(place=place, time=local_start(session))
    position = live.position(now)
    if position is None or live.finished:
        return texts.STATUS_FINISHED.format(place=place)
    seconds_left = max(1, round((live.due[-1] - now) * live.scale))
    return texts.STATUS_RUNNING.format(
        place=place,
        number=position.index + 1,
        count=len(live.steps),
        name=session_texts.STEP_NAMES[position.step.kind],
        left=time_left(seconds_left),
    )


def local_start(session: ClubSession) -> str:
    """The time set for the session to start, on the club's clock ("18:30")."""
    if session.starts_at is None:
        return ""
    local = datetime.fromtimestamp(session.starts_at, ZoneInfo(session.club.timezone))
    return f"{local:%H:%M}"


@cache_per_language
def gathering_buttons() -> InlineKeyboardMarkup:
    """Join (anyone) and Start (an admin) under the status while the session gathers."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_JOIN, callback_data=f"{CLUB_PREFIX}|{JOIN}"),
                InlineKeyboardButton(texts.BUTTON_START, callback_data=f"{CLUB_PREFIX}|{START}"),
            ]
        ]
    )


def place_buttons(timezone: str) -> InlineKeyboardMarkup:
    """Where the club trains: the admin's choice sets the club up (on `timezone`)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.PLACE_BUTTONS[place],
                    callback_data=f"{CLUB_PREFIX}|{PLACE}|{place.value}|{timezone}",
                )
                for place in CLUB_PLACES
            ]
        ]
    )


def member_buttons(chat_id: int) -> InlineKeyboardMarkup:
    """Under "you're in", in the member's private chat: stop, or 🆘."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BUTTON_STOP, callback_data=f"{MEMBER_PREFIX}|{STOP}|{chat_id}"
                ),
                InlineKeyboardButton(
                    texts.BUTTON_UNWELL, callback_data=f"{MEMBER_PREFIX}|{UNWELL}|{chat_id}"
                ),
            ]
        ]
    )


def club_cue_text(event: CueEvent, *, mixed: bool) -> str:
    """The group's cue for a step. A backwards step that walkers and joggers share names
    both ways of doing it in one message."""
    step = event.step
    if step is None or not (mixed and step.kind.is_reverse):
        return cue_text(event)
    return "\n".join(
        [
            texts.MIXED_BACKWARDS.format(duration=format_duration(step.seconds)),
            texts.MIXED_VARIANTS,
            texts.MIXED_REMINDER,
            session_texts.PROGRESS.format(
                number=event.number, count=event.count, left=time_left(event.seconds_left)
            ),
        ]
    )


def group_id(part: str) -> int | None:
    """A group's chat id from callback data (negative digits); None for anything else."""
    digits = part.removeprefix("-")
    if not part.startswith("-") or not digits.isascii() or not digits.isdigit():
        return None
    return -int(digits)
