"""Practice sessions: plan with FSRS, ask, judge each press against the stored state, summarise."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.schema import QuizItem, QuizType
from bot.db.models import (
    Campaign,
    CampaignAnswer,
    CampaignRecipient,
    Card,
    Item,
    Learner,
    PracticeSession,
    Review,
    RoleplayRun,
)
from bot.domain.campaigns import points
from bot.domain.grading import Outcome, expected_seconds, grade_choice, grade_order, rating_for
from bot.domain.localtime import local_date, start_of_local_day
from bot.domain.selection import Candidate, mix_in, plan_session, requeue_position, round_robin
from bot.domain.srs import retrievability
from bot.domain.xp import quiz_xp
from bot.services.campaigns import CampaignRefusal, CampaignService
from bot.services.cards import card_state, review_item
from bot.services.context import ServiceContext
from bot.services.gamification import Activity, record_activity
from bot.services.items import load_item
from bot.services.learners import UserInfo, ensure_learner
from bot.services.presses import press_once
from bot.services.roleplay import FINISHED, RunScreen, begin_run, current_screen, roleplay_candidates

SESSION_RESUMABLE_FOR = timedelta(hours=3)
MAX_ATTEMPTS_PER_SESSION = 3


class Action(StrEnum):
    """What a button press asks for; the one-letter values travel in callback data."""

    ANSWER = "a"
    TOGGLE = "t"
    CHECK = "c"
    TAP = "o"
    UNDO = "u"
    NEXT = "n"


class Refusal(StrEnum):
    """Why a press changed nothing."""

    STALE = "stale"
    NOTHING_SELECTED = "nothing_selected"
    CAMPAIGN_CLOSED = "campaign_closed"


@dataclass(frozen=True, slots=True)
class QuizScreen:
    """Which question of which session a screen is about; `seq` goes into its buttons."""

    session_id: int
    seq: int
    number: int
    total: int
    item_id: str
    competency_id: str
    type: QuizType
    question: str


@dataclass(frozen=True, slots=True)
class QuestionView(QuizScreen):
    options: list[str]
    selected: list[int] = field(default_factory=list)
    tapped: list[int] = field(default_factory=list)
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class FeedbackView(QuizScreen):
    outcome: Outcome
    correct_options: list[str]
    true_answer: bool | None
    explanation: str
    comes_back: bool
    activity: Activity | None = None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    answered: int
    asked_items: int
    first_try_correct: int
    seconds: int
    due_tomorrow: int
    activity: Activity | None = None
    campaign_score: int | None = None


@dataclass(frozen=True, slots=True)
class NothingToPractise:
    """The content has no active item."""


@dataclass(frozen=True, slots=True)
class Screen:
    """What to show next, in the learner's language."""

    language: str
    content: (
        QuestionView
        | FeedbackView
        | SessionSummary
        | NothingToPractise
        | Refusal
        | RunScreen
        | CampaignRefusal
    )


def _pending_for(item: QuizItem, session_id: int, seq: int) -> dict[str, list[int]]:
    """Display order of the options: shuffled, reproducibly for a given session and question."""
    order = list(range(item.option_count))
    random.Random(f"{session_id}:{seq}:{item.id}").shuffle(order)
    return {"order": order, "picked": []}


def _question_view(item: QuizItem, row: PracticeSession, language: str) -> QuestionView:
    text = item.text(language)
    order: list[int] = row.pending.get("order", [])
    picked: list[int] = row.pending.get("picked", [])
    display_of = {original: display for display, original in enumerate(order)}
    return QuestionView(
        session_id=row.id,
        seq=row.seq,
        number=row.answered + 1,
        total=row.answered + 1 + len(row.queue),
        item_id=item.id,
        competency_id=item.competency_id,
        type=item.type,
        question=text.question,
        options=[text.options[original] for original in order],
        selected=sorted(display_of[p] for p in picked) if item.type is QuizType.MULTIPLE else [],
        tapped=[display_of[p] for p in picked] if item.type is QuizType.ORDERING else [],
        repeat=item.id in row.attempted_items,
    )


