"""Cohort reports for instructors: mastery per learner and competency, activity, streaks, weekly XP,
role-play scores and feedback, campaign results — the material of a semester training report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Campaign,
    CampaignRecipient,
    Card,
    Cohort,
    Learner,
    Membership,
    ReviewRequest,
    RoleplayRun,
    XpEvent,
)
from bot.domain.leagues import week_bounds, week_start
from bot.domain.localtime import local_date
from bot.domain.srs import mastery
from bot.domain.streaks import current_streak
from bot.services.boards import public_name
from bot.services.cards import item_retrievabilities
from bot.services.context import ServiceContext
from bot.services.gamification import read_streak
from bot.services.instructors import Denied, teaches
from bot.services.learners import UserInfo, ensure_learner

INACTIVE_AFTER = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class RoleplayScore:
    competency_id: str
    title: str
    score: float
    feedback: str | None


@dataclass(frozen=True, slots=True)
class LearnerReport:
    name: str
    last_active: datetime | None
    inactive: bool
    streak: int
    weekly_xp: int
    mastery: dict[str, float]
    practised: list[str]
    roleplays: list[RoleplayScore] = field(default_factory=list)
    campaigns: list[tuple[str, int, bool]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CohortReport:
    cohort_id: int
    name: str
    competencies: list[str]
    learners: list[LearnerReport]


@dataclass(frozen=True, slots=True)
class ReportScreen:
    language: str
    content: CohortReport | Denied


class ReportService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def cohort(self, user: UserInfo, cohort_id: int) -> ReportScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            viewer, _ = await ensure_learner(session, self.context, user, now)
            cohort = await session.get(Cohort, cohort_id)
            if cohort is None:
                return ReportScreen(viewer.language, Denied.UNKNOWN)
            if not await teaches(session, self.context, viewer, cohort_id):
                return ReportScreen(viewer.language, Denied.NOT_YOURS)
            members = (
                await session.scalars(
                    select(Learner)
                    .join(Membership, Membership.learner_id == Learner.id)
                    .where(Membership.cohort_id == cohort_id, Membership.role == "member")
                    .order_by(Learner.first_name, Learner.id)
                )
            ).all()
            learners = [await self._learner(session, learner, now, viewer.language) for learner in members]
            return ReportScreen(
                viewer.language,
                CohortReport(cohort.id, cohort.name, list(self.context.bank.competencies), learners),
            )

    async def _learner(
        self, session: AsyncSession, learner: Learner, now: datetime, language: str
    ) -> LearnerReport:
        bank, scheduler = self.context.bank, self.context.scheduler
        cards = {
            c.item_id: c for c in await session.scalars(select(Card).where(Card.learner_id == learner.id))
        }
        per_competency: dict[str, float] = {}
        for competency_id in bank.competencies:
            items = bank.active_item_ids(competency_id)
            per_competency[competency_id] = mastery(item_retrievabilities(scheduler, cards, items, now))
        practised = sorted(
            {bank.quiz[i].competency_id for i in cards if i in bank.quiz}
            | {bank.roleplays[i].competency_id for i in cards if i in bank.roleplays}
        )
        last_active = await session.scalar(
            select(func.max(XpEvent.created_at)).where(XpEvent.learner_id == learner.id)
        )
        since, until = week_bounds(week_start(now))
        weekly = await session.scalar(
            select(func.coalesce(func.sum(XpEvent.amount), 0)).where(
                XpEvent.learner_id == learner.id, XpEvent.created_at >= since, XpEvent.created_at < until
            )
        )
        return LearnerReport(
            name=public_name(learner)
            if not learner.last_name
            else f"{learner.first_name} {learner.last_name}",
            last_active=last_active,
            inactive=last_active is None or now - last_active > INACTIVE_AFTER,
            streak=current_streak(await read_streak(session, learner.id), local_date(now, learner.timezone)),
            weekly_xp=int(weekly or 0),
            mastery=per_competency,
            practised=practised,
            roleplays=await self._roleplays(session, learner, language),
            campaigns=await self._campaigns(session, learner),
        )

    async def _roleplays(self, session: AsyncSession, learner: Learner, language: str) -> list[RoleplayScore]:
        rows = (
            await session.execute(
                select(RoleplayRun, ReviewRequest)
                .outerjoin(ReviewRequest, ReviewRequest.run_id == RoleplayRun.id)
                .where(RoleplayRun.learner_id == learner.id, RoleplayRun.status == "done")
                .order_by(RoleplayRun.finished_at)
            )
        ).all()
        scores = []
        for run, review in rows:
            scenario = self.context.bank.roleplays.get(run.scenario_id)
            if scenario is None:
                continue
            feedback = review.comment_text if review is not None and review.status == "done" else None
            scores.append(
                RoleplayScore(
                    scenario.competency_id, scenario.title.get(language), run.score or 0.0, feedback
                )
            )
        return scores

    async def _campaigns(self, session: AsyncSession, learner: Learner) -> list[tuple[str, int, bool]]:
        rows = (
            await session.execute(
                select(Campaign.title, CampaignRecipient.score, CampaignRecipient.finished_at)
                .join(CampaignRecipient, CampaignRecipient.campaign_id == Campaign.id)
                .where(CampaignRecipient.learner_id == learner.id)
                .order_by(Campaign.id)
            )
        ).all()
        return [(title, int(score or 0), finished is not None) for title, score, finished in rows]
