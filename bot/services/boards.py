"""/streak, /badges and /leaderboard: read-only views of XP, streaks, badges and standings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Cohort, CohortWeek, Learner, LearnerBadge, Membership, XpEvent
from bot.domain.badges import progress
from bot.domain.leagues import Standing, cohort_scores, gap_to_next, rank, week_bounds, week_start
from bot.domain.localtime import local_date
from bot.domain.streaks import at_stake, current_streak
from bot.services.context import ServiceContext
from bot.services.gamification import (
    BadgeView,
    badge_view,
    criteria_of,
    learner_stats,
    read_streak,
    xp_on,
)
from bot.services.learners import UserInfo, display_name, ensure_learner

TOP = 10
NEXT_BADGES = 3


class Board(StrEnum):
    WEEK = "w"
    ALL_TIME = "a"
    LEAGUE = "c"


@dataclass(frozen=True, slots=True)
class StreakView:
    current: int
    longest: int
    freezes: int
    at_stake: int
    xp_today: int
    goal: int


@dataclass(frozen=True, slots=True)
class BadgeProgress:
    badge: BadgeView
    current: float
    target: float


@dataclass(frozen=True, slots=True)
class BadgesView:
    earned: list[BadgeView]
    next: list[BadgeProgress]
    total: int


@dataclass(frozen=True, slots=True)
class BoardRow:
    rank: int
    name: str
    xp: float
    is_me: bool


@dataclass(frozen=True, slots=True)
class LeaderboardView:
    board: Board
    cohort_name: str | None
    rows: list[BoardRow]
    me: BoardRow | None
    gap: float | None
    hidden: bool
    last_winner: str | None = None


@dataclass(frozen=True, slots=True)
class BoardScreen:
    language: str
    content: StreakView | BadgesView | LeaderboardView


def public_name(learner: Learner) -> str:
    """What boards show: the nickname, or first name and last initial (many learners are minors)."""
    return learner.nickname or display_name(learner)


async def primary_cohort(session: AsyncSession, learner_id: int) -> Cohort | None:
    """The cohort a learner joined most recently."""
    return await session.scalar(
        select(Cohort)
        .join(Membership, Membership.cohort_id == Cohort.id)
        .where(Membership.learner_id == learner_id, Membership.role == "member")
        .order_by(Membership.joined_at.desc(), Membership.id.desc())
        .limit(1)
    )


async def member_xp(
    session: AsyncSession, cohort_id: int, since: datetime | None, until: datetime | None
) -> dict[int, int]:
    """XP per member of a cohort, within [since, until) when given; members without XP count 0."""
    members = (
        await session.scalars(
            select(Membership.learner_id).where(
                Membership.cohort_id == cohort_id, Membership.role == "member"
            )
        )
    ).all()
    query = select(XpEvent.learner_id, func.sum(XpEvent.amount)).where(XpEvent.learner_id.in_(members))
    if since is not None:
        query = query.where(XpEvent.created_at >= since)
    if until is not None:
        query = query.where(XpEvent.created_at < until)
    totals = dict((await session.execute(query.group_by(XpEvent.learner_id))).all())
    return {learner_id: int(totals.get(learner_id) or 0) for learner_id in members}


class BoardService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def streak(self, user: UserInfo) -> BoardScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            today = local_date(now, learner.timezone)
            state = await read_streak(session, learner.id)
            view = StreakView(
                current=current_streak(state, today),
                longest=state.longest,
                freezes=state.freezes,
                at_stake=at_stake(state, today),
                xp_today=await xp_on(session, learner.id, today),
                goal=learner.daily_goal,
            )
            return BoardScreen(learner.language, view)

    async def badges(self, user: UserInfo) -> BoardScreen:
        now = self.context.clock()
        catalogue = self.context.bank.badges
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            held = (
                await session.scalars(
                    select(LearnerBadge.badge_id)
                    .where(LearnerBadge.learner_id == learner.id)
                    .order_by(LearnerBadge.earned_at)
                )
            ).all()
            earned = [badge_view(catalogue[b], learner.language) for b in held if b in catalogue]
            stats = await learner_stats(session, self.context, learner, now)
            criteria = criteria_of([badge for badge in catalogue.values() if badge.id not in held])
            candidates = [
                BadgeProgress(badge_view(catalogue[badge_id], learner.language), *progress(criterion, stats))
                for badge_id, criterion in criteria.items()
            ]
            candidates.sort(key=lambda p: -(p.current / p.target))
            return BoardScreen(learner.language, BadgesView(earned, candidates[:NEXT_BADGES], len(catalogue)))

    async def leaderboard(self, user: UserInfo, board: Board = Board.WEEK) -> BoardScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            cohort = await primary_cohort(session, learner.id)
            if board is Board.LEAGUE:
                view = await self._league(session, cohort, now)
            else:
                view = await self._cohort_board(session, learner, cohort, board, now)
            return BoardScreen(learner.language, view)

    async def _cohort_board(
        self, session: AsyncSession, learner: Learner, cohort: Cohort | None, board: Board, now: datetime
    ) -> LeaderboardView:
        if cohort is None:
            return LeaderboardView(board, None, [], None, None, learner.hide_from_boards)
        since = week_bounds(week_start(now))[0] if board is Board.WEEK else None
        xp = await member_xp(session, cohort.id, since, None)
        people = {row.id: row for row in await session.scalars(select(Learner).where(Learner.id.in_(xp)))}
        visible = {
            lid: score for lid, score in xp.items() if not people[lid].hide_from_boards or lid == learner.id
        }
        standings: list[Standing[int]] = rank(visible)
        rows = [
            BoardRow(s.rank, public_name(people[s.key]), s.xp, s.key == learner.id)
            for s in standings
            if s.key != learner.id or not learner.hide_from_boards
        ]
        mine = next((s for s in standings if s.key == learner.id), None)
        me = BoardRow(mine.rank, public_name(learner), mine.xp, True) if mine else None
        return LeaderboardView(
            board, cohort.name, rows[:TOP], me, gap_to_next(standings, learner.id), learner.hide_from_boards
        )

    async def _league(self, session: AsyncSession, cohort: Cohort | None, now: datetime) -> LeaderboardView:
        monday = week_start(now)
        since, until = week_bounds(monday)
        cohorts = {row.id: row for row in await session.scalars(select(Cohort))}
        scores = cohort_scores(
            {cid: list((await member_xp(session, cid, since, until)).values()) for cid in cohorts}
        )
        standings = rank(scores)
        rows = [
            BoardRow(s.rank, cohorts[s.key].name, round(s.xp, 1), cohort is not None and s.key == cohort.id)
            for s in standings
        ]
        mine = next((row for row in rows if row.is_me), None)
        winner = await session.scalar(
            select(Cohort.name)
            .join(CohortWeek, CohortWeek.cohort_id == Cohort.id)
            .where(CohortWeek.week_start == monday - timedelta(days=7), CohortWeek.rank == 1)
            .limit(1)
        )
        return LeaderboardView(
            Board.LEAGUE,
            cohort.name if cohort else None,
            rows[:TOP],
            mine,
            gap_to_next(standings, cohort.id) if cohort else None,
            False,
            winner,
        )
