"""The pre-session safety check: five quick questions with buttons, and what they mean for today.

The rules, each from COACHING.md, checked in this order; the first that applies is the main
reason and sets the outcome, so several flags always combine to the most conservative one
(the order runs from the strictest outcome down):

1. A sidewalk or road -> REFUSE_PLACE, whatever else was said ("Never: busy sidewalks,
   roads"). The runner is told why and picks another place; the other answers are kept.
2. Pain now above 5/10 -> POSTPONE ("pain 0-2 safe, up to 5 acceptable during exercise,
   above 5 not"): if it is too much to exercise with, it is too much to start with.
3. Ground not flat, clear and lit -> POSTPONE, or move to a safer spot ("Flat, even, dry, no
   obstacles, no traffic"; "Never: ... slippery or uneven ground, darkness, crowds").
4. Pain now 3-5/10 -> DOWNGRADE ("Any red flag -> downgrade (walk only, shorter)"): only 0-2
   counts as safe, so some pain before we even start means walking only.
5. A hard session already today -> DOWNGRADE ("the classic mistake is trying reverse
   running straight after a long tempo run").

Two DOWNGRADE flags stay a DOWNGRADE: the downgraded session is already walk-only and short.

"Somewhere else" is accepted, with a reminder of what a safe place is: runners travel, and
refusing would only push them to tap a place they are not at (and get that place's cues).
It passes the same surface question as every place (flat, clear and lit, the COACHING.md
criteria), so it is accepted only when that is answered yes.

The warm-up question never changes the verdict: "not yet" means wait, and it is asked again
with words on what to do meanwhile. Ask it after showing `assess`'s verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, TypeAlias

from bot.domain.pain import ACCEPTABLE_PAIN_MAX, SAFE_PAIN_MAX
from bot.domain.profile import Place, Profile
from bot.domain.programme.schedule import PLACE_PREFERENCE
from bot.domain.programme.templates import WARM_UP_SECONDS, SessionTemplate, StepKind
from bot.texts import safety as texts

# Pain now, 0-10: above the safe band downgrades, above the acceptable band postpones.
PAIN_SCALE_MAX = 10
# A downgraded session has the level-0 shape: reverse-walk bouts of at most 30 s, each
# followed by a forward walk no longer than the bout.
DOWNGRADED_BOUT_SECONDS = 30


class QuestionId(StrEnum):
    """One safety question; the value is its field in SafetyAnswers and its key in the texts."""

    WHERE = "where"
    SURFACE = "surface_ok"
    HARD_TODAY = "hard_today"
    PAIN_NOW = "pain_now"
    WARM_UP = "warm_up_ready"


class OtherPlace(StrEnum):
    """Answers to "where are you?" that are not one of the profile's places."""

    SOMEWHERE_ELSE = "elsewhere"
    SIDEWALK_OR_ROAD = "road"


Where: TypeAlias = Place | OtherPlace
AnswerValue: TypeAlias = Where | bool | int


@dataclass(frozen=True, slots=True)
class SafetyAnswers:
    """The answers so far; None means not answered yet."""

    where: Where | None = None
    surface_ok: bool | None = None  # flat, clear of people and obstacles, and lit
    hard_today: bool | None = None  # a hard session already done today
    pain_now: int | None = None  # 0-10
    warm_up_ready: bool | None = None  # False: "not yet", still waiting


@dataclass(frozen=True, slots=True)
class Option:
    """A button: the answer it gives, and its key (callback data, unique across the check)."""

    key: str
    question: QuestionId
    value: AnswerValue


@dataclass(frozen=True, slots=True)
class Question:
    """One question and its buttons, row by row."""

    id: QuestionId
    rows: tuple[tuple[Option, ...], ...]

    @property
    def options(self) -> tuple[Option, ...]:
        """Every button, in reading order."""
        return tuple(option for row in self.rows for option in row)


class Outcome(StrEnum):
    """What happens today, from the least to the most conservative."""

    GO = "go"
    DOWNGRADE = "downgrade"
    POSTPONE = "postpone"
    REFUSE_PLACE = "refuse_place"


class Reason(StrEnum):
    """The main reason for a verdict; the value is its key in the texts."""

    ALL_CLEAR = "all_clear"
    SIDEWALK_OR_ROAD = "sidewalk_or_road"
    PAIN_HIGH = "pain_high"
    SURFACE = "surface"
    PAIN_MODERATE = "pain_moderate"
    HARD_TODAY = "hard_today"


@dataclass(frozen=True, slots=True)
class SafetyVerdict:
    """What today's check decided, and why in one sentence."""

    outcome: Outcome
    reason: Reason
    why: str
    # The session to run: None when nothing runs (POSTPONE, REFUSE_PLACE).
    template: SessionTemplate | None = None
    # What a safe place is, for a session somewhere the profile does not know.
    reminder: str | None = None

    @property
    def can_move(self) -> bool:
        """True when another place could change the verdict (ask WHERE again)."""
        return self.reason in _PLACE_REASONS


