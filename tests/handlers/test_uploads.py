"""Instructors' question files: an upload with errors changes nothing; a good one is imported,
updated on re-upload, and usable in a campaign; learners cannot upload."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Settings
from bot.db.models import Campaign, CustomItem
from bot.i18n import translator
from bot.services import Services
from handlers.common import h
from tests.domain.test_uploads import CSV_OK, YAML_OK
from tests.handlers.test_instructors import TEACHER, make_cohort, make_teacher
from tests.harness import LEA, BotHarness

DE = translator("de")


async def _count(services: Services) -> int:
    async with services.context.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(CustomItem)) or 0)


async def test_an_upload_with_errors_and_one_without(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    await make_teacher(bot, settings)
    await bot.send("/questions", user=TEACHER)
    templates = [c.params["_files"]["document"] for c in bot.api.sent("sendDocument")]
    assert len(templates) == 2
    bad = CSV_OK.replace("q2;3.2;true_false", "q2;9.9;true_false")
    await bot.send_document("fragen.csv", bad.encode(), user=TEACHER)
    expected = DE(
        "line {line}: {message}", line=3, message=DE("Unknown competency “{value}” (e.g. 2.3).", value="9.9")
    )
    assert h(expected) in bot.last_text()
    assert await _count(services) == 0
    await bot.send_document("fragen.csv", CSV_OK.encode(), user=TEACHER)
    assert "3" in bot.last_text() and "✅" in bot.last_text()
    await bot.send_document("more.yaml", YAML_OK.encode(), user=TEACHER)
    changed = CSV_OK.replace("Was fragst du zuerst?", "Was fragst du als Erstes?")
    await bot.send_document("fragen.csv", changed.encode(), user=TEACHER)
    assert await _count(services) == 4
    async with services.context.sessions() as session:
        question = await session.scalar(select(CustomItem).where(CustomItem.own_id == "q1"))
    assert question is not None and question.data["question"] == "Was fragst du als Erstes?"
    for template, name in zip(templates, ("t.csv", "t.yaml"), strict=True):
        await bot.send_document(name, template, user=TEACHER)  # the templates themselves import cleanly
        assert "✅" in bot.last_text()


async def test_bad_and_huge_files_and_learners_are_refused(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    await make_teacher(bot, settings)
    await bot.send_document("bomb.yaml", b"a: &a [1]\nb: [*a, *a]\n", user=TEACHER)
    assert h(DE("YAML anchors and aliases (& and *) are not allowed.")) in bot.last_text()
    await bot.send_document("virus.exe", b"MZ\x90\x00", user=TEACHER)
    assert DE("Send a .csv, .yaml or .yml file.") in bot.last_text()
    await bot.send_document("huge.csv", b"x" * (300 * 1024), user=TEACHER)
    assert DE("The file is over {kb} KB.", kb=256) in bot.last_text()
    await bot.send_document("fragen.csv", CSV_OK.encode(), user=LEA)
    assert bot.last_text() == DE("Only instructors can upload questions.")
    assert await _count(services) == 0


async def test_own_questions_in_a_campaign(bot: BotHarness, services: Services, settings: Settings) -> None:
    await make_teacher(bot, settings)
    await make_cohort(bot, "KD Chur")
    await bot.send_document("fragen.csv", CSV_OK.encode(), user=TEACHER)
    await bot.send("/campaigns", user=TEACHER)
    await bot.press("cn", user=TEACHER)
    await bot.press(next(d for label, d in bot.last_buttons() if "KD" in label), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":d:own")), user=TEACHER)
    for wanted in (":go:", ":go:", ":s:now", ":e:1", ":r:0", ":b:0", ":go:"):
        await bot.press(next(d for _l, d in bot.last_buttons() if wanted in d), user=TEACHER)
    async with services.context.sessions() as session:
        campaign = await session.scalar(select(Campaign))
    assert campaign is not None and campaign.status == "scheduled"
    assert len(campaign.item_ids) == 3 and all(item.startswith("u") for item in campaign.item_ids)
