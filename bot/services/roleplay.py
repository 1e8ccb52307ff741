"""Role-plays: the bot plays the customer. Branching dialogues and free replies with a rubric.

Every press is checked against the stored run (owner, status, step), as for quiz questions. A finished
play becomes one FSRS review of the scenario's card, with its score.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.schema import Quality, Roleplay
from bot.db.models import Card, Learner, PracticeSession, Review, ReviewRequest, RoleplayRun
from bot.domain.roleplay import best_path, branching_score, detect_criteria, rating_for_score, rubric_score
from bot.domain.selection import Candidate
from bot.domain.srs import retrievability
from bot.domain.xp import roleplay_xp
from bot.services.cards import card_state, review_item
from bot.services.context import ServiceContext
from bot.services.gamification import Activity, record_activity
from bot.services.learners import UserInfo, display_name, ensure_learner
from bot.services.presses import press_once
from bot.services.reviewers import reviewers_of

FINISHED = ("done", "abandoned")


class RunAction(StrEnum):
    """Button actions of a play; the one-letter values travel in callback data."""

    PICK = "p"
    TOGGLE = "t"
    CONFIRM = "c"
    ASK_INSTRUCTOR = "i"


class RoleplayRefusal(StrEnum):
    STALE = "stale"
    ALREADY_REQUESTED = "already_requested"
    NO_REVIEWER = "no_reviewer"


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    scenario_id: str
    competency_id: str
    format: str
    title: str
    situation: str
    persona: str
    mood: str
    channel: str


@dataclass(frozen=True, slots=True)
class RunRef:
    """Which play a screen belongs to; `step` goes into its buttons. A play inside a practice session
    carries the session's id and question number, so its last screen can lead back to the session."""

    run_id: int
    step: int
    scenario: ScenarioInfo
    session_id: int | None = None
    session_seq: int | None = None


@dataclass(frozen=True, slots=True)
class TurnScreen:
    run: RunRef
    customer_line: str
    replies: list[str]
    first: bool


@dataclass(frozen=True, slots=True)
class ReplyPrompt:
    run: RunRef
    customer_message: str


@dataclass(frozen=True, slots=True)
class RoleplayEnd:
    run: RunRef
    closing_line: str
    qualities: list[str]
    best_replies: list[str]
    score: float
    activity: Activity | None = None


@dataclass(frozen=True, slots=True)
class PickOutcome:
    chosen: str
    quality: str
    feedback: str
    next: TurnScreen | RoleplayEnd


@dataclass(frozen=True, slots=True)
class RubricScreen:
    run: RunRef
    criteria: list[str]
    ticked: list[int]
    detected: list[int]
    voice: bool


@dataclass(frozen=True, slots=True)
class FreeReplyResult:
    run: RunRef
    score: float
    met: list[str]
    missed: list[str]
    model_answer: str
    can_ask_instructor: bool
    activity: Activity | None = None


@dataclass(frozen=True, slots=True)
class ReviewRequested:
    """Sent to the reviewers; `reviewers` are (telegram id, language)."""

    run: RunRef
    review_id: int
    learner_name: str
    competency_id: str
    titles: dict[str, str]
    reviewers: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RoleplayMenu:
    """No play is due: the domains to choose from, with their number of scenarios."""

    domains: list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class NothingToPlay:
    """The content has no active role-play (in that domain)."""


RunScreen = TurnScreen | ReplyPrompt | RubricScreen | RoleplayEnd | FreeReplyResult


@dataclass(frozen=True, slots=True)
class RoleplayScreen:
    language: str
    content: RunScreen | PickOutcome | ReviewRequested | RoleplayMenu | NothingToPlay | RoleplayRefusal


# -- building screens ------------------------------------------------------------------------------------


def scenario_info(scenario: Roleplay, language: str) -> ScenarioInfo:
    return ScenarioInfo(
        scenario_id=scenario.id,
        competency_id=scenario.competency_id,
        format=scenario.format,
        title=scenario.title.get(language),
        situation=scenario.situation.get(language),
        persona=scenario.persona.name,
        mood=scenario.persona.mood.value,
        channel=scenario.channel.value,
    )


def _ref(run: RoleplayRun, scenario: Roleplay, language: str, session_seq: int | None) -> RunRef:
    return RunRef(run.id, run.step, scenario_info(scenario, language), run.session_id, session_seq)


def reply_order(run_id: int, turn_id: str, count: int) -> list[int]:
    """The replies of a turn in the order shown: shuffled, reproducibly for a run and turn."""
    order = list(range(count))
    random.Random(f"{run_id}:{turn_id}").shuffle(order)
    return order


