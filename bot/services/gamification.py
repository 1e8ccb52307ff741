"""XP, daily goal, streaks and badges, recorded in the same transaction as the answer that earned them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.schema import Badge
from bot.db.models import (
    Card,
    Item,
    Learner,
    LearnerBadge,
    PracticeSession,
    Review,
    RoleplayRun,
    Streak,
    WeeklyResult,
    XpEvent,
)
from bot.domain.badges import Criterion, LearnerStats, comebacks, newly_earned, perfect_weeks
from bot.domain.srs import mastery
from bot.domain.streaks import StreakState, reach_goal
from bot.domain.xp import Award, unfarmable
from bot.services.cards import item_retrievabilities
from bot.services.context import ServiceContext

SECOND_LANGUAGE_COMPETENCIES = ("2.7", "3.7", "4.6", "5.5")
EARLY_BEFORE_HOUR = 7
LATE_FROM_HOUR = 22


@dataclass(frozen=True, slots=True)
class BadgeView:
    badge_id: str
    icon: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Activity:
    """What an answer changed: XP, the day's goal, the streak, new badges."""

    xp_gained: int = 0
    xp_today: int = 0
    goal: int = 0
    goal_reached_now: bool = False
    streak: int = 0
    freezes_used: int = 0
    freeze_earned: bool = False
    broken_from: int = 0
    badges: list[BadgeView] = field(default_factory=list)


def badge_view(badge: Badge, language: str) -> BadgeView:
    return BadgeView(badge.id, badge.icon, badge.name.get(language), badge.description.get(language))


def criteria_of(badges: Sequence[Badge]) -> dict[str, Criterion]:
    return {b.id: Criterion(b.criterion.metric, b.criterion.threshold, b.criterion.domain) for b in badges}


async def xp_on(session: AsyncSession, learner_id: int, day: date) -> int:
    total = await session.scalar(
        select(func.coalesce(func.sum(XpEvent.amount), 0)).where(
            XpEvent.learner_id == learner_id, XpEvent.day == day
        )
    )
    return int(total or 0)


async def streak_row(session: AsyncSession, learner_id: int) -> Streak:
    row = await session.get(Streak, learner_id)
    if row is None:
        row = Streak(learner_id=learner_id, current=0, longest=0, freezes=0, last_day=None)
        session.add(row)
    return row


async def read_streak(session: AsyncSession, learner_id: int) -> StreakState:
    """The learner's streak without creating its row (for read-only callers such as the sweep)."""
    row = await session.get(Streak, learner_id)
    return streak_state(row) if row is not None else StreakState()


def streak_state(row: Streak) -> StreakState:
    return StreakState(row.current or 0, row.longest or 0, row.freezes or 0, row.last_day)


async def record_activity(
    session: AsyncSession,
    context: ServiceContext,
    learner: Learner,
    awards: Sequence[Award],
    *,
    item_id: str | None,
    now: datetime,
) -> Activity:
    """Store the XP (nothing if this item already earned XP today), move the streak, award badges."""
    local = now.astimezone(ZoneInfo(learner.timezone))
    day = local.date()
    if item_id is not None:
        earned_before = await session.scalar(
            select(XpEvent.id).where(
                XpEvent.learner_id == learner.id, XpEvent.day == day, XpEvent.item_id == item_id
            )
        )
        awards = unfarmable(list(awards), already_counted_today=earned_before is not None)
    for award in awards:
        session.add(
            XpEvent(
                learner_id=learner.id,
                day=day,
                item_id=item_id,
                reason=award.reason,
                amount=award.amount,
                local_hour=local.hour,
                created_at=now,
            )
        )
    await session.flush()
    xp_today = await xp_on(session, learner.id, day)
    row = await streak_row(session, learner.id)
    update = None
    if xp_today >= learner.daily_goal and row.last_day != day:
        update = reach_goal(streak_state(row), day)
        row.current, row.longest = update.state.current, update.state.longest
        row.freezes, row.last_day = update.state.freezes, update.state.last_day
    badges = await award_badges(session, context, learner, now)
    return Activity(
        xp_gained=sum(award.amount for award in awards),
        xp_today=xp_today,
        goal=learner.daily_goal,
        goal_reached_now=update is not None,
        streak=row.current or 0,
        freezes_used=update.freezes_used if update else 0,
        freeze_earned=update.freeze_earned if update else False,
        broken_from=update.broken_from if update else 0,
        badges=badges,
    )


