"""What every handler shares: the typed context, the sender as `UserInfo`, the learner's translator."""

from __future__ import annotations

from html import escape

from telegram import Update, User
from telegram.ext import CallbackContext, ExtBot

from bot.i18n import Translator, translator
from bot.services import Services
from bot.services.learners import UserInfo


class AppContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], dict[object, object]]
):
    """Callback context with typed access to the services."""

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]  # type: ignore[no-any-return]


def user_info(user: User) -> UserInfo:
    return UserInfo(
        telegram_id=user.id,
        first_name=user.first_name or "",
        last_name=user.last_name,
        username=user.username,
        language_code=user.language_code,
    )


def sender(update: Update) -> UserInfo:
    """The sender of an update that has one (every handler here is registered for such updates)."""
    assert update.effective_user is not None
    return user_info(update.effective_user)


def tr(language: str) -> Translator:
    return translator(language)


def h(text: str) -> str:
    """Escape text for Telegram HTML (quotes need no escaping there)."""
    return escape(text, quote=False)
