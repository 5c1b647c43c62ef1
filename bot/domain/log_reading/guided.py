"""Reading the typed answers of the guided /log, one question at a time: the day, the
minutes backwards, effort, pain (with where), and an optional note that may carry heart
rate and distance. A bare number answers the question asked, so "2" at the pain question
is pain 2, not effort."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.languages import ENGLISH
from bot.domain.log_reading.dates import named_days
from bot.domain.log_reading.manual import ManualLog, ManualLogProblem, log_day, parse_manual_log
from bot.domain.log_reading.reply import LogReply, parse_log_reply
from bot.domain.log_reading.signs import BodyPart
from bot.domain.log_reading.tokens import prepare
from bot.domain.onboarding.lexicon import normalise
from bot.domain.profile import Units

# A pain answer in words that means none.
_NO_PAIN = frozenset({
    "none", "no", "nope", "no pain", "nothing", "zero", "not at all", "nil",
    "ninguno", "nada", "sin dolor", "cero", "para nada",
    "нет", "ничего", "ноль", "не болит", "без боли", "нисколько",
})  # fmt: skip


class GuidedProblem(StrEnum):
    """Why a guided answer was not taken; each has a kind re-prompt in bot.texts."""

    NO_DAY = "no_day"
    NO_SCORE = "no_score"


@dataclass(frozen=True, slots=True)
class Score:
    """An effort or pain answer, 0-10; a pain answer may say where."""

    value: int
    site: BodyPart | None = None


def read_day(
    text: str, today: date, language: str = ENGLISH
) -> date | ManualLogProblem | GuidedProblem:
    """The day the session was, named in words ("yesterday", "tue", "2 dec", "2.12")."""
    days = named_days(prepare(text), today, language)
    if not days:
        return GuidedProblem.NO_DAY
    return log_day({named.day for named in days}, today)


def read_minutes(text: str, today: date, language: str = ENGLISH) -> float | ManualLogProblem:
    """Minutes backwards: "12", "12 min", "about 15 minutes"."""
    parsed = parse_manual_log(text, today, language=language)
    return parsed.reverse_minutes if isinstance(parsed, ManualLog) else parsed


def read_score(
    text: str, *, pain: bool, units: Units, language: str = ENGLISH
) -> Score | GuidedProblem:
    """An effort or pain answer: "6", "6/10", "effort 6", "knee 2", "none" (pain 0)."""
    if pain and normalise(prepare(text)).strip(" .!") in _NO_PAIN:
        return Score(0)
    reply = parse_log_reply(text, units, language)
    asked, other = (reply.pain, reply.effort) if pain else (reply.effort, reply.pain)
    # A lone number is read as an effort; at the pain question it is the pain.
    value = asked if asked is not None else (other if pain and reply.pain is None else None)
    if value is None:
        return GuidedProblem.NO_SCORE
    return Score(value, reply.pain_site if pain else None)


def read_note(text: str, units: Units, language: str = ENGLISH) -> LogReply:
    """A note in the runner's words, with any heart rate, distance or warning sign in it."""
    return parse_log_reply(text, units, language)
