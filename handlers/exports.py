"""CSV and XLSX exports of campaign results (sent as Telegram documents)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from bot.content.loader import ContentBank
from bot.i18n import Translator
from bot.services.campaigns import CampaignResults
from bot.services.reports import CohortReport


def _tables(results: CampaignResults, _: Translator) -> dict[str, list[list[object]]]:
    return {
        _("Summary"): [
            [_("Campaign"), results.title],
            [_("Questions"), results.questions],
            [_("Recipients"), results.recipients],
            [_("Finished"), results.finished],
            [_("Completion (%)"), round(results.completion * 100, 1)],
            [_("Mean score (% right)"), round(results.mean_score * 100, 1)],
        ],
        _("Learners"): [[_("Learner"), _("Answered"), _("Right"), _("Points"), _("Finished")]]
        + [[r.name, r.answered, r.correct, r.score, r.finished] for r in results.learners],
        _("Questions"): [[_("Question ID"), _("Competency"), _("Question"), _("Answered"), _("Right (%)")]]
        + [
            [q.item_id, q.competency_id, q.question, q.answered, round(q.correct_rate * 100, 1)]
            for q in results.items
        ],
        _("Competencies"): [[_("Competency"), _("Right (%)")]]
        + [[cid, round(rate * 100, 1)] for cid, rate in results.competencies],
    }


def results_csv(results: CampaignResults, _: Translator) -> bytes:
    """One CSV with the learners' results (UTF-8 with BOM so spreadsheet apps read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in _tables(results, _)[_("Learners")]:
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def results_xlsx(results: CampaignResults, _: Translator) -> bytes:
    """A workbook with a sheet each for the summary, learners, questions and competencies."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in _tables(results, _).items():
        sheet = workbook.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: CohortReport, bank: ContentBank, _: Translator) -> bytes:
    """A summary sheet, then one sheet per learner: practised competencies and mastery, role-play scores
    with the instructor's feedback, campaign results (for the semester training report)."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Cohort")[:31]
    summary.append([_("Learner"), _("Last active"), _("Streak"), _("XP this week"), _("Mean mastery (%)")])
    for learner in report.learners:
        mean = sum(learner.mastery.values()) / len(learner.mastery) if learner.mastery else 0.0
        last = learner.last_active.strftime("%Y-%m-%d") if learner.last_active else "—"
        summary.append([learner.name, last, learner.streak, learner.weekly_xp, round(mean * 100, 1)])
    used: set[str] = {summary.title}
    for learner in report.learners:
        sheet = workbook.create_sheet(_sheet_title(learner.name, used))
        sheet.append([_("Competency"), _("Title"), _("Practised"), _("Mastery (%)")])
        for competency_id in report.competencies:
            competency = bank.competencies.get(competency_id)
            title = competency.short.get(_.language) if competency else competency_id
            sheet.append(
                [
                    competency_id,
                    title,
                    competency_id in learner.practised,
                    round(learner.mastery.get(competency_id, 0.0) * 100, 1),
                ]
            )
        sheet.append([])
        sheet.append([_("Role-play"), _("Competency"), _("Score (%)"), _("Instructor feedback")])
        for play in learner.roleplays:
            sheet.append([play.title, play.competency_id, round(play.score * 100), play.feedback or ""])
        sheet.append([])
        sheet.append([_("Campaign"), _("Points"), _("Finished")])
        for title, points, finished in learner.campaigns:
            sheet.append([title, points, finished])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel sheet titles: at most 31 characters, no []:*?/\\ and unique."""
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "Learner"
    title, counter = base, 2
    while title in used:
        title, counter = f"{base[:25]} ({counter})", counter + 1
    used.add(title)
    return title
