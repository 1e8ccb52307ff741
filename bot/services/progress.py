"""Progress per domain and competency: items seen, mastery (mean retrievability now), due today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from bot.db.models import Card, XpEvent
from bot.domain.localtime import end_of_local_day, local_date
from bot.domain.srs import mastery
from bot.services.cards import item_retrievabilities
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo, ensure_learner

CHART_DAYS = 30


@dataclass(frozen=True, slots=True)
class CompetencyProgress:
    competency_id: str
    items: int
    seen: int
    mastery: float
    due_today: int


@dataclass(frozen=True, slots=True)
class DomainProgress:
    domain_id: str
    competencies: list[CompetencyProgress]
    mastery: float

    @property
    def seen(self) -> int:
        return sum(c.seen for c in self.competencies)

    @property
    def items(self) -> int:
        return sum(c.items for c in self.competencies)


@dataclass(frozen=True, slots=True)
class ProgressReport:
    language: str
    domains: list[DomainProgress]
    due_today: int
    reviews: int
    xp_by_day: list[tuple[date, int]]
    daily_goal: int

    @property
    def seen(self) -> int:
        return sum(d.seen for d in self.domains)

    @property
    def items(self) -> int:
        return sum(d.items for d in self.domains)


class ProgressService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def report(self, user: UserInfo) -> ProgressReport:
        now = self.context.clock()
        bank, scheduler = self.context.bank, self.context.scheduler
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            today = local_date(now, learner.timezone)
            first_day = today - timedelta(days=CHART_DAYS - 1)
            daily = dict(
                (
                    await session.execute(
                        select(XpEvent.day, func.sum(XpEvent.amount))
                        .where(XpEvent.learner_id == learner.id, XpEvent.day >= first_day)
                        .group_by(XpEvent.day)
                    )
                ).all()
            )
            cards = {
                c.item_id: c
                for c in (await session.scalars(select(Card).where(Card.learner_id == learner.id)))
            }
            language, timezone, goal = learner.language, learner.timezone, learner.daily_goal
        today_end = end_of_local_day(now, timezone)
        domains = []
        for domain in bank.domains:
            rows, domain_r = [], []
            for competency in domain.competencies:
                items = bank.active_item_ids(competency.id)
                held = [cards[item_id] for item_id in items if item_id in cards]
                r = item_retrievabilities(scheduler, cards, items, now)
                domain_r += r
                rows.append(
                    CompetencyProgress(
                        competency_id=competency.id,
                        items=len(items),
                        seen=len(held),
                        mastery=mastery(r),
                        due_today=sum(1 for card in held if card.due < today_end),
                    )
                )
            domains.append(DomainProgress(domain_id=domain.id, competencies=rows, mastery=mastery(domain_r)))
        return ProgressReport(
            language=language,
            domains=domains,
            due_today=sum(c.due_today for d in domains for c in d.competencies),
            reviews=sum(card.reps for card in cards.values()),
            daily_goal=goal,
            xp_by_day=[
                (day, int(daily.get(day) or 0))
                for day in (first_day + timedelta(days=i) for i in range(CHART_DAYS))
            ],
        )
