"""The pre-session safety check: quick questions with buttons, and what they mean for today.

The rules, each from COACHING.md, checked in this order; the first that applies is the main
reason and sets the outcome, so several flags always combine to the most conservative one
(the order runs from the strictest outcome down):

1. A sidewalk or road -> REFUSE_PLACE, whatever else was said ("Never: busy sidewalks,
   roads"). The runner is told why and picks another place; the other answers are kept.
2. Pain now above 5/10 -> POSTPONE ("pain 0-2 safe, up to 5 acceptable during exercise,
   above 5 not"): if it is too much to exercise with, it is too much to start with.
3. A sign of a standing precaution today (dizziness, chest or heart symptoms, a swollen or
   unstable joint) -> POSTPONE: the readiness limit says why it matters.
4. A second session today, and the runner chose rest -> POSTPONE (one session a day).
5. Ground not flat, clear and lit -> POSTPONE, or move to a safer spot ("Flat, even, dry, no
   obstacles, no traffic"; "Never: ... slippery or uneven ground, darkness, crowds").
6. Pain now 3-5/10 -> DOWNGRADE ("Any red flag -> downgrade (walk only, shorter)"): only 0-2
   counts as safe, so some pain before we even start means walking only.
7. A hard session already today -> DOWNGRADE ("the classic mistake is trying reverse
   running straight after a long tempo run").
8. Pain 1-2 -> GO, with a word that mild pain is fine (it is not "no pain").

Two DOWNGRADE flags stay a DOWNGRADE: the downgraded session is already walk-only and short.

"Somewhere else" is accepted, with a reminder of what a safe place is: runners travel, and
refusing would only push them to tap a place they are not at (and get that place's cues).
It passes the same surface question as every place (flat, clear and lit, the COACHING.md
criteria), so it is accepted only when that is answered yes. The surface question names what
matters at the place tapped (treadmill: clip, speed, space behind; hallway: rugs, cables).

A standing precaution (`bot.domain.precautions`) adds its own question; places it rules out
(a treadmill for a dizzy runner) are not offered. A second session on a day that already had
one is asked about first, and says why.

One call per tap: `take_answer` (answer in, the next question or the verdict out, as data:
question and reason keys; bot.texts words them). The warm-up question never changes the
verdict: "not yet" means wait, and it is asked again with words on what to do meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, TypeAlias

from bot.domain.pain import ACCEPTABLE_PAIN_MAX, SAFE_PAIN_MAX
from bot.domain.precautions import Precaution, precautions_of, safe_places
from bot.domain.profile import Place, Profile
from bot.domain.programme.schedule import PLACE_PREFERENCE
from bot.domain.programme.templates import SessionTemplate, StepKind

# Pain now, 0-10: above the safe band downgrades, above the acceptable band postpones.
PAIN_SCALE_MAX = 10
# In a hallway: walking and short jogs only, backwards jogs of at most this long.
HALLWAY_JOG_SECONDS = 30
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
    AGAIN_TODAY = "again_today"
    DIZZY_TODAY = "dizzy_today"
    HEART_TODAY = "heart_today"
    JOINT_TODAY = "joint_today"


class OtherPlace(StrEnum):
    """Answers to "where are you?" that are not one of the profile's places."""

    SOMEWHERE_ELSE = "elsewhere"
    SIDEWALK_OR_ROAD = "road"


Where: TypeAlias = Place | OtherPlace
AnswerValue: TypeAlias = Where | bool | int

# The question each standing precaution adds.
PRECAUTION_QUESTIONS: dict[Precaution, QuestionId] = {
    Precaution.DIZZINESS: QuestionId.DIZZY_TODAY,
    Precaution.HEART: QuestionId.HEART_TODAY,
    Precaution.JOINT: QuestionId.JOINT_TODAY,
}


@dataclass(frozen=True, slots=True)
class SafetyAnswers:
    """The answers so far; None means not answered yet."""

    where: Where | None = None
    surface_ok: bool | None = None  # flat, clear of people and obstacles, and lit
    hard_today: bool | None = None  # a hard session already done today
    pain_now: int | None = None  # 0-10
    warm_up_ready: bool | None = None  # False: "not yet", still waiting
    again_today: bool | None = None  # a second session today: True goes on, False rests
    dizzy_today: bool | None = None  # a precaution's sign today: True postpones
    heart_today: bool | None = None
    joint_today: bool | None = None


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
    MILD_PAIN = "mild_pain"
    SIDEWALK_OR_ROAD = "sidewalk_or_road"
    PAIN_HIGH = "pain_high"
    DIZZY_TODAY = "dizzy_today"
    HEART_TODAY = "heart_today"
    JOINT_TODAY = "joint_today"
    REST_TODAY = "rest_today"
    SURFACE = "surface"
    PAIN_MODERATE = "pain_moderate"
    HARD_TODAY = "hard_today"


