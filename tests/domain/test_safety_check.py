"""The pre-session safety check: questions and buttons, the verdict rules, downgraded sessions."""

from __future__ import annotations

import re
import string
from dataclasses import replace
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.profile import ParqQuestion, Place, Profile
from bot.domain.programme import (
    LADDERS,
    Route,
    SessionTemplate,
    StepKind,
    challenge_version,
    session_template,
    timeline_seconds,
)
from bot.domain.safety_check import SURFACE as SURFACE_QUESTION
from bot.domain.safety_check import (
    Option,
    OtherPlace,
    Outcome,
    QuestionId,
    Reason,
    SafetyAnswers,
    Where,
    answer_keys,
    answers_from_keys,
    assess,
    decided_early,
    downgraded,
    first_step,
    fitted_to_place,
    next_question,
    option_by_key,
    question_key,
    safety_questions,
    take_answer,
    where_question,
    with_answer,
    with_session,
)
from bot.texts import safety as texts
from bot.texts.session_timeline import build_session_timeline
from tests.domain.programme_fixtures import BASE_PROFILE, make_profile

EVERY_PLACE = make_profile(places=frozenset(Place))
TRACK_ONLY = BASE_PROFILE
LEVEL_1 = session_template(Route.WALKER, 1, 1)  # 5 × 25 s reverse jog / 60 s walk
LEVEL_3 = session_template(Route.RUNNER, 3, 5)  # 2 × 4 min 30 s inside an easy run
WHERES: tuple[Where, ...] = (*Place, *OtherPlace)
# Where the surface question follows (a road asks where again).
ASKED_WHERES: tuple[Where, ...] = (*Place, OtherPlace.SOMEWHERE_ELSE)
PAINS = range(11)

# The oracle, written from COACHING.md independently of the module's rule table.
SEVERITY = (Outcome.GO, Outcome.DOWNGRADE, Outcome.POSTPONE, Outcome.REFUSE_PLACE)
FLAG_OUTCOMES = {
    Reason.SIDEWALK_OR_ROAD: Outcome.REFUSE_PLACE,
    Reason.PAIN_HIGH: Outcome.POSTPONE,
    Reason.SURFACE: Outcome.POSTPONE,
    Reason.PAIN_MODERATE: Outcome.DOWNGRADE,
    Reason.HARD_TODAY: Outcome.DOWNGRADE,
    Reason.MILD_PAIN: Outcome.GO,
}
BASIC_QUESTIONS = [
    QuestionId.WHERE,
    QuestionId.SURFACE,
    QuestionId.HARD_TODAY,
    QuestionId.PAIN_NOW,
    QuestionId.WARM_UP,
]


def raised_flags(answers: SafetyAnswers) -> set[Reason]:
    pain = answers.pain_now or 0
    checks = {
        Reason.SIDEWALK_OR_ROAD: answers.where is OtherPlace.SIDEWALK_OR_ROAD,
        Reason.PAIN_HIGH: pain > 5,
        Reason.SURFACE: answers.surface_ok is False,
        Reason.PAIN_MODERATE: 3 <= pain <= 5,
        Reason.HARD_TODAY: answers.hard_today is True,
        Reason.MILD_PAIN: 1 <= pain <= 2,
    }
    return {reason for reason, raised in checks.items() if raised}


def most_conservative(flags: set[Reason]) -> Outcome:
    return max((FLAG_OUTCOMES[flag] for flag in flags), key=SEVERITY.index, default=Outcome.GO)


def every_complete_answer() -> list[SafetyAnswers]:
    return [
        SafetyAnswers(where, surface, hard, pain, warm_up)
        for where, surface, hard, pain, warm_up in product(
            WHERES, (True, False), (True, False), PAINS, (None, False, True)
        )
    ]


def prefixes(answers: SafetyAnswers) -> list[SafetyAnswers]:
    """The partial answers on the way to `answers`, in the order the questions are asked."""
    order = [question.value for question in QuestionId]
    return [
        SafetyAnswers(**{name: getattr(answers, name) for name in order[:size]})
        for size in range(len(order) + 1)
    ]