def _turn_screen(run: RoleplayRun, scenario: Roleplay, language: str, seq: int | None) -> TurnScreen:
    turn_id = run.current_turn or ""
    turn = scenario.turns[turn_id]
    return TurnScreen(
        run=_ref(run, scenario, language, seq),
        customer_line=turn.customer.get(language),
        replies=[turn.replies[i].text.get(language) for i in reply_order(run.id, turn_id, len(turn.replies))],
        first=not run.path,
    )


def _end(run: RoleplayRun, scenario: Roleplay, language: str, seq: int | None) -> RoleplayEnd:
    assert scenario.start is not None
    best_next = {
        turn_id: next(((i, r.next) for i, r in enumerate(turn.replies) if r.quality is Quality.BEST), None)
        for turn_id, turn in scenario.turns.items()
    }
    best = [scenario.turns[t].replies[i].text.get(language) for t, i in best_path(scenario.start, best_next)]
    return RoleplayEnd(
        run=_ref(run, scenario, language, seq),
        closing_line=scenario.turns[run.current_turn or ""].customer.get(language),
        qualities=[quality for _turn, _index, quality in run.path],
        best_replies=best,
        score=run.score or 0.0,
    )


def _rubric(run: RoleplayRun, scenario: Roleplay, language: str, seq: int | None) -> RubricScreen:
    ids = [criterion.id for criterion in scenario.rubric]
    return RubricScreen(
        run=_ref(run, scenario, language, seq),
        criteria=[criterion.label.get(language) for criterion in scenario.rubric],
        ticked=[ids.index(c) for c in run.confirmed if c in ids],
        detected=[ids.index(c) for c in run.detected if c in ids],
        voice=run.reply_voice_file_id is not None,
    )


def _result(
    run: RoleplayRun, scenario: Roleplay, language: str, seq: int | None, can_ask: bool
) -> FreeReplyResult:
    assert scenario.model_answer is not None
    return FreeReplyResult(
        run=_ref(run, scenario, language, seq),
        score=run.score or 0.0,
        met=[c.label.get(language) for c in scenario.rubric if c.id in run.confirmed],
        missed=[c.label.get(language) for c in scenario.rubric if c.id not in run.confirmed],
        model_answer=scenario.model_answer.get(language),
        can_ask_instructor=can_ask,
    )


def current_screen(run: RoleplayRun, scenario: Roleplay, language: str, seq: int | None = None) -> RunScreen:
    """What the learner should see of a play now (used when resuming)."""
    match run.status:
        case "turn":
            return _turn_screen(run, scenario, language, seq)
        case "reply":
            assert scenario.customer is not None
            return ReplyPrompt(_ref(run, scenario, language, seq), scenario.customer.get(language))
        case "rating":
            return _rubric(run, scenario, language, seq)
        case _ if scenario.format == "branching":
            return _end(run, scenario, language, seq)
        case _:
            return _result(run, scenario, language, seq, can_ask=False)


# -- starting -------------------------------------------------------------------------------------------


async def begin_run(
    session: AsyncSession,
    learner: Learner,
    scenario: Roleplay,
    now: datetime,
    *,
    practice_session_id: int | None = None,
) -> RoleplayRun:
    """Start a play, abandoning any other unfinished one of the learner (one play at a time)."""
    await session.execute(
        update(RoleplayRun)
        .where(RoleplayRun.learner_id == learner.id, RoleplayRun.status.not_in(FINISHED))
        .values(status="abandoned", finished_at=now, version=RoleplayRun.version + 1)
        .execution_options(synchronize_session=False)
    )
    run = RoleplayRun(
        learner_id=learner.id,
        scenario_id=scenario.id,
        session_id=practice_session_id,
        status="turn" if scenario.format == "branching" else "reply",
        step=0,
        current_turn=scenario.start,
        path=[],
        detected=[],
        confirmed=[],
        started_at=now,
    )
    session.add(run)
    await session.flush()
    return run


async def session_seq(session: AsyncSession, run: RoleplayRun) -> int | None:
    """The question number of the practice session a play belongs to (for its "Next" button)."""
    if run.session_id is None:
        return None
    practice = await session.get(PracticeSession, run.session_id)
    return practice.seq if practice is not None else None


async def open_run(session: AsyncSession, learner_id: int) -> RoleplayRun | None:
    return await session.scalar(
        select(RoleplayRun)
        .where(RoleplayRun.learner_id == learner_id, RoleplayRun.status.not_in(FINISHED))
        .order_by(RoleplayRun.id.desc())
        .limit(1)
    )


