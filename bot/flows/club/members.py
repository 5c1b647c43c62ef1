"""A member's side of a club session, in their private chat: the safety check (the club's
place already answered), their part in the group's session, and stopping or 🆘.

Joining starts from the group's Join button; a member the bot does not know yet is sent
to the private chat with a `/start club<group id>` link, and joins from there.
"""

from __future__ import annotations

from telegram import Update, User
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.domain.club import walks_backwards
from bot.domain.precautions import precautions_of
from bot.domain.profile import Profile
from bot.domain.safety_check import (
    CheckStep,
    Option,
    Outcome,
    SafetyAnswers,
    answer_keys,
    answers_from_keys,
    option_by_key,
    take_answer,
    with_session,
)
from bot.flows.club.chain import MemberEnding, member_stops, status_changed
from bot.flows.club.view import (
    CHECK_PREFIX,
    MEMBER_PREFIX,
    STOP,
    UNWELL,
    group_id,
    local_start,
    member_buttons,
)
from bot.flows.live_session.check import check_keyboard, check_text, done_today, todays_template
from bot.runtime.delivery import Priority
from bot.runtime.sending import send_or_mark_unreachable
from bot.runtime.services import CoachContext
from bot.runtime.taps import Tap, answered_with, edit_or_send, tapped
from bot.storage.clubs import ClubSession
from bot.texts import club as texts

JOIN_PAYLOAD = "club"  # /start payload of the link from a group: "club<group id>"


async def join(context: CoachContext, chat_id: int, user: User) -> str | None:
    """Join the group's session and send the check to the member's private chat; the
    answer for the group's tap (None: the bot needs to meet them in private first)."""
    services = context.services
    profile = await services.profiles.get(user.id)
    if profile is None:
        return None
    name = user.first_name or texts.SOMEONE
    async with services.session_locks[chat_id]:
        session = await services.clubs.session(chat_id)
        if session is None or session.live is not None:
            return texts.JOINS_CLOSED
        if await services.live_sessions.get(user.id) is not None:
            await _say(context, user.id, texts.OWN_SESSION_RUNNING)
            return texts.CHECK_IN_PRIVATE
        if not await services.clubs.join(chat_id, user.id, name, services.now()):
            return texts.JOINED_ALREADY
        step = take_answer(
            SafetyAnswers(),
            _place_option(session),
            profile,
            done_today=await done_today(context, profile),
        )
        await services.clubs.save_answers(chat_id, user.id, answer_keys(step.answers))
    await send_or_mark_unreachable(
        context.application,
        user.id,
        _check_message(session, step),
        priority=Priority.REPLY,
        what="a club check",
        markup=check_keyboard(step.question, f"{CHECK_PREFIX}|{chat_id}"),
    )
    await status_changed(context.application, chat_id)
    return texts.CHECK_IN_PRIVATE


