"""/report and /announce for a cohort (instructors): summary, heatmap, XLSX; a message to all members."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.i18n import Translator
from bot.services.announcements import AnnouncementQueued, DeliveryCount
from bot.services.instructors import Denied
from bot.services.reports import CohortReport
from handlers import callback_data as cd
from handlers import instructor_views as iv
from handlers.charts import mastery_heatmap
from handlers.common import AppContext, h, sender, tr
from handlers.exports import report_xlsx
from handlers.text import pack

INACTIVE_SHOWN = 30


def report_texts(report: CohortReport, _: Translator) -> list[str]:
    inactive = [learner for learner in report.learners if learner.inactive]
    blocks = [_("📊 <b>Report: {cohort}</b> · {n} learners", cohort=h(report.name), n=len(report.learners))]
    if inactive:
        blocks.append(
            "\n".join(
                [_("<b>Inactive for 7+ days</b>")]
                + [
                    f"• {h(learner.name)} — "
                    + (
                        learner.last_active.astimezone(ZoneInfo("Europe/Zurich")).strftime("%d.%m.%Y")
                        if learner.last_active
                        else _("never practised")
                    )
                    for learner in inactive[:INACTIVE_SHOWN]
                ]
            )
        )
    ranked = sorted(report.learners, key=lambda learner: -learner.weekly_xp)
    blocks.append(
        "\n".join(
            [_("<b>This week</b> (XP · streak)")]
            + [f"{h(learner.name)} — {learner.weekly_xp} XP · 🔥 {learner.streak}" for learner in ranked]
        )
    )
    return pack(blocks)


async def _pick_cohort(update: Update, context: AppContext, data: Callable[[int], str], icon: str) -> None:
    """Ask which of the instructor's cohorts a command is about."""
    assert update.message is not None
    screen = await context.services.instructors.cohorts(sender(update))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await update.message.reply_text(iv.denied_text(screen.content, _))
        return
    assert isinstance(screen.content, list)
    if not screen.content:
        await update.message.reply_text(_("No cohort yet: create the first one."))
        return
    rows = [[InlineKeyboardButton(c.name[:40], callback_data=data(c.cohort_id))] for c in screen.content]
    await update.message.reply_text(icon + " " + _("Which cohort?"), reply_markup=InlineKeyboardMarkup(rows))


async def report_command(update: Update, context: AppContext) -> None:
    await _pick_cohort(update, context, cd.report, "📊")


async def announce_command(update: Update, context: AppContext) -> None:
    await _pick_cohort(update, context, cd.announce, "📣")


async def report_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    screen = await context.services.reports.cohort(sender(update), int(context.match.group(1)))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await query.answer(iv.denied_text(screen.content, _)[:200])
        return
    await query.answer()
    report, chat = screen.content, update.effective_chat.id
    for text in report_texts(report, _):
        await context.bot.send_message(chat, text)
    png = mastery_heatmap(
        [learner.name for learner in report.learners],
        report.competencies,
        [[learner.mastery[c] for c in report.competencies] for learner in report.learners],
        report.name,
        _,
    )
    await context.bot.send_photo(chat, png, caption=_("🗺️ Mastery per learner and competency"))
    workbook = report_xlsx(report, context.services.context.bank, _)
    await context.bot.send_document(
        chat,
        workbook,
        filename=f"report-{report.cohort_id}.xlsx",
        caption=_("📎 One sheet per learner, for the training report."),
    )


async def announce_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    screen = await context.services.announcements.prepare(sender(update), int(context.match.group(1)))
    _ = tr(screen.language)
    if isinstance(screen.content, Denied):
        await query.answer(iv.denied_text(screen.content, _)[:200])
        return
    await query.answer()
    await context.bot.send_message(
        update.effective_chat.id,
        _("📣 Send the message for every member of {cohort} (text).", cohort=h(str(screen.content))),
    )


def queued_view(queued: AnnouncementQueued, _: Translator) -> tuple[str, InlineKeyboardMarkup]:
    text = _("📣 Queued for {n} members of {cohort}.", n=queued.recipients, cohort=h(queued.cohort_name))
    return text, InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("🔄 Delivery"), callback_data=cd.delivery(queued.token))]]
    )


async def delivery_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None
    screen = await context.services.announcements.delivery(sender(update), context.match.group(1))
    _ = tr(screen.language)
    if not isinstance(screen.content, DeliveryCount):
        await query.answer(_("This button is no longer active."))
        return
    count = screen.content
    await query.answer(
        _(
            "Delivered: {sent} · blocked: {blocked} · waiting: {waiting} · failed: {failed}",
            sent=count.sent,
            blocked=count.blocked,
            waiting=count.waiting,
            failed=count.failed,
        ),
        show_alert=True,
    )