async def roleplay_candidates(
    session: AsyncSession,
    context: ServiceContext,
    learner_id: int,
    now: datetime,
    domain_id: str | None = None,
) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """(due, new, ahead) scenarios of a learner, optionally within one domain."""
    scenarios = {
        s.id: s
        for s in context.bank.active_roleplays()
        if domain_id is None or s.competency_id.split(".")[0] == domain_id
    }
    cards = (
        await session.scalars(select(Card).where(Card.learner_id == learner_id, Card.item_id.in_(scenarios)))
    ).all()
    due, ahead = [], []
    for card in cards:
        candidate = Candidate(
            card.item_id,
            scenarios[card.item_id].competency_id,
            retrievability(context.scheduler, card_state(card), now),
        )
        (due if card.due <= now else ahead).append(candidate)
    seen = {card.item_id for card in cards}
    new = [Candidate(s.id, s.competency_id) for s in scenarios.values() if s.id not in seen]
    return sorted(due, key=lambda c: c.retrievability), new, sorted(ahead, key=lambda c: c.retrievability)


async def record_play(
    session: AsyncSession,
    context: ServiceContext,
    learner: Learner,
    run: RoleplayRun,
    score: float,
    now: datetime,
) -> None:
    """Finish a play: its score becomes one FSRS review of the scenario's card."""
    rating = rating_for_score(score)
    run.score = score
    run.status = "done"
    run.finished_at = now
    await review_item(
        session,
        context.scheduler,
        learner_id=learner.id,
        item_id=run.scenario_id,
        rating=rating,
        now=now,
        log=Review(
            learner_id=learner.id,
            item_id=run.scenario_id,
            session_id=run.session_id,
            rating=int(rating),
            correct=score >= 0.75,
            outcome="roleplay",
            answer_ms=int((now - run.started_at).total_seconds() * 1000),
            language=learner.language,
            reviewed_at=now,
            score=score,
        ),
    )
    return await record_activity(
        session, context, learner, roleplay_xp(score), item_id=run.scenario_id, now=now
    )


