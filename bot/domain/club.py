"""Club sessions in a group chat: who is in, the one session the whole group runs, and
the pace of the group's messages.

Everyone runs the same timeline, cued once in the group, so its shape is the most cautious
of what each member may do today: no member runs more bouts or longer bouts than their own
plan (after their safety check), every recovery is at least as long as the longest any
member needs, and a forward run is kept only if every member has one. Within that shape
each member keeps their own way of going backwards: those whose session walks backwards
(level 0, a downgraded session) or who carry a standing precaution walk, the others jog.
One cue names both ("walkers: walk backwards · joggers: jog backwards").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import StrEnum

from bot.domain.precautions import Precaution
from bot.domain.programme.templates import SessionTemplate, StepKind

# The group's pinned status is edited at most once per this many seconds on behalf of
# members joining, checking in or dropping out (cue edits come on top, one per step); the
# one line naming whoever stopped since comes only with that edit. With the shortest step
# of the programme (25 s: one cue and one edit), a group gets at most
# 2 * 60/8 + 2 * 60/25 < 20 messages a minute: under Telegram's 20 per minute per group.
STATUS_EDIT_GAP_SECONDS = 8.0
GROUP_MESSAGES_PER_MINUTE = 20


class MemberState(StrEnum):
    """Where a member of a club session stands."""

    CHECKING = "checking"  # tapped Join; their safety check runs in the private chat
    READY = "ready"  # the check cleared them: they run with the group
    OUT = "out"  # the check said not today, or the session started before it ended
    DONE = "done"  # finished with the group, or stopped on their own


class Phase(StrEnum):
    """Where the club session is."""

    GATHERING = "gathering"  # members join and check in; it starts at a time or on a tap
    RUNNING = "running"


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a club session, as the group may know them: the name they show."""

    user_id: int
    name: str
    state: MemberState
    walks: bool = False  # goes backwards walking (set once READY)


@dataclass(frozen=True, slots=True)
class Roster:
    """Who is in the group's status: names only, by where they stand (the group never sees
    why anyone is out)."""

    checking: tuple[str, ...]
    ready: tuple[str, ...]
    done: tuple[str, ...]


def walks_backwards(template: SessionTemplate, precautions: Sequence[Precaution]) -> bool:
    """True when the member walks the group's backwards bouts: their own session walks
    them, or a standing precaution (dizziness, heart, a joint) keeps them walking among a
    crowd on a shared track."""
    return template.bout is StepKind.REVERSE_WALK or bool(precautions)


def club_template(templates: Iterable[SessionTemplate], walkers: int) -> SessionTemplate:
    """The group's session for the members cleared today (`templates`, `walkers` of whom
    walk): the most cautious bout count, bout length, recovery and forward run of them all;
    its bouts are jogs if anyone jogs (walkers walk them), walks otherwise."""
    chosen = list(templates)
    if not chosen:
        raise ValueError("a club session needs at least one member who is ready")
    easiest = min(chosen, key=lambda t: (t.level, t.stage, t.reverse_seconds))
    walk_recovery = any(t.recovery is StepKind.FORWARD_WALK for t in chosen)
    everyone_walks = walkers >= len(chosen)
    return replace(
        easiest,
        reps=min(t.reps for t in chosen),
        bout=StepKind.REVERSE_WALK if everyone_walks else StepKind.REVERSE_JOG,
        bout_seconds=min(t.bout_seconds for t in chosen),
        recovery=StepKind.FORWARD_WALK if walk_recovery else StepKind.FORWARD_JOG,
        recovery_seconds=max(t.recovery_seconds for t in chosen),
        easy_run_seconds=min(t.easy_run_seconds for t in chosen),
        challenge=False,
        challenge_week=False,
    )


def as_done_by(group: SessionTemplate, walks: bool) -> SessionTemplate:
    """The group's session as one member did it (what goes into their own log)."""
    return replace(group, bout=StepKind.REVERSE_WALK) if walks else group


def roster(members: Iterable[Member]) -> Roster:
    """The names the status shows, oldest joiner first; members who are out are left off."""
    by_state: dict[MemberState, list[str]] = {state: [] for state in MemberState}
    for member in members:
        by_state[member.state].append(member.name)
    return Roster(
        tuple(by_state[MemberState.CHECKING]),
        tuple(by_state[MemberState.READY]),
        tuple(by_state[MemberState.DONE]),
    )


def start_moment(now_local: datetime, at: time) -> datetime:
    """The next moment the group's clock shows `at` (today, or tomorrow once it has passed)."""
    moment = datetime.combine(now_local.date(), at, now_local.tzinfo)
    return moment if moment > now_local else moment + timedelta(days=1)


def parse_clock(text: str) -> time | None:
    """ "18:30" or "6:05" as a time of day; None for anything else."""
    hours, colon, minutes = text.strip().partition(":")
    if not colon or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))
