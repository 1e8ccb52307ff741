"""/reviews and the review buttons: instructors (and admins) score free replies and comment."""

from __future__ import annotations

import logging
from contextlib import suppress

from telegram import Bot, Update
from telegram.error import BadRequest, TelegramError

from bot.i18n import Translator, translator
from bot.services.reviews import ReviewAction, ReviewDetail, ReviewList, ReviewRefusal, ReviewSent
from handlers import roleplay_views as rv
from handlers.common import AppContext, sender, tr

log = logging.getLogger(__name__)


async def send_review_screen(
    bot: Bot, chat_id: int, detail: ReviewDetail, _: Translator, *, with_context: bool
) -> None:
    """The scenario and reply (once, when opened), then the rubric message with its buttons."""
    if with_context:
        for text in rv.review_context_texts(detail, _):
            await bot.send_message(chat_id, text)
        if detail.reply_voice_file_id:
            await bot.send_voice(chat_id, detail.reply_voice_file_id)
    text, keyboard = rv.review_rubric_view(detail, _)
    await bot.send_message(chat_id, text, reply_markup=keyboard)


async def reviews_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    screen = await context.services.reviews.pending(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, ReviewList):
        text, keyboard = rv.review_list_view(screen.content, _)
        await update.message.reply_text(text, reply_markup=keyboard)
    else:
        await update.message.reply_text(_("Only instructors can review replies."))


async def review_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    review_id, action, arg = context.match.groups()
    screen = await context.services.reviews.act(
        sender(update), int(review_id), ReviewAction(action), int(arg) if arg is not None else None
    )
    _ = tr(screen.language)
    match screen.content:
        case ReviewRefusal.NOT_ALLOWED:
            await query.answer(_("Only instructors can review replies."))
        case ReviewRefusal():
            await query.answer(_("This review is already done."))
        case ReviewDetail() as detail if ReviewAction(action) is ReviewAction.OPEN:
            await query.answer()
            await send_review_screen(context.bot, update.effective_chat.id, detail, _, with_context=True)
        case ReviewDetail() as detail:
            await query.answer()
            text, keyboard = rv.review_rubric_view(detail, _)
            with suppress(BadRequest):
                await query.edit_message_text(text, reply_markup=keyboard)
        case ReviewSent() as sent:
            await query.answer(_("Feedback sent."))
            await query.edit_message_text(_("📨 Feedback sent."), reply_markup=None)
            await deliver_feedback(context.bot, sent)


async def deliver_feedback(bot: Bot, sent: ReviewSent) -> None:
    """The learner gets the scores and the comment (a voice comment is sent as voice)."""
    _ = translator(sent.learner_language)
    try:
        for text in rv.feedback_for_learner(sent, _):
            await bot.send_message(sent.learner_telegram_id, text)
        if sent.comment_voice_file_id:
            await bot.send_voice(sent.learner_telegram_id, sent.comment_voice_file_id)
    except TelegramError:
        log.warning("could not deliver review %s; it stays stored", sent.review_id)
