"""The runner's language: chosen before every update is handled, and changed with
/language (or from /profile).

The language is the one the runner picked, else the one their Telegram app says, else
English; at /start it is stored (`remember_first_language`), so jobs that write later
(reminders, cues, check-ins) use it too. Changing it mid-session rewords the steps still to
come, so the next cue is in the new language.
"""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    TypeHandler,
    filters,
)

from bot.runtime.language import runner_language
from bot.runtime.services import CoachContext, Services
from bot.runtime.taps import edit_or_send, stop_spinner, tap_of, tapped
from bot.texts import common
from bot.texts import language as texts
from bot.texts.session_timeline import build_session_timeline
from bot.texts.translation import ENGLISH, LANGUAGES, language_name, use_language

# Before every other handler, the edits' refusal (-1) included: every reply is in the
# runner's language.
logger = logging.getLogger(__name__)

LANGUAGE_GROUP = -2
LANGUAGE_PREFIX = "lang"  # callback data "lang|<code>", or "lang|menu" from /profile
MENU = "menu"
LANGUAGE_MENU = f"{LANGUAGE_PREFIX}|{MENU}"  # the data of a button that opens the menu


async def choose_language(update: Update, context: CoachContext) -> None:
    """Speak the sender's language for the rest of this update."""
    user = update.effective_user
    if user is None:
        use_language(ENGLISH)
        return
    use_language(await runner_language(context.services, user.id, user.language_code))


async def show_menu(update: Update, context: CoachContext) -> None:
    """/language: a button per language, the current one ticked."""
    if update.callback_query is not None:
        await tapped(update)
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    current = await runner_language(context.services, user.id, user.language_code)
    await message.reply_text(texts.MENU, reply_markup=language_buttons(current))


async def pick(update: Update, context: CoachContext) -> None:
    """A language button: store it, answer in it, and reword a session in progress."""
    tap = tap_of(update)
    if tap is None or update.effective_user is None:
        if update.callback_query is not None:
            await stop_spinner(update.callback_query)
        return
    language = tap.data[1] if len(tap.data) == 2 else ""
    if language == MENU:
        await show_menu(update, context)  # answers the tap
        return
    if language not in LANGUAGES:
        await stop_spinner(tap.query, common.BUTTON_EXPIRED)
        return
    await stop_spinner(tap.query)
    services, user = context.services, update.effective_user
    before = await runner_language(services, user.id, user.language_code)
    await services.runners.record_contact(
        user.id, tap.message.chat_id, user.first_name, services.now()
    )
    await services.runners.set_language(user.id, language)
    use_language(language)
    await edit_or_send(
        tap, texts.UNCHANGED if language == before else texts.CHANGED, language_buttons(language)
    )
    if language != before:
        await _reword_live_session(services, user.id)
        await _chat_commands(context, tap.message.chat_id)


def language_buttons(current: str, prefix: str = LANGUAGE_PREFIX) -> InlineKeyboardMarkup:
    """A button per language (data "<prefix>|<code>"), the `current` one ticked."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.CURRENT_MARK.format(language=language_name(language))
                    if language == current
                    else language_name(language),
                    callback_data=f"{prefix}|{language}",
                )
            ]
            for language in LANGUAGES
        ]
    )


async def _reword_live_session(services: Services, user_id: int) -> None:
    """The steps of a session in progress, worded again in the current language."""
    async with services.session_locks[user_id]:
        stored = await services.live_sessions.get(user_id)
        profile = await services.profiles.get(user_id)
        if stored is None or profile is None:
            return
        steps = build_session_timeline(
            stored.template, profile, stored.place, stored.day.toordinal()
        )
        same_steps = [(s.kind, s.seconds) for s in steps] == [
            (s.kind, s.seconds) for s in stored.live.steps
        ]
        if same_steps:
            await services.live_sessions.reword(user_id, steps)


async def _chat_commands(context: CoachContext, chat_id: int) -> None:
    """The command menu of this chat in the chosen language (the app's own language picks
    the menu elsewhere)."""
    commands = [BotCommand(command, words) for command, words in common.COMMANDS.items()]
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:
        # A convenience: the commands work without the menu.
        logger.warning("could not register a chat's command list: %s", error)


def build_language_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/language and its buttons (group 0)."""
    return [
        CommandHandler("language", show_menu, filters.ChatType.PRIVATE),
        CallbackQueryHandler(pick, pattern=rf"^{LANGUAGE_PREFIX}\|"),
    ]


def build_language_choice() -> list[BaseHandler[Update, CoachContext, None]]:
    """The handler that sets the language of every update (group LANGUAGE_GROUP)."""
    return [TypeHandler(Update, choose_language)]
