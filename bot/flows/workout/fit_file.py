"""Writing a watch workout as a FIT file (fit-tool's encoder), and reading its name back.

The steps come from the domain (`workout_items`); this module gives each its name, note,
intensity and target, and encodes them with the workout's name and a file id. The file id's
time is the session's start and its serial number is derived from the steps, so the same
session always gives the same bytes and a changed session gives other ones.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.domain.programme import StepKind
from bot.domain.watch_files.fit import FIT_READ_ERRORS, data_messages
from bot.domain.watch_workout import RepeatSteps, WorkoutItem, WorkoutStep
from bot.texts import workout as texts
from bot.texts.session_timeline import format_duration

# FIT's intensity of each step kind, by fit-tool's Intensity names.
_INTENSITIES = {
    StepKind.WARM_UP: "WARMUP",
    StepKind.REVERSE_WALK: "ACTIVE",
    StepKind.REVERSE_JOG: "ACTIVE",
    StepKind.FORWARD_WALK: "RECOVERY",
    StepKind.FORWARD_JOG: "ACTIVE",
    StepKind.COOL_DOWN: "COOLDOWN",
}
# Room for the longest step name and note; fit-tool sizes string fields from the first value.
_STRING_BYTES = 80


def step_name(step: WorkoutStep) -> str:
    """What the watch shows for a step, e.g. "BACKWARDS jog 25 s"."""
    return texts.STEP_NAMES[step.kind].format(duration=format_duration(step.seconds))


def workout_fit(
    name: str, items: Sequence[WorkoutItem], starts: datetime, *, treadmill: bool
) -> bytes:
    """The FIT workout file: a file id, the workout, then one message per item."""
    # fit-tool takes a quarter of a second to import: only a bot that writes a workout pays it.
    from fit_tool.fit_file_builder import FitFileBuilder

    builder = FitFileBuilder(auto_define=True, min_string_size=_STRING_BYTES)
    builder.add(_file_id(items, starts))
    builder.add(_workout(name, len(items), treadmill))
    for index, item in enumerate(items):
        builder.add(_step_message(index, item))
    content: bytes = builder.build().to_bytes()
    return content


def workout_name_in(content: bytes) -> str | None:
    """The workout name an activity file carries (watches record the workout they ran),
    or None if it has none or cannot be read."""
    try:
        for frame in data_messages(content):
            if frame.name == "workout":
                value = frame.get_value("wkt_name", fallback=None)
                return value if isinstance(value, str) and value else None
    except FIT_READ_ERRORS:
        return None
    return None


def _file_id(items: Sequence[WorkoutItem], starts: datetime) -> Any:
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer

    message = FileIdMessage()
    message.type = FileType.WORKOUT
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.time_created = round(starts.timestamp() * 1000)
    # Nonzero, and different for different steps (0 means "none" to some readers).
    message.serial_number = zlib.crc32(repr(tuple(items)).encode()) or 1
    return message


def _workout(name: str, count: int, treadmill: bool) -> Any:
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import Sport, SubSport

    message = WorkoutMessage()
    message.workout_name = name
    message.sport = Sport.RUNNING
    message.sub_sport = SubSport.TREADMILL if treadmill else SubSport.GENERIC
    message.num_valid_steps = count
    return message


def _step_message(index: int, item: WorkoutItem) -> Any:
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import Intensity, WorkoutStepDuration, WorkoutStepTarget

    message = WorkoutStepMessage()
    message.message_index = index
    if isinstance(item, RepeatSteps):
        message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        message.duration_step = item.from_index
        message.target_repeat_steps = item.times
        return message
    message.workout_step_name = step_name(item)
    message.notes = texts.STEP_NOTES[item.kind]
    message.intensity = Intensity[_INTENSITIES[item.kind]]
    message.duration_type = WorkoutStepDuration.TIME
    message.duration_time = float(item.seconds)
    if item.speed is None:
        message.target_type = WorkoutStepTarget.OPEN
    else:
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0  # 0: a custom range rather than a speed zone
        message.custom_target_speed_low = item.speed.low_mps
        message.custom_target_speed_high = item.speed.high_mps
    return message
