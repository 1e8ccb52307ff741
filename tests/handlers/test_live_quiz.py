"""A live quiz in a group: three players answering at different times give the right podium."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.config import Settings
from bot.db.models import LiveAnswer, XpEvent
from bot.i18n import translator
from bot.services import Services
from handlers.live import post_step, true_false
from tests.conftest import FakeClock
from tests.handlers.test_instructors import TEACHER, make_cohort, make_teacher
from tests.harness import LEA, MARC, BotHarness

NINA = {"id": 333, "is_bot": False, "first_name": "Nina", "last_name": "Rossi", "language_code": "it"}
GROUP = -100123


def _last_poll(bot: BotHarness) -> tuple[str, int, int]:
    call = bot.api.sent("sendPoll")[-1]
    correct = (
        json.loads(call.params["correct_option_ids"])[0]
        if isinstance(call.params["correct_option_ids"], str)
        else call.params["correct_option_ids"][0]
    )
    options = call.params["options"]
    count = len(json.loads(options) if isinstance(options, str) else options)
    return call.result["poll"]["id"], int(correct), count


async def _advance(bot: BotHarness, services: Services, clock: FakeClock) -> None:
    clock.advance(seconds=25)
    for step in await services.live.advance_due(true_false(translator("de"))):
        await post_step(bot.app.bot, services, step, None)


async def test_three_players_at_different_speeds_make_the_podium(
    bot: BotHarness, services: Services, settings: Settings, clock: FakeClock
) -> None:
    await make_teacher(bot, settings)
    code = await make_cohort(bot, "KD Luzern")
    for player in (LEA, MARC, NINA):
        await bot.send(f"/start {code}", user=player)
    await bot.send_in_group("/livequiz", user=MARC)  # a learner cannot start it
    assert bot.last_text() == translator("fr")("Only this group's instructors can run a live quiz.")
    await bot.send_in_group("/livequiz", user=TEACHER)
    start = next(data for _label, data in bot.last_buttons() if data.endswith(":5:1:all"))
    await bot.press_in_group(start, user=MARC)
    assert not bot.api.sent("sendPoll")
    await bot.press_in_group(start, user=TEACHER)
    polls = 0
    while bot.api.sent("sendPoll") and polls < len(bot.api.sent("sendPoll")):
        polls = len(bot.api.sent("sendPoll"))
        poll_id, correct, count = _last_poll(bot)
        wrong = (correct + 1) % count
        clock.advance(seconds=2)
        await bot.answer_poll(poll_id, correct, LEA)  # fastest, always right
        await bot.answer_poll(poll_id, wrong, LEA)  # a second answer changes nothing
        clock.advance(seconds=6)
        await bot.answer_poll(poll_id, correct, MARC)  # slower, right
        clock.advance(seconds=4)
        await bot.answer_poll(poll_id, wrong, NINA)  # wrong
        await _advance(bot, services, clock)
    assert polls == 4  # the fixture has four single/true-false questions
    podium = bot.last_text()
    assert podium.index("Lea M.") < podium.index("Marc")
    assert "Nina" not in podium.split("\n")[1]
    assert "🥇 Lea M. — " in podium and "🥈 Marc — " in podium
    async with services.context.sessions() as session:
        answers = await session.scalar(select(func.count()).select_from(LiveAnswer))
        xp = (await session.scalars(select(XpEvent.item_id).where(XpEvent.item_id.like("live%")))).all()
    assert answers == 12 and len(xp) == 12 and len(set(xp)) == 4  # each answer counted once
    late_poll, correct, _count = _last_poll(bot)
    await bot.answer_poll(late_poll, correct, NINA)  # after the end: ignored
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(LiveAnswer)) == 12


async def test_only_instructors_stop_a_quiz_and_a_late_answer_does_not_count(
    bot: BotHarness, services: Services, settings: Settings, clock: FakeClock
) -> None:
    await make_teacher(bot, settings)
    await make_cohort(bot, "KD Aarau")
    await bot.send_in_group("/livequiz", user=TEACHER)
    await bot.press_in_group(next(d for _l, d in bot.last_buttons() if d.endswith(":5:0:all")), user=TEACHER)
    poll_id, correct, _count = _last_poll(bot)
    clock.advance(seconds=30)  # the poll closed (20 s)
    await bot.answer_poll(poll_id, correct, LEA)
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(LiveAnswer)) == 0
    await bot.send_in_group("/stopquiz", user=LEA)
    assert bot.last_text() == translator("de")("Only this group's instructors can run a live quiz.")
    await bot.send_in_group("/stopquiz", user=TEACHER)
    assert translator("de")("Nobody answered this time.") in bot.last_text()
    await bot.send_in_group("/stopquiz", user=TEACHER)
    assert bot.last_text() == translator("de")("No live quiz is running here.")
