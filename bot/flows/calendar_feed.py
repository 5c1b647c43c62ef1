"""/calendar: the next four weeks as an .ics file, and in webhook mode a private feed address
that a calendar app subscribes to, so it follows the plan as it adapts.

The feed is served by the bot's own webhook server (see `bot.runtime.webhook_routes`) at
/calendar/<token>.ics on the origin of BACKSTRIDE_WEBHOOK_URL. The token is a per-runner
secret kept in the database; `/calendar reset` replaces it. In polling mode there is no web
server, so /calendar sends the file and says why there is no feed.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlparse

import tornado.web
from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.domain.profile import Profile
from bot.flows.calendar_file import calendar_file, sessions_for_calendar
from bot.flows.plan.coaching import review_plan
from bot.runtime.language import speaking_to
from bot.runtime.senders import sender_with_profile
from bot.runtime.services import CoachApplication, CoachContext, Services, services_of
from bot.runtime.webhook_routes import Route
from bot.texts import calendar as texts
from bot.texts import reminders as reminder_texts

FEED_PATH = "/calendar/{token}.ics"
_FEED_PATTERN = r"/calendar/([A-Za-z0-9_-]{1,100})\.ics"


async def send_calendar(update: Update, context: CoachContext) -> None:
    """/calendar: the file, then the feed address (webhook mode) or why there is none.
    /calendar reset: a new feed address, the old one switched off."""
    sender = await sender_with_profile(update, context, reminder_texts.NEEDS_PROFILE)
    if sender is None:
        return
    services, message = context.services, sender.message
    now = services.now()
    if [arg.lower() for arg in context.args or []] == ["reset"]:
        if services.settings.webhook_url is None:
            await message.reply_text(texts.NO_FEED_TO_RESET)
            return
        token = await services.calendar_feeds.reset(sender.user_id, now)
        await message.reply_text(texts.FEED_RESET.format(url=feed_url(services, token)))
        return
    content = await calendar_of(services, sender.profile, now)
    if content is None:
        await message.reply_text(reminder_texts.CALENDAR_EMPTY)
    else:
        await message.reply_document(
            content, filename="backstride.ics", caption=reminder_texts.CALENDAR_CAPTION
        )
    if services.settings.webhook_url is None:
        await message.reply_text(texts.NO_FEED)
        return
    token = await services.calendar_feeds.token_for(sender.user_id, now)
    await message.reply_text(texts.FEED_LINK.format(url=feed_url(services, token)))


async def calendar_of(services: Services, profile: Profile, now: datetime) -> bytes | None:
    """The runner's next four weeks as .ics, after reviewing the plan as /plan does (so a
    change the logs call for shows at once); None if nothing is planned."""
    plan, _ = await review_plan(services, profile, now)
    today = profile.local_time(now).date()
    events = sessions_for_calendar(profile, plan.state, today)
    return calendar_file(events, profile.timezone, now) if events else None


def feed_url(services: Services, token: str) -> str:
    """The feed's public address: the webhook URL's origin and the feed path."""
    webhook = urlparse(services.settings.webhook_url or "")
    return f"{webhook.scheme}://{webhook.netloc}{FEED_PATH.format(token=token)}"


class CalendarFeedHandler(tornado.web.RequestHandler):
    """GET /calendar/<token>.ics: the runner's calendar; 404 for a token nobody has."""

    def initialize(self, bot_application: CoachApplication) -> None:  # tornado's set-up hook
        """Keep the bot's application, for its services."""
        self._services = services_of(bot_application)

    async def get(self, token: str) -> None:
        """Answer a calendar app's poll."""
        services = self._services
        user_id = await services.calendar_feeds.owner_of(token)
        profile = None if user_id is None else await services.profiles.get(user_id)
        if profile is None:
            raise tornado.web.HTTPError(404)
        now = services.now()
        async with speaking_to(services, profile.user_id):
            content = await calendar_of(services, profile, now) or calendar_file(
                (), profile.timezone, now
            )
        self.set_header("Content-Type", "text/calendar; charset=utf-8")
        # Calendar apps poll; a proxy must not keep an old plan around.
        self.set_header("Cache-Control", "no-store")
        self.finish(content)

    def write_error(self, status_code: int, **kwargs: object) -> None:
        """A bare status, never a traceback or a hint of which tokens exist."""
        self.finish(f"{status_code}\n")


def calendar_feed_routes(application: CoachApplication) -> list[Route]:
    """The feed's route on the webhook server."""
    return [(_FEED_PATTERN, CalendarFeedHandler, {"bot_application": application})]


def build_calendar_handlers() -> list[BaseHandler[Update, CoachContext, None]]:
    """/calendar and /calendar reset."""
    return [CommandHandler("calendar", send_calendar)]