_PLACE_REASONS = frozenset({Reason.SIDEWALK_OR_ROAD, Reason.SURFACE})
_OUTCOMES: dict[Reason, Outcome] = {
    Reason.ALL_CLEAR: Outcome.GO,
    Reason.SIDEWALK_OR_ROAD: Outcome.REFUSE_PLACE,
    Reason.PAIN_HIGH: Outcome.POSTPONE,
    Reason.SURFACE: Outcome.POSTPONE,
    Reason.PAIN_MODERATE: Outcome.DOWNGRADE,
    Reason.HARD_TODAY: Outcome.DOWNGRADE,
}
# The rules of the module docstring, strictest first: the first that holds is the main reason.
_RULES: tuple[tuple[Reason, Callable[[SafetyAnswers], bool]], ...] = (
    (Reason.SIDEWALK_OR_ROAD, lambda a: a.where is OtherPlace.SIDEWALK_OR_ROAD),
    (Reason.PAIN_HIGH, lambda a: a.pain_now is not None and a.pain_now > ACCEPTABLE_PAIN_MAX),
    (Reason.SURFACE, lambda a: a.surface_ok is False),
    (Reason.PAIN_MODERATE, lambda a: a.pain_now is not None and a.pain_now > SAFE_PAIN_MAX),
    (Reason.HARD_TODAY, lambda a: a.hard_today is True),
)
# What `assess` needs; the warm-up answer only says when to start.
_ASSESSED = (QuestionId.WHERE, QuestionId.SURFACE, QuestionId.HARD_TODAY, QuestionId.PAIN_NOW)


def _row(question: QuestionId, choices: Iterable[tuple[str, AnswerValue]]) -> tuple[Option, ...]:
    return tuple(Option(key, question, value) for key, value in choices)


def _pain_row(low: int, high: int) -> tuple[Option, ...]:
    return _row(QuestionId.PAIN_NOW, ((f"pain_{n}", n) for n in range(low, high + 1)))


def _place_option(where: Where) -> Option:
    return Option(str(where), QuestionId.WHERE, where)


_OTHER_PLACES = tuple(_place_option(other) for other in OtherPlace)
SURFACE = Question(
    QuestionId.SURFACE, (_row(QuestionId.SURFACE, (("surface_yes", True), ("surface_no", False))),)
)
HARD_TODAY = Question(
    QuestionId.HARD_TODAY, (_row(QuestionId.HARD_TODAY, (("hard_no", False), ("hard_yes", True))),)
)
# One row per band of the pain rule: safe, downgrade, postpone.
PAIN_NOW = Question(
    QuestionId.PAIN_NOW,
    (
        _pain_row(0, SAFE_PAIN_MAX),
        _pain_row(SAFE_PAIN_MAX + 1, ACCEPTABLE_PAIN_MAX),
        _pain_row(ACCEPTABLE_PAIN_MAX + 1, PAIN_SCALE_MAX),
    ),
)
WARM_UP = Question(
    QuestionId.WARM_UP,
    (_row(QuestionId.WARM_UP, (("warm_up_go", True), ("warm_up_wait", False))),),
)

_OPTIONS_BY_KEY: dict[str, Option] = {
    option.key: option
    for option in (
        *(_place_option(place) for place in Place),
        *_OTHER_PLACES,
        *SURFACE.options,
        *HARD_TODAY.options,
        *PAIN_NOW.options,
        *WARM_UP.options,
    )
}

_KEY_BY_ANSWER = {
    (option.question, option.value): option.key for option in _OPTIONS_BY_KEY.values()
}


def where_question(profile: Profile) -> Question:
    """Where are you? The runner's own places (safest first), somewhere else, sidewalk or road."""
    places = tuple(_place_option(place) for place in PLACE_PREFERENCE if place in profile.places)
    pairs = tuple(places[start : start + 2] for start in range(0, len(places), 2))
    return Question(QuestionId.WHERE, (*pairs, _OTHER_PLACES))


def safety_questions(profile: Profile) -> tuple[Question, ...]:
    """Every question of the check, in the order asked."""
    return (where_question(profile), SURFACE, HARD_TODAY, PAIN_NOW, WARM_UP)


def option_by_key(key: str) -> Option | None:
    """The button a callback key stands for; None for a key that is not ours (or expired)."""
    return _OPTIONS_BY_KEY.get(key)


def with_answer(answers: SafetyAnswers, option: Option) -> SafetyAnswers:
    """The answers after a button tap. A new place clears the surface answer (it was about
    the old place), so the surface question comes up again.
    """
    # Field names are the question ids; each option's value has its question's field type.
    changes: dict[str, Any] = {option.question.value: option.value}
    if option.question is QuestionId.WHERE:
        changes[QuestionId.SURFACE.value] = None
    return replace(answers, **changes)


