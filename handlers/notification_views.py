"""Rendering of messages sent outside a conversation: reminders, streak nudges, weekly summaries."""

from __future__ import annotations

from typing import Any

from bot.i18n import Translator
from bot.services.gamification import BadgeView
from bot.services.weekly import WeeklySummary
from handlers.campaign_views import campaign_message
from handlers.common import h
from handlers.gamification_views import weekly_summary_view
from handlers.text import View
from handlers.views import start_keyboard


def reminder_view(payload: dict[str, Any], _: Translator) -> View:
    lines = [_("📚 Time for today's practice!")]
    due = int(payload.get("due", 0))
    if due:
        lines.append(
            _.ngettext("{n} question is waiting for you.", "{n} questions are waiting for you.", due)
        )
    streak = int(payload.get("streak", 0))
    if streak:
        lines.append(
            _.ngettext("🔥 Keep your {n}-day streak alive!", "🔥 Keep your {n}-day streak alive!", streak)
        )
    return "\n".join(lines), start_keyboard(_)


def nudge_view(payload: dict[str, Any], _: Translator) -> View:
    text = _(
        "🔥 Your {streak}-day streak is at stake! {xp}/{goal} XP today — a few questions are enough.",
        streak=int(payload.get("streak", 0)),
        xp=int(payload.get("xp", 0)),
        goal=int(payload.get("goal", 0)),
    )
    return text, start_keyboard(_)


def weekly_view(payload: dict[str, Any], _: Translator) -> View:
    summary = WeeklySummary(
        **{**payload, "badges": [BadgeView(**badge) for badge in payload.get("badges", [])]}
    )
    return weekly_summary_view(summary, _), start_keyboard(_)


def campaign_view(payload: dict[str, Any], _: Translator) -> View:
    return campaign_message(payload, _, reminder=False)


def campaign_reminder_view(payload: dict[str, Any], _: Translator) -> View:
    return campaign_message(payload, _, reminder=True)


def announcement_view(payload: dict[str, Any], _: Translator) -> View:
    head = _(
        "📣 <b>{author}</b> to {cohort}:", author=h(str(payload["author"])), cohort=h(str(payload["cohort"]))
    )
    return head + "\n\n" + h(str(payload["text"])), None


RENDERERS = {
    "announcement": announcement_view,
    "reminder": reminder_view,
    "nudge": nudge_view,
    "weekly": weekly_view,
    "campaign": campaign_view,
    "campaign_reminder": campaign_reminder_view,
}
