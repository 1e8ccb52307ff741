"""/settings, /language, /timezone and their buttons."""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update

from bot.services.learners import quiet_hours
from handlers import views
from handlers.common import AppContext, h, sender, tr


async def settings_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    learner = await context.services.learners.profile(sender(update))
    text, keyboard = views.settings_view(tr(learner.language), learner)
    await update.message.reply_text(text, reply_markup=keyboard)


async def language_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    await update.message.reply_text(_("Choose your language:"), reply_markup=views.language_keyboard())


async def settings_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    what = context.match.group(1)
    if what == "hide":
        current = await context.services.learners.profile(sender(update))
        learner = await context.services.learners.set_hidden(sender(update), not current.hidden)
        _ = tr(learner.language)
        await query.answer(_("Hidden from boards.") if learner.hidden else _("Shown on boards."))
        text, keyboard = views.settings_view(_, learner)
        await query.edit_message_text(text, reply_markup=keyboard)
        return
    learner = await context.services.learners.profile(sender(update))
    _ = tr(learner.language)
    await query.answer()
    match what:
        case "lang":
            await query.edit_message_text(_("Choose your language:"), reply_markup=views.language_keyboard())
        case "rem":
            text, keyboard = views.reminder_settings_view(_, learner, quiet_hours(context.services.context))
            await query.edit_message_text(text, reply_markup=keyboard)
        case "days":
            await query.edit_message_text(
                _("📅 On which days should I remind you?"), reply_markup=views.days_keyboard(_, learner)
            )
        case "pause":
            await query.edit_message_text(
                _("⏸ Pause reminders for how long? (holidays, exams)"), reply_markup=views.pause_keyboard(_)
            )
        case "goal":
            await query.edit_message_text(
                _("🎯 Choose your daily goal:"), reply_markup=views.goal_keyboard(_)
            )
        case "nick":
            await query.edit_message_text(
                _(
                    "🏷️ Send /nickname followed by the name to show on boards (2–20 characters), "
                    "or /nickname alone to go back to your first name and initial."
                )
            )
        case _:
            await query.edit_message_text(_("Choose your timezone:"), reply_markup=views.timezone_keyboard())


async def timezone_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    index = int(context.match.group(1))
    if index >= len(views.TIMEZONE_CHOICES):
        learner = await context.services.learners.profile(sender(update))
        _ = tr(learner.language)
        await query.answer(_("This button is no longer active."))
        return
    learner = await context.services.learners.set_timezone(sender(update), views.TIMEZONE_CHOICES[index])
    _ = tr(learner.language)
    await query.answer()
    await query.edit_message_text(_("🕒 Timezone set to {timezone}.", timezone=h(learner.timezone)))


async def timezone_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    name = context.args[0][:64] if context.args else ""
    try:
        learner = await context.services.learners.set_timezone(sender(update), name)
    except ValueError:
        learner = await context.services.learners.profile(sender(update))
        _ = tr(learner.language)
        await update.message.reply_text(
            _("I don't know this timezone. Send it like this: /timezone Europe/Zurich"),
            reply_markup=views.timezone_keyboard(),
        )
        return
    _ = tr(learner.language)
    await update.message.reply_text(_("🕒 Timezone set to {timezone}.", timezone=h(learner.timezone)))


async def nickname_command(update: Update, context: AppContext) -> None:
    assert update.message is not None
    nickname = " ".join(context.args) if context.args else None
    try:
        learner = await context.services.learners.set_nickname(sender(update), nickname)
    except ValueError:
        learner = await context.services.learners.profile(sender(update))
        _ = tr(learner.language)
        await update.message.reply_text(_("A nickname has 2–20 letters, digits, spaces, dots or dashes."))
        return
    _ = tr(learner.language)
    if learner.nickname:
        await update.message.reply_text(_("🏷️ Boards now show you as {name}.", name=h(learner.nickname)))
    else:
        await update.message.reply_text(_("🏷️ Boards now show your first name and initial."))


async def reminder_day_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    learner = await context.services.learners.toggle_reminder_day(sender(update), int(context.match.group(1)))
    _ = tr(learner.language)
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=views.days_keyboard(_, learner))


async def pause_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    days = int(context.match.group(1))
    learner = await context.services.learners.pause_reminders(sender(update), days or None)
    _ = tr(learner.language)
    await query.answer(_("Reminders paused.") if days else _("Reminders resumed."))
    text, keyboard = views.reminder_settings_view(_, learner, quiet_hours(context.services.context))
    await query.edit_message_text(text, reply_markup=keyboard)


async def nudges_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    learner = await context.services.learners.set_streak_nudges(sender(update), context.match.group(1) == "1")
    _ = tr(learner.language)
    await query.answer()
    text, keyboard = views.reminder_settings_view(_, learner, quiet_hours(context.services.context))
    await query.edit_message_text(text, reply_markup=keyboard)


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y")


def parse_date(text: str) -> date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


async def pause_command(update: Update, context: AppContext) -> None:
    """/pause 24.12.2026 — no reminders until that date; /pause alone resumes."""
    assert update.message is not None
    until = parse_date(context.args[0][:20]) if context.args else None
    try:
        if context.args and until is None:
            raise ValueError("not a date")
        learner = await context.services.learners.pause_reminders(sender(update), until=until)
    except ValueError:
        learner = await context.services.learners.profile(sender(update))
        _ = tr(learner.language)
        await update.message.reply_text(
            _("Send a date in the future, e.g. /pause 24.12.2026 — or /pause alone to resume.")
        )
        return
    _ = tr(learner.language)
    text, keyboard = views.reminder_settings_view(_, learner, quiet_hours(context.services.context))
    await update.message.reply_text(text, reply_markup=keyboard)
