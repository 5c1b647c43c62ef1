"""Scheduled jobs by name, so replacing one never scans the whole JobQueue.

A runner's job is named after a keyed hash of their id, never the id itself: APScheduler
puts job names in its own log lines (a missed run, for one), out of reach of our logging.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Job, JobQueue

from bot.runtime.update_trace import runner_tag

logger = logging.getLogger(__name__)

HELD_BACK = "held-back"  # the "where you are" line after a stale cue
FOLLOW_UP = "followup"  # "how are you?" later on the day of an SOS stop


class JobRegistry:
    """At most one pending job per name (e.g. "cue:3f9a…"); lookups are O(1)."""

    def __init__(self, key: bytes = b"") -> None:
        self._jobs: dict[str, Job[Any]] = {}
        self._key = key

    def runner_job(self, kind: str, user_id: int) -> str:
        """The name of one runner's job of `kind` ("cue", "checkin:<log>", …): the kind, then the
        runner's keyed hash, the same one log lines show."""
        return f"{kind}:{runner_tag(user_id, self._key)}"

    def replace(self, name: str, job: Job[Any]) -> None:
        """Remember `job` under `name`, cancelling the job it replaces."""
        self.cancel(name)
        self._jobs[name] = job

    def arm(
        self,
        job_queue: JobQueue[Any],
        name: str,
        at: float,
        callback: Callable[[Any], Coroutine[Any, Any, None]],
        data: object,
    ) -> None:
        """Run `callback` once at unix time `at` as the job `name`, replacing any pending one.
        APScheduler never drops it as late: lateness is for the callback to judge."""
        job = job_queue.run_once(
            callback,
            when=datetime.fromtimestamp(at, UTC),
            data=data,
            name=name,
            job_kwargs={"misfire_grace_time": None, "coalesce": True},
        )
        self.replace(name, job)

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
        """Cancel every job of one runner (their names end in ":<their hash>")."""
        suffix = f":{runner_tag(user_id, self._key)}"
        for name in [name for name in self._jobs if name.endswith(suffix)]:
            self.cancel(name)

    def __contains__(self, name: object) -> bool:
        """True if a job named `name` is pending."""
        return name in self._jobs

    def names(self) -> frozenset[str]:
        """The names of the pending jobs."""
        return frozenset(self._jobs)
