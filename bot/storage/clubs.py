"""The `clubs`, `club_sessions` and `club_members` tables: group chats set up as clubs, the
session each is gathering or running, and who joined it.

A running club session is stored like a runner's live session (its timeline and the due
time of every remaining cue), so the group's cue chain is rebuilt from here at start.
Every change of a member's state names the state it comes from, so a repeated tap or a
message delivered twice changes nothing the second time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.domain.club import Member, MemberState
from bot.domain.live_session import LiveSession
from bot.domain.profile import Place
from bot.domain.programme import SessionTemplate
from bot.storage.database import Database, Row
from bot.storage.live_sessions import (
    steps_from_json,
    steps_json,
    template_from_json,
    template_json,
)
from bot.storage.session_logs import LogAnswers, NewLog, insert_log

_SESSION = (
    "SELECT s.group_id, s.starts_at, s.status_id, s.status_due, s.template, s.steps, s.due,"
    " s.next_index, s.scale, c.place, c.timezone, c.language"
    " FROM club_sessions AS s JOIN clubs AS c ON c.group_id = s.group_id"
)

_MEMBERS = (
    "SELECT group_id, user_id, name, state, answers, template, downgraded, walks, stop_unsaid"
    " FROM club_members WHERE group_id = ? ORDER BY joined_at, user_id"
)


@dataclass(frozen=True, slots=True)
class Club:
    """A group chat set up as a club."""

    chat_id: int
    place: Place
    timezone: str
    language: str | None  # the group's; None for a club set up before clubs had one


@dataclass(frozen=True, slots=True)
class ClubMember:
    """A member of a club session, with their check's answers and, once cleared, their own
    session for today (`template`, `downgraded`) and whether they walk the bouts."""

    user_id: int
    name: str
    state: MemberState
    answers: dict[str, str]
    template: SessionTemplate | None
    downgraded: bool
    walks: bool
    stop_unsaid: bool  # they stopped mid-session; the group has not been told yet

    @property
    def member(self) -> Member:
        """What the domain (and the group) knows of them."""
        return Member(self.user_id, self.name, self.state, self.walks)


@dataclass(frozen=True, slots=True)
class ClubSession:
    """A club's session: gathering (no `live` yet) or running (`live`, the group's
    `template`)."""

    club: Club
    starts_at: float | None
    status_id: int | None
    status_due: float | None
    template: SessionTemplate | None
    live: LiveSession | None
    members: tuple[ClubMember, ...]

    @property
    def chat_id(self) -> int:
        """The group's chat id."""
        return self.club.chat_id

    def member(self, user_id: int) -> ClubMember | None:
        """One member, if they joined."""
        return next((m for m in self.members if m.user_id == user_id), None)


