"""Wiring only: build the Application, its services and handlers; open and close storage."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ContextTypes,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.flows.admin import build_admin_handlers
from bot.flows.basics import build_basic_handlers, build_fallback_handlers
from bot.flows.calendar_feed import build_calendar_handlers, calendar_feed_routes
from bot.flows.club.chain import rebuild_club_jobs
from bot.flows.club.group import build_club_group_handlers
from bot.flows.club.members import build_club_member_handlers
from bot.flows.edits import EDITS_GROUP, build_edit_handlers
from bot.flows.errors import handle_error
from bot.flows.group_chat import build_group_chat_handlers
from bot.flows.language import LANGUAGE_GROUP, build_language_choice, build_language_handlers
from bot.flows.live_session.check import build_go_handlers
from bot.flows.live_session.controls import build_live_session_handlers
from bot.flows.live_session.cues import rebuild_cue_jobs
from bot.flows.live_session.sos import rebuild_follow_up_jobs
from bot.flows.live_session.words import build_words_handlers
from bot.flows.onboarding.conversation import build_onboarding_handlers
from bot.flows.plan.handlers import build_plan_handlers
from bot.flows.reachability import build_reachability_handlers
from bot.flows.records.handlers import build_records_handlers
from bot.flows.reminders.jobs import rebuild_reminder_jobs
from bot.flows.reminders.settings import build_reminder_handlers
from bot.flows.session_log.checkin import rebuild_checkin_jobs
from bot.flows.session_log.handlers import build_session_log_handlers
from bot.flows.spotter.handlers import build_spotter_handlers
from bot.flows.watch_files import build_watch_file_handlers
from bot.flows.workout.handlers import build_workout_handlers
from bot.runtime.coach_bot import CoachBot
from bot.runtime.delivery import PriorityRateLimiter
from bot.runtime.exactly_once import ExactlyOnceApplication
from bot.runtime.fencing import Fence, FencedRequest
from bot.runtime.heartbeat import start_heartbeat
from bot.runtime.http_request import AiohttpRequest
from bot.runtime.services import (
    CoachApplication,
    CoachContext,
    Services,
    attach_services,
    services_of,
    utc_now,
)
from bot.runtime.update_processor import update_processor_for
from bot.runtime.webhook_routes import RoutedUpdater
from bot.storage.persistence import SqlitePersistence
from bot.texts import common
from bot.texts import language as language_texts
from bot.texts.translation import ENGLISH, LANGUAGES, speaking

logger = logging.getLogger(__name__)

# Token used when the bot talks to the in-process emulator (terminal chat, tests).
LOCAL_TOKEN = "1000:local-emulator"
TELEGRAM_API_URL = "https://api.telegram.org/bot"
# Connections for API calls (PTB's default): replies to many runners go out side by side.
_CONNECTIONS = 256
# The longest an update waits while live-session cues run late (they go first).
_UPDATE_WAITS_FOR_CUES = 1.0


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limiter: PriorityRateLimiter | None = None,
    clock: Callable[[], datetime] = utc_now,
    fence: Fence | None = None,
) -> CoachApplication:
    """The whole bot: services, persistence, handlers. Requests default to real HTTP, and
    sends keep to the settings' send budget unless a benchmark passes its own `rate_limiter`;
    time is the real clock unless a simulation passes its own `clock`. With a `fence` (the
    PostgreSQL leadership), no Bot API call leaves once this process no longer leads."""
    services = Services.create(settings, clock)
    base_url, base_file_url = _api_urls(settings.api_base_url)
    request = request or AiohttpRequest(_CONNECTIONS)
    updates_request = updates_request or AiohttpRequest(1)
    if fence is not None:
        request, updates_request = (
            FencedRequest(request, fence),
            FencedRequest(updates_request, fence),
        )
    bot = CoachBot(
        settings.token or LOCAL_TOKEN,
        base_url=base_url,
        base_file_url=base_file_url,
        request=request,
        get_updates_request=updates_request,
        rate_limiter=rate_limiter or PriorityRateLimiter.for_send_rate(settings.send_rate),
    )
    # In webhook mode the web server also serves the calendar feeds.
    updater = RoutedUpdater(bot, asyncio.Queue(), lambda: calendar_feed_routes(application))
    application: CoachApplication = (
        ApplicationBuilder()
        .application_class(ExactlyOnceApplication)
        .updater(updater)
        .context_types(ContextTypes(context=CoachContext))
        .persistence(SqlitePersistence(services.db))
        .concurrent_updates(
            update_processor_for(settings.concurrent_updates, _cues_first(services))
        )
        .post_init(_open_services)
        .post_stop(_stop_cues)
        .post_shutdown(_close_services)
        .build()
    )
    attach_services(application, services)
    application.add_handlers(build_language_choice(), group=LANGUAGE_GROUP)
    application.add_handlers(build_edit_handlers(), group=EDITS_GROUP)
    # Within a group only the first matching handler runs, so the catch-alls come last,
    # and group chats' handlers come first: no personal flow runs in a group.
    application.add_handlers(
        [
            *build_club_group_handlers(),  # the club's commands and buttons work in a group
            *build_group_chat_handlers(),
            *build_club_member_handlers(),  # its /start club… link before onboarding's /start
            *build_spotter_handlers(),  # its /start spot-… link before onboarding's /start
            *build_language_handlers(),
            *build_onboarding_handlers(),
            *build_plan_handlers(),
            *build_go_handlers(),
            *build_live_session_handlers(),
            *build_words_handlers(),
            *build_session_log_handlers(),
            *build_reminder_handlers(),
            *build_calendar_handlers(),
            *build_records_handlers(),
            *build_watch_file_handlers(),
            *build_workout_handlers(),
            *build_admin_handlers(),
            *build_reachability_handlers(),
            *build_basic_handlers(),
            *build_fallback_handlers(),
        ]
    )
    # After every update, write changed conversation states at once rather than on PTB's
    # 60 s timer, so a crash right after a reply cannot lose where a runner is.
    application.add_handler(TypeHandler(Update, _write_conversation_states), group=1)
    application.add_error_handler(handle_error)
    return application


def _cues_first(services: Services) -> Callable[[], Awaitable[None]]:
    """What each update waits for first: late cues catching up (for at most a second), then
    an event loop that keeps up."""

    async def first() -> None:
        await services.cue_timer.caught_up(_UPDATE_WAITS_FOR_CUES)
        await services.loop_lag.admit()

    return first


def _api_urls(api_base_url: str | None) -> tuple[str, str]:
    """The Bot API's URLs for calls and for files: Telegram's own, or a self-hosted Bot
    API's, which serves files under /file/bot… next to /bot…."""
    base_url = api_base_url or TELEGRAM_API_URL
    return base_url, base_url.removesuffix("/bot") + "/file/bot"


