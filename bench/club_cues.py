"""Club mode of bench.cues: many group chats run club sessions at once, through the real
Application (handlers, JobQueue, storage) and the in-process Bot API emulator.

    python -m bench.cues --club [--groups 50] [--members 20] [--duration-s 60]
                         [--ramp-s 5] [--latency-ms 50]

In each group an admin sets the club up and opens a session; every member taps Join and
answers their check in their private chat (one in five has a readiness limit and walks);
the admin taps Start, and the group's 16-minute session runs squeezed into --duration-s.
Telegram's limits are squeezed with it (30 messages a second for the bot, 20 a minute per
group, both times the time scale), so the limiter holds the bot to them as it would in real
time. Printed:

    club: lateness of every group cue from its due moment (real ms), cues lost or dropped
    group rate: the most messages (sends, edits, pins) one group got in any minute of the
        session (plan time) and in any real minute of gathering, against Telegram's 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update

from bench.cues import bench_profile
from bench.setup import bench_settings
from bot.app import build_application
from bot.config import DEFAULT_SEND_RATE
from bot.domain.club import GROUP_MESSAGES_PER_MINUTE
from bot.domain.profile import ParqQuestion, Place, Profile
from bot.domain.programme import (
    Cause,
    PlanState,
    Reason,
    TimelineStep,
    current_template,
    timeline_seconds,
)
from bot.emulator.botapi import ApiCall, BotApiEmulator, EmulatedRequest, Json
from bot.emulator.user import EmulatedUser
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.lifecycle import running
from bot.runtime.services import CoachApplication, services_of
from bot.texts import club as club_texts
from bot.texts.session_timeline import build_session_timeline

_STEP = re.compile(r"Step (\d+) of (\d+)")
_COUNTED = frozenset({"sendMessage", "editMessageText", "pinChatMessage"})
_CHECK_KEYS = ("surface_yes", "dizzy_today_no", "hard_no", "pain_0", "warm_up_go")
WALKER_EVERY = 5  # one member in five has a readiness limit (dizziness): they walk


@dataclass
class _Seen:
    """What the fake Bot API saw: messages by group (real time), cue arrivals, keyboards."""

    group_calls: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    cues: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    keyboards: dict[int, Json] = field(default_factory=dict)
    done: set[int] = field(default_factory=set)
    groups: int = 0
    all_done: asyncio.Event = field(default_factory=asyncio.Event)

    def observe(self, call: ApiCall) -> None:
        chat = call.params.get("chat_id")
        if chat is None:
            return
        chat_id, now = int(chat), time.time()
        result = call.result if isinstance(call.result, dict) else {}
        if result.get("reply_markup", {}).get("inline_keyboard"):
            self.keyboards[chat_id] = result
        if chat_id > 0 or call.method not in _COUNTED:
            return
        self.group_calls[chat_id].append(now)
        text = str(call.params.get("text", ""))
        if call.method == "sendMessage":
            step = _STEP.search(text)
            if step is not None:
                self.cues[chat_id].setdefault(int(step.group(1)), now)
            elif text == club_texts.CLUB_DONE:
                self.done.add(chat_id)
                if len(self.done) >= self.groups:
                    self.all_done.set()


async def run_club(args: argparse.Namespace) -> None:
    """One club run in this process; prints the club and group-rate lines."""
    steps = _group_steps()
    scale = timeline_seconds(steps) / args.duration_s
    seen = _Seen()
    with tempfile.TemporaryDirectory() as directory:
        emulator = BotApiEmulator(keep_calls=False)
        emulator.listeners.append(seen.observe)
        application = build_application(
            bench_settings(Path(directory), time_scale=scale),
            request=EmulatedRequest(emulator, args.latency_ms / 1000),
            updates_request=EmulatedRequest(emulator),
            rate_limiter=PriorityRateLimiter(
                round(DEFAULT_SEND_RATE * scale),
                group_per_minute=round(GROUP_MESSAGES_PER_MINUTE * scale),
            ),
        )
        async with running(application, poll=False):
            groups = await _register(application, emulator, args.groups, args.members)
            gathering_began = time.time()
            await asyncio.gather(
                *(
                    _gather(application, emulator, seen, chat, members, args.ramp_s)
                    for chat, members in groups.items()
                )
            )
            started_at = time.time()
            due = await _start_all(application, emulator, seen, groups)
            seen.groups = len(groups)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(seen.all_done.wait(), args.duration_s * 3 + 30)
            stale = services_of(application).cue_stats.stale_dropped
    _report(args, scale, seen, due, (gathering_began, started_at), stale)


def _group_steps() -> tuple[TimelineStep, ...]:
    """The group's timeline: level-1 members and walkers share level 1's shape."""
    profile = _profile(1, walker=False)
    template = current_template(profile, PlanState.starting(1, datetime.now(UTC).date()))
    return build_session_timeline(template, None, Place.TRACK)


def _profile(user_id: int, *, walker: bool) -> Profile:
    """bench.cues' runner (level 1, on a track); a walker also has a readiness limit
    (dizziness, cleared by a doctor)."""
    if not walker:
        return bench_profile(user_id)
    dizzy = frozenset({ParqQuestion.DIZZINESS_BALANCE})
    return replace(bench_profile(user_id), parq_yes=dizzy, medically_cleared=True)


async def _register(
    application: CoachApplication, emulator: BotApiEmulator, groups: int, members: int
) -> dict[int, list[EmulatedUser]]:
    """Every member with a profile on level 1; group g's first member is its admin."""
    services = services_of(application)
    now = datetime.now(UTC)
    jogging = PlanState.starting(1, now.date())
    by_group: dict[int, list[EmulatedUser]] = {}
    for g in range(1, groups + 1):
        chat = -(100_000 + g)
        users = []
        for m in range(members):
            uid = g * 1000 + m
            await services.runners.record_contact(uid, uid, f"Runner {uid}", now)
            await services.profiles.save(_profile(uid, walker=m % WALKER_EVERY == 1), now)
            await services.plans.start(uid, jogging, Reason(Cause.PROGRESS_LEVEL), now)
            users.append(EmulatedUser(emulator, uid, f"R{uid}"))
        emulator.admins[chat] = {users[0].user_id}
        by_group[chat] = users
    return by_group


