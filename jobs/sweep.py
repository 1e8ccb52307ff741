"""Every N seconds: enqueue due reminders, streak nudges and the weekly close (bot/services/scheduling.py)."""

from __future__ import annotations

import logging

from telegram.ext import ContextTypes

from bot.services import Services
from handlers.live import live_job

log = logging.getLogger(__name__)


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: Services = context.application.bot_data["services"]
    result = await services.scheduling.sweep()
    await live_job(context)  # live quizzes whose poll closed during a restart move on
    if result.reminders or result.nudges or result.weekly:
        log.info(
            "enqueued %s reminders, %s nudges, %s weekly summaries",
            result.reminders,
            result.nudges,
            result.weekly,
        )
