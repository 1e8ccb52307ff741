"""The one sender for messages outside conversations: claims outbox rows, sends, marks each.

Sending goes through the bot's AIORateLimiter (30 messages/s overall, retries on 429), so thousands
of reminders due at 18:00 are spread out and none is lost: an unsent row stays in the outbox.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.i18n import translator
from bot.services import Services
from bot.services.outbox import Delivery, OutgoingMessage
from handlers.notification_views import RENDERERS

log = logging.getLogger(__name__)


async def deliver(bot: Bot, message: OutgoingMessage) -> tuple[Delivery, str | None]:
    render = RENDERERS.get(message.kind)
    if render is None:
        return Delivery.FAILED, f"no renderer for {message.kind}"
    text, keyboard = render(message.payload, translator(message.language))
    try:
        await bot.send_message(message.telegram_id, text, reply_markup=keyboard)
    except Forbidden as error:
        return Delivery.BLOCKED, str(error)
    except BadRequest as error:
        if "chat not found" in str(error).lower():
            return Delivery.BLOCKED, str(error)
        return Delivery.FAILED, str(error)
    except TelegramError as error:
        return Delivery.FAILED, str(error)
    return Delivery.SENT, None


async def send_outbox(bot: Bot, services: Services) -> int:
    """Send every claimable message once; returns how many were sent."""
    sent = 0
    while batch := await services.outbox.claim():
        for message in batch:
            delivery, error = await deliver(bot, message)
            await services.outbox.mark(message.outbox_id, delivery, error)
            sent += delivery is Delivery.SENT
            if delivery is not Delivery.SENT:
                log.warning(
                    "outbox %s to %s: %s (%s)", message.outbox_id, message.telegram_id, delivery, error
                )
    return sent


async def send_outbox_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    services: Services = context.application.bot_data["services"]
    await send_outbox(context.bot, services)
