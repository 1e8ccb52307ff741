"""Live quizzes in a cohort's group: native quiz polls one after another, Kahoot points, a podium.

The state is in the database: which question is on, when its poll closes (`next_step_at`). A job
advances the quiz when the poll closes (the sweep catches up after a restart); every answer is a
row keyed by quiz, question and player, so nothing counts twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot.content.schema import QuizItem, QuizType
from bot.db.models import Cohort, Learner, LiveAnswer, LivePoll, LiveQuiz
from bot.domain.campaigns import draw_questions, points
from bot.domain.grading import Outcome
from bot.domain.leagues import rank
from bot.domain.xp import quiz_xp
from bot.services.boards import public_name
from bot.services.context import ServiceContext
from bot.services.gamification import record_activity
from bot.services.instructors import taught_cohorts, teaches
from bot.services.items import custom_items_of, load_item
from bot.services.learners import UserInfo, ensure_learner

OPEN_SECONDS = 20
PAUSE_SECONDS = 3
RANKING_SHOWN = 5
POLL_TYPES = (QuizType.SINGLE, QuizType.TRUE_FALSE)


class LiveRefusal(StrEnum):
    NOT_INSTRUCTOR = "not_instructor"
    NO_COHORT = "no_cohort"
    RUNNING = "running"
    NOTHING_RUNNING = "nothing_running"
    NO_QUESTIONS = "no_questions"


@dataclass(frozen=True, slots=True)
class CohortChoice:
    cohorts: list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class PollToSend:
    quiz_id: int
    position: int
    total: int
    item_id: str
    question: str
    options: list[str]
    correct_option: int
    explanation: str
    open_seconds: int


@dataclass(frozen=True, slots=True)
class LiveStep:
    """What to post now: the standings after a question (or the podium), then the next poll."""

    quiz_id: int
    chat_id: int
    language: str
    standings: list[tuple[int, str, int]] = field(default_factory=list)
    poll: PollToSend | None = None
    finished: bool = False


@dataclass(frozen=True, slots=True)
class LiveScreen:
    language: str
    content: CohortChoice | LiveStep | LiveRefusal


def _poll_texts(item: QuizItem, language: str, true_false: tuple[str, str]) -> tuple[list[str], int]:
    if item.type is QuizType.TRUE_FALSE:
        return list(true_false), 0 if item.answer else 1
    return list(item.text(language).options), item.correct[0]


class LiveQuizService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def choose_cohort(self, user: UserInfo, chat_id: int) -> LiveScreen:
        """/livequiz in a group: the group's cohort, or the instructor's cohorts to link the group to."""
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            linked = await session.scalar(select(Cohort).where(Cohort.group_chat_id == chat_id))
            if linked is not None:
                allowed = await teaches(session, self.context, learner, linked.id)
                return LiveScreen(
                    learner.language,
                    CohortChoice([(linked.id, linked.name)]) if allowed else LiveRefusal.NOT_INSTRUCTOR,
                )
            cohorts = await taught_cohorts(session, self.context, learner)
            if not cohorts:
                return LiveScreen(learner.language, LiveRefusal.NOT_INSTRUCTOR)
            return LiveScreen(learner.language, CohortChoice([(c.id, c.name) for c in cohorts]))

    async def start(
        self,
        user: UserInfo,
        chat_id: int,
        cohort_id: int,
        count: int,
        *,
        speed_bonus: bool,
        own: bool,
        true_false: tuple[str, str],
    ) -> LiveScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            cohort = await session.get(Cohort, cohort_id)
            if cohort is None or not await teaches(session, self.context, learner, cohort_id):
                return LiveScreen(learner.language, LiveRefusal.NOT_INSTRUCTOR)
            running = await session.scalar(
                select(LiveQuiz.id).where(LiveQuiz.chat_id == chat_id, LiveQuiz.status == "running")
            )
            if running is not None:
                return LiveScreen(learner.language, LiveRefusal.RUNNING)
            pool = await self._pool(session, learner, own)
            if not pool:
                return LiveScreen(learner.language, LiveRefusal.NO_QUESTIONS)
            cohort.group_chat_id = chat_id
            quiz = LiveQuiz(
                cohort_id=cohort_id,
                chat_id=chat_id,
                started_by=learner.id,
                item_ids=[],
                position=-1,
                status="running",
                speed_bonus=speed_bonus,
                open_seconds=OPEN_SECONDS,
                created_at=now,
            )
            session.add(quiz)
            await session.flush()
            quiz.item_ids = draw_questions(pool, count, seed=quiz.id)
            step = await self._step(session, quiz, learner.language, true_false, now)
            return LiveScreen(learner.language, step)

    async def _pool(self, session: AsyncSession, learner: Learner, own: bool) -> list[str]:
        """Questions that work as native quiz polls: single choice and true/false."""
        if own:
            return [
                row.id
                for row in await custom_items_of(session, learner.id)
                if QuizType(row.type) in POLL_TYPES
            ]
        return [item.id for item in self.context.bank.active_quiz() if item.type in POLL_TYPES]

    async def _step(
        self, session: AsyncSession, quiz: LiveQuiz, language: str, true_false: tuple[str, str], now: datetime
    ) -> LiveStep:
        """Move to the next question (or finish) and say what to post."""
        standings = await self._standings(session, quiz)
        quiz.position += 1
        quiz.next_step_at = None
        if quiz.position >= len(quiz.item_ids):
            quiz.status, quiz.finished_at = "finished", now
            await self._award_xp(session, quiz, now)
            return LiveStep(quiz.id, quiz.chat_id, language, standings, None, finished=True)
        item = await load_item(session, self.context.bank, quiz.item_ids[quiz.position])
        assert item is not None
        options, correct = _poll_texts(item, language, true_false)
        poll = PollToSend(
            quiz.id,
            quiz.position,
            len(quiz.item_ids),
            item.id,
            item.text(language).question,
            options,
            correct,
            item.text(language).explanation,
            quiz.open_seconds,
        )
        return LiveStep(quiz.id, quiz.chat_id, language, standings if quiz.position else [], poll)

    async def poll_sent(self, poll: PollToSend, poll_id: str) -> datetime:
        """Record the poll Telegram created; returns when the quiz moves on."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            quiz = await session.get(LiveQuiz, poll.quiz_id)
            assert quiz is not None
            session.add(
                LivePoll(
                    poll_id=poll_id,
                    quiz_id=quiz.id,
                    position=poll.position,
                    item_id=poll.item_id,
                    correct_option=poll.correct_option,
                    sent_at=now,
                )
            )
            quiz.next_step_at = now + timedelta(seconds=poll.open_seconds + PAUSE_SECONDS)
            return quiz.next_step_at

    async def answer(self, user: UserInfo, poll_id: str, option_ids: list[int]) -> None:
        """A player's answer (Telegram's PollAnswer): scored once, only while the poll is open."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            poll = await session.get(LivePoll, poll_id)
            if poll is None or not option_ids:
                return
            quiz = await session.get(LiveQuiz, poll.quiz_id)
            if quiz is None or quiz.status != "running" or quiz.position != poll.position:
                return
            seconds = (now - poll.sent_at).total_seconds()
            if seconds > quiz.open_seconds:
                return
            learner, _ = await ensure_learner(session, self.context, user, now)
            if await session.get(LiveAnswer, (quiz.id, poll.position, learner.id)) is not None:
                return
            correct = option_ids[0] == poll.correct_option
            earned = points(correct, seconds, speed_bonus=quiz.speed_bonus, limit=float(quiz.open_seconds))
            session.add(
                LiveAnswer(
                    quiz_id=quiz.id,
                    position=poll.position,
                    learner_id=learner.id,
                    correct=correct,
                    points=earned,
                    answered_at=now,
                )
            )

    async def advance_due(self, true_false: tuple[str, str]) -> list[LiveStep]:
        """Every running quiz whose poll has closed moves on (the job's and the sweep's work)."""
        now = self.context.clock()
        steps = []
        async with self.context.sessions() as session:
            due = (
                await session.scalars(
                    select(LiveQuiz.id).where(LiveQuiz.status == "running", LiveQuiz.next_step_at <= now)
                )
            ).all()
        for quiz_id in due:
            step = await self._advance(quiz_id, true_false, now, stop=False)
            if step is not None:
                steps.append(step)
        return steps

    async def stop(self, user: UserInfo, chat_id: int, true_false: tuple[str, str]) -> LiveScreen:
        """/stopquiz: only the group's instructors; the podium is posted at once."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            quiz = await session.scalar(
                select(LiveQuiz).where(LiveQuiz.chat_id == chat_id, LiveQuiz.status == "running")
            )
            if quiz is None:
                return LiveScreen(learner.language, LiveRefusal.NOTHING_RUNNING)
            if not await teaches(session, self.context, learner, quiz.cohort_id):
                return LiveScreen(learner.language, LiveRefusal.NOT_INSTRUCTOR)
            quiz_id, language = quiz.id, learner.language
        step = await self._advance(quiz_id, true_false, now, stop=True, language=language)
        return LiveScreen(language, step if step is not None else LiveRefusal.NOTHING_RUNNING)

    async def _advance(
        self,
        quiz_id: int,
        true_false: tuple[str, str],
        now: datetime,
        *,
        stop: bool,
        language: str | None = None,
    ) -> LiveStep | None:
        try:
            async with self.context.sessions.begin() as session:
                quiz = await session.get(LiveQuiz, quiz_id)
                if quiz is None or quiz.status != "running":
                    return None
                starter = await session.get(Learner, quiz.started_by)
                language = language or (
                    starter.language if starter else self.context.settings.default_language
                )
                if stop:
                    quiz.position = len(quiz.item_ids) - 1  # the step below then finishes it
                return await self._step(session, quiz, language, true_false, now)
        except StaleDataError:
            return None  # another instance moved it on first

    async def _standings(self, session: AsyncSession, quiz: LiveQuiz) -> list[tuple[int, str, int]]:
        totals: dict[int, int] = defaultdict(int)
        for answer in await session.scalars(select(LiveAnswer).where(LiveAnswer.quiz_id == quiz.id)):
            totals[answer.learner_id] += answer.points
        people = {row.id: row for row in await session.scalars(select(Learner).where(Learner.id.in_(totals)))}
        return [(s.rank, public_name(people[s.key]), int(s.xp)) for s in rank(totals)][:RANKING_SHOWN]

    async def _award_xp(self, session: AsyncSession, quiz: LiveQuiz, now: datetime) -> None:
        """Each answer counts for XP once (keyed by quiz and question)."""
        answers = (await session.scalars(select(LiveAnswer).where(LiveAnswer.quiz_id == quiz.id))).all()
        for answer in answers:
            learner = await session.get(Learner, answer.learner_id)
            if learner is None:
                continue
            outcome = Outcome.CORRECT if answer.correct else Outcome.WRONG
            await record_activity(
                session,
                self.context,
                learner,
                quiz_xp(outcome, due_review=False),
                item_id=f"live{quiz.id}.{answer.position}",
                now=now,
            )
