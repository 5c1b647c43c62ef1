"""Reading our FIT workout files back with fitdecode (the decoder the bot reads watch files
with), and writing the activity file a watch records when it runs one (with fit-tool)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fitdecode
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

from bot.domain.programme import StepKind
from bot.domain.watch_workout import RepeatSteps, SpeedRange, WorkoutItem, WorkoutStep
from bot.texts import workout as texts

# Step names start with the kind's words; a name tells the kind back.
_KIND_BY_PREFIX = {
    name.split("{")[0].strip(): StepKind(kind) for kind, name in texts.STEP_NAMES.items()
}


@dataclass(frozen=True, slots=True)
class DecodedWorkout:
    """What a watch would read from a workout file."""

    name: str
    sub_sport: str
    items: tuple[WorkoutItem, ...]
    step_names: tuple[str | None, ...]  # None for repeat steps
    time_created: datetime


def decoded_workout(content: bytes) -> DecodedWorkout:
    """Decode a workout file, CRCs checked, into the domain's items and the step names."""
    frames = _data_messages(content)
    [file_id] = [values for name, values in frames if name == "file_id"]
    [workout] = [values for name, values in frames if name == "workout"]
    steps = sorted(
        (values for name, values in frames if name == "workout_step"),
        key=lambda values: values["message_index"],
    )
    assert file_id["type"] == "workout"
    assert workout["num_valid_steps"] == len(steps)
    return DecodedWorkout(
        workout["wkt_name"],
        workout["sub_sport"],
        tuple(_item(values) for values in steps),
        tuple(values.get("wkt_step_name") for values in steps),
        file_id["time_created"],
    )


def activity_fit(workout_name: str, start: datetime, seconds: float) -> bytes:
    """An activity file of a run that followed the named workout (one session summary)."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = round(start.timestamp() * 1000)
    file_id.serial_number = 7
    builder.add(file_id)
    workout = WorkoutMessage()
    workout.workout_name = workout_name
    workout.sport = Sport.RUNNING
    builder.add(workout)
    session = SessionMessage()
    session.start_time = round(start.timestamp() * 1000)
    session.total_elapsed_time = seconds
    session.total_timer_time = seconds
    session.total_distance = 1500.0
    session.avg_heart_rate = 131
    builder.add(session)
    content: bytes = builder.build().to_bytes()
    return content


def expanded(items: Sequence[WorkoutItem]) -> tuple[WorkoutStep, ...]:
    """The steps in the order a watch runs them, every repeat unrolled (the inverse of
    `workout_items`, for checking it).

    ValueError for a repeat that points forwards or at another repeat's block.
    """
    steps: list[WorkoutStep] = []
    # Where each item's steps start in `steps`, so a repeat knows which block it copies.
    starts: list[int] = []
    for position, item in enumerate(items):
        starts.append(len(steps))
        if isinstance(item, WorkoutStep):
            steps.append(item)
            continue
        if not 0 <= item.from_index < position or item.times < 1:
            raise ValueError(f"repeat step {position} does not point back at a block")
        block = steps[starts[item.from_index] :]
        steps += block * (item.times - 1)
    return tuple(steps)


def _data_messages(content: bytes) -> list[tuple[str, dict[str, Any]]]:
    with fitdecode.FitReader(io.BytesIO(content), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        return [
            (frame.name, {field.name: field.value for field in frame.fields})
            for frame in reader
            if isinstance(frame, fitdecode.FitDataMessage)
        ]


def _item(values: dict[str, Any]) -> WorkoutItem:
    if values["duration_type"] == "repeat_until_steps_cmplt":
        return RepeatSteps(int(values["duration_step"]), int(values["repeat_steps"]))
    assert values["duration_type"] == "time"
    name = str(values["wkt_step_name"])
    [kind] = [kind for prefix, kind in _KIND_BY_PREFIX.items() if name.startswith(prefix)]
    speed = None
    if values["target_type"] == "speed":
        speed = SpeedRange(
            float(values["custom_target_speed_low"]),
            float(values["custom_target_speed_high"]),
        )
    return WorkoutStep(kind, round(float(values["duration_time"])), speed)