def is_one_sentence(text: str) -> bool:
    return text[-1] in ".!?" and "\n" not in text and re.search(r"[.!?]\s", text[:-1]) is None


def tap(answers: SafetyAnswers, key: str) -> SafetyAnswers:
    option = option_by_key(key)
    assert option is not None, key
    return with_answer(answers, option)


def answered(*keys: str) -> SafetyAnswers:
    answers = SafetyAnswers()
    for key in keys:
        answers = tap(answers, key)
    return answers


# --- The verdict, over every combination of answers ------------------------------------------


@pytest.mark.parametrize("profile", [TRACK_ONLY, EVERY_PLACE], ids=["track_only", "every_place"])
@pytest.mark.parametrize("template", [LEVEL_1, LEVEL_3], ids=["level_1", "level_3"])
def test_every_combination_gets_the_most_conservative_verdict(
    profile: Profile, template: SessionTemplate
) -> None:
    for answers in every_complete_answer():
        verdict = assess(answers, profile, template)
        flags = raised_flags(answers)
        assert verdict.outcome is most_conservative(flags), answers
        # The sentence names a flag that was raised and sets the outcome.
        assert verdict.reason in flags or (not flags and verdict.reason is Reason.ALL_CLEAR)
        assert FLAG_OUTCOMES.get(verdict.reason, Outcome.GO) is verdict.outcome
        assert verdict.reason.value in texts.REASONS
        if answers.where is OtherPlace.SIDEWALK_OR_ROAD:
            assert verdict.outcome is Outcome.REFUSE_PLACE
        expected_template = {
            Outcome.GO: template,
            Outcome.DOWNGRADE: downgraded(template),
        }.get(verdict.outcome)
        assert verdict.template == expected_template
        unknown_place = answers.where not in profile.places
        assert verdict.safe_place_reminder == (verdict.template is not None and unknown_place)
        assert verdict.can_move == (verdict.reason in {Reason.SIDEWALK_OR_ROAD, Reason.SURFACE})


def test_stopping_early_never_contradicts_the_full_check() -> None:
    for answers in every_complete_answer():
        full = assess(answers, EVERY_PLACE, LEVEL_1)
        early = [decided_early(prefix) for prefix in prefixes(answers)]
        decided = [verdict for verdict in early if verdict is not None]
        assert all(verdict.outcome is full.outcome for verdict in decided), answers
        stops = full.outcome in {Outcome.POSTPONE, Outcome.REFUSE_PLACE}
        assert bool(decided) == stops, answers
        assert all(verdict.template is None for verdict in decided)


def test_all_clear_goes_ahead_as_planned() -> None:
    verdict = assess(SafetyAnswers(Place.TRACK, True, False, 0), TRACK_ONLY, LEVEL_1)
    assert (verdict.outcome, verdict.template, verdict.safe_place_reminder) == (
        Outcome.GO,
        LEVEL_1,
        False,
    )


@pytest.mark.parametrize(
    ("pain", "outcome"),
    [
        (0, Outcome.GO),
        (2, Outcome.GO),
        (3, Outcome.DOWNGRADE),
        (5, Outcome.DOWNGRADE),
        (6, Outcome.POSTPONE),
        (10, Outcome.POSTPONE),
    ],
)
def test_pain_bands(pain: int, outcome: Outcome) -> None:
    verdict = assess(SafetyAnswers(Place.TRACK, True, False, pain), TRACK_ONLY, LEVEL_1)
    assert verdict.outcome is outcome


def test_a_hard_session_today_means_walking_only() -> None:
    verdict = assess(SafetyAnswers(Place.TRACK, True, True, 0), TRACK_ONLY, LEVEL_3)
    assert verdict.outcome is Outcome.DOWNGRADE
    assert verdict.reason is Reason.HARD_TODAY
    assert verdict.template == downgraded(LEVEL_3)