async def start_from_group(update: Update, context: CoachContext) -> None:
    """/start club<group id> in the private chat: the link a Join tap gave a newcomer."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or not context.args:
        return
    services = context.services
    await services.runners.record_contact(user.id, user.id, user.first_name, services.now())
    chat_id = group_id(context.args[0].removeprefix(JOIN_PAYLOAD))
    answer = None if chat_id is None else await join(context, chat_id, user)
    if answer is None:
        await message.reply_text(texts.NEEDS_PROFILE)
    elif answer != texts.CHECK_IN_PRIVATE:
        await message.reply_text(answer)


async def answer(update: Update, context: CoachContext) -> None:
    """A tap on a club check's button: the next question, or the check's end (in, or
    sitting this one out), shown in the same message."""
    tap = await tapped(update)
    if tap is None:
        return
    chat_id = group_id(tap.data[1]) if len(tap.data) == 3 else None
    option = option_by_key(tap.data[2]) if len(tap.data) == 3 else None
    services = context.services
    profile = await services.profiles.get(tap.user_id)
    if chat_id is None or option is None or profile is None:
        await tap.message.reply_text(texts.CHECK_OVER)
        return
    async with services.session_locks[chat_id]:
        session = await services.clubs.session(chat_id)
        member = None if session is None else session.member(tap.user_id)
        if session is None or member is None or session.live is not None:
            await tap.message.reply_text(texts.CHECK_OVER)
            return
        step = take_answer(
            answers_from_keys(member.answers),
            option,
            profile,
            done_today=await done_today(context, profile),
        )
        outcome = await _settle(context, session, profile, step)
    text, prefix = _check_message(session, step), f"{CHECK_PREFIX}|{chat_id}"
    if outcome is None:
        await edit_or_send(tap, text, check_keyboard(step.question, prefix))
        return
    await _show_outcome(tap, text, outcome, chat_id)
    await status_changed(context.application, chat_id)


async def _settle(
    context: CoachContext, session: ClubSession, profile: Profile, step: CheckStep
) -> str | None:
    """Store where the check is: the answers so far (None), or its end, as the member's
    part ("in": the way they go backwards) or "sitting out"."""
    clubs, chat_id, user_id = context.services.clubs, session.chat_id, profile.user_id
    if step.starts and step.verdict is not None:
        verdict = with_session(step.verdict, await todays_template(context, profile))
        if verdict.template is not None:
            precautions = precautions_of(profile)
            walks = walks_backwards(verdict.template, precautions)
            downgraded = verdict.outcome is Outcome.DOWNGRADE
            template = verdict.template
            await clubs.clear(chat_id, user_id, template, downgraded=downgraded, walks=walks)
            if not walks:
                return texts.PART_JOG
            return texts.PART_WALK_PRECAUTION if precautions else texts.PART_WALK
    if step.ends:
        await clubs.sit_out(chat_id, user_id)
        return texts.SIT_OUT
    await clubs.save_answers(chat_id, user_id, answer_keys(step.answers))
    return None


def _check_message(session: ClubSession, step: CheckStep) -> str:
    """The check in the member's private chat: which session it is for, then the answers
    so far and the next question (or the verdict)."""
    start = texts.START_ON_TAP
    if session.starts_at is not None:
        start = texts.START_AT.format(time=local_start(session))
    intro = texts.CHECK_INTRO.format(place=texts.CLUB_PLACES[session.club.place], start=start)
    return f"{intro}\n\n{check_text(step)}"


async def _show_outcome(tap: Tap, check: str, outcome: str, chat_id: int) -> None:
    """The check's last state on its message; then "you're in" with the stop buttons."""
    if outcome == texts.SIT_OUT:
        await edit_or_send(tap, f"{check}\n\n{texts.SIT_OUT}", None)
        return
    await edit_or_send(tap, check, None)
    await tap.message.reply_text(
        texts.YOU_ARE_IN.format(part=outcome), reply_markup=member_buttons(chat_id)
    )


async def stop_or_unwell(update: Update, context: CoachContext) -> None:
    """⏹ or 🆘 under "you're in": the member's part ends (the 🆘 advice comes at once)."""
    tap = await tapped(update)
    if tap is None:
        return
    action = tap.data[1] if len(tap.data) == 3 else ""
    chat_id = group_id(tap.data[2]) if len(tap.data) == 3 else None
    if chat_id is None or action not in (STOP, UNWELL):
        return
    ending = MemberEnding.UNWELL if action == UNWELL else MemberEnding.STOPPED
    if await member_stops(context.application, chat_id, tap.user_id, ending):
        await answered_with(tap, tap.query.edit_message_reply_markup(None))
        return
    await tap.message.reply_text(texts.NOT_RUNNING)


def _place_option(session: ClubSession) -> Option:
    option = option_by_key(session.club.place.value)
    if option is None:
        raise ValueError(f"no check option for the place {session.club.place}")
    return option


async def _say(context: CoachContext, user_id: int, text: str) -> None:
    await send_or_mark_unreachable(
        context.application, user_id, text, priority=Priority.REPLY, what="a club reply"
    )


def build_club_member_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """The private chat's side: the link from a group, the check's buttons, stop and 🆘.
    Put before the onboarding's /start, which would otherwise take the link."""
    return [
        CommandHandler(
            "start",
            start_from_group,
            filters=filters.ChatType.PRIVATE
            & filters.Regex(rf"^/start(@\w+)? {JOIN_PAYLOAD}-\d+$"),
        ),
        CallbackQueryHandler(answer, pattern=rf"^{CHECK_PREFIX}\|"),
        CallbackQueryHandler(stop_or_unwell, pattern=rf"^{MEMBER_PREFIX}\|"),
    ]
