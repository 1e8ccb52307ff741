"""A whole practice session through the buttons; stale, forged and double presses."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Settings
from bot.content.loader import ContentBank
from bot.db.models import Card, Review
from bot.db.session import make_engine
from bot.i18n import translator
from bot.services import Services
from bot.services.context import ServiceContext
from tests.conftest import FakeClock
from tests.harness import MARC, BotHarness
from tests.quiz_player import answer, next_question, shown_item

STALE_PRESS = "This button is no longer active. Send /practice to continue."
STALE_PRESS_DE = translator("de")(STALE_PRESS)


async def _count(services: Services, model: type) -> int:
    async with services.context.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_full_session_asks_every_type_gives_feedback_and_summarises(
    bot: BotHarness, bank: ContentBank, services: Services
) -> None:
    await bot.send("/start")
    await bot.send("/practice")
    assert "1/6" in bot.interactive_text()  # 6 active fixture items (one is retired)
    seen_types = set()
    for _ in range(6):
        item = await answer(bot, bank, right=True)
        seen_types.add(item.type.value)
        assert "✅" in bot.interactive_text()
        assert item.text("de").explanation in bot.interactive_text()
        await next_question(bot)
    assert seen_types == {"single", "multiple", "true_false", "ordering"}
    assert "🏁" in bot.interactive_text() and "6/6" in bot.interactive_text()
    assert await _count(services, Review) == 6
    assert await _count(services, Card) == 6


async def test_a_wrong_answer_shows_the_right_one_and_comes_back_in_the_session(
    bot: BotHarness, bank: ContentBank
) -> None:
    await bot.send("/practice")
    first = await answer(bot, bank, right=False)
    assert "❌" in bot.interactive_text()
    assert "🔁" in bot.interactive_text()
    asked = [first.id]
    for _ in range(8):
        await next_question(bot)
        if "🏁" in bot.interactive_text():
            break
        asked.append((await answer(bot, bank, right=True)).id)
    assert asked.count(first.id) == 2, asked
    assert "5/6" in bot.interactive_text()  # first try: 5 of 6 distinct questions


async def test_a_double_tap_counts_once(bot: BotHarness, bank: ContentBank, services: Services) -> None:
    await bot.send("/practice")
    question_message = bot.last_message_id()
    first_button = bot.last_buttons()[0][1]
    await bot.press(first_button, message_id=question_message)
    await bot.press(first_button, message_id=question_message)
    assert await _count(services, Review) == 1
    assert bot.callback_answers()[-1] == STALE_PRESS_DE


async def test_forged_and_foreign_presses_change_nothing(
    bot: BotHarness, bank: ContentBank, services: Services
) -> None:
    await bot.send("/practice")
    lea_button = bot.last_buttons()[0][1]
    # Marc presses Lea's button (forwarded message, forged data): refused.
    await bot.press(lea_button, user=MARC)
    assert bot.callback_answers()[-1] == translator("fr")(STALE_PRESS)  # Marc is answered in French
    for forged in ["q:99999:1:a:0", "q:1:99:a:0", "q:1:1:a:99", "q:1:1:n"]:
        await bot.press(forged)
        assert bot.callback_answers()[-1] == STALE_PRESS_DE
    for unknown in ["q:abc", "x" * 64, "lang:xx", "tz:99"]:
        await bot.press(unknown)
        assert bot.callback_answers()[-1] == translator("de")("This button is no longer active.")
    assert await _count(services, Review) == 0


async def test_session_and_schedule_survive_a_restart(
    bot: BotHarness, bank: ContentBank, services: Services, settings: Settings, clock: FakeClock
) -> None:
    await bot.send("/practice")
    await answer(bot, bank)
    await next_question(bot)
    shown = shown_item(bot, bank, "de")
    # A new Application over the same database (the bot restarted).
    restarted_services = Services.create(
        ServiceContext(make_engine(settings.database_url), bank, settings, clock=clock)
    )
    async with BotHarness.running(settings, restarted_services, clock) as restarted:
        await restarted.send("/practice")
        assert shown_item(restarted, bank, "de") == shown
        assert restarted.api.problems == []
    await restarted_services.context.engine.dispose()
    assert await _count(services, Review) == 1