class RoleplayService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self.random = random.Random()

    async def open(self, user: UserInfo) -> RoleplayScreen:
        """/roleplay: the unfinished play, else the most due scenario, else the domain menu."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            language = learner.language
            run = await open_run(session, learner.id)
            if run is not None and run.session_id is None and run.scenario_id in self.context.bank.roleplays:
                return RoleplayScreen(
                    language, current_screen(run, self.context.bank.roleplays[run.scenario_id], language)
                )
            due, _new, _ahead = await roleplay_candidates(session, self.context, learner.id, now)
            if due:
                scenario = self.context.bank.roleplays[due[0].item_id]
                run = await begin_run(session, learner, scenario, now)
                return RoleplayScreen(language, current_screen(run, scenario, language))
            counts: dict[str, int] = {}
            for scenario in self.context.bank.active_roleplays():
                domain = scenario.competency_id.split(".")[0]
                counts[domain] = counts.get(domain, 0) + 1
            if not counts:
                return RoleplayScreen(language, NothingToPlay())
            return RoleplayScreen(language, RoleplayMenu(domains=sorted(counts.items())))

    async def start_in_domain(self, user: UserInfo, domain_id: str | None) -> RoleplayScreen:
        """A scenario of the domain (None: any domain): new ones first, else the one most forgotten."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            due, new, ahead = await roleplay_candidates(session, self.context, learner.id, now, domain_id)
            pool = due[:1] or new or ahead[:3]
            if not pool:
                return RoleplayScreen(learner.language, NothingToPlay())
            choice = self.random.choice(pool) if domain_id is None else pool[0]
            scenario = self.context.bank.roleplays[choice.item_id]
            run = await begin_run(session, learner, scenario, now)
            return RoleplayScreen(learner.language, current_screen(run, scenario, learner.language))

    async def press(
        self, user: UserInfo, run_id: int, step: int, action: RunAction, arg: int | None = None
    ) -> RoleplayScreen:
        """Apply one button press, if it belongs to the play on screen; otherwise change nothing."""
        language, content = await press_once(
            self.context,
            user,
            lambda session, learner, now: self._press(session, learner, run_id, step, action, arg, now),
            RoleplayRefusal.STALE,
        )
        return RoleplayScreen(language, content)

    async def _press(
        self,
        session: AsyncSession,
        learner: Learner,
        run_id: int,
        step: int,
        action: RunAction,
        arg: int | None,
        now: datetime,
    ) -> PickOutcome | RubricScreen | FreeReplyResult | ReviewRequested | RoleplayRefusal:
        run = await session.get(RoleplayRun, run_id)
        scenario = self.context.bank.roleplays.get(run.scenario_id) if run else None
        if run is None or scenario is None or run.learner_id != learner.id or run.step != step:
            return RoleplayRefusal.STALE
        seq = await session_seq(session, run)
        match (run.status, action):
            case ("turn", RunAction.PICK) if arg is not None:
                return await self._pick(session, learner, run, scenario, arg, now, seq)
            case ("rating", RunAction.TOGGLE) if arg is not None and 0 <= arg < len(scenario.rubric):
                criterion = scenario.rubric[arg].id
                confirmed = [c for c in run.confirmed if c != criterion]
                run.confirmed = confirmed if criterion in run.confirmed else [*confirmed, criterion]
                run.step += 1
                return _rubric(run, scenario, learner.language, seq)
            case ("rating", RunAction.CONFIRM):
                run.step += 1
                score = rubric_score(run.confirmed, [c.id for c in scenario.rubric])
                activity = await record_play(session, self.context, learner, run, score, now)
                can_ask = bool(await reviewers_of(session, self.context, learner))
                return replace(
                    _result(run, scenario, learner.language, seq, can_ask=can_ask), activity=activity
                )
            case ("done", RunAction.ASK_INSTRUCTOR) if scenario.format == "free_reply":
                return await self._ask_instructor(session, learner, run, scenario, now)
            case _:
                return RoleplayRefusal.STALE

    async def _pick(
        self,
        session: AsyncSession,
        learner: Learner,
        run: RoleplayRun,
        scenario: Roleplay,
        index: int,
        now: datetime,
        seq: int | None,
    ) -> PickOutcome | RoleplayRefusal:
        turn = scenario.turns.get(run.current_turn or "")
        if turn is None or not 0 <= index < len(turn.replies):
            return RoleplayRefusal.STALE
        index = reply_order(run.id, run.current_turn or "", len(turn.replies))[index]
        reply = turn.replies[index]
        run.path = [*run.path, [run.current_turn, index, reply.quality.value]]
        run.current_turn = reply.next
        run.step += 1
        language = learner.language
        if scenario.turns[reply.next].replies:
            following: TurnScreen | RoleplayEnd = _turn_screen(run, scenario, language, seq)
        else:
            score = branching_score([quality for _turn, _index, quality in run.path])
            activity = await record_play(session, self.context, learner, run, score, now)
            following = replace(_end(run, scenario, language, seq), activity=activity)
        return PickOutcome(
            chosen=reply.text.get(language),
            quality=reply.quality.value,
            feedback=reply.feedback.get(language),
            next=following,
        )

    async def _ask_instructor(
        self, session: AsyncSession, learner: Learner, run: RoleplayRun, scenario: Roleplay, now: datetime
    ) -> ReviewRequested | RoleplayRefusal:
        if await session.scalar(select(ReviewRequest.id).where(ReviewRequest.run_id == run.id)) is not None:
            return RoleplayRefusal.ALREADY_REQUESTED
        reviewers = await reviewers_of(session, self.context, learner)
        if not reviewers:
            return RoleplayRefusal.NO_REVIEWER
        request = ReviewRequest(
            run_id=run.id,
            learner_id=learner.id,
            status="pending",
            requested_at=now,
            criteria_met=list(run.confirmed),
        )
        session.add(request)
        await session.flush()
        return ReviewRequested(
            run=_ref(run, scenario, learner.language, await session_seq(session, run)),
            review_id=request.id,
            learner_name=display_name(learner),
            competency_id=scenario.competency_id,
            titles={language: scenario.title.get(language) for language in ("fr", "de", "it", "en")},
            reviewers=[(reviewer.telegram_id, reviewer.language) for reviewer in reviewers],
        )


async def accept_reply(
    session: AsyncSession,
    context: ServiceContext,
    learner: Learner,
    *,
    text: str | None,
    voice_file_id: str | None,
) -> RubricScreen | None:
    """A message from a learner whose free-reply play waits for their reply; None if none waits."""
    run = await open_run(session, learner.id)
    if run is None or run.status != "reply":
        return None
    scenario = context.bank.roleplays.get(run.scenario_id)
    if scenario is None:
        return None
    run.reply_text = text[:4096] if text else None
    run.reply_voice_file_id = voice_file_id
    if text:
        indicators = {c.id: c.indicators[learner.language] for c in scenario.rubric}
        run.detected = detect_criteria(text, indicators)
    run.confirmed = list(run.detected)
    run.status = "rating"
    run.step += 1
    return _rubric(run, scenario, learner.language, await session_seq(session, run))