class Clubs:
    """Repository of clubs, their sessions and members."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def set_up(
        self, chat_id: int, place: Place, timezone: str, language: str, now: datetime
    ) -> None:
        """Make the group a club speaking `language` (or change where it trains and its
        clock; a language it has already is kept)."""
        await self._db.execute(
            "INSERT INTO clubs (group_id, place, timezone, language, created_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (group_id) DO UPDATE SET place = excluded.place,"
            " timezone = excluded.timezone,"
            " language = COALESCE(clubs.language, excluded.language)",
            (chat_id, place.value, timezone, language, now.isoformat()),
        )

    async def club(self, chat_id: int) -> Club | None:
        """The group's club, or None if it was never set up."""
        row = await self._db.fetch_one(
            "SELECT group_id, place, timezone, language FROM clubs WHERE group_id = ?",
            (chat_id,),
        )
        return None if row is None else _club_from(row)

    async def set_language(self, chat_id: int, language: str) -> bool:
        """The language the group is spoken to in; False if the group is not a club."""
        return await self._changed(
            "UPDATE clubs SET language = ? WHERE group_id = ?", (language, chat_id)
        )

    async def running_group(self, user_id: int) -> int | None:
        """The group whose running session the member is in now (not stopped, not done),
        or None."""
        row = await self._db.fetch_one(
            "SELECT m.group_id FROM club_members AS m"
            " JOIN club_sessions AS s ON s.group_id = m.group_id"
            " WHERE m.user_id = ? AND m.state = ? AND s.steps IS NOT NULL"
            " ORDER BY m.group_id LIMIT 1",
            (user_id, MemberState.READY.value),
        )
        return None if row is None else int(row["group_id"])

    async def open(self, chat_id: int, starts_at: float | None, now: datetime) -> bool:
        """Open a session for members to join; False if the club has one already."""
        changed = await self._db.execute(
            "INSERT INTO club_sessions (group_id, starts_at, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (group_id) DO NOTHING",
            (chat_id, starts_at, now.isoformat()),
        )
        return changed > 0

    async def session(self, chat_id: int) -> ClubSession | None:
        """The club's session with its members, or None."""
        row = await self._db.fetch_one(_SESSION + " WHERE s.group_id = ?", (chat_id,))
        return None if row is None else await self._with_members(row)

    async def sessions(self) -> list[ClubSession]:
        """Every club session gathering or running (to rebuild their jobs at start)."""
        rows = await self._db.fetch_all(_SESSION + " ORDER BY s.group_id")
        return [await self._with_members(row) for row in rows]

    async def set_status(self, chat_id: int, status_id: int) -> None:
        """The pinned status message of the club's session."""
        await self._db.execute(
            "UPDATE club_sessions SET status_id = ? WHERE group_id = ?", (status_id, chat_id)
        )

    async def status_due(self, chat_id: int, at: float | None) -> None:
        """An edit of the status is owed from `at` (None: it is up to date)."""
        await self._db.execute(
            "UPDATE club_sessions SET status_due = ? WHERE group_id = ?", (at, chat_id)
        )

    async def join(self, chat_id: int, user_id: int, name: str, now: datetime) -> bool:
        """A member joins (their check starts); False if they had joined already."""
        changed = await self._db.execute(
            "INSERT INTO club_members (group_id, user_id, name, state, joined_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id, user_id) DO NOTHING",
            (chat_id, user_id, name, MemberState.CHECKING.value, now.isoformat()),
        )
        return changed > 0

    async def save_answers(self, chat_id: int, user_id: int, answers: dict[str, str]) -> bool:
        """The member's check answers so far; False if their check is over."""
        return await self._changed(
            "UPDATE club_members SET answers = ?"
            " WHERE group_id = ? AND user_id = ? AND state = 'checking'",
            (json.dumps(answers), chat_id, user_id),
        )

    async def clear(
        self,
        chat_id: int,
        user_id: int,
        template: SessionTemplate,
        *,
        downgraded: bool,
        walks: bool,
    ) -> bool:
        """The check cleared the member with their session for today; False if it was over."""
        return await self._changed(
            "UPDATE club_members SET state = ?, template = ?, downgraded = ?, walks = ?"
            " WHERE group_id = ? AND user_id = ? AND state = 'checking'",
            (
                MemberState.READY.value,
                template_json(template),
                int(downgraded),
                int(walks),
                chat_id,
                user_id,
            ),
        )

    async def sit_out(self, chat_id: int, user_id: int) -> bool:
        """The check said not today; False if it was over."""
        return await self._changed(
            "UPDATE club_members SET state = ?"
            " WHERE group_id = ? AND user_id = ? AND state = 'checking'",
            (MemberState.OUT.value, chat_id, user_id),
        )

    async def start(self, chat_id: int, template: SessionTemplate, live: LiveSession) -> bool:
        """The session starts with the group's template and timeline; members still checking
        in are out of it. False if it had started already (or is gone)."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE club_sessions SET template = ?, steps = ?, due = ?, next_index = ?,"
                " scale = ? WHERE group_id = ? AND steps IS NULL",
                (
                    template_json(template),
                    steps_json(live.steps),
                    json.dumps(live.due),
                    live.next_index,
                    live.scale,
                    chat_id,
                ),
            )
            if changed:
                await tx.execute(
                    "UPDATE club_members SET state = ? WHERE group_id = ? AND state = ?",
                    (MemberState.OUT.value, chat_id, MemberState.CHECKING.value),
                )
        return changed > 0

    async def save_progress(self, chat_id: int, live: LiveSession) -> bool:
        """Where the group's session is (cues sent, due times); False if it has ended."""
        changed = await self._db.execute(
            "UPDATE club_sessions SET due = ?, next_index = ? WHERE group_id = ?",
            (json.dumps(live.due), live.next_index, chat_id),
        )
        return changed > 0

    async def finish_member(
        self,
        chat_id: int,
        user_id: int,
        log: NewLog,
        now: datetime,
        answers: LogAnswers | None,
        *,
        stopped: bool = False,
    ) -> int | None:
        """The member is done (the group finished, or they `stopped`: the group is owed a
        word about it): store their log in their own history, in the same transaction.
        None if they were not running."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE club_members SET state = ?, stop_unsaid = ? WHERE group_id = ?"
                " AND user_id = ? AND state = ?",
                (MemberState.DONE.value, int(stopped), chat_id, user_id, MemberState.READY.value),
            )
            if not changed:
                return None
            return await insert_log(tx, log, now, answers)

    async def take_unsaid_stops(self, chat_id: int) -> list[str]:
        """The names of the members who stopped since the group was last told, in the order
        they joined; from now on they count as told."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT name FROM club_members WHERE group_id = ? AND stop_unsaid = 1"
                " ORDER BY joined_at, user_id",
                (chat_id,),
            )
            await tx.execute(
                "UPDATE club_members SET stop_unsaid = 0 WHERE group_id = ? AND stop_unsaid = 1",
                (chat_id,),
            )
        return [row["name"] for row in rows]

    async def leave(self, chat_id: int, user_id: int) -> bool:
        """The member left the group: they are no longer in its session at all."""
        changed = await self._db.execute(
            "DELETE FROM club_members WHERE group_id = ? AND user_id = ?", (chat_id, user_id)
        )
        return changed > 0

    async def end(self, chat_id: int) -> bool:
        """The session is over (its members' logs are in their own histories)."""
        changed = await self._db.execute("DELETE FROM club_sessions WHERE group_id = ?", (chat_id,))
        return changed > 0

    async def _changed(self, sql: str, params: tuple[object, ...]) -> bool:
        # A member's check moves on only while it is open: a repeated tap changes nothing.
        return await self._db.execute(sql, params) > 0

    async def _with_members(self, row: Row) -> ClubSession:
        members = tuple(
            _member_from(member)
            for member in await self._db.fetch_all(_MEMBERS, (row["group_id"],))
        )
        live = None
        if row["steps"] is not None:
            live = LiveSession(
                steps_from_json(row["steps"]),
                tuple(float(moment) for moment in json.loads(row["due"])),
                row["next_index"],
                None,
                row["scale"],
            )
        return ClubSession(
            _club_from(row),
            row["starts_at"],
            row["status_id"],
            row["status_due"],
            None if row["template"] is None else template_from_json(row["template"]),
            live,
            members,
        )


def _club_from(row: Row) -> Club:
    return Club(row["group_id"], Place(row["place"]), row["timezone"], row["language"])


def _member_from(row: Row) -> ClubMember:
    return ClubMember(
        row["user_id"],
        row["name"],
        MemberState(row["state"]),
        json.loads(row["answers"]),
        None if row["template"] is None else template_from_json(row["template"]),
        bool(row["downgraded"]),
        bool(row["walks"]),
        bool(row["stop_unsaid"]),
    )