class PracticeService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    # -- starting ---------------------------------------------------------------------------------
    async def start(self, user: UserInfo) -> Screen:
        """Resume the open session (if recent) or plan a new one and ask its first question."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            return Screen(learner.language, await self._start(session, learner, now))

    async def _start(
        self, session: AsyncSession, learner: Learner, now: datetime
    ) -> QuestionView | RunScreen | NothingToPractise:
        row = await self._open_session(session, learner.id)
        if row is not None and now - row.started_at < SESSION_RESUMABLE_FOR:
            resumed = await self._resume(session, row, learner, now)
            if resumed is not None:
                return resumed
        if row is not None:
            row.finished_at = now
            row.status = "abandoned"
        plan = await self._plan(session, learner, now)
        if not plan:
            return NothingToPractise()
        row = PracticeSession(
            learner_id=learner.id,
            started_at=now,
            queue=plan,
            planned=len(plan),
            seq=0,
            status="asking",
            pending={},
            answered=0,
            first_try_correct=0,
            attempted_items=[],
        )
        session.add(row)
        await session.flush()
        shown = await self._show_next(session, row, learner, now)
        assert shown is not None
        return shown

    async def _resume(
        self, session: AsyncSession, row: PracticeSession, learner: Learner, now: datetime
    ) -> QuestionView | RunScreen | None:
        """The screen of an open session: its question, its role-play, or the next item."""
        item = await load_item(session, self.context.bank, row.current_item_id or "")
        if row.status == "asking" and item is not None:
            return _question_view(item, row, learner.language)
        if row.status == "roleplay":
            run = await self._linked_run(session, row)
            scenario = self.context.bank.roleplays.get(run.scenario_id) if run else None
            if run is not None and scenario is not None and run.status not in FINISHED:
                return current_screen(run, scenario, learner.language, row.seq)
        return await self._show_next(session, row, learner, now)

    async def _linked_run(self, session: AsyncSession, row: PracticeSession) -> RoleplayRun | None:
        return await session.scalar(
            select(RoleplayRun)
            .where(RoleplayRun.session_id == row.id)
            .order_by(RoleplayRun.id.desc())
            .limit(1)
        )

    async def start_campaign(self, user: UserInfo, campaign_id: int) -> Screen:
        """The campaign's questions in the practice UI: resumed if started, refused if not playable."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            campaign = await CampaignService(self.context).playable(session, learner, campaign_id, now)
            if isinstance(campaign, CampaignRefusal):
                return Screen(learner.language, campaign)
            row = await session.scalar(
                select(PracticeSession).where(
                    PracticeSession.learner_id == learner.id,
                    PracticeSession.campaign_id == campaign_id,
                    PracticeSession.finished_at.is_(None),
                )
            )
            if row is not None:
                resumed = await self._resume(session, row, learner, now)
                if resumed is not None:
                    return Screen(learner.language, resumed)
            row = PracticeSession(
                learner_id=learner.id,
                started_at=now,
                queue=list(campaign.item_ids),
                planned=len(campaign.item_ids),
                seq=0,
                status="asking",
                pending={},
                answered=0,
                first_try_correct=0,
                attempted_items=[],
                campaign_id=campaign_id,
            )
            session.add(row)
            await session.flush()
            recipient = await session.get(CampaignRecipient, (campaign_id, learner.id))
            if recipient is not None and recipient.started_at is None:
                recipient.started_at = now
            shown = await self._show_next(session, row, learner, now)
            return Screen(learner.language, shown if shown is not None else CampaignRefusal.EMPTY)

    async def _open_session(self, session: AsyncSession, learner_id: int) -> PracticeSession | None:
        return await session.scalar(
            select(PracticeSession)
            .where(
                PracticeSession.learner_id == learner_id,
                PracticeSession.finished_at.is_(None),
                PracticeSession.campaign_id.is_(None),
            )
            .order_by(PracticeSession.id.desc())
            .limit(1)
        )

    async def _plan(self, session: AsyncSession, learner: Learner, now: datetime) -> list[str]:
        bank, settings = self.context.bank, self.context.settings
        active = {item.id: item for item in bank.active_quiz()}
        cards = (await session.scalars(select(Card).where(Card.learner_id == learner.id))).all()
        day_start = start_of_local_day(local_date(now, learner.timezone), learner.timezone)
        due, ahead = [], []
        for card in cards:
            item = active.get(card.item_id)
            if item is None:
                continue
            candidate = Candidate(
                card.item_id,
                item.competency_id,
                retrievability(self.context.scheduler, card_state(card), now),
            )
            if card.due <= now:
                due.append(candidate)
            elif card.last_review is None or card.last_review < day_start:
                ahead.append(candidate)
        seen = {card.item_id for card in cards}
        seen_per_competency = {
            cid: sum(1 for i in seen if i in active and active[i].competency_id == cid)
            for cid in bank.competencies
        }
        competency_rank = {
            cid: (count, index) for index, (cid, count) in enumerate(seen_per_competency.items())
        }
        new = sorted(
            (item for item in active.values() if item.id not in seen),
            key=lambda item: (competency_rank.get(item.competency_id, (0, 0)), item.difficulty, item.id),
        )
        introduced_today = sum(1 for card in cards if card.introduced_at >= day_start)
        quiz_plan = plan_session(
            due=due,
            new=[Candidate(item.id, item.competency_id) for item in new],
            ahead=ahead,
            size=settings.session_size,
            new_allowance=max(0, settings.daily_new_items - introduced_today),
        )
        if not settings.roleplay_every or not quiz_plan:
            return quiz_plan
        due_plays, new_plays, ahead_plays = await roleplay_candidates(session, self.context, learner.id, now)
        plays = due_plays + round_robin(new_plays, key=lambda c: c.competency_id) + ahead_plays
        return mix_in(quiz_plan, [play.item_id for play in plays], every=settings.roleplay_every)

    async def _show_next(
        self, session: AsyncSession, row: PracticeSession, learner: Learner, now: datetime
    ) -> QuestionView | RunScreen | None:
        """Put the next item of the queue on screen (a question or a role-play); None when done."""
        queue = list(row.queue)
        while queue:
            item_id = queue.pop(0)
            item = await load_item(session, self.context.bank, item_id)
            scenario = self.context.bank.roleplays.get(item_id)
            if (item is None or item.retired) and (scenario is None or scenario.retired):
                continue
            row.queue = queue
            row.seq += 1
            row.current_item_id = item_id
            row.asked_at = now
            if item is not None:
                row.status = "asking"
                row.pending = _pending_for(item, row.id, row.seq)
                return _question_view(item, row, learner.language)
            assert scenario is not None
            row.status = "roleplay"
            row.pending = {}
            run = await begin_run(session, learner, scenario, now, practice_session_id=row.id)
            return current_screen(run, scenario, learner.language, row.seq)
        row.queue = []
        return None

    # -- pressing ---------------------------------------------------------------------------------
    async def press(
        self, user: UserInfo, session_id: int, seq: int, action: Action, arg: int | None = None
    ) -> Screen:
        """Apply one button press, if it belongs to the question on screen; otherwise change nothing."""
        language, content = await press_once(
            self.context,
            user,
            lambda session, learner, now: self._press(session, learner, session_id, seq, action, arg, now),
            Refusal.STALE,
        )
        return Screen(language, content)

    async def _press(
        self,
        session: AsyncSession,
        learner: Learner,
        session_id: int,
        seq: int,
        action: Action,
        arg: int | None,
        now: datetime,
    ) -> QuestionView | FeedbackView | SessionSummary | RunScreen | Refusal:
        row = await session.get(PracticeSession, session_id)
        if row is None or row.learner_id != learner.id or row.finished_at is not None or row.seq != seq:
            return Refusal.STALE
        if row.campaign_id is not None:
            campaign = await session.get(Campaign, row.campaign_id)
            if (
                campaign is None
                or campaign.status == "closed"
                or (campaign.deadline and now >= campaign.deadline)
            ):
                return Refusal.CAMPAIGN_CLOSED
        if action is Action.NEXT:
            return (
                await self._next(session, row, learner, now)
                if await self._may_move_on(session, row)
                else Refusal.STALE
            )
        item = await load_item(session, self.context.bank, row.current_item_id or "")
        if row.status != "asking" or item is None:
            return Refusal.STALE
        order: list[int] = row.pending.get("order", [])
        picked: list[int] = list(row.pending.get("picked", []))
        option = order[arg] if arg is not None and 0 <= arg < len(order) else None
        match (item.type, action):
            case (QuizType.SINGLE, Action.ANSWER) if option is not None:
                outcome = grade_choice(item.correct, [option])
            case (QuizType.TRUE_FALSE, Action.ANSWER) if arg in (0, 1):
                outcome = Outcome.CORRECT if bool(arg) == item.answer else Outcome.WRONG
            case (QuizType.MULTIPLE, Action.TOGGLE) if option is not None:
                picked = [p for p in picked if p != option] if option in picked else [*picked, option]
                row.pending = {"order": order, "picked": picked}
                return _question_view(item, row, learner.language)
            case (QuizType.MULTIPLE, Action.CHECK):
                if not picked:
                    return Refusal.NOTHING_SELECTED
                outcome = grade_choice(item.correct, picked)
            case (QuizType.ORDERING, Action.TAP) if option is not None and option not in picked:
                picked.append(option)
                row.pending = {"order": order, "picked": picked}
                if len(picked) < len(order):
                    return _question_view(item, row, learner.language)
                outcome = grade_order(picked)
            case (QuizType.ORDERING, Action.UNDO) if picked:
                row.pending = {"order": order, "picked": picked[:-1]}
                return _question_view(item, row, learner.language)
            case _:
                return Refusal.STALE
        return await self._record_answer(session, row, learner, item, outcome, now)

    async def _record_answer(
        self,
        session: AsyncSession,
        row: PracticeSession,
        learner: Learner,
        item: QuizItem,
        outcome: Outcome,
        now: datetime,
    ) -> FeedbackView:
        text = item.text(learner.language)
        seconds = (now - (row.asked_at or now)).total_seconds()
        rating = rating_for(
            outcome, seconds, expected_seconds(len(text.question) + sum(map(len, text.options)))
        )
        before = await review_item(
            session,
            self.context.scheduler,
            learner_id=learner.id,
            item_id=item.id,
            rating=rating,
            now=now,
            log=Review(
                learner_id=learner.id,
                item_id=item.id,
                session_id=row.id,
                rating=int(rating),
                correct=outcome is Outcome.CORRECT,
                outcome=outcome.value,
                answer_ms=int(seconds * 1000),
                language=learner.language,
                reviewed_at=now,
            ),
        )
        attempts = row.attempted_items.count(item.id)
        if attempts == 0 and outcome is Outcome.CORRECT:
            row.first_try_correct += 1
        row.attempted_items = [*row.attempted_items, item.id]
        row.answered += 1
        comes_back = (
            outcome is Outcome.WRONG and attempts + 1 < MAX_ATTEMPTS_PER_SESSION and row.campaign_id is None
        )
        if row.campaign_id is not None:
            await self._record_campaign_answer(session, row, learner, item, outcome, seconds, now)
        if comes_back:
            queue = list(row.queue)
            queue.insert(requeue_position(len(queue)), item.id)
            row.queue = queue
        row.status = "feedback"
        due_review = before is not None and before.due <= now
        activity = await record_activity(
            session, self.context, learner, quiz_xp(outcome, due_review=due_review), item_id=item.id, now=now
        )
        return FeedbackView(
            session_id=row.id,
            seq=row.seq,
            number=row.answered,
            total=row.answered + len(row.queue),
            item_id=item.id,
            competency_id=item.competency_id,
            type=item.type,
            outcome=outcome,
            question=text.question,
            correct_options=_correct_texts(item, learner.language),
            true_answer=item.answer,
            explanation=text.explanation,
            comes_back=comes_back,
            activity=activity,
        )

    async def _record_campaign_answer(
        self,
        session: AsyncSession,
        row: PracticeSession,
        learner: Learner,
        item: QuizItem,
        outcome: Outcome,
        seconds: float,
        now: datetime,
    ) -> None:
        """Campaign answers count once, with Kahoot points (speed bonus if the campaign has it)."""
        campaign = await session.get(Campaign, row.campaign_id)
        if (
            campaign is None
            or await session.get(CampaignAnswer, (campaign.id, learner.id, item.id)) is not None
        ):
            return
        earned = points(outcome is Outcome.CORRECT, seconds, speed_bonus=campaign.speed_bonus)
        session.add(
            CampaignAnswer(
                campaign_id=campaign.id,
                learner_id=learner.id,
                item_id=item.id,
                correct=outcome is Outcome.CORRECT,
                points=earned,
                answer_ms=int(seconds * 1000),
                answered_at=now,
            )
        )
        recipient = await session.get(CampaignRecipient, (campaign.id, learner.id))
        if recipient is not None:
            recipient.score += earned

    async def _may_move_on(self, session: AsyncSession, row: PracticeSession) -> bool:
        """ "Next" is allowed after a question's feedback, or once the session's role-play is over."""
        if row.status == "feedback":
            return True
        if row.status == "roleplay":
            run = await self._linked_run(session, row)
            return run is None or run.status in FINISHED
        return False

    async def _next(
        self, session: AsyncSession, row: PracticeSession, learner: Learner, now: datetime
    ) -> QuestionView | RunScreen | SessionSummary:
        shown = await self._show_next(session, row, learner, now)
        if shown is not None:
            return shown
        row.status = "finished"
        row.finished_at = now
        campaign_score = None
        if row.campaign_id is not None:
            recipient = await session.get(CampaignRecipient, (row.campaign_id, learner.id))
            if recipient is not None:
                recipient.finished_at = recipient.finished_at or now
                campaign_score = recipient.score
        tomorrow_end = start_of_local_day(
            local_date(now, learner.timezone) + timedelta(days=2), learner.timezone
        )
        due_tomorrow = await session.scalar(
            select(func.count())
            .select_from(Card)
            .join(Item, Item.id == Card.item_id)
            .where(Card.learner_id == learner.id, Card.due < tomorrow_end, Item.retired_at.is_(None))
        )
        return SessionSummary(
            answered=row.answered,
            asked_items=len(set(row.attempted_items)),
            first_try_correct=row.first_try_correct,
            seconds=int((now - row.started_at).total_seconds()),
            due_tomorrow=int(due_tomorrow or 0),
            activity=await record_activity(session, self.context, learner, [], item_id=None, now=now),
            campaign_score=campaign_score,
        )


def _correct_texts(item: QuizItem, language: str) -> list[str]:
    options = item.text(language).options
    if item.type is QuizType.ORDERING:
        return list(options)
    return [options[index] for index in sorted(item.correct)]