@dataclass(frozen=True, slots=True)
class SafetyVerdict:
    """What today's check decided, and its main reason (a key the texts word)."""

    outcome: Outcome
    reason: Reason
    # The session to run: None when nothing runs (POSTPONE, REFUSE_PLACE).
    template: SessionTemplate | None = None
    # Remind what a safe place is: a session somewhere the profile does not know.
    safe_place_reminder: bool = False

    @property
    def can_move(self) -> bool:
        """True when another place could change the verdict (ask WHERE again)."""
        return self.reason in _PLACE_REASONS


@dataclass(frozen=True, slots=True)
class CheckStep:
    """What one tap leads to: the answers to keep, a verdict to show, what comes next.

    `question` is asked next (None once the check is over); `verdict` is shown above it (an
    early stop, or today's verdict before the warm-up question); `starts` means the session
    begins now with `verdict.template`, and `ends` that the check is closed either way.
    """

    answers: SafetyAnswers
    question: Question | None
    question_key: str | None
    verdict: SafetyVerdict | None = None
    starts: bool = False

    @property
    def ends(self) -> bool:
        """True when no question is left: the session starts, or nothing runs today."""
        return self.question is None


_PLACE_REASONS = frozenset({Reason.SIDEWALK_OR_ROAD, Reason.SURFACE})
_OUTCOMES: dict[Reason, Outcome] = {
    Reason.ALL_CLEAR: Outcome.GO,
    Reason.MILD_PAIN: Outcome.GO,
    Reason.SIDEWALK_OR_ROAD: Outcome.REFUSE_PLACE,
    Reason.PAIN_HIGH: Outcome.POSTPONE,
    Reason.DIZZY_TODAY: Outcome.POSTPONE,
    Reason.HEART_TODAY: Outcome.POSTPONE,
    Reason.JOINT_TODAY: Outcome.POSTPONE,
    Reason.REST_TODAY: Outcome.POSTPONE,
    Reason.SURFACE: Outcome.POSTPONE,
    Reason.PAIN_MODERATE: Outcome.DOWNGRADE,
    Reason.HARD_TODAY: Outcome.DOWNGRADE,
}
# The rules of the module docstring, strictest first: the first that holds is the main reason.
_RULES: tuple[tuple[Reason, Callable[[SafetyAnswers], bool]], ...] = (
    (Reason.SIDEWALK_OR_ROAD, lambda a: a.where is OtherPlace.SIDEWALK_OR_ROAD),
    (Reason.PAIN_HIGH, lambda a: a.pain_now is not None and a.pain_now > ACCEPTABLE_PAIN_MAX),
    (Reason.HEART_TODAY, lambda a: a.heart_today is True),
    (Reason.DIZZY_TODAY, lambda a: a.dizzy_today is True),
    (Reason.JOINT_TODAY, lambda a: a.joint_today is True),
    (Reason.REST_TODAY, lambda a: a.again_today is False),
    (Reason.SURFACE, lambda a: a.surface_ok is False),
    (Reason.PAIN_MODERATE, lambda a: a.pain_now is not None and a.pain_now > SAFE_PAIN_MAX),
    (Reason.HARD_TODAY, lambda a: a.hard_today is True),
    (Reason.MILD_PAIN, lambda a: bool(a.pain_now)),
)
# What `assess` always needs; the warm-up answer only says when to start.
_ASSESSED = (QuestionId.WHERE, QuestionId.SURFACE, QuestionId.HARD_TODAY, QuestionId.PAIN_NOW)


def _row(question: QuestionId, choices: Iterable[tuple[str, AnswerValue]]) -> tuple[Option, ...]:
    return tuple(Option(key, question, value) for key, value in choices)


def _yes_no(question: QuestionId, no: str, yes: str, *, yes_first: bool = False) -> Question:
    choices: tuple[tuple[str, AnswerValue], ...] = ((no, False), (yes, True))
    return Question(question, (_row(question, choices[::-1] if yes_first else choices),))


