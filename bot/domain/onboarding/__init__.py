"""Onboarding without Telegram: the questions in order, parsing typed answers, time zones,
the PAR-Q readiness screen and the profile summary. Handlers stay thin on top of this.
"""

from __future__ import annotations

from bot.domain.onboarding.answers import (
    IncompleteAnswersError,
    answers_from_json,
    answers_to_json,
    build_profile,
    parq_yes_in,
)
from bot.domain.onboarding.readiness import PARQ_ORDER, Readiness, assess_readiness
from bot.domain.onboarding.results import Accepted, Notice, ParseResult, Reason, Rejected
from bot.domain.onboarding.steps import (
    STEP_BY_ID,
    STEPS,
    Answers,
    Choice,
    Step,
    StepId,
    StepKind,
    missing_steps,
    next_step,
    toggle,
)
from bot.domain.onboarding.timezones import (
    COMMON_ZONES,
    find_zones,
    parse_location,
    zone_at,
    zone_label,
)

__all__ = [
    "COMMON_ZONES",
    "PARQ_ORDER",
    "STEPS",
    "STEP_BY_ID",
    "Accepted",
    "Answers",
    "Choice",
    "IncompleteAnswersError",
    "Notice",
    "ParseResult",
    "Readiness",
    "Reason",
    "Rejected",
    "Step",
    "StepId",
    "StepKind",
    "answers_from_json",
    "answers_to_json",
    "assess_readiness",
    "build_profile",
    "find_zones",
    "missing_steps",
    "next_step",
    "parq_yes_in",
    "parse_location",
    "toggle",
    "zone_at",
    "zone_label",
]