async def award_badges(
    session: AsyncSession, context: ServiceContext, learner: Learner, now: datetime
) -> list[BadgeView]:
    """Award every badge newly met; each is awarded once (its row is the proof)."""
    held = set(
        (
            await session.scalars(select(LearnerBadge.badge_id).where(LearnerBadge.learner_id == learner.id))
        ).all()
    )
    pending = [badge for badge in context.bank.badges.values() if badge.id not in held]
    if not pending:
        return []
    stats = await learner_stats(session, context, learner, now)
    earned = newly_earned(criteria_of(pending), stats, held)
    for badge_id in earned:
        session.add(LearnerBadge(learner_id=learner.id, badge_id=badge_id, earned_at=now))
    return [badge_view(context.bank.badges[badge_id], learner.language) for badge_id in earned]


async def domain_mastery(
    session: AsyncSession, context: ServiceContext, learner_id: int, now: datetime
) -> dict[str, float]:
    """Mean retrievability now over every active item of each domain (unseen items count as 0)."""
    cards = {c.item_id: c for c in await session.scalars(select(Card).where(Card.learner_id == learner_id))}
    result = {}
    for domain in context.bank.domains:
        items = [item_id for c in domain.competencies for item_id in context.bank.active_item_ids(c.id)]
        result[domain.id] = mastery(item_retrievabilities(context.scheduler, cards, items, now))
    return result


async def learner_stats(
    session: AsyncSession, context: ServiceContext, learner: Learner, now: datetime
) -> LearnerStats:
    """Everything the badge criteria measure, for one learner."""
    lid = learner.id

    async def count(query) -> int:  # type: ignore[no-untyped-def]
        return int(await session.scalar(query) or 0)

    daily = (
        await session.execute(
            select(XpEvent.day, func.sum(XpEvent.amount))
            .where(XpEvent.learner_id == lid)
            .group_by(XpEvent.day)
        )
    ).all()
    streak = await session.get(Streak, lid)
    return LearnerStats(
        sessions_completed=await count(
            select(func.count()).where(
                PracticeSession.learner_id == lid, PracticeSession.status == "finished"
            )
        ),
        longest_streak=streak.longest if streak else 0,
        xp_total=sum(int(total) for _day, total in daily),
        answers=await count(
            select(func.count()).where(Review.learner_id == lid, Review.outcome != "roleplay")
        ),
        domain_mastery=await domain_mastery(session, context, lid, now),
        competencies_practised=await count(
            select(func.count(distinct(Item.competency_id)))
            .join(Card, Card.item_id == Item.id)
            .where(Card.learner_id == lid)
        ),
        competencies_total=len(context.bank.competencies),
        roleplays_full_score=await count(
            select(func.count()).where(
                RoleplayRun.learner_id == lid, RoleplayRun.status == "done", RoleplayRun.score >= 1.0
            )
        ),
        perfect_weeks=perfect_weeks(day for day, total in daily if int(total) >= learner.daily_goal),
        comebacks=comebacks(day for day, _total in daily),
        second_language_right=await count(
            select(func.count())
            .select_from(Review)
            .join(Item, Item.id == Review.item_id)
            .where(
                Review.learner_id == lid,
                Review.correct.is_(True),
                Item.competency_id.in_(SECOND_LANGUAGE_COMPETENCIES),
            )
        ),
        languages_used=await count(
            select(func.count(distinct(Review.language))).where(Review.learner_id == lid)
        ),
        early_answers=await count(
            select(func.count()).where(XpEvent.learner_id == lid, XpEvent.local_hour < EARLY_BEFORE_HOUR)
        ),
        late_answers=await count(
            select(func.count()).where(XpEvent.learner_id == lid, XpEvent.local_hour >= LATE_FROM_HOUR)
        ),
        weekly_top3=await count(
            select(func.count()).where(
                WeeklyResult.learner_id == lid, WeeklyResult.rank <= 3, WeeklyResult.xp > 0
            )
        ),
    )