def _pain_row(low: int, high: int) -> tuple[Option, ...]:
    return _row(QuestionId.PAIN_NOW, ((f"pain_{n}", n) for n in range(low, high + 1)))


def _place_option(where: Where) -> Option:
    return Option(str(where), QuestionId.WHERE, where)


_OTHER_PLACES = tuple(_place_option(other) for other in OtherPlace)
SURFACE = _yes_no(QuestionId.SURFACE, "surface_no", "surface_yes", yes_first=True)
HARD_TODAY = _yes_no(QuestionId.HARD_TODAY, "hard_no", "hard_yes")
# One row per band of the pain rule: safe, downgrade, postpone.
PAIN_NOW = Question(
    QuestionId.PAIN_NOW,
    (
        _pain_row(0, SAFE_PAIN_MAX),
        _pain_row(SAFE_PAIN_MAX + 1, ACCEPTABLE_PAIN_MAX),
        _pain_row(ACCEPTABLE_PAIN_MAX + 1, PAIN_SCALE_MAX),
    ),
)
WARM_UP = _yes_no(QuestionId.WARM_UP, "warm_up_wait", "warm_up_go", yes_first=True)
AGAIN_TODAY = _yes_no(QuestionId.AGAIN_TODAY, "again_no", "again_yes")
PRECAUTION_CHECKS: dict[QuestionId, Question] = {
    question: _yes_no(question, f"{question.value}_no", f"{question.value}_yes")
    for question in PRECAUTION_QUESTIONS.values()
}

_OPTIONS_BY_KEY: dict[str, Option] = {
    option.key: option
    for option in (
        *(_place_option(place) for place in Place),
        *_OTHER_PLACES,
        *(
            option
            for question in (SURFACE, HARD_TODAY, PAIN_NOW, WARM_UP, AGAIN_TODAY)
            for option in question.options
        ),
        *(option for question in PRECAUTION_CHECKS.values() for option in question.options),
    )
}

_KEY_BY_ANSWER = {
    (option.question, option.value): option.key for option in _OPTIONS_BY_KEY.values()
}


def where_question(profile: Profile) -> Question:
    """Where are you? The runner's own places (safest first, none their precautions rule
    out), somewhere else, sidewalk or road."""
    allowed = safe_places(profile)
    places = tuple(_place_option(place) for place in PLACE_PREFERENCE if place in allowed)
    pairs = tuple(places[start : start + 2] for start in range(0, len(places), 2))
    return Question(QuestionId.WHERE, (*pairs, _OTHER_PLACES))


def safety_questions(profile: Profile, *, done_today: bool = False) -> tuple[Question, ...]:
    """Every question of the check, in the order asked: "again today?" first when a session
    was already done today; the precautions' questions after the ground."""
    precautions = tuple(PRECAUTION_CHECKS[PRECAUTION_QUESTIONS[p]] for p in precautions_of(profile))
    again = (AGAIN_TODAY,) if done_today else ()
    return (*again, where_question(profile), SURFACE, *precautions, HARD_TODAY, PAIN_NOW, WARM_UP)


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


def answered_options(answers: SafetyAnswers) -> tuple[Option, ...]:
    """The buttons behind the answers so far."""
    return tuple(_OPTIONS_BY_KEY[key] for key in answer_keys(answers).values())


def next_question(
    answers: SafetyAnswers, profile: Profile, *, done_today: bool = False
) -> Question | None:
    """The question to ask now, or None once the runner is ready to start.

    A place that failed the check (a sidewalk or road, or ground that is not flat, clear and
    lit) opens "where" again, so the runner can move; "not yet" to the warm-up asks again.
    """
    for question in safety_questions(profile, done_today=done_today):
        if _is_open(question.id, answers):
            return question
    return None


def question_key(question: Question, answers: SafetyAnswers) -> str:
    """The texts' key for a question as asked now: the surface question names the place
    tapped ("surface_ok.treadmill"); after "not yet", the warm-up says what to do meanwhile.
    """
    if question.id is QuestionId.SURFACE and answers.where is not None:
        return f"{question.id.value}.{answers.where.value}"
    if question.id is QuestionId.WARM_UP and answers.warm_up_ready is False:
        return "warm_up_waiting"
    return question.id.value


def first_step(profile: Profile, *, done_today: bool = False) -> CheckStep:
    """/go: the first question."""
    return _asking(SafetyAnswers(), profile, None, done_today)


