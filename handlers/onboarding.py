"""/start (with an optional join code from a deep link), language and reminder choices."""

from __future__ import annotations

from datetime import time

from telegram import Update

from bot.services.instructors import COTEACH_PREFIX, INVITE_PREFIX, CohortSummary, Denied
from bot.services.learners import JoinStatus
from handlers import instructor_views as iv
from handlers import views
from handlers.common import AppContext, h, sender, tr


async def start(update: Update, context: AppContext) -> None:
    assert update.message is not None
    code = context.args[0][:64] if context.args else None
    if code and code.startswith((INVITE_PREFIX, COTEACH_PREFIX)):
        await _redeem_invite(update, context, code)
        return
    result = await context.services.learners.start(sender(update), join_code=code)
    _ = tr(result.learner.language)
    name = h(result.learner.first_name) or _("there")
    lines = [
        _("👋 Hi {name}!", name=name) if result.learner.is_new else _("👋 Welcome back, {name}!", name=name)
    ]
    if result.join is JoinStatus.JOINED:
        lines.append(_("You have joined the cohort <b>{cohort}</b>.", cohort=h(result.cohort_name or "")))
    elif result.join is JoinStatus.ALREADY:
        lines.append(_("You are already in the cohort <b>{cohort}</b>.", cohort=h(result.cohort_name or "")))
    elif result.join is JoinStatus.UNKNOWN:
        lines.append(
            _("This invite code is not valid. Ask your instructor for a new link — you can practise anyway.")
        )
    if result.learner.is_new:
        lines += [
            "",
            _(
                "I am Dialogue Coach. I help you train the 40 competencies of your customer-dialogue apprenticeship: "
                "short daily quizzes that come back just before you would forget them."
            ),
            "",
            _("First, which language do you want to practise in?"),
        ]
        await update.message.reply_text(
            "\n".join(lines), reply_markup=views.language_keyboard(onboarding=True)
        )
        return
    lines += ["", _("Ready for today's questions? /practice · /progress · /help")]
    await update.message.reply_text("\n".join(lines), reply_markup=views.start_keyboard(_))


async def _redeem_invite(update: Update, context: AppContext, payload: str) -> None:
    assert update.message is not None
    screen = await context.services.instructors.redeem(sender(update), payload)
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await update.message.reply_text(iv.denied_text(screen.content, _))
        return
    lines = [
        _(
            "🎓 Welcome, instructor! /cohorts to create cohorts and invite your learners, /campaigns for quiz "
            "campaigns, /reviews for replies to review, /help for the rest."
        )
    ]
    if isinstance(screen.content, CohortSummary):
        lines.append(_("You now co-teach the cohort <b>{cohort}</b>.", cohort=h(screen.content.name)))
    await update.message.reply_text("\n\n".join(lines))


async def choose_language(update: Update, context: AppContext) -> None:
    """A language button: from onboarding (asks the reminder time next) or from /language and /settings."""
    query = update.callback_query
    assert query is not None and context.match is not None
    learner = await context.services.learners.set_language(sender(update), context.match.group(1))
    _ = tr(learner.language)
    await query.answer(_("Language: {language}", language=views.LANGUAGE_NAMES[learner.language]))
    if context.match.group(2):
        await query.edit_message_text(
            _("Great! When should I remind you to practise each day?"),
            reply_markup=views.reminder_keyboard(_, onboarding=True),
        )
        return
    await query.edit_message_text(
        _("Done — I will speak English with you."), reply_markup=views.start_keyboard(_)
    )


async def choose_reminder(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    value, onboarding = context.match.groups()
    reminder = None if value == "off" else _parse_hhmm(value)
    if value != "off" and reminder is None:
        await query.answer()
        return
    learner = await context.services.learners.set_reminder_time(sender(update), reminder)
    _ = tr(learner.language)
    await query.answer()
    text = (
        _(
            "⏰ I will remind you every day at {time} ({timezone}).",
            time=views.format_time(reminder, _),
            timezone=h(learner.timezone),
        )
        if reminder
        else _("🔕 No daily reminder. You can turn it on in /settings.")
    )
    if onboarding:
        question = _(
            "🎯 How much XP do you want to earn each day? A question answered right is worth about 10 XP."
        )
        await query.edit_message_text(
            text + "\n\n" + question, reply_markup=views.goal_keyboard(_, onboarding=True)
        )
    else:
        await query.edit_message_text(text, reply_markup=views.start_keyboard(_))


async def choose_goal(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    goal, onboarding = context.match.groups()
    try:
        learner = await context.services.learners.set_daily_goal(sender(update), int(goal))
    except ValueError:
        learner = await context.services.learners.profile(sender(update))
        _ = tr(learner.language)
        await query.answer(_("This button is no longer active."))
        return
    _ = tr(learner.language)
    await query.answer()
    text = _("🎯 Daily goal: {goal} XP. Reach it every day to build a streak 🔥", goal=learner.daily_goal)
    if onboarding:
        text += "\n\n" + _("All set! Tap the button to start your first session of 10 questions.")
    await query.edit_message_text(text, reply_markup=views.start_keyboard(_))


def _parse_hhmm(value: str) -> time | None:
    hours, minutes = int(value[:2]), int(value[2:])
    return time(hours, minutes) if hours < 24 and minutes < 60 else None
