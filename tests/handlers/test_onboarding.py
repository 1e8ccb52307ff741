"""/start, language and reminder choices, deep-link join codes."""

from __future__ import annotations

from datetime import time

from sqlalchemy import func, select
from telegram import User

from bot.db.models import Learner, Membership
from bot.services import Services
from handlers.common import user_info
from tests.harness import LEA, MARC, BotHarness


async def test_new_learner_is_greeted_in_client_language_and_onboarded(
    bot: BotHarness, services: Services
) -> None:
    await bot.send("/start")
    assert "Lea" in bot.last_text()
    labels = [label for label, _ in bot.last_buttons()]
    assert labels == ["Français", "Deutsch", "Italiano", "English"]

    await bot.press_label("English")
    assert "remind" in bot.last_text()
    await bot.press_label("17:30")
    assert "17:30" in bot.last_text() and "Europe/Zurich" in bot.last_text()
    profile = await services.learners.profile(user_info(User(**LEA)))
    assert profile.language == "en"
    assert profile.reminder_time == time(17, 30)


async def test_start_twice_never_duplicates_the_learner(bot: BotHarness, services: Services) -> None:
    await bot.send("/start")
    await bot.send("/start")
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Learner)) == 1


async def test_deep_link_joins_cohort_and_unknown_code_still_onboards(
    bot: BotHarness, services: Services
) -> None:
    code = await services.learners.create_cohort("KD 2026 Lausanne")
    await bot.send(f"/start {code.lower()}", user=MARC)
    assert "KD 2026 Lausanne" in bot.last_text()
    await bot.send(f"/start {code}", user=MARC)
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Membership)) == 1

    await bot.send("/start NOPE1234")
    assert bot.last_buttons(), "onboarding goes on after an unknown code"
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Membership)) == 1
