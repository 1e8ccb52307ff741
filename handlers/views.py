"""Rendering: service results → (HTML text, inline keyboard). No business rule lives here."""

from __future__ import annotations

from datetime import time

from babel.dates import format_date, get_day_names
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content.loader import ContentBank
from bot.content.schema import QuizType
from bot.domain.grading import Outcome
from bot.domain.reminders import QuietHours
from bot.domain.xp import GOAL_CHOICES
from bot.i18n import Translator
from bot.services.learners import LearnerView
from bot.services.practice import FeedbackView, QuestionView, SessionSummary
from bot.services.progress import ProgressReport
from handlers import callback_data as cd
from handlers.common import h
from handlers.gamification_views import goal_line, xp_line
from handlers.text import View, bar, pack

LETTERS = "ABCDEFGHIJKL"
LANGUAGE_NAMES = {"fr": "Français", "de": "Deutsch", "it": "Italiano", "en": "English"}
REMINDER_CHOICES = ("0730", "1215", "1730", "1900", "2030")
TIMEZONE_CHOICES = (
    "Europe/Zurich",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Paris",
    "Europe/Vienna",
    "Europe/London",
    "Europe/Lisbon",
    "UTC",
)


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def language_keyboard(*, onboarding: bool = False) -> InlineKeyboardMarkup:
    names = LANGUAGE_NAMES.items()
    return InlineKeyboardMarkup(
        _rows([_button(name, cd.language(code, onboarding=onboarding)) for code, name in names], 2)
    )


def format_time(value: time | None, _: Translator) -> str:
    return value.strftime("%H:%M") if value else _("off")


def reminder_keyboard(_: Translator, *, onboarding: bool = False) -> InlineKeyboardMarkup:
    times = [_button(f"{c[:2]}:{c[2:]}", cd.reminder(c, onboarding=onboarding)) for c in REMINDER_CHOICES]
    return InlineKeyboardMarkup(
        [*_rows(times, 3), [_button(_("No reminders"), cd.reminder(None, onboarding=onboarding))]]
    )


def goal_keyboard(_: Translator, *, onboarding: bool = False) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(_("{n} XP", n=n), cd.goal(n, onboarding=onboarding)) for n in GOAL_CHOICES]]
    )


PAUSE_CHOICES = (7, 14, 28)


def reminder_settings_view(_: Translator, learner: LearnerView, quiet: QuietHours) -> View:
    """Time, days, pause and streak nudges, on one screen."""
    day_names = get_day_names("abbreviated", locale=learner.language)
    days = ", ".join(day_names[day] for day in sorted(learner.reminder_days)) or _("none")
    lines = [
        _("⏰ <b>Daily reminder</b>"),
        _(
            "Time: {time} ({timezone})",
            time=format_time(learner.reminder_time, _),
            timezone=h(learner.timezone),
        ),
        _("Days: {days}", days=h(days)),
    ]
    if learner.paused_until:
        lines.append(
            _(
                "⏸ Paused until {date}",
                date=format_date(learner.paused_until, "medium", locale=learner.language),
            )
        )
    lines.append(
        _("🔔 Streak reminder in the evening: {state}", state=_("on") if learner.streak_nudges else _("off"))
    )
    lines.append(_("Pause until a date: /pause 24.12.2026"))
    if quiet.start != quiet.end:
        quiet_text = _(
            "No message is sent between {start} and {end}.",
            start=format_time(quiet.start, _),
            end=format_time(quiet.end, _),
        )
        lines += ["", quiet_text]
    times = [_button(f"{c[:2]}:{c[2:]}", cd.reminder(c)) for c in REMINDER_CHOICES]
    pause = (
        _button(_("▶️ Resume"), cd.pause(0))
        if learner.paused_until
        else _button(_("⏸ Pause"), cd.settings("pause"))
    )
    rows = [
        *_rows(times, 3),
        [_button(_("No reminders"), cd.reminder(None)), _button(_("📅 Days"), cd.settings("days"))],
        [
            pause,
            _button(
                _("🔕 Streak reminder off") if learner.streak_nudges else _("🔔 Streak reminder on"),
                cd.nudges(not learner.streak_nudges),
            ),
        ],
    ]
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def days_keyboard(_: Translator, learner: LearnerView) -> InlineKeyboardMarkup:
    names = get_day_names("abbreviated", locale=learner.language)
    toggles = [
        _button(("✅ " if day in learner.reminder_days else "⬜ ") + names[day], cd.reminder_day(day))
        for day in range(7)
    ]
    return InlineKeyboardMarkup([*_rows(toggles, 4), [_button(_("✔️ Done"), cd.settings("rem"))]])


