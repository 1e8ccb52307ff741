"""/streak, /badges, /leaderboard, and the announcements that follow an answer."""

from __future__ import annotations

from telegram import Bot, Update

from bot.i18n import Translator
from bot.services.boards import BadgesView, Board, LeaderboardView, StreakView
from bot.services.gamification import Activity
from handlers import gamification_views as gv
from handlers.common import AppContext, sender, tr


async def announce(bot: Bot, chat_id: int, activity: Activity | None, _: Translator) -> None:
    """Goal reached, streak, freezes and new badges, each as its own message right when earned."""
    for text in gv.announcements(activity, _):
        await bot.send_message(chat_id, text)


async def streak_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    screen = await context.services.boards.streak(sender(update))
    assert isinstance(screen.content, StreakView)
    await update.message.reply_text(gv.streak_view(screen.content, tr(screen.language)))


async def badges_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    screen = await context.services.boards.badges(sender(update))
    assert isinstance(screen.content, BadgesView)
    for text in gv.badges_view(screen.content, tr(screen.language)):
        await update.message.reply_text(text)


async def leaderboard_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None
    board = Board.WEEK
    if update.callback_query is not None and context.match is not None:
        board = Board(context.match.group(1))
    screen = await context.services.boards.leaderboard(sender(update), board)
    assert isinstance(screen.content, LeaderboardView)
    text, keyboard = gv.leaderboard_view(screen.content, tr(screen.language))
    if update.callback_query is not None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)
    else:
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