def take_answer(
    answers: SafetyAnswers, option: Option, profile: Profile, *, done_today: bool = False
) -> CheckStep:
    """One tap: the answers after it, and what follows (stop, ask for another place, the
    next question, or start). The verdict before the warm-up question has no template yet;
    `with_session` puts today's session in once the check says to start."""
    answers = with_answer(answers, option)
    early = decided_early(answers)
    if early is not None:
        if early.can_move:
            return _asking(answers, profile, early, done_today)
        return CheckStep(answers, None, None, early)
    question = next_question(answers, profile, done_today=done_today)
    if question is None:
        return CheckStep(answers, None, None, assess(answers, profile), starts=True)
    shown = None
    if question.id is QuestionId.WARM_UP and answers.warm_up_ready is None:
        shown = assess(answers, profile)
    return _asking(answers, profile, shown, done_today)


def with_session(verdict: SafetyVerdict, template: SessionTemplate) -> SafetyVerdict:
    """The verdict with the session it runs today: as planned, downgraded, or none."""
    to_run = {Outcome.GO: template, Outcome.DOWNGRADE: downgraded(template)}.get(verdict.outcome)
    return replace(verdict, template=to_run)


def decided_early(answers: SafetyAnswers) -> SafetyVerdict | None:
    """The verdict as soon as partial answers settle it (POSTPONE or REFUSE_PLACE), else None.

    Later answers can only add flags, never lift one; a postponement waits for the place
    answer, since a sidewalk or road outranks it (resting instead of a second session needs
    no place).
    """
    reason = _main_reason(answers)
    outcome = _OUTCOMES[reason]
    if (
        outcome is Outcome.REFUSE_PLACE
        or reason is Reason.REST_TODAY
        or (outcome is Outcome.POSTPONE and answers.where is not None)
    ):
        return SafetyVerdict(outcome, reason)
    return None


def assess(
    answers: SafetyAnswers, profile: Profile, template: SessionTemplate | None = None
) -> SafetyVerdict:
    """Today's verdict from the place, surface, precaution, hard-session and pain answers,
    with `template` made today's session when one is given.

    Raises ValueError if one of those is unanswered; the warm-up answer is not needed.
    """
    needed = (*_ASSESSED, *(PRECAUTION_QUESTIONS[p] for p in precautions_of(profile)))
    missing = [question for question in needed if getattr(answers, question.value) is None]
    if missing:
        raise ValueError(f"safety check not finished, missing: {', '.join(missing)}")
    reason = _main_reason(answers)
    outcome = _OUTCOMES[reason]
    runs = outcome in (Outcome.GO, Outcome.DOWNGRADE)
    verdict = SafetyVerdict(outcome, reason, None, runs and answers.where not in profile.places)
    return verdict if template is None else with_session(verdict, template)


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


def fitted_to_place(template: SessionTemplate, place: Place) -> SessionTemplate:
    """The session as this place allows it. A hallway takes walking and short jogs only:
    backwards jogs of at most 30 s (as many more as keep the backwards time), walking
    recoveries, and no forward run."""
    if place is not Place.HALLWAY:
        return template
    bout_seconds = template.bout_seconds
    if template.bout is StepKind.REVERSE_JOG:
        bout_seconds = min(bout_seconds, HALLWAY_JOG_SECONDS)
    return replace(
        template,
        reps=-(-template.reverse_seconds // bout_seconds),
        bout_seconds=bout_seconds,
        recovery=StepKind.FORWARD_WALK,
        easy_run_seconds=0,
    )


def _asking(
    answers: SafetyAnswers, profile: Profile, shown: SafetyVerdict | None, done_today: bool
) -> CheckStep:
    question = next_question(answers, profile, done_today=done_today)
    key = None if question is None else question_key(question, answers)
    return CheckStep(answers, question, key, shown)


def _main_reason(answers: SafetyAnswers) -> Reason:
    return next((reason for reason, holds in _RULES if holds(answers)), Reason.ALL_CLEAR)


def _is_open(question: QuestionId, answers: SafetyAnswers) -> bool:
    value = getattr(answers, question.value)
    if question is QuestionId.WHERE:
        return value is None or value is OtherPlace.SIDEWALK_OR_ROAD or answers.surface_ok is False
    if question is QuestionId.WARM_UP:
        return value is not True
    return value is None