def test_the_sentence_names_the_main_flag() -> None:
    both_downgrades = SafetyAnswers(Place.PARK, True, True, 4)
    assert assess(both_downgrades, EVERY_PLACE, LEVEL_1).reason is Reason.PAIN_MODERATE
    pain_and_surface = SafetyAnswers(Place.PARK, False, True, 7)
    verdict = assess(pain_and_surface, EVERY_PLACE, LEVEL_1)
    # Moving would not help: the pain, not the place, is why we wait.
    assert (verdict.reason, verdict.can_move) == (Reason.PAIN_HIGH, False)


def test_a_road_is_refused_whatever_else_is_said() -> None:
    verdict = assess(
        SafetyAnswers(OtherPlace.SIDEWALK_OR_ROAD, False, True, 9), TRACK_ONLY, LEVEL_1
    )
    assert (verdict.outcome, verdict.template, verdict.can_move) == (
        Outcome.REFUSE_PLACE,
        None,
        True,
    )


def test_somewhere_else_needs_safe_ground_and_gets_a_reminder() -> None:
    fine = assess(SafetyAnswers(OtherPlace.SOMEWHERE_ELSE, True, False, 0), TRACK_ONLY, LEVEL_1)
    assert (fine.outcome, fine.safe_place_reminder) == (Outcome.GO, True)
    rough = assess(SafetyAnswers(OtherPlace.SOMEWHERE_ELSE, False, False, 0), TRACK_ONLY, LEVEL_1)
    assert (rough.outcome, rough.reason, rough.template) == (
        Outcome.POSTPONE,
        Reason.SURFACE,
        None,
    )


@pytest.mark.parametrize("missing", ["where", "surface_ok", "hard_today", "pain_now"])
def test_assess_needs_every_answer_but_the_warm_up(missing: str) -> None:
    answers = replace(SafetyAnswers(Place.TRACK, True, False, 0), **{missing: None})
    with pytest.raises(ValueError, match=missing):
        assess(answers, TRACK_ONLY, LEVEL_1)


def test_decided_early_waits_for_the_place_before_postponing() -> None:
    assert decided_early(SafetyAnswers(pain_now=8)) is None
    assert decided_early(SafetyAnswers(where=Place.TRACK, pain_now=8)) is not None
    assert decided_early(SafetyAnswers(where=Place.TRACK, surface_ok=True, pain_now=4)) is None


# --- Questions, buttons and the flow ---------------------------------------------------------


def test_questions_come_in_order() -> None:
    assert [question.id for question in safety_questions(TRACK_ONLY)] == BASIC_QUESTIONS


def test_where_offers_the_runners_places_then_the_others() -> None:
    park = make_profile(places=frozenset({Place.PARK}))
    keys = [option.key for option in where_question(park).options]
    assert keys == ["park", "elsewhere", "road"]
    every = [option.key for option in where_question(EVERY_PLACE).options]
    assert every == ["track", "park", "hallway", "treadmill", "elsewhere", "road"]
    assert max(len(row) for row in where_question(EVERY_PLACE).rows) <= 2


def test_pain_buttons_run_from_0_to_10_in_rows_by_band() -> None:
    pain = safety_questions(TRACK_ONLY)[3]
    assert [option.value for option in pain.options] == list(PAINS)
    assert [[option.value for option in row] for row in pain.rows] == [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8, 9, 10],
    ]


def test_button_keys_are_unique_short_and_map_back() -> None:
    options = [option for question in safety_questions(EVERY_PLACE) for option in question.options]
    keys = [option.key for option in options]
    assert len(keys) == len(set(keys))
    assert all(0 < len(key) <= 20 and key.isascii() for key in keys)
    assert all(option_by_key(option.key) == option for option in options)
    assert option_by_key("nonsense") is None


def test_a_full_check_step_by_step() -> None:
    answers = SafetyAnswers()
    seen = []
    for key in ["track", "surface_yes", "hard_no", "pain_1", "warm_up_go"]:
        question = next_question(answers, TRACK_ONLY)
        assert question is not None
        seen.append(question.id)
        answers = tap(answers, key)
    assert seen == BASIC_QUESTIONS
    assert next_question(answers, TRACK_ONLY) is None


