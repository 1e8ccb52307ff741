"""/roleplay, its buttons, free replies (text or voice) and what they lead to."""

from __future__ import annotations

import logging
from contextlib import suppress

from telegram import Bot, Update
from telegram.error import BadRequest, TelegramError

from bot.content.loader import ContentBank
from bot.i18n import Translator, translator
from bot.services.roleplay import (
    FreeReplyResult,
    NothingToPlay,
    PickOutcome,
    ReplyPrompt,
    ReviewRequested,
    RoleplayEnd,
    RoleplayMenu,
    RoleplayRefusal,
    RubricScreen,
    RunAction,
    RunScreen,
    TurnScreen,
)
from handlers import roleplay_views as rv
from handlers.common import AppContext, sender, tr
from handlers.gamification import announce

log = logging.getLogger(__name__)


async def send_run_screen(
    bot: Bot, chat_id: int, screen: RunScreen, _: Translator, bank: ContentBank
) -> None:
    """Send any screen of a play as new message(s)."""
    match screen:
        case TurnScreen():
            messages = [rv.turn_view(screen, _, bank)]
        case ReplyPrompt():
            messages = [rv.reply_prompt_view(screen, _, bank)]
        case RubricScreen():
            messages = [rv.rubric_view(screen, _)]
        case RoleplayEnd():
            messages = rv.end_view(screen, _)
        case FreeReplyResult():
            messages = rv.result_view(screen, _)
    for text, keyboard in messages:
        await bot.send_message(chat_id, text, reply_markup=keyboard)
    if isinstance(screen, RoleplayEnd | FreeReplyResult):
        await announce(bot, chat_id, screen.activity, _)


async def roleplay_command(update: Update, context: AppContext) -> None:
    """/roleplay or its button: the unfinished or most due play, else the domain menu."""
    assert update.effective_chat is not None
    if update.callback_query is not None:
        await update.callback_query.answer()
    screen = await context.services.roleplay.open(sender(update))
    await _show_start(update, context, screen.language, screen.content)


async def roleplay_menu_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    await query.answer()
    choice = context.match.group(1)
    screen = await context.services.roleplay.start_in_domain(
        sender(update), None if choice == "s" else choice
    )
    with suppress(BadRequest):
        await query.edit_message_reply_markup(reply_markup=None)
    await _show_start(update, context, screen.language, screen.content)


async def _show_start(update: Update, context: AppContext, language: str, content: object) -> None:
    assert update.effective_chat is not None
    _ = tr(language)
    bank = context.services.context.bank
    match content:
        case RoleplayMenu():
            text, keyboard = rv.menu_view(content, _, bank)
            await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
        case NothingToPlay():
            await context.bot.send_message(update.effective_chat.id, _("There is no role-play here yet."))
        case _:
            await send_run_screen(context.bot, update.effective_chat.id, content, _, bank)  # type: ignore[arg-type]


async def roleplay_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    run_id, step, action, arg = context.match.groups()
    screen = await context.services.roleplay.press(
        sender(update), int(run_id), int(step), RunAction(action), int(arg) if arg is not None else None
    )
    _ = tr(screen.language)
    bank = context.services.context.bank
    chat_id = update.effective_chat.id
    match screen.content:
        case RoleplayRefusal.ALREADY_REQUESTED:
            await query.answer(_("Your instructor already has this reply."))
        case RoleplayRefusal.NO_REVIEWER:
            await query.answer(_("No instructor is linked to you yet. Join your cohort with its link first."))
        case RoleplayRefusal():
            await query.answer(_("This button is no longer active."))
        case PickOutcome() as outcome:
            await query.answer()
            await query.edit_message_text(rv.pick_view(outcome, _), reply_markup=None)
            await send_run_screen(context.bot, chat_id, outcome.next, _, bank)
        case RubricScreen() as rubric:
            await query.answer()
            text, keyboard = rv.rubric_view(rubric, _)
            await query.edit_message_text(text, reply_markup=keyboard)
        case FreeReplyResult() as result:
            await query.answer()
            with suppress(BadRequest):
                await query.edit_message_reply_markup(reply_markup=None)
            await send_run_screen(context.bot, chat_id, result, _, bank)
        case ReviewRequested() as request:
            await query.answer(_("Sent to your instructor. Their feedback will arrive here."))
            with suppress(BadRequest):
                await query.edit_message_reply_markup(reply_markup=rv.after_play_keyboard(request.run, _))
            await notify_reviewers(context.bot, request)


async def notify_reviewers(bot: Bot, request: ReviewRequested) -> None:
    """Tell each reviewer; one that cannot be reached still finds the request in /reviews."""
    for telegram_id, language in request.reviewers:
        text, keyboard = rv.review_request_notice(request, language, translator(language))
        try:
            await bot.send_message(telegram_id, text, reply_markup=keyboard)
        except TelegramError:
            log.warning("could not notify reviewer %s of review %s", telegram_id, request.review_id)
