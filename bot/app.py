"""The application factory: settings + services → a configured python-telegram-bot Application."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.config import Settings
from bot.content.schema import LANGUAGES
from bot.i18n import N_, translator
from bot.services import Services
from bot.services.content_sync import sync_items
from handlers import register
from handlers.common import AppContext
from jobs import register_jobs

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3


def rate_limiter() -> AIORateLimiter:
    """Telegram's limits as leaky buckets of size one, so bursts never exceed them: 30 messages/s
    overall (28 to leave a margin), 20 per minute in a group; a 429 is retried after its `retry_after`."""
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / 28,
        group_max_rate=1,
        group_time_period=3,
        max_retries=RATE_LIMIT_RETRIES,
    )


COMMANDS = (
    ("practice", N_("Practise 10 questions")),
    ("roleplay", N_("Role-play: I play the customer")),
    ("progress", N_("My progress")),
    ("streak", N_("My streak and daily goal")),
    ("badges", N_("My badges")),
    ("leaderboard", N_("Cohort leaderboard")),
    ("settings", N_("Language, reminder, timezone")),
    ("language", N_("Change the language")),
    ("help", N_("What I can do")),
)


def build_application(
    settings: Settings,
    services: Services,
    *,
    request: BaseRequest | None = None,
    with_updater: bool = True,
    with_jobs: bool = True,
) -> Application:  # type: ignore[type-arg]
    """Build the bot. Tests pass a recording `request`, no updater and no jobs (they call them directly)."""
    assert settings.telegram_bot_token is not None
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .context_types(ContextTypes(context=AppContext))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo(settings.default_timezone)))
        .rate_limiter(rate_limiter())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url.rstrip("/"))
        if settings.file_base_url:
            builder = builder.base_file_url(settings.file_base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if not with_updater:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data["services"] = services
    register(application)
    if with_jobs:
        register_jobs(application)
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    services: Services = application.bot_data["services"]
    result = await sync_items(services.context)
    log.info("content synced: %s added, %s retired, %s revived", result.added, result.retired, result.revived)
    await publish_commands(application)


async def publish_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The command menu in each language; clients in other languages get the default language's."""
    default = application.bot_data["services"].context.settings.default_language
    for language in (*LANGUAGES, None):
        _ = translator(language or default)
        commands = [BotCommand(name, _(description)) for name, description in COMMANDS]
        await application.bot.set_my_commands(commands, language_code=language)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    services: Services = application.bot_data["services"]
    await services.context.engine.dispose()