def test_after_a_road_the_place_is_asked_again_and_the_check_goes_on() -> None:
    answers = answered("road")
    verdict = decided_early(answers)
    assert verdict is not None and verdict.outcome is Outcome.REFUSE_PLACE
    assert _next_id(answers) is QuestionId.WHERE
    assert _next_id(tap(answers, "track")) is QuestionId.SURFACE


def test_moving_after_poor_ground_asks_about_the_new_ground() -> None:
    answers = answered("park", "surface_no")
    verdict = decided_early(answers)
    assert verdict is not None and verdict.can_move
    assert _next_id(answers) is QuestionId.WHERE
    moved = tap(answers, "track")
    assert moved.surface_ok is None
    assert _next_id(moved) is QuestionId.SURFACE


def test_not_yet_waits_and_asks_again_with_what_to_do() -> None:
    answers = answered("track", "surface_yes", "hard_no", "pain_0")
    question = next_question(answers, TRACK_ONLY)
    assert question is not None
    assert question_key(question, answers) == "warm_up_ready"
    waiting = tap(answers, "warm_up_wait")
    again = next_question(waiting, TRACK_ONLY)
    assert again == question
    assert question_key(question, waiting) == "warm_up_waiting"
    assert assess(waiting, TRACK_ONLY, LEVEL_1) == assess(answers, TRACK_ONLY, LEVEL_1)
    assert next_question(tap(waiting, "warm_up_go"), TRACK_ONLY) is None


def test_answers_store_as_button_keys_and_read_back() -> None:
    for answers in every_complete_answer():
        for prefix in prefixes(answers):
            stored = answer_keys(prefix)
            assert all(option_by_key(key) is not None for key in stored.values())
            assert answers_from_keys(stored) == prefix
    assert answer_keys(answered("park", "pain_7")) == {"where": "park", "pain_now": "pain_7"}


def test_stale_stored_keys_are_dropped() -> None:
    stored = {"where": "moon", "surface_ok": "hard_yes", "pain_now": "pain_2", "other": "x"}
    assert answers_from_keys(stored) == SafetyAnswers(pain_now=2)


def _next_id(answers: SafetyAnswers) -> QuestionId | None:
    question = next_question(answers, EVERY_PLACE)
    return None if question is None else question.id


# --- Texts ------------------------------------------------------------------------------------


def test_every_key_has_a_text() -> None:
    assert set(texts.REASONS) == {reason.value for reason in Reason}
    everyone = make_profile(places=frozenset(Place), parq_yes=frozenset(ParqQuestion))
    questions = safety_questions(everyone, done_today=True)
    options: list[Option] = [option for question in questions for option in question.options]
    assert all(texts.OPTION_LABELS[option.key] for option in options)
    keys = {question_key(question, SafetyAnswers()) for question in questions}
    keys |= {question_key(SURFACE_QUESTION, SafetyAnswers(where=where)) for where in ASKED_WHERES}
    assert keys | {"warm_up_waiting"} == set(texts.QUESTIONS)
    for text in texts.QUESTIONS.values():
        assert {name for _, name, _, _ in string.Formatter().parse(text) if name} <= {"minutes"}


@pytest.mark.parametrize("text", [*texts.REASONS.values(), texts.SAFE_PLACE_REMINDER])
def test_verdict_texts_are_one_sentence(text: str) -> None:
    assert is_one_sentence(text)


def test_unwell_advice_fits_a_phone_and_says_what_matters() -> None:
    advice = texts.UNWELL_ADVICE
    assert len(advice) <= 600
    for words in ["Stop now", "emergency services", "chest", "dizziness", "not medical advice"]:
        assert words in advice
    assert "doctor" in advice and "physiotherapist" in advice


# --- Downgraded sessions ----------------------------------------------------------------------