async def _write_conversation_states(_: Update, context: CoachContext) -> None:
    await context.application.update_persistence()


async def _open_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    await services_of(application).db.open()
    await rebuild_cue_jobs(application)
    await rebuild_checkin_jobs(application)
    await rebuild_follow_up_jobs(application)
    await rebuild_reminder_jobs(application)
    await rebuild_club_jobs(application)
    await _introduce_the_bot(application)
    start_heartbeat(application)
    _freeze_startup_objects()


async def _introduce_the_bot(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Telegram's command menu, description and short description, in every language: an
    app set to one of them shows that one; any other app, English."""
    bot = application.bot
    for language in LANGUAGES:
        code = None if language == ENGLISH else language
        with speaking(language):
            commands = [BotCommand(command, words) for command, words in common.COMMANDS.items()]
            description = language_texts.DESCRIPTION
            short_description = language_texts.SHORT_DESCRIPTION
        try:
            await bot.set_my_commands(commands, language_code=code)
            await bot.set_my_description(description, language_code=code)
            await bot.set_my_short_description(short_description, language_code=code)
        except TelegramError as error:
            # The menu and the descriptions are a convenience; the bot works without them.
            logger.warning("could not register the bot's commands or description: %s", error)


def _freeze_startup_objects() -> None:
    """Keep what start-up built (modules, handlers, rebuilt jobs) out of every later
    garbage collection: it lives as long as the process, and scanning it again and again
    made each full collection pause the event loop for tens of milliseconds."""
    gc.collect()
    gc.freeze()


async def _stop_cues(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stopping: no cue starts any more (as the JobQueue has stopped its jobs)."""
    services = services_of(application)
    await services.cue_timer.stop()
    await services.loop_lag.stop()


async def _close_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    await _stop_cues(application)  # if the Application never started
    await services_of(application).db.close()
