"""An activity file coming back from a watch that ran one of our workouts: which session it
was, and the log it makes when the runner did that session with the watch alone."""

from __future__ import annotations

import asyncio

from bot.domain.watch_workout import ran_whole_workout
from bot.flows.workout.fit_file import workout_name_in
from bot.runtime.services import Services
from bot.storage.session_logs import LogSource, NewLog
from bot.storage.watch_workouts import SentWorkout


async def sent_workout_in(
    services: Services, user_id: int, file_name: str, content: bytes
) -> SentWorkout | None:
    """The workout we sent that this activity file ran, found by the name it carries."""
    if not file_name.endswith(".fit"):
        return None
    name = await asyncio.to_thread(workout_name_in, content)
    return None if name is None else await services.watch_workouts.sent(user_id, name)


def log_for_workout(sent: SentWorkout, activity_seconds: int) -> NewLog:
    """A watch-only session's log: the workout's session, its backward time counted only
    when the activity lasted the whole workout (a cut-short one proves no tolerance)."""
    whole = ran_whole_workout(activity_seconds, sent.total_seconds)
    return NewLog(
        sent.user_id,
        sent.session_day,
        LogSource.WATCH,
        whole,
        reverse_seconds=sent.reverse_seconds if whole else 0,
        template=sent.template,
        place=sent.place,
    )
