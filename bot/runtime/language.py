"""Which language the coach speaks in an update or a job, from what the runner chose.

The words themselves come from bot/texts (see bot/texts/translation.py); this only decides
the language: the one stored for the runner, else what their Telegram app says
(`language_code`), else English. Updates get it from a handler that runs before every other
one (bot/flows/language.py); a job, or words for somebody else (a spotter), call these.
A club's group chat has a language of its own (stored with the club): words for the group
are written inside `speaking_to_group`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.runtime.services import Services
from bot.texts.translation import (
    LANGUAGES,
    current_language,
    language_from_code,
    speaking,
    use_language,
)


async def runner_language(
    services: Services, user_id: int, telegram_code: str | None = None
) -> str:
    """The language to speak to the runner: the stored one, else their app's, else English."""
    stored = await services.runners.language(user_id)
    return stored if stored in LANGUAGES else language_from_code(telegram_code)


async def speak_to(services: Services, user_id: int) -> None:
    """From now on in this task (a job), speak the runner's language."""
    use_language(await runner_language(services, user_id))


async def remember_first_language(
    services: Services, user_id: int, telegram_code: str | None
) -> None:
    """At a first /start: keep the language the runner's app speaks (if we speak it too,
    else English), so later jobs write in it; a language chosen before is kept."""
    if await services.runners.language(user_id) is None:
        await services.runners.set_language(user_id, language_from_code(telegram_code))


@asynccontextmanager
async def speaking_to(services: Services, user_id: int) -> AsyncIterator[None]:
    """Inside the block, speak the language of `user_id` (someone other than the sender)."""
    with speaking(await runner_language(services, user_id)):
        yield


async def group_language(services: Services, chat_id: int) -> str:
    """The language of a group chat: its club's, else (a group that is no club, or a club
    that has none yet) the language being spoken now."""
    club = await services.clubs.club(chat_id)
    if club is None or club.language not in LANGUAGES or club.language is None:
        return current_language()
    return club.language


@asynccontextmanager
async def speaking_to_group(services: Services, chat_id: int) -> AsyncIterator[None]:
    """Inside the block, speak the language of the group chat `chat_id`."""
    with speaking(await group_language(services, chat_id)):
        yield
