"""/practice and the quiz buttons: each press goes to the practice service, which checks it."""

from __future__ import annotations

from contextlib import suppress

from telegram import Update
from telegram.error import BadRequest

from bot.services.practice import (
    Action,
    FeedbackView,
    NothingToPractise,
    QuestionView,
    Refusal,
    Screen,
    SessionSummary,
)
from handlers import views
from handlers.common import AppContext, sender, tr
from handlers.gamification import announce
from handlers.roleplay import send_run_screen


async def practice_command(update: Update, context: AppContext) -> None:
    await _start(update, context)


async def practice_button(update: Update, context: AppContext) -> None:
    """The "Start practising" / "Practise more" buttons."""
    assert update.callback_query is not None
    await update.callback_query.answer()
    await _drop_keyboard(update)
    await _start(update, context)


async def _start(update: Update, context: AppContext) -> None:
    await show_practice_screen(update, context, await context.services.practice.start(sender(update)))


async def show_practice_screen(update: Update, context: AppContext, screen: Screen) -> None:
    """The first screen of a session (a question, a role-play, or "nothing to do") as a new message."""
    assert update.effective_chat is not None
    _ = tr(screen.language)
    bank = context.services.context.bank
    match screen.content:
        case NothingToPractise():
            text, keyboard = views.nothing_view(_)
        case FeedbackView() as feedback:
            text, keyboard = views.feedback_view(feedback, _, bank)
        case QuestionView() as question:
            text, keyboard = views.question_view(question, _, bank)
        case _:
            await send_run_screen(context.bot, update.effective_chat.id, screen.content, _, bank)  # type: ignore[arg-type]
            return
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)


async def quiz_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    session_id, seq, action, arg = context.match.groups()
    screen = await context.services.practice.press(
        sender(update), int(session_id), int(seq), Action(action), int(arg) if arg is not None else None
    )
    _ = tr(screen.language)
    bank = context.services.context.bank
    match screen.content:
        case Refusal.CAMPAIGN_CLOSED:
            await query.answer(_("This quiz is closed."))
        case Refusal.NOTHING_SELECTED:
            await query.answer(_("Select at least one answer first."))
        case Refusal():
            await query.answer(_("This button is no longer active. Send /practice to continue."))
        case QuestionView() as question if Action(action) is not Action.NEXT:
            await query.answer()
            text, keyboard = views.question_view(question, _, bank)
            await query.edit_message_text(text, reply_markup=keyboard)
        case FeedbackView() as feedback:
            await query.answer()
            text, keyboard = views.feedback_view(feedback, _, bank)
            await query.edit_message_text(text, reply_markup=keyboard)
            await announce(context.bot, update.effective_chat.id, feedback.activity, _)
        case QuestionView() as question:
            await query.answer()
            await _drop_keyboard(update)
            text, keyboard = views.question_view(question, _, bank)
            await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
        case SessionSummary() as summary:
            await query.answer()
            await _drop_keyboard(update)
            text, keyboard = views.summary_view(summary, _)
            await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
            await announce(context.bot, update.effective_chat.id, summary.activity, _)
        case _:  # the session continues with a role-play
            await query.answer()
            await _drop_keyboard(update)
            await send_run_screen(context.bot, update.effective_chat.id, screen.content, _, bank)  # type: ignore[arg-type]


async def _drop_keyboard(update: Update) -> None:
    """Remove the buttons of the message pressed, so the chat shows only live buttons."""
    assert update.callback_query is not None
    with suppress(BadRequest):  # already without buttons, or too old to edit: nothing to tidy
        await update.callback_query.edit_message_reply_markup(reply_markup=None)
