"""/campaigns: the instructors' wizard and results; the learners' "Start" button."""

from __future__ import annotations

from telegram import Update

from bot.services.campaigns import CampaignListItem, CampaignRefusal, CampaignResults, WizardView
from bot.services.instructors import Denied
from handlers import campaign_views as cv
from handlers import instructor_views as iv
from handlers.charts import campaign_chart
from handlers.common import AppContext, sender, tr
from handlers.exports import results_csv, results_xlsx
from handlers.practice import show_practice_screen


async def campaigns_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None
    screen = await context.services.campaigns.list(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await context.bot.send_message(update.effective_chat.id, iv.denied_text(screen.content, _))
        return
    text, keyboard = cv.campaigns_view(screen.content, _)
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)


async def new_campaign_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and update.effective_chat is not None
    screen = await context.services.campaigns.new(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await query.answer(iv.denied_text(screen.content, _)[:200])
        return
    await query.answer()
    text, keyboard = cv.wizard_view(screen.content, _, context.services.context.bank)
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)


async def wizard_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    campaign_id, field, value = context.match.groups()
    screen = await context.services.campaigns.choose(sender(update), int(campaign_id), field, value)
    _ = tr(screen.language)
    match screen.content:
        case Denied() as denied:
            await query.answer(iv.denied_text(denied, _)[:200])
        case CampaignRefusal.EMPTY:
            await query.answer(_("Choose at least one cohort, and domains with questions."))
        case WizardView() as view:
            await query.answer()
            text, keyboard = cv.wizard_view(view, _, context.services.context.bank)
            await query.edit_message_text(text, reply_markup=keyboard)
        case CampaignListItem() as item:
            await query.answer(_("Campaign scheduled."))
            await query.edit_message_text(
                _("✅ <b>{title}</b> is scheduled. Results: /campaigns", title=item.title), reply_markup=None
            )
        case _:
            await query.answer()
            await query.edit_message_text(_("Campaign cancelled."), reply_markup=None)


async def send_wizard(update: Update, context: AppContext, view: WizardView, language: str) -> None:
    """After a start typed as text: the wizard's next step."""
    assert update.effective_chat is not None
    text, keyboard = cv.wizard_view(view, tr(language), context.services.context.bank)
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)


async def results_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    campaign_id, export = context.match.groups()
    screen = await context.services.campaigns.results(sender(update), int(campaign_id))
    _ = tr(screen.language)
    if not isinstance(screen.content, CampaignResults):
        await query.answer(iv.denied_text(screen.content, _)[:200])
        return
    await query.answer()
    results, chat = screen.content, update.effective_chat.id
    match export:
        case "png":
            scores = [
                r.correct / results.questions for r in results.learners if r.finished and results.questions
            ]
            png = campaign_chart(scores, results.competencies, results.title, _)
            await context.bot.send_photo(chat, png, caption=_("📈 Results"))
        case "csv":
            await context.bot.send_document(
                chat, results_csv(results, _), filename=f"campaign-{campaign_id}.csv"
            )
        case "xlsx":
            await context.bot.send_document(
                chat, results_xlsx(results, _), filename=f"campaign-{campaign_id}.xlsx"
            )
        case _:
            for text, keyboard in cv.results_view(results, _):
                await context.bot.send_message(chat, text, reply_markup=keyboard)


async def start_campaign_button(update: Update, context: AppContext) -> None:
    """A learner's "Start" under a campaign message."""
    query = update.callback_query
    assert query is not None and context.match is not None
    screen = await context.services.practice.start_campaign(sender(update), int(context.match.group(1)))
    _ = tr(screen.language)
    refusals = {
        CampaignRefusal.CLOSED: _("This quiz is closed."),
        CampaignRefusal.DONE: _("You have already done this quiz. Well done!"),
        CampaignRefusal.NOT_STARTED: _("This quiz has not started yet."),
        CampaignRefusal.NOT_INVITED: _("This quiz is not for you."),
        CampaignRefusal.EMPTY: _("This quiz has no questions."),
    }
    if isinstance(screen.content, CampaignRefusal):
        await query.answer(refusals[screen.content])
        return
    await query.answer()
    await show_practice_screen(update, context, screen)
