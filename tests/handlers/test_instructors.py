"""Instructors: invite → instructor, cohorts created, joined, managed; every refusal."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.config import Settings
from bot.db.models import Cohort, Learner, Membership
from bot.i18n import translator
from bot.services import Services
from tests.botapi import png_size
from tests.harness import LEA, MARC, BotHarness

ADMIN: dict[str, Any] = {"id": 999, "is_bot": False, "first_name": "Sandra", "language_code": "fr"}
TEACHER: dict[str, Any] = {
    "id": 888,
    "is_bot": False,
    "first_name": "Urs",
    "last_name": "Meier",
    "language_code": "de",
}
COTEACHER: dict[str, Any] = {"id": 777, "is_bot": False, "first_name": "Chiara", "language_code": "it"}
FR, DE = translator("fr"), translator("de")


def _payload(text: str) -> str:
    match = re.search(r"\?start=([\w-]+)", text)
    assert match, text
    return match.group(1)


async def make_teacher(bot: BotHarness, settings: Settings, teacher: dict[str, Any] = TEACHER) -> None:
    settings.admin_telegram_ids = [ADMIN["id"]]
    await bot.send("/invite", user=ADMIN)
    await bot.send(f"/start {_payload(bot.last_text())}", user=teacher)


async def make_cohort(
    bot: BotHarness, name: str = "KD 2026 Lausanne", teacher: dict[str, Any] = TEACHER
) -> str:
    """Create a cohort through the bot; returns its join code."""
    await bot.send("/cohorts", user=teacher)
    await bot.press("ch:new", user=teacher)
    await bot.send(name, user=teacher)
    return _payload(bot.interactive_text())


async def test_an_invite_makes_an_instructor_once(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    settings.admin_telegram_ids = [ADMIN["id"]]
    await bot.send("/invite", user=ADMIN)
    payload = _payload(bot.last_text())
    await bot.send(f"/start {payload}", user=TEACHER)
    assert "🎓" in bot.last_text()
    await bot.send(f"/start {payload}", user=MARC)
    assert bot.last_text() == FR("This invite link has already been used. Ask for a new one.")
    async with services.context.sessions() as session:
        roles = {row.telegram_id: row.role for row in await session.scalars(select(Learner))}
    assert roles[TEACHER["id"]] == "instructor" and roles[MARC["id"]] == "learner"


async def test_cohort_create_join_rotate_remove_and_coteach(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    await make_teacher(bot, settings)
    code = await make_cohort(bot)
    await bot.send(f"/start {code}", user=LEA)
    await bot.send(f"/start {code}", user=MARC)
    await bot.send("/cohorts", user=TEACHER)
    await bot.press(bot.last_buttons()[0][1], user=TEACHER)
    assert "Lea M." in bot.interactive_text() and "Marc" in bot.interactive_text()
    cohort_screen = bot.last_buttons()
    await bot.press(next(d for _l, d in cohort_screen if d.endswith(":qr")), user=TEACHER)
    photo = bot.api.sent("sendPhoto")[-1].params["_files"]["photo"]
    assert png_size(photo) is not None
    await bot.press(next(d for _l, d in cohort_screen if d.endswith(":mem")), user=TEACHER)
    await bot.press(next(d for label, d in bot.last_buttons() if "Marc" in label), user=TEACHER)
    assert "Marc" not in bot.interactive_text()
    await bot.press(next(d for _l, d in cohort_screen if d.endswith(":rot")), user=TEACHER)
    new_code = _payload(bot.interactive_text())
    assert new_code != code
    await bot.send(f"/start {code}", user=MARC)  # the old code no longer works
    assert FR(
        "This invite code is not valid. Ask your instructor for a new link — you can practise anyway."
    ) in (bot.interactive_text())
    async with services.context.sessions() as session:
        members = (await session.scalars(select(Membership).where(Membership.role == "member"))).all()
    assert len(members) == 1  # Lea stays; Marc was removed and his old code failed
    await bot.press(next(d for _l, d in cohort_screen if d.endswith(":co")), user=TEACHER)
    await bot.send(f"/start {_payload(bot.last_text())}", user=COTEACHER)
    assert "KD 2026 Lausanne" in bot.last_text()
    await bot.send("/cohorts", user=COTEACHER)
    assert "KD 2026 Lausanne" in str(bot.last_buttons())


async def test_every_refusal(bot: BotHarness, services: Services, settings: Settings) -> None:
    await make_teacher(bot, settings)
    await make_cohort(bot)
    async with services.context.sessions() as session:
        cohort = await session.scalar(select(Cohort))
    assert cohort is not None
    await bot.send("/invite", user=TEACHER)  # not an admin
    assert bot.last_text() == DE("Only admins can do this.")
    await bot.send("/cohorts", user=LEA)  # a learner
    assert bot.last_text() == DE("This is for instructors. Ask an admin for an instructor invite link.")
    for data in (
        f"ch:{cohort.id}",
        f"ch:{cohort.id}:rot",
        f"ch:{cohort.id}:qr",
        f"ch:{cohort.id}:co",
        f"ch:{cohort.id}:rm:1",
        "ch:new",
    ):
        await bot.press(data, user=LEA)
        assert bot.callback_answers()[-1] in (
            DE("This cohort is not one of yours."),
            DE("This is for instructors. Ask an admin for an instructor invite link."),
        )
    await make_teacher(bot, settings, COTEACHER)  # another instructor, not of this cohort
    await bot.press(f"ch:{cohort.id}:rot", user=COTEACHER)
    assert bot.callback_answers()[-1] == translator("it")("This cohort is not one of yours.")
    await bot.send("/start inv_forged-token", user=MARC)
    assert bot.last_text() == FR("This link or cohort does not exist (any more).")
    async with services.context.sessions() as session:
        assert (await session.get(Cohort, cohort.id)).join_code == cohort.join_code  # type: ignore[union-attr]
