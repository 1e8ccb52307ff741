"""/progress: mastery per domain and competency."""

from __future__ import annotations

from telegram import Update

from handlers import views
from handlers.common import AppContext, sender, tr


async def progress_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None
    if update.callback_query is not None:
        await update.callback_query.answer()
    report = await context.services.progress.report(sender(update))
    _ = tr(report.language)
    for text in views.progress_view(report, _, context.services.context.bank):
        await context.bot.send_message(update.effective_chat.id, text)