def answer_keys(answers: SafetyAnswers) -> dict[str, str]:
    """The answers as {question id: button key}: plain strings to store between taps."""
    given = ((question, getattr(answers, question.value)) for question in QuestionId)
    return {
        question.value: _KEY_BY_ANSWER[(question, value)]
        for question, value in given
        if value is not None
    }


def answers_from_keys(keys: Mapping[str, str]) -> SafetyAnswers:
    """Stored answers read back; a key that is not a button of its question is dropped."""
    answers = SafetyAnswers()
    for question in QuestionId:
        option = option_by_key(keys.get(question.value, ""))
        if option is not None and option.question is question:
            answers = with_answer(answers, option)
    return answers


def answered_labels(answers: SafetyAnswers) -> tuple[str, ...]:
    """The labels of the buttons behind the answers so far, in the order asked."""
    return tuple(option_label(_OPTIONS_BY_KEY[key]) for key in answer_keys(answers).values())


def next_question(answers: SafetyAnswers, profile: Profile) -> Question | None:
    """The question to ask now, or None once the runner is ready to start.

    A place that failed the check (a sidewalk or road, or ground that is not flat, clear and
    lit) opens "where" again, so the runner can move; "not yet" to the warm-up asks again.
    """
    for question in safety_questions(profile):
        if _is_open(question.id, answers):
            return question
    return None


def question_text(question: Question, answers: SafetyAnswers) -> str:
    """The words sent with a question's buttons; after "not yet", what to do meanwhile."""
    if question.id is QuestionId.WARM_UP and answers.warm_up_ready is False:
        return texts.WARM_UP_WAITING
    return texts.QUESTIONS[question.id].format(minutes=WARM_UP_SECONDS // 60)


def option_label(option: Option) -> str:
    """The words on a button."""
    return texts.OPTION_LABELS[option.key]


def decided_early(answers: SafetyAnswers) -> SafetyVerdict | None:
    """The verdict as soon as partial answers settle it (POSTPONE or REFUSE_PLACE), else None.

    Later answers can only add flags, never lift one; a postponement waits for the place
    answer, since a sidewalk or road outranks it.
    """
    reason = _main_reason(answers)
    outcome = _OUTCOMES[reason]
    if outcome is Outcome.REFUSE_PLACE or (
        outcome is Outcome.POSTPONE and answers.where is not None
    ):
        return SafetyVerdict(outcome, reason, texts.REASONS[reason])
    return None


def assess(answers: SafetyAnswers, profile: Profile, template: SessionTemplate) -> SafetyVerdict:
    """Today's verdict from the place, surface, hard-session and pain answers.

    Raises ValueError if one of those is unanswered; the warm-up answer is not needed.
    """
    missing = [question for question in _ASSESSED if getattr(answers, question.value) is None]
    if missing:
        raise ValueError(f"safety check not finished, missing: {', '.join(missing)}")
    reason = _main_reason(answers)
    outcome = _OUTCOMES[reason]
    to_run = {Outcome.GO: template, Outcome.DOWNGRADE: downgraded(template)}.get(outcome)
    unknown_place = answers.where not in profile.places
    reminder = texts.SAFE_PLACE_REMINDER if to_run is not None and unknown_place else None
    return SafetyVerdict(outcome, reason, texts.REASONS[reason], to_run, reminder)


def downgraded(template: SessionTemplate) -> SessionTemplate:
    """A walk-only, shorter version of a session: reverse-walk bouts of at most 30 s (never
    longer than the planned bouts), each with a forward walk no longer, for about half the
    planned reverse time (at least one bout, never more than planned), and no easy run.

    The level and stage stay the planned ones: it is the same session, made gentler.
    """
    bout_seconds = min(template.bout_seconds, DOWNGRADED_BOUT_SECONDS)
    reps = max(1, template.reverse_seconds // 2 // bout_seconds)
    return replace(
        template,
        reps=reps,
        bout=StepKind.REVERSE_WALK,
        bout_seconds=bout_seconds,
        recovery=StepKind.FORWARD_WALK,
        recovery_seconds=min(template.recovery_seconds, bout_seconds),
        easy_run_seconds=0,
        challenge=False,
    )


def _main_reason(answers: SafetyAnswers) -> Reason:
    return next((reason for reason, holds in _RULES if holds(answers)), Reason.ALL_CLEAR)


def _is_open(question: QuestionId, answers: SafetyAnswers) -> bool:
    value = getattr(answers, question.value)
    if question is QuestionId.WHERE:
        return value is None or value is OtherPlace.SIDEWALK_OR_ROAD or answers.surface_ok is False
    if question is QuestionId.WARM_UP:
        return value is not True
    return value is None
