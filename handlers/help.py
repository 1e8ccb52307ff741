"""/help, and the friendly answer to anything the bot does not understand."""

from __future__ import annotations

from telegram import Update

from handlers import views
from handlers.common import AppContext, sender, tr


async def help_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    text = "\n".join(
        [
            _("<b>Dialogue Coach</b> trains the 40 competencies of the customer-dialogue apprenticeship."),
            "",
            _("/practice — a session of 10 questions chosen for you"),
            _("/roleplay — a role-play: I play the customer, you answer"),
            _("/progress — your mastery per domain and competency"),
            _("/streak — your streak and today's goal · /badges — your badges"),
            _("/leaderboard — your cohort's week, all time, and the cohort league"),
            _("/settings — language, daily reminder, timezone"),
            _("/language — change the language"),
            _("/help — this message"),
            _(
                "Instructors: /cohorts · /campaigns · /report · /announce · /questions · /reviews · /livequiz (in the group)"
            ),
            "",
            _(
                "Questions come back just before you would forget them (spaced repetition). "
                "Answer honestly and quickly: a quick right answer comes back later than a slow one."
            ),
        ]
    )
    await update.message.reply_text(text, reply_markup=views.start_keyboard(_))


async def fallback_message(update: Update, context: AppContext) -> None:
    """Free text, stickers, files, unknown commands: a short pointer, never an error."""
    if update.effective_message is None or update.effective_user is None:
        return
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    await update.effective_message.reply_text(
        _("I didn't understand that. Send /practice to practise or /help to see what I can do."),
        reply_markup=views.start_keyboard(_),
    )


async def stale_button(update: Update, context: AppContext) -> None:
    """Any button whose data no handler recognises (old, forged or from a former version)."""
    query = update.callback_query
    assert query is not None
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    await query.answer(_("This button is no longer active."))