# Every level and stage of both routes, and the level-3 challenge versions.
LADDER_TEMPLATES = tuple(
    dict.fromkeys(
        [template for ladder in LADDERS.values() for template in ladder]
        + [challenge_version(t) for ladder in LADDERS.values() for t in ladder if t.challenge_week]
    )
)
ANY_TEMPLATE = st.builds(
    SessionTemplate,
    level=st.integers(0, 3),
    stage=st.integers(1, 5),
    reps=st.integers(1, 20),
    bout=st.sampled_from([StepKind.REVERSE_WALK, StepKind.REVERSE_JOG]),
    bout_seconds=st.integers(1, 900),
    recovery=st.sampled_from([StepKind.FORWARD_WALK, StepKind.FORWARD_JOG]),
    recovery_seconds=st.integers(0, 600),
    easy_run_seconds=st.sampled_from([0, 300, 600]),
    challenge=st.booleans(),
)


def _assert_walk_only_and_no_more(template: SessionTemplate, gentler: SessionTemplate) -> None:
    assert (gentler.bout, gentler.recovery) == (StepKind.REVERSE_WALK, StepKind.FORWARD_WALK)
    assert (gentler.easy_run_seconds, gentler.challenge) == (0, False)
    assert 0 < gentler.reverse_seconds <= template.reverse_seconds
    assert gentler.bout_seconds <= template.bout_seconds
    assert (gentler.level, gentler.stage) == (template.level, template.stage)
    steps = build_session_timeline(gentler, BASE_PROFILE, Place.TRACK)
    assert not {step.kind for step in steps} & {StepKind.REVERSE_JOG, StepKind.FORWARD_JOG}
    original = build_session_timeline(template, BASE_PROFILE, Place.TRACK)
    assert timeline_seconds(steps) <= timeline_seconds(original)


@given(st.sampled_from(LADDER_TEMPLATES))
def test_downgrading_a_planned_session_halves_it_walking(template: SessionTemplate) -> None:
    gentler = downgraded(template)
    _assert_walk_only_and_no_more(template, gentler)
    half = template.reverse_seconds / 2
    assert half - gentler.bout_seconds < gentler.reverse_seconds <= half
    original = build_session_timeline(template, BASE_PROFILE, Place.TRACK)
    steps = build_session_timeline(gentler, BASE_PROFILE, Place.TRACK)
    assert timeline_seconds(steps) < timeline_seconds(original)


@given(ANY_TEMPLATE)
def test_downgrading_any_session_walks_and_never_adds(template: SessionTemplate) -> None:
    _assert_walk_only_and_no_more(template, downgraded(template))


# --- Precautions, places, a second session, one call per tap ---------------------------------

DIZZY_HALLWAY = make_profile(
    places=frozenset({Place.HALLWAY, Place.TREADMILL}),
    parq_yes=frozenset({ParqQuestion.DIZZINESS_BALANCE}),
)


def test_a_readiness_limit_adds_its_question_and_a_yes_postpones() -> None:
    asked = [question.id for question in safety_questions(DIZZY_HALLWAY)]
    assert asked == [
        QuestionId.WHERE,
        QuestionId.SURFACE,
        QuestionId.DIZZY_TODAY,
        QuestionId.HARD_TODAY,
        QuestionId.PAIN_NOW,
        QuestionId.WARM_UP,
    ]
    step = take_answer(
        answered("hallway", "surface_yes"), _option("dizzy_today_yes"), DIZZY_HALLWAY
    )
    assert step.ends and not step.starts
    assert step.verdict is not None
    assert (step.verdict.outcome, step.verdict.reason) == (Outcome.POSTPONE, Reason.DIZZY_TODAY)
    heart = make_profile(parq_yes=frozenset({ParqQuestion.BP_HEART_MEDICATION}))
    assert QuestionId.HEART_TODAY in [question.id for question in safety_questions(heart)]
    held = make_profile(safety_hold=True)
    assert QuestionId.HEART_TODAY in [question.id for question in safety_questions(held)]


