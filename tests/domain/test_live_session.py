"""The live session model: due times, firing, pause, resume, skip, catch-up."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.live_session import LiveSession, Mark
from bot.domain.programme import StepKind, TimelineStep

WARM, BACK, WALK, COOL = (
    StepKind.WARM_UP,
    StepKind.REVERSE_JOG,
    StepKind.FORWARD_WALK,
    StepKind.COOL_DOWN,
)


def _steps(*spec: tuple[StepKind, int]) -> tuple[TimelineStep, ...]:
    return tuple(TimelineStep(kind, seconds, f"cue {kind}", "tip") for kind, seconds in spec)


INTERVALS = _steps(
    (WARM, 300), (BACK, 30), (WALK, 60), (BACK, 30), (WALK, 60), (BACK, 30), (COOL, 300)
)


def test_due_times_follow_the_steps_and_the_scale() -> None:
    live = LiveSession.begin(INTERVALS, now=1000.0, scale=10)
    assert live.due == (1000.0, 1030.0, 1033.0, 1039.0, 1042.0, 1048.0, 1051.0, 1081.0)
    assert live.next_due == 1000.0


def test_firing_walks_through_every_step_then_the_end() -> None:
    live = LiveSession.begin(INTERVALS, now=0.0, scale=1)
    fired = []
    while not live.finished:
        live, event = live.fired()
        fired.append(event)
    assert [event.step for event in fired] == [*INTERVALS, None]
    assert [event.number for event in fired] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert fired[0].seconds_left == 810
    assert fired[1].seconds_left == 510
    assert live.next_due is None
    with pytest.raises(ValueError, match="finished"):
        live.fired()


def test_halfway_and_last_one_marks() -> None:
    live = LiveSession.begin(INTERVALS, now=0.0, scale=1)
    marks = [live.event(index).mark for index in range(len(INTERVALS) + 1)]
    # Half of 810 s is 405 s, inside the 4th step (390-420 s); the last bout is the 6th.
    assert marks == [None, None, None, Mark.HALFWAY, None, Mark.LAST_ONE, None, None]


def test_pause_shifts_every_remaining_cue_by_the_time_paused() -> None:
    live = LiveSession.begin(INTERVALS, now=0.0, scale=1)
    live, _ = live.fired()  # warm-up sent; next cue due at 300
    paused = live.pause(100.0)
    assert paused.next_due is None
    assert paused.pause(150.0).paused_at == 100.0  # a second pause keeps the first moment
    resumed = paused.resume(160.0)
    assert resumed.due[1:] == tuple(moment + 60 for moment in live.due[1:])
    assert resumed.due[0] == live.due[0]
    assert resumed.next_due == 360.0
    position = resumed.position(160.0)
    assert position is not None
    assert (position.index, position.step_seconds_left) == (0, 200)


def test_skip_brings_the_next_cue_to_now() -> None:
    live, _ = LiveSession.begin(INTERVALS, now=0.0, scale=1).fired()
    skipped = live.skip(50.0)
    assert skipped.next_due == 50.0
    assert skipped.due[-1] == 810.0 - 250.0


def test_skip_while_paused_resumes_with_the_next_step() -> None:
    live, _ = LiveSession.begin(INTERVALS, now=0.0, scale=1).fired()
    skipped = live.pause(10.0).skip(40.0)
    assert not skipped.paused
    assert skipped.next_due == 40.0


def test_catch_up_skips_missed_cues_and_says_where_the_runner_is() -> None:
    live, _ = LiveSession.begin(INTERVALS, now=0.0, scale=1).fired()
    caught, position = live.caught_up(335.0)  # the bot was down from 1 s to 335 s
    assert position is not None
    # 335 s is inside the 3rd step (a walk, 330-390 s): 55 s of it are left.
    assert (position.index, position.step_seconds_left) == (2, 55)
    assert caught.next_index == 3


def test_catch_up_after_the_end_finishes() -> None:
    live = LiveSession.begin(INTERVALS, now=0.0, scale=1)
    caught, position = live.caught_up(5000.0)
    assert position is None
    assert caught.finished


def test_reverse_seconds_done_counts_part_of_a_stopped_step() -> None:
    live = LiveSession.begin(INTERVALS, now=0.0, scale=1)
    assert live.reverse_seconds_done(310.0) == 10
    assert live.reverse_seconds_done(5000.0) == 90


def test_begin_rejects_empty_sessions_and_bad_scales() -> None:
    with pytest.raises(ValueError, match="step"):
        LiveSession.begin((), now=0.0, scale=1)
    with pytest.raises(ValueError, match="scale"):
        LiveSession.begin(INTERVALS, now=0.0, scale=0)


@given(
    pauses=st.lists(st.tuples(st.floats(0, 2000), st.floats(0, 600)), min_size=0, max_size=5),
    scale=st.sampled_from([1.0, 10.0, 60.0]),
)
def test_pauses_never_change_the_length_of_what_is_left(
    pauses: list[tuple[float, float]], scale: float
) -> None:
    live, _ = LiveSession.begin(INTERVALS, now=0.0, scale=scale).fired()
    for start, length in pauses:
        live = live.pause(start).resume(start + length)
        remaining = live.due[live.next_index :]
        gaps = [b - a for a, b in pairwise(remaining)]
        expected = [step.seconds / scale for step in INTERVALS[live.next_index :]]
        assert gaps == pytest.approx(expected)
        assert list(live.due) == sorted(live.due)
