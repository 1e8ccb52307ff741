"""/report and /announce for an instructor's cohort, and their refusals."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.config import Settings
from bot.content.loader import ContentBank
from bot.i18n import translator
from bot.services import Services
from jobs.sender import send_outbox
from tests.botapi import png_size
from tests.handlers.test_instructors import TEACHER, make_cohort, make_teacher
from tests.harness import LEA, MARC, BotHarness
from tests.quiz_player import answer, next_question


async def test_report_summary_heatmap_and_workbook(
    bot: BotHarness, services: Services, settings: Settings, bank: ContentBank
) -> None:
    await make_teacher(bot, settings)
    code = await make_cohort(bot, "KD Zürich")
    for learner in (LEA, MARC):
        await bot.send(f"/start {code}", user=learner)
    await bot.send("/practice")
    await answer(bot, bank, right=True)
    await next_question(bot)
    await bot.send("/report", user=TEACHER)
    await bot.press(bot.last_buttons()[0][1], user=TEACHER)
    summary = "\n".join(bot.texts_to(TEACHER["id"])[-3:])
    assert "KD Zürich" in summary and "Marc" in summary  # Marc never practised: listed as inactive
    photo = bot.api.sent("sendPhoto")[-1].params["_files"]["photo"]
    assert png_size(photo) is not None
    workbook = load_workbook(io.BytesIO(bot.api.sent("sendDocument")[-1].params["_files"]["document"]))
    assert len(workbook.sheetnames) == 3  # the cohort, then one sheet per learner
    lea = workbook[next(name for name in workbook.sheetnames if name.startswith("Lea"))]
    rows = list(lea.iter_rows(min_row=2, max_row=4, values_only=True))
    assert sum(1 for row in rows if row[2] is True) == 1 and any(row[3] > 0 for row in rows)
    await bot.press("rep:1", user=LEA)
    assert bot.callback_answers()[-1] == translator("de")("This cohort is not one of yours.")


async def test_announce_reaches_every_member_and_counts_delivery(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    await make_teacher(bot, settings)
    code = await make_cohort(bot, "KD Basel")
    for learner in (LEA, MARC):
        await bot.send(f"/start {code}", user=learner)
    await bot.send("/announce", user=TEACHER)
    await bot.press(bot.last_buttons()[0][1], user=TEACHER)
    await bot.send("Morgen keine Schule — übt 10 Minuten! <3", user=TEACHER)
    delivery = bot.last_buttons()[0][1]
    await send_outbox(bot.app.bot, services)
    for learner in (LEA, MARC):
        assert any("Morgen keine Schule — übt 10 Minuten! &lt;3" in t for t in bot.texts_to(learner["id"]))
    await bot.press(delivery, user=TEACHER)
    assert "2" in bot.callback_answers()[-1]
    await bot.press(delivery, user=LEA)  # not the author
    assert bot.callback_answers()[-1] == translator("de")("This button is no longer active.")
    await bot.press("ann:1", user=MARC)
    assert bot.callback_answers()[-1] == translator("fr")("This cohort is not one of yours.")
