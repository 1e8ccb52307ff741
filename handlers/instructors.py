"""/invite, /cohorts and the cohort buttons (instructors and admins; every check is in the service)."""

from __future__ import annotations

from telegram import Update

from bot.services.instructors import CohortDetail, CohortSummary, Denied
from handlers import instructor_views as iv
from handlers.common import AppContext, h, sender, tr


async def invite_command(update: Update, context: AppContext) -> None:
    """/invite: an admin gets a one-time link that makes its opener an instructor."""
    assert update.message is not None
    screen = await context.services.instructors.create_invite(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await update.message.reply_text(iv.denied_text(screen.content, _))
        return
    link = iv.deep_link(context.bot.username, str(screen.content))
    await update.message.reply_text(
        _("🔑 One-time instructor invite — send it to the instructor, it works once:\n{link}", link=h(link))
    )


async def cohorts_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None
    screen = await context.services.instructors.cohorts(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await context.bot.send_message(update.effective_chat.id, iv.denied_text(screen.content, _))
        return
    assert isinstance(screen.content, list)
    text, keyboard = iv.cohorts_view(screen.content, _)
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)


async def cohort_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    target, action, arg = context.match.groups()
    services, user, chat = context.services.instructors, sender(update), update.effective_chat.id
    if target == "new":
        cohorts = await services.cohorts(user)
        _ = tr(cohorts.language)
        if isinstance(cohorts.content, Denied):
            await query.answer(iv.denied_text(cohorts.content, _)[:200])
            return
        await services.awaiting(user, "cohort_name")
        await query.answer()
        await context.bot.send_message(chat, _("✏️ Send the new cohort's name, e.g. “KD 2026 Lausanne”."))
        return
    cohort_id = int(target)
    match action:
        case "rot":
            screen = await services.rotate_code(user, cohort_id)
        case "rm" if arg is not None:
            screen = await services.remove_member(user, cohort_id, int(arg))
        case "co":
            screen = await services.create_invite(user, cohort_id=cohort_id)
        case _:
            screen = await services.detail(user, cohort_id)
    _ = tr(screen.language)
    content = screen.content
    if isinstance(content, Denied):
        await query.answer(iv.denied_text(content, _)[:200])
        return
    await query.answer()
    if action == "co":
        link = iv.deep_link(context.bot.username, str(content))
        await context.bot.send_message(
            chat,
            _(
                "🤝 One-time co-teacher link — whoever opens it teaches this cohort with you:\n{link}",
                link=h(link),
            ),
        )
    elif action == "qr" and isinstance(content, CohortDetail):
        link = iv.deep_link(context.bot.username, content.join_code)
        await context.bot.send_photo(
            chat, iv.qr_png(link), caption=_("🔳 {name}: scan to join", name=h(content.name))
        )
    elif action == "mem" and isinstance(content, CohortDetail):
        await query.edit_message_text(
            _("➖ Tap the member to remove from <b>{cohort}</b>:", cohort=h(content.name)),
            reply_markup=iv.remove_member_keyboard(content, _),
        )
    elif isinstance(content, CohortDetail):
        for text, keyboard in iv.cohort_view(content, _, context.bot.username):
            await context.bot.send_message(chat, text, reply_markup=keyboard)


async def send_cohort_created(
    update: Update, context: AppContext, summary: CohortSummary, language: str
) -> None:
    """After an instructor sent a new cohort's name: its screen with the join link."""
    assert update.effective_chat is not None
    screen = await context.services.instructors.detail(sender(update), summary.cohort_id)
    _ = tr(language)
    await context.bot.send_message(update.effective_chat.id, _("✅ Cohort created."))
    if isinstance(screen.content, CohortDetail):
        for text, keyboard in iv.cohort_view(screen.content, _, context.bot.username):
            await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