def pause_keyboard(_: Translator) -> InlineKeyboardMarkup:
    labels = {7: _("1 week"), 14: _("2 weeks"), 28: _("4 weeks")}
    return InlineKeyboardMarkup(
        [
            [_button(labels[days], cd.pause(days)) for days in PAUSE_CHOICES],
            [_button(_("↩️ Back"), cd.settings("rem"))],
        ]
    )


def timezone_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        _rows([_button(name, cd.timezone(i)) for i, name in enumerate(TIMEZONE_CHOICES)], 2)
    )


def start_keyboard(_: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(_("▶️ Start practising"), cd.START)]])


def settings_view(_: Translator, learner: LearnerView) -> View:
    text = "\n".join(
        [
            _("<b>Settings</b>"),
            _("Language: {language}", language=LANGUAGE_NAMES[learner.language]),
            _("Daily reminder: {time}", time=format_time(learner.reminder_time, _)),
            _("Timezone: {timezone}", timezone=h(learner.timezone)),
            _("Daily goal: {goal} XP", goal=learner.daily_goal),
            _(
                "Name on boards: {name}",
                name=h(learner.nickname) if learner.nickname else _("first name and initial"),
            ),
            _("Shown on boards: {shown}", shown=_("no") if learner.hidden else _("yes")),
            "",
            _("Other timezone? Send /timezone followed by its name, e.g. /timezone America/New_York"),
        ]
    )
    visibility = _("👀 Show me on boards") if learner.hidden else _("🙈 Hide me from boards")
    keyboard = InlineKeyboardMarkup(
        [
            [_button(_("🌐 Language"), cd.settings("lang")), _button(_("⏰ Reminder"), cd.settings("rem"))],
            [_button(_("🕒 Timezone"), cd.settings("tz")), _button(_("🎯 Daily goal"), cd.settings("goal"))],
            [_button(_("🏷️ Nickname"), cd.settings("nick")), _button(visibility, cd.settings("hide"))],
        ]
    )
    return text, keyboard


# -- practice --------------------------------------------------------------------------------------


def _header(
    _: Translator, bank: ContentBank, language: str, number: int, total: int, competency_id: str
) -> str:
    competency = bank.competencies.get(competency_id)
    label = f"{competency_id} {competency.short.get(language)}" if competency else competency_id
    return _(
        "<b>Question {number}/{total}</b> · {competency}", number=number, total=total, competency=h(label)
    )


def question_view(view: QuestionView, _: Translator, bank: ContentBank) -> View:
    lines = [_header(_, bank, _.language, view.number, view.total, view.competency_id)]
    if view.repeat:
        lines.append(_("🔁 One more try:"))
    lines += ["", h(view.question)]
    if view.type is QuizType.TRUE_FALSE:
        lines += ["", _("True or false?")]
    else:
        lines += [""] + [f"<b>{LETTERS[i]}</b>  {h(option)}" for i, option in enumerate(view.options)]
    if view.type is QuizType.MULTIPLE:
        lines += ["", _("Select every right answer, then tap “Check”.")]
    if view.type is QuizType.ORDERING:
        lines += ["", _("Tap the steps in the right order.")]
        if view.tapped:
            lines.append(_("Your order: {order}", order=" → ".join(LETTERS[i] for i in view.tapped)))
    return "\n".join(lines), _question_keyboard(view, _)


def _question_keyboard(view: QuestionView, _: Translator) -> InlineKeyboardMarkup:
    def data(action: str, arg: int | None = None) -> str:
        return cd.practice(view.session_id, view.seq, action, arg)

    letters = LETTERS[: len(view.options)]
    match view.type:
        case QuizType.TRUE_FALSE:
            return InlineKeyboardMarkup(
                [[_button(_("✅ True"), data("a", 1)), _button(_("❌ False"), data("a", 0))]]
            )
        case QuizType.SINGLE:
            return InlineKeyboardMarkup(
                _rows([_button(letter, data("a", i)) for i, letter in enumerate(letters)], 6)
            )
        case QuizType.MULTIPLE:
            toggles = [
                _button(("☑️ " if i in view.selected else "⬜ ") + letter, data("t", i))
                for i, letter in enumerate(letters)
            ]
            return InlineKeyboardMarkup([*_rows(toggles, 3), [_button(_("✔️ Check"), data("c"))]])
        case QuizType.ORDERING:
            left = [_button(letter, data("o", i)) for i, letter in enumerate(letters) if i not in view.tapped]
            rows = _rows(left, 6)
            if view.tapped:
                rows.append([_button(_("↩️ Undo"), data("u"))])
            return InlineKeyboardMarkup(rows)


