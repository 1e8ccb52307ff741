"""XP, goal, streaks, badges, leaderboards and the progress chart, through the bot."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.content.loader import ContentBank
from bot.db.models import LearnerBadge, XpEvent
from bot.i18n import translator
from bot.services import Services
from tests.botapi import png_size
from tests.conftest import FakeClock
from tests.harness import LEA, MARC, BotHarness
from tests.quiz_player import answer, next_question

NINA: dict[str, Any] = {
    "id": 333,
    "is_bot": False,
    "first_name": "Nina",
    "last_name": "Rossi",
    "language_code": "it",
}


async def _xp(services: Services, telegram_id: int | None = None) -> int:
    async with services.context.sessions() as session:
        return int(await session.scalar(select(func.coalesce(func.sum(XpEvent.amount), 0))) or 0)


async def _play_session(
    bot: BotHarness, bank: ContentBank, user: dict[str, Any] = LEA, *, right: bool = True
) -> None:
    await bot.send("/practice", user=user)
    for _ in range(12):
        if "🏁" in bot.interactive_text():
            return
        await answer(bot, bank, language=str(user["language_code"])[:2], right=right, user=user)
        await next_question(bot, user=user)


async def test_feedback_shows_xp_and_a_session_shows_goal_progress(
    bot: BotHarness, bank: ContentBank
) -> None:
    await bot.send("/practice")
    await answer(bot, bank, right=True)
    assert "+10 XP" in bot.interactive_text() or "+10" in bot.interactive_text()
    assert "/20" in bot.interactive_text()


async def test_xp_cannot_be_farmed_by_answering_again_the_same_day(
    bot: BotHarness, bank: ContentBank, services: Services, clock: FakeClock
) -> None:
    await bot.send("/practice")
    first = await answer(bot, bank, right=False)  # 2 XP for trying; the item comes back in the session
    for _ in range(8):
        await next_question(bot)
        if "🏁" in bot.interactive_text():
            break
        await answer(bot, bank, right=True)
    async with services.context.sessions() as session:
        events = (await session.scalars(select(XpEvent).where(XpEvent.item_id == first.id))).all()
    assert [event.amount for event in events] == [2]  # the repeat the same day earned nothing


async def test_reaching_the_goal_announces_the_streak_and_badges(
    bot: BotHarness, bank: ContentBank, services: Services
) -> None:
    await _play_session(bot, bank)
    texts = [str(call.params["text"]) for call in bot.api.sent("sendMessage")]
    de = translator("de")
    assert any(de("🎯 <b>Daily goal reached!</b>") in text for text in texts)
    assert any("🌱" in text for text in texts)  # the first-session badge, announced right away
    async with services.context.sessions() as session:
        badges = set((await session.scalars(select(LearnerBadge.badge_id))).all())
    assert {"first_session", "answers_5"} <= badges
    await bot.send("/streak")
    assert "1" in bot.last_text()
    await bot.send("/badges")
    assert "🌱" in bot.api.sent("sendMessage")[-1].params["text"] or "🌱" in bot.last_text()


async def test_the_leaderboard_ranks_the_cohort_with_privacy(
    bot: BotHarness, bank: ContentBank, services: Services
) -> None:
    code = await services.learners.create_cohort("KD 2026 Lausanne")
    for user in (LEA, MARC, NINA):
        await bot.send(f"/start {code}", user=user)
    await _play_session(bot, bank, LEA)
    await _play_session(bot, bank, NINA, right=False)
    await bot.send("/nickname Ninja 7", user=NINA)
    await bot.send("/leaderboard", user=MARC)
    board = bot.last_text()
    assert "Lea M." in board and "Ninja 7" in board and "Muster" not in board
    assert board.index("Lea M.") < board.index("Ninja 7")
    await bot.press("set:hide", user=LEA)
    await bot.send("/leaderboard", user=MARC)
    assert "Lea" not in bot.last_text()
    await bot.send("/leaderboard", user=LEA)
    assert "🙈" in bot.last_text()
    await bot.press("lb:c", user=MARC)
    assert "KD 2026 Lausanne" in bot.last_text()
    await bot.press("lb:a", user=MARC)
    assert "Ninja 7" in bot.last_text()


async def test_progress_sends_a_phone_sized_png_chart(bot: BotHarness) -> None:
    await bot.send("/progress")
    photo = bot.api.sent("sendPhoto")[-1].params["_files"]["photo"]
    assert png_size(photo) == (1080, 1350)


def test_weekly_summaries_and_boards_fit_telegram_in_every_language() -> None:
    from bot.services.boards import BadgeProgress, BadgesView, Board, BoardRow, LeaderboardView, StreakView
    from bot.services.gamification import BadgeView
    from bot.services.weekly import WeeklySummary
    from handlers import gamification_views as gv
    from tests.botapi import FakeBotAPI

    badge = BadgeView("x" * 32, "🏅", "N" * 40, "D" * 160)
    for language in ("fr", "de", "it", "en"):
        _ = translator(language)
        api = FakeBotAPI()
        texts = [
            gv.weekly_summary_view(
                WeeklySummary(
                    1, language, 999, 3, "C" * 80, 50, 120, ["1.1", "2.7", "7.4"], [badge] * 25, True
                ),
                _,
            ),
            gv.streak_view(StreakView(123, 456, 2, 123, 45, 100), _),
            gv.leaderboard_view(
                LeaderboardView(
                    Board.WEEK,
                    "C" * 80,
                    [BoardRow(i, "N" * 64, 9999, i == 3) for i in range(1, 11)],
                    BoardRow(42, "Me", 1, True),
                    12,
                    True,
                ),
                _,
            )[0],
            *gv.badges_view(BadgesView([badge] * 25, [BadgeProgress(badge, 12, 20)] * 3, 25), _),
        ]
        for text in texts:
            api.handle("sendMessage", {"chat_id": 1, "text": text, "parse_mode": "HTML"})
        assert api.problems == []
