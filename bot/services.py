"""The long-lived services every handler can reach, and the typed callback context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.storage.database import Database
from bot.storage.plans import Plans
from bot.storage.profiles import Profiles
from bot.storage.runners import Runners

_SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    """Built once per Application; the database is opened in post_init."""

    settings: Settings
    db: Database
    runners: Runners
    profiles: Profiles
    plans: Plans

    @staticmethod
    def now() -> datetime:
        """The current time, timezone-aware in UTC."""
        return datetime.now(UTC)


BotData = dict[Any, Any]
CoachApplication = Application[Any, "CoachContext", BotData, BotData, BotData, Any]


class CoachContext(CallbackContext[ExtBot[None], BotData, BotData, BotData]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return services_of(self.application)


def attach_services(
    application: Application[Any, Any, Any, Any, Any, Any], services: Services
) -> None:
    """Make `services` reachable from every handler of `application`."""
    application.bot_data[_SERVICES_KEY] = services


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services attached to `application`."""
    services = application.bot_data[_SERVICES_KEY]
    if not isinstance(services, Services):
        raise TypeError("application has no Services attached")
    return services