OUTCOME_LINES = {
    Outcome.CORRECT: "✅ <b>{}</b>",
    Outcome.PARTIAL: "🟡 <b>{}</b>",
    Outcome.WRONG: "❌ <b>{}</b>",
}


def feedback_view(view: FeedbackView, _: Translator, bank: ContentBank) -> View:
    verdict = {
        Outcome.CORRECT: _("Right!"),
        Outcome.PARTIAL: _("Almost!"),
        Outcome.WRONG: _("Not quite."),
    }[view.outcome]
    lines = [
        _header(_, bank, _.language, view.number, view.total, view.competency_id),
        "",
        h(view.question),
        "",
        OUTCOME_LINES[view.outcome].format(verdict),
    ]
    earned = xp_line(view.activity, _)
    if view.type is QuizType.TRUE_FALSE:
        lines.append(_("The statement is true.") if view.true_answer else _("The statement is false."))
    elif view.type is QuizType.ORDERING:
        lines.append(_("The right order:"))
        lines += [f"{n}. {h(step)}" for n, step in enumerate(view.correct_options, start=1)]
    else:
        lines.append(_("Right answer:") if len(view.correct_options) == 1 else _("Right answers:"))
        lines += [f"• {h(option)}" for option in view.correct_options]
    lines += ["", f"💡 {h(view.explanation)}"]
    if view.comes_back:
        lines += ["", _("🔁 This question comes back later in this session.")]
    if earned:
        lines += ["", earned]
    keyboard = InlineKeyboardMarkup([[_button(_("Next ▶️"), cd.practice(view.session_id, view.seq, "n"))]])
    return "\n".join(lines), keyboard


def summary_view(summary: SessionSummary, _: Translator) -> View:
    minutes, seconds = divmod(summary.seconds, 60)
    lines = [
        _("🏁 <b>Session complete!</b>"),
        _(
            "Right at the first try: {right}/{asked}",
            right=summary.first_try_correct,
            asked=summary.asked_items,
        ),
        _(
            "Answers: {answers} · Time: {minutes} min {seconds} s",
            answers=summary.answered,
            minutes=minutes,
            seconds=seconds,
        ),
        _.ngettext(
            "Due by tomorrow: {n} review.",
            "Due by tomorrow: {n} reviews.",
            summary.due_tomorrow,
        ),
    ]
    if summary.campaign_score is not None:
        lines.insert(1, _("📣 Quiz score: {points} points", points=summary.campaign_score))
    goal = goal_line(summary.activity, _)
    if goal:
        lines += ["", goal]
    keyboard = InlineKeyboardMarkup(
        [[_button(_("🔁 Practise more"), cd.START), _button(_("📊 My progress"), cd.PROGRESS)]]
    )
    return "\n".join(lines), keyboard


def nothing_view(_: Translator) -> View:
    return _("There is nothing to practise right now. Come back later!"), None


# -- progress ---------------------------------------------------------------------------------------


def progress_view(report: ProgressReport, _: Translator, bank: ContentBank) -> list[str]:
    """The progress report as one or more message texts (each within Telegram's limit)."""
    language = report.language
    header = [
        _("📊 <b>Your progress</b>"),
        _(
            "Seen: {seen}/{items} questions · Due today: {due}",
            seen=report.seen,
            items=report.items,
            due=report.due_today,
        ),
        _("Mastery = how likely you are to remember now (unseen questions count as 0)."),
    ]
    blocks = ["\n".join(header)]
    titles = {d.id: d.title.get(language) for d in bank.domains}
    for domain in report.domains:
        lines = [
            f"<b>{domain.domain_id}. {h(titles.get(domain.domain_id, ''))}</b> — {round(domain.mastery * 100)} %"
        ]
        for row in domain.competencies:
            competency = bank.competencies[row.competency_id]
            due = _(" · due {n}", n=row.due_today) if row.due_today else ""
            lines.append(
                f"{row.competency_id} {h(competency.short.get(language))}\n"
                f"   {bar(row.mastery)} {round(row.mastery * 100)} % · {row.seen}/{row.items}{due}"
            )
        blocks.append("\n".join(lines))
    return pack(blocks)
