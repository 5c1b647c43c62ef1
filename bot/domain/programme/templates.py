"""The programme's levels and stages as data: one row per session template.

Levels follow the evidence in COACHING.md: backward walking first (0), short reverse jogs
with walking breaks (1), longer reverse bouts or mixed forward/reverse intervals (2), and
continuous reverse segments inside an easy run (3). Within a level, each stage changes one
variable (reps or bout length); from any stage to the next, reverse seconds per session grow
by at most 20%, so with a fixed number of sessions the weekly reverse minutes do too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from bot.domain.profile import Experience, Profile

WARM_UP_SECONDS = 300
COOL_DOWN_SECONDS = 300
MAX_WEEKLY_GROWTH = 1.2


class StepKind(StrEnum):
    """What the runner does during one step of a session."""

    WARM_UP = "warm_up"
    REVERSE_WALK = "reverse_walk"
    REVERSE_JOG = "reverse_jog"
    FORWARD_WALK = "forward_walk"
    FORWARD_JOG = "forward_jog"
    COOL_DOWN = "cool_down"

    @property
    def is_reverse(self) -> bool:
        """True for the backwards steps."""
        return self in _REVERSE_KINDS


_REVERSE_KINDS = frozenset({StepKind.REVERSE_WALK, StepKind.REVERSE_JOG})


class Route(StrEnum):
    """Which ladder a runner climbs."""

    # Walkers lengthen their reverse jogs with walking breaks (a bridge of 90 s, 2 min and
    # 3 min bouts), and never jog forwards.
    WALKER = "walker"
    # Regular runners mix reverse jogs into forward jogging, then run reverse segments
    # inside an easy run.
    RUNNER = "runner"
    # Knee runners walk backwards up to the Alghadir dose (10 min) before any jogging, then
    # follow the walkers.
    KNEE = "knee"


@dataclass(frozen=True, slots=True)
class SessionTemplate:
    """The main set of one session, between the warm-up and the cool-down.

    `reps` bouts of `bout` with `recovery` between them. At level 3 the bouts sit inside an
    easy run: `easy_run_seconds` of forward jogging come before the first and after the last.
    """

    level: int
    stage: int
    reps: int
    bout: StepKind
    bout_seconds: int
    recovery: StepKind
    recovery_seconds: int
    easy_run_seconds: int = 0
    challenge: bool = False
    # A weekly challenge day: only once bouts of CHALLENGE_AFTER_BOUT were tolerated.
    challenge_week: bool = False

    @property
    def reverse_seconds(self) -> int:
        """Seconds spent moving backwards in one session."""
        return self.reps * self.bout_seconds


_RW, _RJ = StepKind.REVERSE_WALK, StepKind.REVERSE_JOG
_FW, _FJ = StepKind.FORWARD_WALK, StepKind.FORWARD_JOG
_T = SessionTemplate

# Columns: level, stage, reps, bout, bout s, recovery, recovery s[, easy run s before/after].
# Reverse seconds per session in the trailing comment.
_LEVEL_0 = (
    _T(0, 1, 10, _RW, 30, _FW, 30),  # 300
    _T(0, 2, 12, _RW, 30, _FW, 30),  # 360: reps
    _T(0, 3, 12, _RW, 35, _FW, 30),  # 420: bout
)
# The knee route walks on to 10 min of backward walking (Alghadir 2019) before jogging.
_LEVEL_0_KNEE = (
    *_LEVEL_0,
    _T(0, 4, 10, _RW, 50, _FW, 30),  # 500: bout (fewer, longer walks)
    _T(0, 5, 10, _RW, 60, _FW, 30),  # 600: bout: the 10 min dose
)
_LEVEL_1 = (
    _T(1, 1, 5, _RJ, 25, _FW, 60),  # 125: jogging starts small
    _T(1, 2, 6, _RJ, 25, _FW, 60),  # 150: reps
    _T(1, 3, 6, _RJ, 30, _FW, 60),  # 180: bout
    _T(1, 4, 7, _RJ, 30, _FW, 60),  # 210: reps
)
_LEVEL_2_WALKER = (
    _T(2, 1, 5, _RJ, 45, _FW, 60),  # 225: longer bouts, fewer of them
    _T(2, 2, 6, _RJ, 45, _FW, 60),  # 270: reps
    _T(2, 3, 6, _RJ, 50, _FW, 60),  # 300: bout
    _T(2, 4, 6, _RJ, 60, _FW, 60),  # 360: bout
)
# The bridge to continuous running for walkers: longer bouts, still with walking breaks.
_LEVEL_3_WALKER = (
    _T(3, 1, 4, _RJ, 90, _FW, 90),  # 360: 90 s bouts, fewer of them
    _T(3, 2, 4, _RJ, 105, _FW, 90),  # 420: bout
    _T(3, 3, 4, _RJ, 120, _FW, 90),  # 480: 2 min bouts
    _T(3, 4, 3, _RJ, 180, _FW, 90),  # 540: 3 min bouts, one fewer
    _T(3, 5, 3, _RJ, 180, _FW, 90, challenge_week=True),  # 540: and a weekly challenge
)
_LEVEL_2_RUNNER = (
    _T(2, 1, 7, _RJ, 30, _FJ, 60),  # 210: the walks become forward jogs
    _T(2, 2, 8, _RJ, 30, _FJ, 60),  # 240: reps
    _T(2, 3, 9, _RJ, 30, _FJ, 60),  # 270: reps
    _T(2, 4, 10, _RJ, 30, _FJ, 60),  # 300: reps
)
_LEVEL_3_RUNNER = (
    _T(3, 1, 2, _RJ, 180, _FJ, 300, 300),  # 360: continuous segments inside an easy run
    _T(3, 2, 2, _RJ, 180, _FJ, 300, 300, challenge_week=True),  # 360: 3 min tolerated: challenge
    _T(3, 3, 2, _RJ, 210, _FJ, 300, 300, challenge_week=True),  # 420: bout
    _T(3, 4, 2, _RJ, 240, _FJ, 300, 300, challenge_week=True),  # 480: bout
    _T(3, 5, 2, _RJ, 270, _FJ, 300, 300, challenge_week=True),  # 540: bout
)

LADDERS: dict[Route, tuple[SessionTemplate, ...]] = {
    Route.WALKER: _LEVEL_0 + _LEVEL_1 + _LEVEL_2_WALKER + _LEVEL_3_WALKER,
    Route.RUNNER: _LEVEL_0 + _LEVEL_1 + _LEVEL_2_RUNNER + _LEVEL_3_RUNNER,
    Route.KNEE: _LEVEL_0_KNEE + _LEVEL_1 + _LEVEL_2_WALKER + _LEVEL_3_WALKER,
}
TOP_LEVEL = 3
# The longest stage count of a level on any route (a stored stage is checked against it).
MAX_STAGE = max(template.stage for ladder in LADDERS.values() for template in ladder)

_BY_POSITION = {
    (route, template.level, template.stage): template
    for route, ladder in LADDERS.items()
    for template in ladder
}
_STAGES = {
    (route, level): sum(1 for template in ladder if template.level == level)
    for route, ladder in LADDERS.items()
    for level in range(TOP_LEVEL + 1)
}
_FORWARD_RUNNERS = frozenset({Experience.REGULAR, Experience.RACES})


def stage_count(route: Route, level: int) -> int:
    """How many stages a level has on a route."""
    return _STAGES[(route, level)]


def session_template(route: Route, level: int, stage: int) -> SessionTemplate:
    """The template at a position of the programme; KeyError if there is none."""
    return _BY_POSITION[(route, level, stage)]


def route_for(profile: Profile) -> Route:
    """Knee runners walk longer first; regular runners without pain mix in forward jogging;
    everyone else lengthens reverse jogs with walking breaks."""
    if profile.has_knee_issue:
        return Route.KNEE
    if profile.experience in _FORWARD_RUNNERS and not profile.injuries:
        return Route.RUNNER
    return Route.WALKER


def intensity(template: SessionTemplate) -> tuple[int, int]:
    """How demanding a session's backwards work is: walking below jogging, then bout length."""
    return (0 if template.bout is StepKind.REVERSE_WALK else 1), template.bout_seconds


def challenge_version(template: SessionTemplate) -> SessionTemplate:
    """The weekly challenge: one continuous reverse segment twice the tolerated bout, never
    more backwards time than the usual session (it adds continuity, not load)."""
    if not template.challenge_week:
        raise ValueError("only sessions after tolerated 3 min bouts have a challenge version")
    segment = min(template.reverse_seconds, 2 * template.bout_seconds)
    return replace(template, reps=1, bout_seconds=segment, challenge=True)
