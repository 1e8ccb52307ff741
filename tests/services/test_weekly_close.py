"""The weekly close: frozen standings, podium badges, summaries; running it twice changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.db.models import CohortWeek, Learner, Membership, WeeklyResult, XpEvent
from bot.services import Services
from bot.services.learners import UserInfo
from tests.conftest import FakeClock

MONDAY = date(2026, 3, 2)


async def _learner_with_xp(services: Services, telegram_id: int, code: str, xp: int) -> None:
    await services.learners.start(UserInfo(telegram_id, f"L{telegram_id}"), join_code=code)
    async with services.context.sessions.begin() as session:
        learner = await session.scalar(select(Learner).where(Learner.telegram_id == telegram_id))
        assert learner is not None
        if xp:
            session.add(
                XpEvent(
                    learner_id=learner.id,
                    day=MONDAY,
                    item_id=None,
                    reason="answer",
                    amount=xp,
                    local_hour=9,
                    created_at=datetime(2026, 3, 3, 9, tzinfo=UTC),
                )
            )


async def test_close_freezes_standings_and_is_idempotent(services: Services, clock: FakeClock) -> None:
    small = await services.learners.create_cohort("Small class")
    large = await services.learners.create_cohort("Large class")
    for telegram_id, xp in ((1, 120), (2, 100), (3, 0)):
        await _learner_with_xp(services, telegram_id, small, xp)
    for telegram_id, xp in ((11, 200), (12, 150), (13, 20), (14, 10), (15, 0), (16, 0)):
        await _learner_with_xp(services, telegram_id, large, xp)
    clock.now = datetime(2026, 3, 8, 23, 0, 5, tzinfo=UTC)  # Monday 00:00:05 in Zurich
    result = await services.weekly.close(MONDAY)
    assert result is not None and result.winner == "Small class"  # 110 mean vs 95 mean per active member
    by_id = {s.telegram_id: s for s in result.summaries}
    assert by_id[11].rank == 1 and by_id[11].xp == 200 and by_id[11].cohort_size == 6
    assert by_id[1].cohort_won and not by_id[11].cohort_won
    assert [badge.badge_id for badge in by_id[11].badges] == ["podium"]
    assert by_id[15].badges == []  # fifth place, and no XP
    async with services.context.sessions() as session:
        results = await session.scalar(select(func.count()).select_from(WeeklyResult))
        leagues = (await session.scalars(select(CohortWeek).order_by(CohortWeek.rank))).all()
    assert results == 9
    assert [round(week.mean_xp) for week in leagues] == [110, 95]
    assert await services.weekly.close(MONDAY) is None  # a second run changes nothing
    async with services.context.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(WeeklyResult)) == 9
        assert await session.scalar(select(func.count()).select_from(Membership)) == 9


async def test_xp_outside_the_week_does_not_count(services: Services, clock: FakeClock) -> None:
    code = await services.learners.create_cohort("Class")
    await _learner_with_xp(services, 1, code, 50)
    result = await services.weekly.close(MONDAY + timedelta(days=7))
    assert result is not None
    assert result.summaries[0].xp == 0 and result.summaries[0].practised == []