def test_a_dizzy_runner_is_never_offered_the_treadmill() -> None:
    keys = [option.key for option in where_question(DIZZY_HALLWAY).options]
    assert keys == ["hallway", "elsewhere", "road"]


def test_the_surface_question_names_what_matters_at_the_place() -> None:
    treadmill = texts.QUESTIONS[question_key(SURFACE_QUESTION, answered("treadmill"))]
    hallway = texts.QUESTIONS[question_key(SURFACE_QUESTION, answered("hallway"))]
    assert "clip" in treadmill and "behind" in treadmill and "people" not in treadmill
    assert "rugs" in hallway and "cables" in hallway and "lit" not in hallway


@pytest.mark.parametrize("pain", [1, 2])
def test_mild_pain_goes_ahead_but_is_not_called_no_pain(pain: int) -> None:
    verdict = assess(SafetyAnswers(Place.TRACK, True, False, pain), TRACK_ONLY, LEVEL_1)
    assert (verdict.outcome, verdict.reason) == (Outcome.GO, Reason.MILD_PAIN)
    assert "no pain" not in texts.REASONS[verdict.reason]


def test_a_second_session_today_is_asked_about_first() -> None:
    step = first_step(TRACK_ONLY, done_today=True)
    assert step.question is not None and step.question.id is QuestionId.AGAIN_TODAY
    rest = take_answer(SafetyAnswers(), _option("again_no"), TRACK_ONLY, done_today=True)
    assert rest.ends and rest.verdict is not None and rest.verdict.reason is Reason.REST_TODAY
    more = take_answer(SafetyAnswers(), _option("again_yes"), TRACK_ONLY, done_today=True)
    assert more.question is not None and more.question.id is QuestionId.WHERE
    assert first_step(TRACK_ONLY).question == where_question(TRACK_ONLY)


def test_one_call_per_tap_runs_the_whole_check() -> None:
    step = first_step(EVERY_PLACE)
    shown = []
    for key in ["park", "surface_yes", "hard_no", "pain_4", "warm_up_wait", "warm_up_go"]:
        assert not step.ends
        step = take_answer(step.answers, _option(key), EVERY_PLACE)
        shown.append(None if step.verdict is None else step.verdict.reason)
    assert step.starts and step.ends
    assert shown == [None, None, None, Reason.PAIN_MODERATE, None, Reason.PAIN_MODERATE]
    assert step.verdict is not None
    assert with_session(step.verdict, LEVEL_1).template == downgraded(LEVEL_1)


def _option(key: str) -> Option:
    option = option_by_key(key)
    assert option is not None, key
    return option


# --- Place-true sessions ----------------------------------------------------------------------


def test_the_hallway_takes_walking_and_short_jogs_only() -> None:
    level_3 = fitted_to_place(LEVEL_3, Place.HALLWAY)
    assert level_3.easy_run_seconds == 0
    assert level_3.bout_seconds <= 30 and level_3.recovery is StepKind.FORWARD_WALK
    assert level_3.reverse_seconds == LEVEL_3.reverse_seconds
    assert fitted_to_place(LEVEL_3, Place.TRACK) == LEVEL_3


def test_treadmill_cues_name_the_speed_of_each_movement_and_never_a_turn_on_the_belt() -> None:
    jogger = make_profile(places=frozenset({Place.TREADMILL}))
    cues = [step.cue for step in build_session_timeline(LEVEL_1, jogger, Place.TREADMILL)]
    walk = session_template(Route.WALKER, 0, 1)
    walk_cues = [step.cue for step in build_session_timeline(walk, jogger, Place.TREADMILL)]
    assert any("3-5 km/h" in cue for cue in cues) and not any("1.5-2.5" in cue for cue in cues)
    assert any("1.5-2.5 km/h" in cue for cue in walk_cues)
    assert "2 metres clear behind" in cues[0]
    for cue in cues + walk_cues:
        assert "Straddle the belt" not in cue
        assert "grass" not in cue and "lane" not in cue and "rugs" not in cue
