"""The review queue: free replies learners sent to their instructor, scored criterion by criterion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.schema import Roleplay
from bot.db.models import Learner, ReviewRequest, RoleplayRun
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo, display_name, ensure_learner
from bot.services.reviewers import is_reviewer, reviewable_learner_ids

MAX_LISTED = 20


class ReviewAction(StrEnum):
    OPEN = "o"
    TOGGLE = "t"
    COMMENT = "m"
    SEND = "s"


class ReviewRefusal(StrEnum):
    NOT_ALLOWED = "not_allowed"
    STALE = "stale"


@dataclass(frozen=True, slots=True)
class ReviewListItem:
    review_id: int
    learner_name: str
    competency_id: str
    title: str
    requested_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewList:
    items: list[ReviewListItem]
    more: int


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    review_id: int
    learner_name: str
    competency_id: str
    title: str
    situation: str
    customer_message: str
    reply_text: str | None
    reply_voice_file_id: str | None
    criteria: list[str]
    met: list[int]
    comment_text: str | None
    comment_voice_file_id: str | None
    awaiting_comment: bool


@dataclass(frozen=True, slots=True)
class ReviewSent:
    """The feedback for the learner, in the learner's language."""

    review_id: int
    learner_telegram_id: int
    learner_language: str
    title: str
    criteria: list[tuple[str, bool]]
    comment_text: str | None
    comment_voice_file_id: str | None


@dataclass(frozen=True, slots=True)
class ReviewScreen:
    language: str
    content: ReviewList | ReviewDetail | ReviewSent | ReviewRefusal


def detail(
    request: ReviewRequest,
    run: RoleplayRun,
    learner: Learner,
    scenario: Roleplay,
    language: str,
    reviewer_id: int,
) -> ReviewDetail:
    ids = [criterion.id for criterion in scenario.rubric]
    assert scenario.customer is not None
    return ReviewDetail(
        review_id=request.id,
        learner_name=display_name(learner),
        competency_id=scenario.competency_id,
        title=scenario.title.get(language),
        situation=scenario.situation.get(language),
        customer_message=scenario.customer.get(learner.language),
        reply_text=run.reply_text,
        reply_voice_file_id=run.reply_voice_file_id,
        criteria=[criterion.label.get(language) for criterion in scenario.rubric],
        met=[ids.index(c) for c in request.criteria_met if c in ids],
        comment_text=request.comment_text,
        comment_voice_file_id=request.comment_voice_file_id,
        awaiting_comment=request.awaiting_comment_from == reviewer_id,
    )


