"""The weekly close: freeze the week's standings, award the podium badges, prepare personal summaries.

Idempotent per week: the `weekly_closes` row is written first, in the same transaction, so a second run
(or a second instance racing the first) changes nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Cohort, CohortWeek, Item, Learner, Membership, Review, WeeklyClose, WeeklyResult
from bot.domain.leagues import cohort_scores, rank, week_bounds
from bot.domain.localtime import local_date
from bot.domain.streaks import current_streak
from bot.services.boards import member_xp
from bot.services.context import ServiceContext
from bot.services.gamification import BadgeView, award_badges, read_streak

PRACTISED_SHOWN = 3


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    telegram_id: int
    language: str
    xp: int
    rank: int | None
    cohort_name: str | None
    cohort_size: int
    streak: int
    practised: list[str]
    badges: list[BadgeView] = field(default_factory=list)
    cohort_won: bool = False


@dataclass(frozen=True, slots=True)
class WeeklyCloseResult:
    week_start: date
    summaries: list[WeeklySummary]
    winner: str | None


class WeeklyService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def close(self, monday: date) -> WeeklyCloseResult | None:
        """Close the league week starting on `monday`; None if it was already closed."""
        try:
            async with self.context.sessions.begin() as session:
                return await self.close_in(session, monday)
        except IntegrityError:
            return None  # another instance closed it at the same moment

    async def close_in(self, session: AsyncSession, monday: date) -> WeeklyCloseResult | None:
        """The close, inside the caller's transaction (so the caller can enqueue the summaries with it)."""
        now = self.context.clock()
        since, until = week_bounds(monday)
        if await session.get(WeeklyClose, monday) is not None:
            return None
        session.add(WeeklyClose(week_start=monday, closed_at=now))
        await session.flush()
        cohorts = {row.id: row for row in await session.scalars(select(Cohort))}
        xp_by_cohort = {cid: await member_xp(session, cid, since, until) for cid in cohorts}
        ranks: dict[int, tuple[int, str, int]] = {}
        for cid, xp in xp_by_cohort.items():
            for standing in rank(xp):
                session.add(
                    WeeklyResult(
                        week_start=monday,
                        cohort_id=cid,
                        learner_id=standing.key,
                        xp=int(standing.xp),
                        rank=standing.rank,
                    )
                )
                ranks.setdefault(standing.key, (standing.rank, cohorts[cid].name, len(xp)))
        league = rank(cohort_scores({cid: list(xp.values()) for cid, xp in xp_by_cohort.items()}))
        for standing in league:
            active = sum(1 for value in xp_by_cohort[standing.key].values() if value > 0)
            session.add(
                CohortWeek(
                    week_start=monday,
                    cohort_id=standing.key,
                    mean_xp=standing.xp,
                    active_members=active,
                    rank=standing.rank,
                )
            )
        winners = {s.key for s in league if s.rank == 1 and s.xp > 0}
        await session.flush()
        summaries = [
            await self._summary(session, learner, ranks.get(learner.id), monday, now, winners)
            for learner in await self._recipients(session, since, until)
        ]
        winner = cohorts[min(winners)].name if len(winners) == 1 else None
        return WeeklyCloseResult(monday, summaries, winner)

    async def _recipients(self, session: AsyncSession, since: datetime, until: datetime) -> list[Learner]:
        """Active learners who practised this week or belong to a cohort."""
        practised = select(Review.learner_id).where(Review.reviewed_at >= since, Review.reviewed_at < until)
        members = select(Membership.learner_id).where(Membership.role == "member")
        query = select(Learner).where(
            Learner.active.is_(True), Learner.id.in_(practised) | Learner.id.in_(members)
        )
        return list((await session.scalars(query.order_by(Learner.id))).all())

    async def _summary(
        self,
        session: AsyncSession,
        learner: Learner,
        placing: tuple[int, str, int] | None,
        monday: date,
        now: datetime,
        winners: set[int],
    ) -> WeeklySummary:
        since, until = week_bounds(monday)
        reviews = (
            await session.execute(
                select(Item.competency_id)
                .join(Review, Review.item_id == Item.id)
                .where(
                    Review.learner_id == learner.id, Review.reviewed_at >= since, Review.reviewed_at < until
                )
            )
        ).scalars()
        practised = [competency for competency, _n in Counter(reviews).most_common(PRACTISED_SHOWN)]
        xp = int(
            await session.scalar(
                select(WeeklyResult.xp)
                .where(WeeklyResult.week_start == monday, WeeklyResult.learner_id == learner.id)
                .limit(1)
            )
            or 0
        )
        cohort_ids = set(
            (
                await session.scalars(
                    select(Membership.cohort_id).where(
                        Membership.learner_id == learner.id, Membership.role == "member"
                    )
                )
            ).all()
        )
        state = await read_streak(session, learner.id)
        return WeeklySummary(
            telegram_id=learner.telegram_id,
            language=learner.language,
            xp=xp,
            rank=placing[0] if placing else None,
            cohort_name=placing[1] if placing else None,
            cohort_size=placing[2] if placing else 0,
            streak=current_streak(state, local_date(now, learner.timezone)),
            practised=practised,
            badges=await award_badges(session, self.context, learner, now),
            cohort_won=bool(cohort_ids & winners),
        )
