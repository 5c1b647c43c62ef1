"""/club and the club's buttons in a group chat: set-up and sessions by the group's
admins, Join for everyone, and members who leave the group leaving its session too."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import CallbackQuery, ChatMember, ChatMemberUpdated, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.domain.club import parse_clock, start_moment
from bot.domain.profile import Place
from bot.flows.club.chain import (
    Started,
    end_session,
    member_left,
    open_session,
    reword_status,
    start_session,
)
from bot.flows.club.members import JOIN_PAYLOAD, join
from bot.flows.club.view import (
    CLUB_PLACES,
    CLUB_PREFIX,
    JOIN,
    LANGUAGE,
    PLACE,
    START,
    place_buttons,
)
from bot.flows.language import language_buttons
from bot.runtime.deep_links import private_chat_link
from bot.runtime.language import speaking_to_group
from bot.runtime.services import CoachContext
from bot.runtime.taps import Tap, stop_spinner, tap_of
from bot.texts import club as texts
from bot.texts import common
from bot.texts.translation import LANGUAGES, current_language, language_name, speaking

_ADMINS = frozenset({ChatMember.ADMINISTRATOR, ChatMember.OWNER})
NOW, END = "now", "end"
# Why Start did nothing (worded when answering, in the tapper's language).
_START_ANSWERS: dict[Started, Callable[[], str]] = {
    Started.NOBODY_READY: lambda: texts.NOBODY_READY,
    Started.NOT_GATHERING: lambda: texts.NO_SESSION,
}


async def club_command(update: Update, context: CoachContext) -> None:
    """/club (set the club up: where, on which clock), /club now or /club 18:30 (open a
    session), /club end (end it), /club Europe/Madrid (change the clock). Admins only."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if message.chat.type == message.chat.PRIVATE:
        await message.reply_text(texts.IN_PRIVATE)
        return
    services = context.services
    async with speaking_to_group(services, message.chat_id):
        if not await _is_admin(context, message, user.id):
            await message.reply_text(texts.ADMINS_ONLY)
            return
        await _run_club_command(context, message, context.args[0] if context.args else "")


async def _run_club_command(context: CoachContext, message: Message, argument: str) -> None:
    """An admin's /club with `argument`, answered in the group's language."""
    services = context.services
    chat_id = message.chat_id
    club = await services.clubs.club(chat_id)
    if club is not None and club.language is None:  # a club set up before clubs had one
        await services.clubs.set_language(chat_id, current_language())
    if "/" in argument:
        if not _known_timezone(argument):
            await message.reply_text(texts.UNKNOWN_TIMEZONE.format(name=argument))
        elif club is None:
            await message.reply_text(texts.SETUP_ASK, reply_markup=place_buttons(argument))
        else:
            await services.clubs.set_up(
                chat_id, club.place, argument, current_language(), services.now()
            )
            await message.reply_text(_set_up_text(club.place, argument))
        return
    if club is None:
        timezone = services.settings.default_timezone
        await message.reply_text(texts.SETUP_ASK, reply_markup=place_buttons(timezone))
        return
    if argument.lower() == END:
        if not await end_session(context.application, chat_id):
            await message.reply_text(texts.NOTHING_TO_END)
        return
    at = parse_clock(argument)
    if argument.lower() != NOW and at is None:
        await message.reply_text(texts.USAGE.format(timezone=club.timezone))
        return
    starts_at = None
    if at is not None:
        local_now = services.now().astimezone(ZoneInfo(club.timezone))
        starts_at = start_moment(local_now, at).timestamp()
    if not await open_session(context.application, chat_id, starts_at):
        await message.reply_text(texts.ALREADY_OPEN)


async def club_tap(update: Update, context: CoachContext) -> None:
    """A club button in the group: a place (set-up), Join, or Start."""
    tap = tap_of(update)
    if tap is None:
        return
    services, chat_id, action = context.services, tap.message.chat_id, tap.data[1:2]
    if action == (JOIN,):
        user = tap.query.from_user
        said = await join(context, chat_id, user)
        if said is None:  # a newcomer: the private chat opens with the link
            link = private_chat_link(context.bot, f"{JOIN_PAYLOAD}{chat_id}")
            await _answer(tap.query, texts.OPEN_PRIVATE, url=link)
        else:
            await _answer(tap.query, said)
        return
    if not await _is_admin(context, tap.message, tap.user_id):
        refusal = texts.LANGUAGE_ADMINS_ONLY if action == (LANGUAGE,) else texts.ADMINS_ONLY
        await _answer(tap.query, refusal)
        return
    if action == (LANGUAGE,):
        await _pick_language(context, tap)
        return
    if action == (START,):
        started = await start_session(context.application, chat_id)
        answer = _START_ANSWERS.get(started)
        await _answer(tap.query, None if answer is None else answer())
        return
    place = _place(tap.data)
    timezone = tap.data[3] if len(tap.data) == 4 else ""
    if action != (PLACE,) or place is None or not _known_timezone(timezone):
        await _answer(tap.query, None)
        return
    # The club speaks the language of the admin who sets it up (theirs: this update's).
    await services.clubs.set_up(chat_id, place, timezone, current_language(), services.now())
    await _answer(tap.query, None)
    async with speaking_to_group(services, chat_id):
        await tap.message.edit_text(_set_up_text(place, timezone))


