"""CSV and XLSX exports of campaign results (sent as Telegram documents)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from bot.i18n import Translator
from bot.services.campaigns import CampaignResults


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
