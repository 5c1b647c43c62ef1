"""The words for each moment of onboarding: questions, re-prompts, notices, the readiness
verdict, from the domain's values."""

from __future__ import annotations

from typing import Any

from bot.domain.onboarding.readiness import PARQ_ORDER, Readiness
from bot.domain.onboarding.results import Notice, Rejected
from bot.domain.onboarding.steps import PARQ, SESSIONS, Answers, Step, StepId
from bot.texts import onboarding as texts
from bot.texts.profile_summary import day_names
from bot.texts.translation import localize

_PARQ_BY_STEP = {step.id: question for question, step in PARQ.items()}


def question_text(step: Step[Any], answers: Answers) -> str:
    """The question to send for a step (the PAR-Q's first one comes with its introduction)."""
    question = _PARQ_BY_STEP.get(step.id)
    if question is None:
        sessions = SESSIONS.value_in(answers)
        return texts.QUESTIONS[step.id].format(sessions=sessions or "")
    number = PARQ_ORDER.index(question) + 1
    text = texts.PARQ_QUESTION.format(
        number=number, total=len(PARQ_ORDER), question=texts.PARQ_QUESTIONS[question]
    )
    return f"{texts.PARQ_INTRO}\n\n{text}" if number == 1 else text


def rejection_text(step_id: StepId, rejected: Rejected) -> str:
    """The kind re-prompt for a rejected answer to a step."""
    return texts.REJECTIONS[rejected.reason].format(
        hint=texts.HINTS[step_id], **dict(rejected.params)
    )


def notice_text(notice: Notice) -> str:
    """The text for a notice on an accepted answer."""
    params = dict(notice.params)
    if "days" in params:
        params["days"] = day_names(int(day) for day in params["days"].split(","))
    return texts.NOTICES[notice.note].format(**params)


def readiness_text(readiness: Readiness) -> str:
    """What the readiness verdict means for the runner, with any advice for their age."""
    text = texts.READINESS[readiness.reason]
    if readiness.age_note is None:
        return text
    return f"{text}\n\n{texts.AGE_NOTES[readiness.age_note]}"


localize(__name__)
