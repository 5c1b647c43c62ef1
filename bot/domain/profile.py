"""The runner's profile: what onboarding collects and the programme reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo


class Experience(StrEnum):
    """Experience with forward running."""

    NONE = "none"
    OCCASIONAL = "occasional"
    REGULAR = "regular"
    RACES = "races"


class Goal(StrEnum):
    """Why the runner wants to run backwards (several allowed)."""

    KNEE = "knee"
    CALORIES = "calories"
    POSTURE = "posture"
    BALANCE = "balance"
    FORWARD = "forward"
    FUN = "fun"


class Injury(StrEnum):
    """Where the runner has an injury or pain now (none is the empty set)."""

    KNEES = "knees"
    ANKLES_FEET = "ankles_feet"
    HIPS_BACK = "hips_back"
    OTHER = "other"


class Place(StrEnum):
    """Where the runner can train. Sidewalks and roads are deliberately absent."""

    TRACK = "track"
    TREADMILL = "treadmill"
    PARK = "park"
    HALLWAY = "hallway"


class Units(StrEnum):
    """Distance units the runner reads and types."""

    KM = "km"
    MILES = "mi"


class ParqQuestion(StrEnum):
    """The seven PAR-Q questions; a "yes" to any sends the runner to a doctor first."""

    HEART_CONDITION = "heart_condition"
    CHEST_PAIN_ACTIVITY = "chest_pain_activity"
    CHEST_PAIN_REST = "chest_pain_rest"
    DIZZINESS_BALANCE = "dizziness_balance"
    BONE_JOINT = "bone_joint"
    BP_HEART_MEDICATION = "bp_heart_medication"
    OTHER_REASON = "other_reason"


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the coach knows about one runner, as completed at onboarding.

    Weekdays use Python's convention: 0 is Monday, 6 is Sunday.
    """

    user_id: int
    age: int
    experience: Experience
    weekly_km: int
    goals: frozenset[Goal]
    injuries: frozenset[Injury]
    physio_supervised: bool
    places: frozenset[Place]
    sessions_per_week: int
    weekdays: tuple[int, ...]
    session_time: time
    timezone: str
    units: Units
    parq_yes: frozenset[ParqQuestion] = field(default_factory=frozenset)
    medically_cleared: bool = False
    # A cardiac or neurological stop since the last clearance: walk-only until cleared.
    safety_hold: bool = False

    @property
    def walk_only(self) -> bool:
        """True while a PAR-Q "yes" or a cardiac stop has not been cleared by a doctor."""
        return (bool(self.parq_yes) or self.safety_hold) and not self.medically_cleared

    @property
    def has_knee_issue(self) -> bool:
        """Knee pain now, or knee rehab as a goal."""
        return Injury.KNEES in self.injuries or Goal.KNEE in self.goals

    @property
    def balance_concern(self) -> bool:
        """Dizziness or loss of balance reported on the readiness screen."""
        return ParqQuestion.DIZZINESS_BALANCE in self.parq_yes

    def local_time(self, moment: datetime) -> datetime:
        """`moment` (timezone-aware) on the runner's own clock."""
        return moment.astimezone(ZoneInfo(self.timezone))