class ReviewService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def pending(self, user: UserInfo) -> ReviewScreen:
        """/reviews: the oldest pending requests this user may review."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            reviewer, _ = await ensure_learner(session, self.context, user, now)
            if not await is_reviewer(session, self.context, reviewer):
                return ReviewScreen(reviewer.language, ReviewRefusal.NOT_ALLOWED)
            allowed = await reviewable_learner_ids(session, self.context, reviewer)
            query = (
                select(ReviewRequest, RoleplayRun, Learner)
                .join(RoleplayRun, RoleplayRun.id == ReviewRequest.run_id)
                .join(Learner, Learner.id == ReviewRequest.learner_id)
                .where(ReviewRequest.status == "pending", ReviewRequest.learner_id != reviewer.id)
                .order_by(ReviewRequest.requested_at)
            )
            if allowed is not None:
                query = query.where(ReviewRequest.learner_id.in_(allowed))
            rows = (await session.execute(query)).all()
            items = []
            for request, run, learner in rows[:MAX_LISTED]:
                scenario = self.context.bank.roleplays.get(run.scenario_id)
                if scenario is None:
                    continue
                items.append(
                    ReviewListItem(
                        request.id,
                        display_name(learner),
                        scenario.competency_id,
                        scenario.title.get(reviewer.language),
                        request.requested_at,
                    )
                )
            return ReviewScreen(
                reviewer.language, ReviewList(items=items, more=max(0, len(rows) - MAX_LISTED))
            )

    async def act(
        self, user: UserInfo, review_id: int, action: ReviewAction, arg: int | None = None
    ) -> ReviewScreen:
        """Open, score, ask to comment on or send a review; refused unless the user may review it."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            reviewer, _ = await ensure_learner(session, self.context, user, now)
            loaded = await self._load(session, reviewer, review_id)
            if isinstance(loaded, ReviewRefusal):
                return ReviewScreen(reviewer.language, loaded)
            request, run, learner, scenario = loaded
            language = reviewer.language
            match action, arg:
                case ReviewAction.OPEN, _:
                    pass
                case ReviewAction.TOGGLE, int(index) if 0 <= index < len(scenario.rubric):
                    criterion = scenario.rubric[index].id
                    met = [c for c in request.criteria_met if c != criterion]
                    request.criteria_met = met if criterion in request.criteria_met else [*met, criterion]
                case ReviewAction.COMMENT, _:
                    request.awaiting_comment_from = reviewer.id
                case ReviewAction.SEND, _:
                    return ReviewScreen(language, self._send(request, reviewer, learner, scenario, now))
                case _:
                    return ReviewScreen(language, ReviewRefusal.STALE)
            return ReviewScreen(language, detail(request, run, learner, scenario, language, reviewer.id))

    async def _load(
        self, session: AsyncSession, reviewer: Learner, review_id: int
    ) -> tuple[ReviewRequest, RoleplayRun, Learner, Roleplay] | ReviewRefusal:
        request = await session.get(ReviewRequest, review_id)
        if request is None or request.status != "pending":
            return ReviewRefusal.STALE
        allowed = await reviewable_learner_ids(session, self.context, reviewer)
        if request.learner_id == reviewer.id or (allowed is not None and request.learner_id not in allowed):
            return ReviewRefusal.NOT_ALLOWED
        run = await session.get(RoleplayRun, request.run_id)
        learner = await session.get(Learner, request.learner_id)
        scenario = self.context.bank.roleplays.get(run.scenario_id) if run else None
        if run is None or learner is None or scenario is None:
            return ReviewRefusal.STALE
        return request, run, learner, scenario

    def _send(
        self, request: ReviewRequest, reviewer: Learner, learner: Learner, scenario: Roleplay, now: datetime
    ) -> ReviewSent:
        request.status = "done"
        request.reviewer_id = reviewer.id
        request.reviewed_at = now
        request.awaiting_comment_from = None
        return ReviewSent(
            review_id=request.id,
            learner_telegram_id=learner.telegram_id,
            learner_language=learner.language,
            title=scenario.title.get(learner.language),
            criteria=[(c.label.get(learner.language), c.id in request.criteria_met) for c in scenario.rubric],
            comment_text=request.comment_text,
            comment_voice_file_id=request.comment_voice_file_id,
        )


async def accept_comment(
    session: AsyncSession,
    context: ServiceContext,
    reviewer: Learner,
    *,
    text: str | None,
    voice_file_id: str | None,
) -> ReviewDetail | None:
    """A message from a reviewer who asked to comment on a review; None if no comment is awaited."""
    request = await session.scalar(
        select(ReviewRequest)
        .where(ReviewRequest.awaiting_comment_from == reviewer.id, ReviewRequest.status == "pending")
        .order_by(ReviewRequest.id.desc())
        .limit(1)
    )
    if request is None:
        return None
    run = await session.get(RoleplayRun, request.run_id)
    learner = await session.get(Learner, request.learner_id)
    scenario = context.bank.roleplays.get(run.scenario_id) if run else None
    if run is None or learner is None or scenario is None:
        return None
    request.comment_text = text[:4096] if text else None
    request.comment_voice_file_id = voice_file_id
    request.awaiting_comment_from = None
    return detail(request, run, learner, scenario, reviewer.language, reviewer.id)
