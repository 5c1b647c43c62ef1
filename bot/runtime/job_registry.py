"""Scheduled jobs by name, so replacing one never scans the whole JobQueue."""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Job

logger = logging.getLogger(__name__)


def cue_job_name(user_id: int) -> str:
    """The name of a runner's cue job."""
    return f"cue:{user_id}"


def checkin_job_name(user_id: int, log_id: int) -> str:
    """The name of the next-morning check-in job of one logged session."""
    return f"checkin:{log_id}:{user_id}"


def follow_up_job_name(user_id: int) -> str:
    """The name of a runner's "how are you?" job later on the day of an SOS stop."""
    return f"followup:{user_id}"


class JobRegistry:
    """At most one pending job per name (e.g. "cue:42"); lookups are O(1)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job[Any]] = {}

    def replace(self, name: str, job: Job[Any]) -> None:
        """Remember `job` under `name`, cancelling the job it replaces."""
        self.cancel(name)
        self._jobs[name] = job

    def cancel(self, name: str) -> bool:
        """Cancel the job named `name`; False if there was none pending."""
        job = self._jobs.pop(name, None)
        if job is None:
            return False
        try:
            job.schedule_removal()
        except JobLookupError:
            return False  # it has run already
        return True

    def ran(self, name: str, job: Job[Any]) -> None:
        """A one-off job has started: forget it unless it was replaced meanwhile."""
        if self._jobs.get(name) is job:
            del self._jobs[name]

    def cancel_runner(self, user_id: int) -> None:
        """Cancel every job of one runner (their names end in ":<user_id>")."""
        suffix = f":{user_id}"
        for name in [name for name in self._jobs if name.endswith(suffix)]:
            self.cancel(name)

    def __contains__(self, name: object) -> bool:
        """True if a job named `name` is pending."""
        return name in self._jobs

    def names(self) -> frozenset[str]:
        """The names of the pending jobs."""
        return frozenset(self._jobs)
