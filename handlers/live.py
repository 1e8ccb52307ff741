"""/livequiz and /stopquiz in a cohort's group: native quiz polls, standings after each, a podium."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes, JobQueue

from bot.i18n import Translator, translator
from bot.services import Services
from bot.services.live import CohortChoice, LiveRefusal, LiveStep
from handlers import callback_data as cd
from handlers.common import AppContext, h, sender, tr

log = logging.getLogger(__name__)
COUNTS = (5, 10, 15)
MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def true_false(_: Translator) -> tuple[str, str]:
    return _("True"), _("False")


def refusal_text(refusal: LiveRefusal, _: Translator) -> str:
    return {
        LiveRefusal.NOT_INSTRUCTOR: _("Only this group's instructors can run a live quiz."),
        LiveRefusal.NO_COHORT: _("This group is not linked to a cohort yet."),
        LiveRefusal.RUNNING: _("A live quiz is already running here."),
        LiveRefusal.NOTHING_RUNNING: _("No live quiz is running here."),
        LiveRefusal.NO_QUESTIONS: _("There are no questions for a live quiz here."),
    }[refusal]


def choice_keyboard(choice: CohortChoice, _: Translator) -> InlineKeyboardMarkup:
    rows = []
    for cohort_id, name in choice.cohorts[:3]:
        if len(choice.cohorts) > 1:
            rows.append(
                [InlineKeyboardButton(f"👥 {name[:40]}", callback_data=cd.live(cohort_id, 5, True, False))]
            )
        rows.append(
            [
                InlineKeyboardButton(f"{n} ⚡", callback_data=cd.live(cohort_id, n, True, False))
                for n in COUNTS
            ]
        )
        rows.append(
            [InlineKeyboardButton(str(n), callback_data=cd.live(cohort_id, n, False, False)) for n in COUNTS]
        )
        rows.append(
            [
                InlineKeyboardButton(
                    _("📂 {n} of my questions", n=5), callback_data=cd.live(cohort_id, 5, True, True)
                )
            ]
        )
    return InlineKeyboardMarkup(rows)


async def livequiz_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None and update.message is not None
    screen = await context.services.live.choose_cohort(sender(update), update.effective_chat.id)
    _ = tr(screen.language)
    if isinstance(screen.content, LiveRefusal):
        await update.message.reply_text(refusal_text(screen.content, _))
        return
    assert isinstance(screen.content, CohortChoice)
    await update.message.reply_text(
        _("🎯 <b>Live quiz</b> — how many questions? ⚡ = faster right answers earn more points."),
        reply_markup=choice_keyboard(screen.content, _),
    )


async def livequiz_button(update: Update, context: AppContext) -> None:
    query = update.callback_query
    assert query is not None and context.match is not None and update.effective_chat is not None
    cohort_id, count, bonus, source = context.match.groups()
    profile = await context.services.learners.profile(sender(update))
    _ = tr(profile.language)
    screen = await context.services.live.start(
        sender(update),
        update.effective_chat.id,
        int(cohort_id),
        int(count),
        speed_bonus=bonus == "1",
        own=source == "own",
        true_false=true_false(_),
    )
    if isinstance(screen.content, LiveRefusal):
        await query.answer(refusal_text(screen.content, _))
        return
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    assert isinstance(screen.content, LiveStep)
    await post_step(context.bot, context.services, screen.content, context.job_queue)


async def stopquiz_command(update: Update, context: AppContext) -> None:
    assert update.effective_chat is not None and update.message is not None
    profile = await context.services.learners.profile(sender(update))
    screen = await context.services.live.stop(
        sender(update), update.effective_chat.id, true_false(tr(profile.language))
    )
    _ = tr(screen.language)
    if isinstance(screen.content, LiveRefusal):
        await update.message.reply_text(refusal_text(screen.content, _))
        return
    await post_step(context.bot, context.services, screen.content, context.job_queue)


async def poll_answer(update: Update, context: AppContext) -> None:
    answer = update.poll_answer
    if answer is None or answer.user is None:
        return
    await context.services.live.answer(sender(update), answer.poll_id, list(answer.option_ids))


def standings_text(step: LiveStep, _: Translator) -> str:
    if step.finished:
        lines = [_("🏆 <b>Podium</b>")]
        lines += [f"{MEDALS.get(r, f'{r}.')} {h(name)} — {pts}" for r, name, pts in step.standings]
        lines.append(_("Well done, everyone!") if step.standings else _("Nobody answered this time."))
        return "\n".join(lines)
    lines = [_("📊 <b>Standings</b>")] + [
        f"{MEDALS.get(r, f'{r}.')} {h(name)} — {pts}" for r, name, pts in step.standings
    ]
    return "\n".join(lines)


async def post_step(bot: Bot, services: Services, step: LiveStep, job_queue: JobQueue | None) -> None:  # type: ignore[type-arg]
    """Standings (or the podium), then the next poll; schedule the step after it."""
    _ = translator(step.language)
    if step.standings or step.finished:
        await bot.send_message(step.chat_id, standings_text(step, _))
    if step.poll is None:
        return
    poll = step.poll
    prefix = f"{poll.position + 1}/{poll.total} · "
    question = prefix + poll.question if len(prefix + poll.question) <= 300 else poll.question
    try:
        message = await bot.send_poll(
            step.chat_id,
            question,
            poll.options,
            is_anonymous=False,
            type="quiz",
            correct_option_ids=[poll.correct_option],
            explanation=poll.explanation[:200],
            open_period=poll.open_seconds,
        )
    except TelegramError:
        log.warning("could not post live poll %s/%s", step.quiz_id, poll.position, exc_info=True)
        return
    assert message.poll is not None
    moves_on = await services.live.poll_sent(poll, message.poll.id)
    if job_queue is not None:
        job_queue.run_once(live_job, when=moves_on, name=f"live-{step.quiz_id}")


async def live_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Move every live quiz whose poll has closed (also run by the sweep, so a restart resumes)."""
    services: Services = context.application.bot_data["services"]
    default = translator(services.context.settings.default_language)
    for step in await services.live.advance_due(true_false(default)):
        await post_step(context.bot, services, step, context.job_queue)