async def _deliver(application: CoachApplication, emulator: BotApiEmulator, payload: Json) -> None:
    update = Update.de_json(emulator.number_update(payload), application.bot)
    await application.update_processor.process_update(update, application.process_update(update))


async def _gather(
    application: CoachApplication,
    emulator: BotApiEmulator,
    seen: _Seen,
    chat: int,
    members: Sequence[EmulatedUser],
    ramp_s: float,
) -> None:
    """The admin sets the club up and opens a session; every member joins and checks in."""
    admin = EmulatedUser(emulator, members[0].user_id, "Admin", chat_id=chat)
    await _deliver(application, emulator, admin.text("/club"))
    await _deliver(application, emulator, admin.tap(seen.keyboards[chat], "club|place|track|UTC"))
    await _deliver(application, emulator, admin.text("/club now"))
    await asyncio.gather(
        *(
            _join(application, emulator, seen, chat, user, ramp_s * i / len(members))
            for i, user in enumerate(members)
        )
    )


async def _join(
    application: CoachApplication,
    emulator: BotApiEmulator,
    seen: _Seen,
    chat: int,
    user: EmulatedUser,
    after: float,
) -> None:
    await asyncio.sleep(after)
    in_group = EmulatedUser(emulator, user.user_id, user.first_name, chat_id=chat)
    await _deliver(application, emulator, in_group.tap(seen.keyboards[chat], "club|join"))
    walker = (user.user_id % 1000) % WALKER_EVERY == 1
    for key in _CHECK_KEYS:
        if key.startswith("dizzy") and not walker:
            continue
        message = seen.keyboards[user.user_id]
        await _deliver(application, emulator, user.tap(message, f"clubchk|{chat}|{key}"))


async def _start_all(
    application: CoachApplication,
    emulator: BotApiEmulator,
    seen: _Seen,
    groups: dict[int, list[EmulatedUser]],
) -> dict[int, tuple[float, ...]]:
    """Each admin taps Start; returns each group's stored due times."""
    clubs = services_of(application).clubs
    due: dict[int, tuple[float, ...]] = {}
    for chat, members in groups.items():
        admin = EmulatedUser(emulator, members[0].user_id, "Admin", chat_id=chat)
        status = seen.keyboards[chat]
        await _deliver(application, emulator, admin.tap(status, "club|start"))
        session = await clubs.session(chat)
        if session is not None and session.live is not None:
            due[chat] = session.live.due
    return due


def _most_in_window(moments: Sequence[float], window: float) -> int:
    """The most moments within any `window` seconds."""
    best, first = 0, 0
    for last, moment in enumerate(moments):
        while moment - moments[first] > window:
            first += 1
        best = max(best, last - first + 1)
    return best


def _share(ordered: Sequence[float], share: float) -> float:
    """The sample below which `share` of the sorted samples lie."""
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _report(
    args: argparse.Namespace,
    scale: float,
    seen: _Seen,
    due: dict[int, tuple[float, ...]],
    phases: tuple[float, float],
    stale: int,
) -> None:
    gathering_began, started_at = phases
    lateness, lost = [], 0
    running_rate, gathering_rate = 0, 0
    for chat, moments in due.items():
        arrivals = seen.cues[chat]
        steps = len(moments) - 1
        lost += steps - len(arrivals)
        lateness += [(arrivals[n] - moments[n - 1]) * 1000 for n in arrivals]
        calls = sorted(seen.group_calls[chat])
        running = [t for t in calls if t >= started_at]
        gathering = [t for t in calls if gathering_began <= t < started_at]
        running_rate = max(running_rate, _most_in_window(running, 60 / scale))
        gathering_rate = max(gathering_rate, _most_in_window(gathering, 60))
    ordered = sorted(lateness) or [0.0]
    print(
        f"club: groups={args.groups} members={args.members} started={len(due)} "
        f"finished={len(seen.done)} cues={len(lateness)} lost={lost} stale_dropped={stale} "
        f"lateness_ms p50={statistics.median(ordered):.1f} p95={_share(ordered, 0.95):.1f} "
        f"p99={_share(ordered, 0.99):.1f} max={ordered[-1]:.1f}"
    )
    print(
        f"group rate: most messages to one group in a minute: running {running_rate} "
        f"(plan time), gathering {gathering_rate} (real time); Telegram's limit "
        f"{GROUP_MESSAGES_PER_MINUTE}; time scale {scale:.1f}"
    )
