"""/progress: mastery per domain and competency."""

from __future__ import annotations

from telegram import Update

from handlers import views
from handlers.charts import progress_chart
from handlers.common import AppContext, sender, tr


async def progress_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None
    if update.callback_query is not None:
        await update.callback_query.answer()
    report = await context.services.progress.report(sender(update))
    _ = tr(report.language)
    bank = context.services.context.bank
    for text in views.progress_view(report, _, bank):
        await context.bot.send_message(update.effective_chat.id, text)
    titles = {domain.id: domain.title.get(report.language) for domain in bank.domains}
    chart = progress_chart(
        [(d.domain_id, titles.get(d.domain_id, d.domain_id), d.mastery) for d in report.domains],
        report.xp_by_day,
        report.daily_goal,
        _,
    )
    await context.bot.send_photo(update.effective_chat.id, chart, caption=_("📈 Your progress at a glance"))
