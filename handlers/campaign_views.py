"""Rendering of campaigns: the wizard, the list, results, and the messages learners get."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content.loader import ContentBank
from bot.domain.campaigns import DEADLINE_DAYS, QUESTION_COUNTS
from bot.i18n import Translator
from bot.services.campaigns import CampaignListItem, CampaignResults, WizardView
from handlers import callback_data as cd
from handlers.common import h
from handlers.text import View, pack

LEARNERS_SHOWN = 30


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _when(moment: datetime | None, timezone: str, _: Translator) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M") if moment else _("now")


def _mark(chosen: bool, label: str) -> str:
    return ("✅ " if chosen else "⬜ ") + label


def wizard_view(view: WizardView, _: Translator, bank: ContentBank) -> View:
    c = view.campaign_id
    chosen_cohorts = [name for _id, name, chosen in view.cohorts if chosen]
    chosen_domains = [d for d, chosen in view.domains if chosen]
    lines = [
        _("📣 <b>New quiz campaign</b>"),
        _("Cohorts: {names}", names=h(", ".join(chosen_cohorts)) or "—"),
        _("Domains: {domains}", domains=", ".join(chosen_domains) or _("all"))
        + (" · " + _("my own questions") if view.own else ""),
        _("Questions: {n} (of {eligible} available)", n=view.count, eligible=view.eligible),
        _("Start: {when}", when=_when(view.start, view.timezone, _)),
        _.ngettext(
            "Deadline: {n} day after the start", "Deadline: {n} days after the start", view.deadline_days
        ),
        _("Reminder: {hours} h before the deadline", hours=view.reminder_hours)
        if view.reminder_hours
        else _("Reminder: none"),
        _("Speed bonus: {state}", state=_("on") if view.speed_bonus else _("off")),
        "",
    ]
    rows: list[list[InlineKeyboardButton]] = []
    match view.step:
        case "cohorts":
            lines.append(_("1/7 · Which cohorts get it?"))
            rows = [
                [_button(_mark(chosen, name[:40]), cd.campaign_wizard(c, "c", str(cid)))]
                for cid, name, chosen in view.cohorts
            ]
        case "content":
            lines.append(
                _("2/7 · Which domains? (none ticked: all) Tick one domain to choose its competencies.")
            )
            titles = {d.id: d.title.get(_.language) for d in bank.domains}
            rows = [
                [_button(_mark(chosen, f"{d}. {titles.get(d, '')[:34]}"), cd.campaign_wizard(c, "d", d))]
                for d, chosen in view.domains
            ]
            competencies = [
                _button(_mark(chosen, cid), cd.campaign_wizard(c, "k", cid.replace(".", "_")))
                for cid, chosen in view.competencies
            ]
            rows += [competencies[i : i + 4] for i in range(0, len(competencies), 4)]
            rows.append(
                [_button(_mark(view.own, _("📂 My own questions")), cd.campaign_wizard(c, "d", "own"))]
            )
        case "count":
            lines.append(_("3/7 · How many questions?"))
            rows = [
                [
                    _button(_mark(n == view.count, str(n)), cd.campaign_wizard(c, "n", str(n)))
                    for n in QUESTION_COUNTS
                ]
            ]
        case "start":
            lines.append(_("4/7 · When does it start? Or send a date and time, e.g. 24.12.2026 08:30"))
            rows = [
                [
                    _button(_("Now"), cd.campaign_wizard(c, "s", "now")),
                    _button(_("In 1 hour"), cd.campaign_wizard(c, "s", "1h")),
                    _button(_("Tomorrow 08:00"), cd.campaign_wizard(c, "s", "tomorrow")),
                ]
            ]
        case "deadline":
            lines.append(_("5/7 · How long is it open?"))
            rows = [
                [
                    _button(_.ngettext("{n} day", "{n} days", n), cd.campaign_wizard(c, "e", str(n)))
                    for n in DEADLINE_DAYS
                ]
            ]
        case "reminder":
            lines.append(_("6/7 · Remind the learners who have not finished?"))
            rows = [
                [
                    _button(_("No reminder"), cd.campaign_wizard(c, "r", "0")),
                    _button(_("2 h before"), cd.campaign_wizard(c, "r", "2")),
                    _button(_("24 h before"), cd.campaign_wizard(c, "r", "24")),
                ]
            ]
        case "bonus":
            lines.append(_("7/7 · Speed bonus (faster right answers earn more points)?"))
            rows = [
                [
                    _button(_("⚡ On"), cd.campaign_wizard(c, "b", "1")),
                    _button(_("Off"), cd.campaign_wizard(c, "b", "0")),
                ]
            ]
        case _:
            lines.append(
                _("Everything right? The campaign goes to every member of the cohorts at the start.")
            )
            rows = [[_button(_("✅ Start the campaign"), cd.campaign_wizard(c, "go", "1"))]]
    if view.step in ("cohorts", "content", "count"):
        rows.append([_button(_("Next ▶️"), cd.campaign_wizard(c, "go", "1"))])
    rows.append([_button(_("✖️ Cancel"), cd.campaign_wizard(c, "x", "1"))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def campaigns_view(items: list[CampaignListItem], _: Translator) -> View:
    status = {"scheduled": "🕒", "running": "🟢", "closed": "🏁"}
    lines = [_("📣 <b>Your quiz campaigns</b>")]
    if not items:
        lines.append(_("No campaign yet."))
    rows = [
        [_button(f"{status.get(item.status, '•')} {item.title[:50]}", cd.campaign_results(item.campaign_id))]
        for item in items
    ]
    rows.append([_button(_("➕ New campaign"), cd.NEW_CAMPAIGN)])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def results_view(results: CampaignResults, _: Translator) -> list[View]:
    blocks = [
        "\n".join(
            [
                f"📊 <b>{h(results.title)}</b>",
                _(
                    "Completion: {finished}/{total} ({rate})",
                    finished=results.finished,
                    total=results.recipients,
                    rate=_percent(results.completion),
                ),
                _("Mean score: {score} right", score=_percent(results.mean_score)),
            ]
        )
    ]
    if results.hardest:
        blocks.append(
            "\n".join(
                [_("<b>Hardest questions</b>")]
                + [
                    f"• {_percent(q.correct_rate)} · {q.competency_id} {h(q.question[:120])}"
                    for q in results.hardest
                ]
            )
        )
    if results.competencies:
        blocks.append(
            "\n".join(
                [_("<b>Per competency</b>")]
                + [f"{cid}: {_percent(rate)}" for cid, rate in results.competencies]
            )
        )
    learners = [_("<b>Learners</b>")] + [
        f"{'✅' if r.finished else '⏳'} {h(r.name)} — {r.correct}/{r.answered} · {r.score} pts"
        for r in results.learners[:LEARNERS_SHOWN]
    ]
    blocks.append("\n".join(learners))
    c = results.campaign_id
    keyboard = InlineKeyboardMarkup(
        [
            [
                _button(_("📈 Chart"), cd.campaign_results(c, "png")),
                _button("CSV", cd.campaign_results(c, "csv")),
                _button("XLSX", cd.campaign_results(c, "xlsx")),
            ]
        ]
    )
    texts = pack(blocks)
    return [(text, keyboard if i == len(texts) - 1 else None) for i, text in enumerate(texts)]


def campaign_message(payload: dict[str, Any], _: Translator, *, reminder: bool) -> View:
    deadline = datetime.fromisoformat(payload["deadline"]) if payload.get("deadline") else None
    until = deadline.astimezone(ZoneInfo("Europe/Zurich")).strftime("%d.%m. %H:%M") if deadline else "—"
    head = _("⏰ Reminder: your quiz closes soon!") if reminder else _("📣 Your instructor sent you a quiz!")
    text = "\n".join(
        [
            head,
            f"<b>{h(payload['title'])}</b>",
            _("{n} questions · until {until}", n=payload["questions"], until=until),
        ]
    )
    return text, InlineKeyboardMarkup(
        [[_button(_("▶️ Start"), cd.campaign_start(int(payload["campaign_id"])))]]
    )
