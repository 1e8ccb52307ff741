"""The error handler: log first, then a short apology in the learner's language."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.i18n import pick_language, translator
from handlers.common import AppContext, sender

log = logging.getLogger(__name__)


async def on_error(update: object, context: AppContext) -> None:
    error = context.error
    if isinstance(error, BadRequest) and "not modified" in str(error).lower():
        return  # a repeated edit with identical content: harmless
    log.error("error while handling update %s", update, exc_info=error)
    if not isinstance(update, Update) or update.effective_user is None or isinstance(error, Forbidden):
        return
    language = await _language_of(update, context)
    _ = translator(language)
    text = _("😕 Something went wrong on my side. Please try again.")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell the user about the error", exc_info=True)


async def _language_of(update: Update, context: AppContext) -> str:
    assert update.effective_user is not None
    default = context.services.context.settings.default_language
    try:
        return (await context.services.learners.profile(sender(update))).language
    except Exception:  # the database may be what failed; fall back to the client's language
        return pick_language(update.effective_user.language_code, default)