async def language_command(update: Update, context: CoachContext) -> None:
    """/language in a club's group: the group's admins choose the language of everything
    the coach posts there (members' private chats keep their own)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    services = context.services
    club = await services.clubs.club(message.chat_id)
    async with speaking_to_group(services, message.chat_id):
        if club is None:
            await message.reply_text(texts.NOT_SET_UP)
        elif not await _is_admin(context, message, user.id):
            await message.reply_text(texts.LANGUAGE_ADMINS_ONLY)
        else:
            prefix = f"{CLUB_PREFIX}|{LANGUAGE}"
            buttons = language_buttons(current_language(), prefix)
            await message.reply_text(texts.GROUP_LANGUAGE_MENU, reply_markup=buttons)


async def _pick_language(context: CoachContext, tap: Tap) -> None:
    """An admin's language button: the group speaks it from now on, its status at once."""
    chat_id = tap.message.chat_id
    language = tap.data[2] if len(tap.data) == 3 else ""
    if language not in LANGUAGES or not await context.services.clubs.set_language(
        chat_id, language
    ):
        await _answer(tap.query, common.BUTTON_EXPIRED)
        return
    await _answer(tap.query, None)
    with speaking(language):
        said = texts.GROUP_LANGUAGE_SET.format(language=language_name(language))
        await tap.message.edit_text(said)
    await reword_status(context.application, chat_id)


async def left_the_group(update: Update, context: CoachContext) -> None:
    """A member left (or was removed from) the group: out of its session."""
    message = update.effective_message
    if message is not None and message.left_chat_member is not None:
        await member_left(context.application, message.chat_id, message.left_chat_member.id)


async def membership_changed(update: Update, context: CoachContext) -> None:
    """The same, as a chat_member update (groups where the bot is an admin)."""
    change: ChatMemberUpdated | None = update.chat_member
    if change is not None and change.new_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED):
        await member_left(context.application, change.chat.id, change.new_chat_member.user.id)


async def _is_admin(context: CoachContext, message: Message, user_id: int) -> bool:
    """True for the group's owner and administrators (and an admin writing anonymously,
    as the group itself)."""
    if message.sender_chat is not None and message.sender_chat.id == message.chat_id:
        return True
    try:
        member = await context.bot.get_chat_member(message.chat_id, user_id)
    except TelegramError:
        return False
    return member.status in _ADMINS


async def _answer(query: CallbackQuery, text: str | None, *, url: str | None = None) -> None:
    """Answer a tap in the group: a line on the tapper's screen, or the private chat opened."""
    if url is None:
        await stop_spinner(query, text)
        return
    try:
        await query.answer(text, url=url)
    except TelegramError:
        await stop_spinner(query, f"{text} {url}")


def _place(data: tuple[str, ...]) -> Place | None:
    value = data[2] if len(data) >= 3 else ""
    return next((place for place in CLUB_PLACES if place.value == value), None)


def _known_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _set_up_text(place: Place, timezone: str) -> str:
    return texts.SET_UP.format(place=texts.CLUB_PLACES[place], timezone=timezone)


def build_club_group_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/club (in a group, and a pointer in private), /language in a group, the club's
    buttons and members leaving. Put ahead of the group chats' catch-all handlers."""
    return [
        CommandHandler("club", club_command),
        CommandHandler("language", language_command, filters.ChatType.GROUPS),
        CallbackQueryHandler(club_tap, pattern=rf"^{CLUB_PREFIX}\|"),
        MessageHandler(
            filters.ChatType.GROUPS & filters.StatusUpdate.LEFT_CHAT_MEMBER, left_the_group
        ),
        ChatMemberHandler(membership_changed, ChatMemberHandler.CHAT_MEMBER),
    ]
