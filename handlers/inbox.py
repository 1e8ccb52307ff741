"""Messages that are not commands: routed by the inbox service to what waits for them."""

from __future__ import annotations

from telegram import Update

from bot.services.announcements import AnnouncementQueued
from bot.services.campaigns import WizardView
from bot.services.instructors import CohortSummary, Denied
from bot.services.reviews import ReviewDetail
from bot.services.roleplay import RubricScreen
from handlers import instructor_views as iv
from handlers.campaigns import send_wizard
from handlers.common import AppContext, sender, tr
from handlers.help import fallback_message
from handlers.instructors import send_cohort_created
from handlers.reports import queued_view
from handlers.reviews import send_review_screen
from handlers.roleplay import send_run_screen


async def incoming_message(update: Update, context: AppContext) -> None:
    """Text or voice that is not a command: a free reply, a reviewer's comment, or a friendly pointer."""
    message = update.effective_message
    if message is None or update.effective_user is None or update.effective_chat is None:
        return
    if not (message.voice or (message.text and not message.text.startswith("/"))):
        await fallback_message(update, context)
        return
    screen = await context.services.inbox.receive(
        sender(update), text=message.text, voice_file_id=message.voice.file_id if message.voice else None
    )
    _ = tr(screen.language)
    match screen.content:
        case RubricScreen() as rubric:
            await message.reply_text(_("✍️ Got your reply."))
            await send_run_screen(
                context.bot, update.effective_chat.id, rubric, _, context.services.context.bank
            )
        case ReviewDetail() as detail:
            await message.reply_text(_("💬 Comment saved."))
            await send_review_screen(context.bot, update.effective_chat.id, detail, _, with_context=False)
        case CohortSummary() as summary:
            await send_cohort_created(update, context, summary, screen.language)
        case AnnouncementQueued() as queued:
            text, keyboard = queued_view(queued, _)
            await message.reply_text(text, reply_markup=keyboard)
        case WizardView() as wizard:
            await send_wizard(update, context, wizard, screen.language)
        case Denied() as denied:
            await message.reply_text(iv.denied_text(denied, _))
        case _:
            await fallback_message(update, context)
