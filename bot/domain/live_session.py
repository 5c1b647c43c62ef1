"""A session in progress: which step is next, when each remaining cue is due, pause and skip.

Times are wall-clock unix seconds (what the scheduler and the database hold); step lengths
are the plan's seconds (what the runner reads). `scale` links the two: with scale 60 a 30 s
step lasts half a wall-clock second, for demos and tests.

`due` has one entry per step plus a last one for the end of the session, so the final
"done" message is scheduled like any cue. `next_index` is the next entry to fire: the step
in progress is the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import accumulate

from bot.domain.programme import TimelineStep


class Mark(StrEnum):
    """A cue that carries extra words."""

    HALFWAY = "halfway"
    LAST_ONE = "last_one"


@dataclass(frozen=True, slots=True)
class CueEvent:
    """What fires at a due time: a step begins, or (step is None) the session is done."""

    index: int
    step: TimelineStep | None
    number: int  # 1-based step number
    count: int
    seconds_left: int  # plan seconds from this step's start to the end of the session
    mark: Mark | None


@dataclass(frozen=True, slots=True)
class Position:
    """Where the runner is at a moment: the step in progress and its plan seconds left."""

    index: int
    step: TimelineStep
    step_seconds_left: int


@dataclass(frozen=True, slots=True)
class LiveSession:
    """One runner's session in progress (immutable: every change returns a new one)."""

    steps: tuple[TimelineStep, ...]
    due: tuple[float, ...]
    next_index: int
    paused_at: float | None
    scale: float

    @classmethod
    def begin(cls, steps: tuple[TimelineStep, ...], now: float, scale: float) -> LiveSession:
        """A session whose first step is due at `now`."""
        if not steps:
            raise ValueError("a session needs at least one step")
        if scale <= 0:
            raise ValueError(f"scale must be positive, got {scale}")
        offsets = (0, *accumulate(step.seconds for step in steps))
        return cls(steps, tuple(now + offset / scale for offset in offsets), 0, None, scale)

    @property
    def finished(self) -> bool:
        """True once the final "done" has fired."""
        return self.next_index > len(self.steps)

    @property
    def paused(self) -> bool:
        """True between pause and resume."""
        return self.paused_at is not None

    @property
    def next_due(self) -> float | None:
        """When the next cue is due (None when finished or paused)."""
        if self.finished or self.paused:
            return None
        return self.due[self.next_index]

    def event(self, index: int) -> CueEvent:
        """The cue at `index` (len(steps) is the final "done")."""
        count = len(self.steps)
        total = sum(step.seconds for step in self.steps)
        elapsed = sum(step.seconds for step in self.steps[:index])
        step = self.steps[index] if index < count else None
        return CueEvent(index, step, index + 1, count, total - elapsed, _marks(self.steps)[index])

    def fired(self) -> tuple[LiveSession, CueEvent]:
        """The next cue, and the session after it went out."""
        if self.finished:
            raise ValueError("the session is already finished")
        return replace(self, next_index=self.next_index + 1), self.event(self.next_index)

    def pause(self, now: float) -> LiveSession:
        """Stop the clock; pausing twice keeps the first pause's moment."""
        return self if self.paused else replace(self, paused_at=now)

    def resume(self, now: float) -> LiveSession:
        """Restart the clock: every remaining cue moves later by the time spent paused."""
        if self.paused_at is None:
            return self
        return self._shifted(now - self.paused_at)

    def skip(self, now: float) -> LiveSession:
        """Jump to the next step now (resuming a paused session)."""
        if self.finished:
            return self
        return self._shifted(now - self.due[self.next_index])

    def position(self, now: float) -> Position | None:
        """The step in progress at `now` (None before the first cue or after the last step)."""
        moment = self.paused_at if self.paused_at is not None else now
        index = sum(1 for due in self.due[:-1] if due <= moment) - 1
        if index < 0 or moment >= self.due[-1]:
            return None
        left = (self.due[index + 1] - moment) * self.scale
        return Position(index, self.steps[index], max(1, round(left)))

    def caught_up(self, now: float) -> tuple[LiveSession, Position | None]:
        """The session moved to where the runner is at `now`, after cues were missed.

        Every cue whose time has passed is treated as gone; the position says what the
        runner should be doing now (None if the whole session is over).
        """
        fired = sum(1 for due in self.due if due <= now)
        return replace(self, next_index=max(self.next_index, fired)), self.position(now)

    def reverse_seconds_done(self, now: float) -> int:
        """Plan seconds spent moving backwards up to `now` (a stop counts part of a step)."""
        moment = self.paused_at if self.paused_at is not None else now
        done = 0.0
        for step, start, end in zip(self.steps, self.due, self.due[1:], strict=False):
            if step.kind.is_reverse and start < moment:
                done += (min(moment, end) - start) * self.scale
        return round(done)

    def _shifted(self, seconds: float) -> LiveSession:
        start = self.next_index
        due = (*self.due[:start], *(moment + seconds for moment in self.due[start:]))
        return replace(self, due=due, paused_at=None)


def _marks(steps: tuple[TimelineStep, ...]) -> tuple[Mark | None, ...]:
    """HALFWAY on the step in progress at half time, LAST_ONE on the last reverse bout.

    The tuple has one more entry than steps, for the final "done".
    """
    marks: list[Mark | None] = [None] * (len(steps) + 1)
    total = sum(step.seconds for step in steps)
    starts = (0, *accumulate(step.seconds for step in steps))
    halfway = max(i for i in range(len(steps)) if starts[i] <= total / 2)
    if halfway > 0:
        marks[halfway] = Mark.HALFWAY
    reverse = [i for i, step in enumerate(steps) if step.kind.is_reverse]
    if len(reverse) > 1:
        marks[reverse[-1]] = Mark.LAST_ONE
    return tuple(marks)
