"""Telegram handlers: parse the update, call a service, render. Registered by `register`."""

from __future__ import annotations

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from handlers import callback_data as cd
from handlers.campaigns import (
    campaigns_command,
    new_campaign_button,
    results_button,
    start_campaign_button,
    wizard_button,
)
from handlers.errors import on_error
from handlers.gamification import badges_command, leaderboard_command, streak_command
from handlers.help import help_command, stale_button
from handlers.inbox import incoming_message
from handlers.instructors import cohort_button, cohorts_command, invite_command
from handlers.live import livequiz_button, livequiz_command, poll_answer, stopquiz_command
from handlers.onboarding import choose_goal, choose_language, choose_reminder, start
from handlers.practice import practice_button, practice_command, quiz_button
from handlers.progress import progress_command
from handlers.reports import (
    announce_button,
    announce_command,
    delivery_button,
    report_button,
    report_command,
)
from handlers.reviews import review_button, reviews_command
from handlers.roleplay import roleplay_button, roleplay_command, roleplay_menu_button
from handlers.settings import (
    language_command,
    nickname_command,
    nudges_button,
    pause_button,
    pause_command,
    reminder_day_button,
    settings_button,
    settings_command,
    timezone_button,
    timezone_command,
)
from handlers.uploads import document_message, questions_command

PRIVATE = filters.ChatType.PRIVATE


def register(application: Application) -> None:  # type: ignore[type-arg]
    commands = {
        "start": start,
        "practice": practice_command,
        "roleplay": roleplay_command,
        "reviews": reviews_command,
        "progress": progress_command,
        "settings": settings_command,
        "language": language_command,
        "timezone": timezone_command,
        "nickname": nickname_command,
        "pause": pause_command,
        "streak": streak_command,
        "badges": badges_command,
        "leaderboard": leaderboard_command,
        "invite": invite_command,
        "cohorts": cohorts_command,
        "campaigns": campaigns_command,
        "report": report_command,
        "announce": announce_command,
        "questions": questions_command,
        "help": help_command,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    buttons = [
        (cd.PRACTICE, quiz_button),
        (cd.LANGUAGE, choose_language),
        (cd.REMINDER, choose_reminder),
        (cd.GOAL, choose_goal),
        (cd.COHORT, cohort_button),
        (cd.CAMPAIGN_NEW, new_campaign_button),
        (cd.REPORT, report_button),
        (cd.ANNOUNCE, announce_button),
        (cd.DELIVERY, delivery_button),
        (cd.CAMPAIGN_WIZARD, wizard_button),
        (cd.CAMPAIGN_RESULTS, results_button),
        (cd.CAMPAIGN_START, start_campaign_button),
        (cd.REMINDER_DAY, reminder_day_button),
        (cd.REMINDER_PAUSE, pause_button),
        (cd.STREAK_NUDGES, nudges_button),
        (cd.LEADERBOARD, leaderboard_command),
        (cd.TIMEZONE, timezone_button),
        (cd.SETTINGS, settings_button),
        (cd.START_PRACTICE, practice_button),
        (cd.SHOW_PROGRESS, progress_command),
        (cd.START_ROLEPLAY, roleplay_command),
        (cd.ROLEPLAY_MENU, roleplay_menu_button),
        (cd.ROLEPLAY_PRESS, roleplay_button),
        (cd.REVIEW, review_button),
    ]
    for name, callback in (("livequiz", livequiz_command), ("stopquiz", stopquiz_command)):
        application.add_handler(CommandHandler(name, callback, filters=filters.ChatType.GROUPS))
    application.add_handler(PollAnswerHandler(poll_answer))
    buttons.append((cd.LIVE, livequiz_button))
    for pattern, callback in buttons:
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(MessageHandler(PRIVATE & filters.Document.ALL, document_message))
    application.add_handler(MessageHandler(PRIVATE & ~filters.StatusUpdate.ALL, incoming_message))
    application.add_error_handler(on_error)
