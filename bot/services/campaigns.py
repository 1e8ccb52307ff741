"""Quiz campaigns: an instructor's wizard, delivery to cohort members, play through the practice UI, results.

The wizard's choices live on the campaign row (`draft`) until confirmed. Delivery is database-driven:
the sweep starts due campaigns, adds every current member as a recipient (late joiners included) with
one outbox row each, reminds the unfinished once, and closes campaigns at their deadline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Campaign,
    CampaignAnswer,
    CampaignCohort,
    CampaignRecipient,
    Cohort,
    Learner,
    Membership,
)
from bot.domain.campaigns import (
    DEADLINE_DAYS,
    QUESTION_COUNTS,
    REMINDER_HOURS,
    draw_questions,
    is_open,
    reminder_moment,
)
from bot.domain.localtime import local_date
from bot.domain.reminders import at_local
from bot.services.boards import public_name
from bot.services.context import ServiceContext
from bot.services.instructors import Denied, is_instructor, taught_cohorts, teaches
from bot.services.items import custom_items_of, load_item
from bot.services.learners import UserInfo, ensure_learner

STEPS = ("cohorts", "content", "count", "start", "deadline", "reminder", "bonus", "confirm")
MORNING = time(8, 0)
HARDEST_SHOWN = 3


class CampaignRefusal(StrEnum):
    NOT_INVITED = "not_invited"
    NOT_STARTED = "not_started"
    CLOSED = "closed"
    DONE = "done"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class WizardView:
    campaign_id: int
    step: str
    cohorts: list[tuple[int, str, bool]]
    domains: list[tuple[str, bool]]
    count: int
    start: datetime | None
    deadline_days: int
    reminder_hours: int
    speed_bonus: bool
    timezone: str
    eligible: int
    own: bool = False
    competencies: list[tuple[str, bool]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CampaignListItem:
    campaign_id: int
    title: str
    status: str
    deadline: datetime | None


@dataclass(frozen=True, slots=True)
class LearnerResult:
    name: str
    answered: int
    correct: int
    score: int
    finished: bool


@dataclass(frozen=True, slots=True)
class QuestionResult:
    item_id: str
    competency_id: str
    question: str
    answered: int
    correct_rate: float


@dataclass(frozen=True, slots=True)
class CampaignResults:
    campaign_id: int
    title: str
    status: str
    questions: int
    recipients: int
    finished: int
    mean_score: float
    learners: list[LearnerResult]
    items: list[QuestionResult]
    competencies: list[tuple[str, float]]
    hardest: list[QuestionResult] = field(default_factory=list)

    @property
    def completion(self) -> float:
        return self.finished / self.recipients if self.recipients else 0.0


@dataclass(frozen=True, slots=True)
class CampaignInvite:
    """The message a recipient gets (or the reminder)."""

    campaign_id: int
    title: str
    questions: int
    deadline: datetime


@dataclass(frozen=True, slots=True)
class CampaignScreen:
    language: str
    content: Any


def _draft_defaults(now: datetime) -> dict[str, Any]:
    return {
        "step": "cohorts",
        "cohorts": [],
        "domains": [],
        "count": 10,
        "start": None,
        "deadline_days": 3,
        "reminder_hours": 24,
        "speed_bonus": True,
    }


class CampaignService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    # -- the wizard -----------------------------------------------------------------------------------
    async def list(self, user: UserInfo) -> CampaignScreen:
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            if not is_instructor(self.context, learner):
                return CampaignScreen(learner.language, Denied.NOT_INSTRUCTOR)
            rows = await session.scalars(
                select(Campaign)
                .where(Campaign.created_by == learner.id, Campaign.status != "draft")
                .order_by(Campaign.id.desc())
                .limit(15)
            )
            return CampaignScreen(
                learner.language, [CampaignListItem(c.id, c.title, c.status, c.deadline) for c in rows]
            )

    async def new(self, user: UserInfo) -> CampaignScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            if not is_instructor(self.context, learner):
                return CampaignScreen(learner.language, Denied.NOT_INSTRUCTOR)
            campaign = Campaign(
                created_by=learner.id, title="", status="draft", draft=_draft_defaults(now), created_at=now
            )
            session.add(campaign)
            await session.flush()
            return CampaignScreen(learner.language, await self._wizard(session, learner, campaign))

    async def choose(self, user: UserInfo, campaign_id: int, field_name: str, value: str) -> CampaignScreen:
        """One wizard button: toggle or set a choice, move to the next step, confirm or cancel."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None or campaign.created_by != learner.id or campaign.status != "draft":
                return CampaignScreen(learner.language, Denied.UNKNOWN)
            draft = dict(campaign.draft)
            if field_name == "x":
                campaign.status = "cancelled"
                return CampaignScreen(learner.language, None)
            if field_name == "go":
                if draft["step"] == "confirm":
                    return CampaignScreen(
                        learner.language, await self._confirm(session, learner, campaign, now)
                    )
                draft["step"] = STEPS[min(STEPS.index(draft["step"]) + 1, len(STEPS) - 1)]
            else:
                refused = await self._apply(session, learner, draft, field_name, value, now)
                if refused is not None:
                    return CampaignScreen(learner.language, refused)
            campaign.draft = draft
            return CampaignScreen(learner.language, await self._wizard(session, learner, campaign))

    async def _apply(
        self,
        session: AsyncSession,
        learner: Learner,
        draft: dict[str, Any],
        field_name: str,
        value: str,
        now: datetime,
    ) -> Denied | None:
        match field_name:
            case "c":
                cohort_id = int(value)
                if not await teaches(session, self.context, learner, cohort_id):
                    return Denied.NOT_YOURS
                chosen = set(draft["cohorts"]) ^ {cohort_id}
                draft["cohorts"] = sorted(chosen)
            case "d" if value == "own":
                draft["own"] = not draft.get("own", False)
            case "d" if value in {d.id for d in self.context.bank.domains} | {"all"}:
                draft["domains"] = [] if value == "all" else sorted(set(draft["domains"]) ^ {value})
                draft["competencies"] = []
            case "k" if value.replace("_", ".") in self.context.bank.competencies:
                competency = value.replace("_", ".")
                draft["competencies"] = sorted(set(draft.get("competencies", [])) ^ {competency})
            case "n" if int(value) in QUESTION_COUNTS:
                draft["count"] = int(value)
            case "s" if value in ("now", "1h", "tomorrow"):
                draft["start"] = self._start_choice(value, learner, now).isoformat()
                draft["step"] = "deadline"
            case "e" if int(value) in DEADLINE_DAYS:
                draft["deadline_days"] = int(value)
                draft["step"] = "reminder"
            case "r" if int(value) in REMINDER_HOURS:
                draft["reminder_hours"] = int(value)
                draft["step"] = "bonus"
            case "b":
                draft["speed_bonus"] = value == "1"
                draft["step"] = "confirm"
            case _:
                return Denied.UNKNOWN
        return None

    def _start_choice(self, value: str, learner: Learner, now: datetime) -> datetime:
        if value == "1h":
            return now + timedelta(hours=1)
        if value == "tomorrow":
            return at_local(local_date(now, learner.timezone) + timedelta(days=1), MORNING, learner.timezone)
        return now

    async def set_start(
        self, session: AsyncSession, learner: Learner, campaign_id: int, when: datetime
    ) -> WizardView | Denied:
        """A start typed as text (the wizard waits for it); it must be in the future."""
        campaign = await session.get(Campaign, campaign_id)
        if campaign is None or campaign.created_by != learner.id or campaign.status != "draft":
            return Denied.UNKNOWN
        draft = dict(campaign.draft)
        draft["start"] = max(when, self.context.clock()).isoformat()
        draft["step"] = "deadline"
        campaign.draft = draft
        learner.awaiting_input = None
        return await self._wizard(session, learner, campaign)

    async def _eligible(self, session: AsyncSession, learner: Learner, draft: dict[str, Any]) -> list[str]:
        """The questions to draw from: the shipped ones, or the instructor's own, in the chosen domains."""
        domains = set(draft["domains"])
        if draft.get("own"):
            pool = [(row.id, row.competency_id) for row in await custom_items_of(session, learner.id)]
        else:
            pool = [(item.id, item.competency_id) for item in self.context.bank.active_quiz()]
        chosen = set(draft.get("competencies", []))
        return [
            item_id
            for item_id, competency in pool
            if (not domains or competency.split(".")[0] in domains) and (not chosen or competency in chosen)
        ]

    async def _wizard(self, session: AsyncSession, learner: Learner, campaign: Campaign) -> WizardView:
        draft = campaign.draft
        learner.awaiting_input = f"campaign_start:{campaign.id}" if draft["step"] == "start" else None
        cohorts = await taught_cohorts(session, self.context, learner)
        return WizardView(
            campaign_id=campaign.id,
            step=draft["step"],
            cohorts=[(c.id, c.name, c.id in draft["cohorts"]) for c in cohorts],
            domains=[(d.id, d.id in draft["domains"]) for d in self.context.bank.domains],
            competencies=[
                (c.id, c.id in draft.get("competencies", []))
                for d in self.context.bank.domains
                if draft["domains"] == [d.id]
                for c in d.competencies
            ],
            count=draft["count"],
            start=datetime.fromisoformat(draft["start"]) if draft["start"] else None,
            deadline_days=draft["deadline_days"],
            reminder_hours=draft["reminder_hours"],
            speed_bonus=draft["speed_bonus"],
            timezone=learner.timezone,
            eligible=len(await self._eligible(session, learner, draft)),
            own=bool(draft.get("own")),
        )

    async def _confirm(
        self, session: AsyncSession, learner: Learner, campaign: Campaign, now: datetime
    ) -> WizardView | CampaignRefusal | CampaignListItem:
        draft = campaign.draft
        items = draw_questions(
            await self._eligible(session, learner, draft), draft["count"], seed=campaign.id
        )
        if not draft["cohorts"] or not items:
            return CampaignRefusal.EMPTY
        starts_at = datetime.fromisoformat(draft["start"]) if draft["start"] else now
        campaign.starts_at = starts_at
        campaign.deadline = starts_at + timedelta(days=draft["deadline_days"])
        campaign.reminder_at = reminder_moment(campaign.deadline, draft["reminder_hours"], starts_at)
        campaign.speed_bonus = draft["speed_bonus"]
        campaign.item_ids = items
        names = [c.name for c in await session.scalars(select(Cohort).where(Cohort.id.in_(draft["cohorts"])))]
        campaign.title = (
            f"{', '.join(names)[:80]} · {local_date(starts_at, learner.timezone).strftime('%d.%m.%Y')}"
        )
        campaign.status = "scheduled"
        for cohort_id in draft["cohorts"]:
            session.add(CampaignCohort(campaign_id=campaign.id, cohort_id=cohort_id))
        learner.awaiting_input = None
        return CampaignListItem(campaign.id, campaign.title, campaign.status, campaign.deadline)

    # -- delivery (called by the sweep) ------------------------------------------------------------------
    async def deliver_due(
        self, session: AsyncSession, now: datetime
    ) -> list[tuple[int, str, str, dict[str, Any]]]:
        """Start, deliver, remind and close campaigns; returns outbox rows (learner id, kind, key, payload)."""
        rows: list[tuple[int, str, str, dict[str, Any]]] = []
        for campaign in await session.scalars(
            select(Campaign).where(Campaign.status.in_(("scheduled", "running")))
        ):
            if campaign.deadline is not None and now >= campaign.deadline:
                campaign.status, campaign.closed_at = "closed", now
                continue
            if campaign.starts_at is None or now < campaign.starts_at:
                continue
            campaign.status = "running"
            payload = {
                "campaign_id": campaign.id,
                "title": campaign.title,
                "questions": len(campaign.item_ids),
                "deadline": campaign.deadline.isoformat() if campaign.deadline else None,
            }
            for learner_id in await self._new_recipients(session, campaign, now):
                rows.append((learner_id, "campaign", f"campaign:{campaign.id}:{learner_id}", payload))
            if campaign.reminder_at is not None and now >= campaign.reminder_at and not campaign.reminded:
                campaign.reminded = True
                unfinished = await session.scalars(
                    select(CampaignRecipient.learner_id).where(
                        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.finished_at.is_(None)
                    )
                )
                rows += [
                    (lid, "campaign_reminder", f"campaign-reminder:{campaign.id}:{lid}", payload)
                    for lid in unfinished
                ]
        return rows

    async def _new_recipients(self, session: AsyncSession, campaign: Campaign, now: datetime) -> list[int]:
        """Current members of the campaign's cohorts not yet recipients (late joiners included)."""
        known = select(CampaignRecipient.learner_id).where(CampaignRecipient.campaign_id == campaign.id)
        members = (
            await session.scalars(
                select(Membership.learner_id)
                .join(CampaignCohort, CampaignCohort.cohort_id == Membership.cohort_id)
                .join(Learner, Learner.id == Membership.learner_id)
                .where(
                    CampaignCohort.campaign_id == campaign.id,
                    Membership.role == "member",
                    Learner.active.is_(True),
                    Membership.learner_id.not_in(known),
                )
                .distinct()
            )
        ).all()
        for learner_id in members:
            session.add(
                CampaignRecipient(campaign_id=campaign.id, learner_id=learner_id, added_at=now, score=0)
            )
        return list(members)

    # -- playing -------------------------------------------------------------------------------------------
    async def playable(
        self, session: AsyncSession, learner: Learner, campaign_id: int, now: datetime
    ) -> Campaign | CampaignRefusal:
        """The campaign if this learner may play it now."""
        campaign = await session.get(Campaign, campaign_id)
        recipient = await session.get(CampaignRecipient, (campaign_id, learner.id))
        if campaign is None or recipient is None:
            return CampaignRefusal.NOT_INVITED
        if campaign.status == "closed" or (campaign.deadline is not None and now >= campaign.deadline):
            return CampaignRefusal.CLOSED
        if not is_open(now, campaign.starts_at, campaign.deadline):
            return CampaignRefusal.NOT_STARTED
        if recipient.finished_at is not None:
            return CampaignRefusal.DONE
        return campaign

    # -- results ---------------------------------------------------------------------------------------------
    async def results(self, user: UserInfo, campaign_id: int) -> CampaignScreen:
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None or campaign.status == "draft":
                return CampaignScreen(learner.language, Denied.UNKNOWN)
            cohort_ids = (
                await session.scalars(
                    select(CampaignCohort.cohort_id).where(CampaignCohort.campaign_id == campaign_id)
                )
            ).all()
            allowed = campaign.created_by == learner.id or all(
                [await teaches(session, self.context, learner, cid) for cid in cohort_ids]
            )
            if not allowed:
                return CampaignScreen(learner.language, Denied.NOT_YOURS)
            return CampaignScreen(learner.language, await self._results(session, campaign, learner.language))

    async def _results(self, session: AsyncSession, campaign: Campaign, language: str) -> CampaignResults:
        recipients = (
            await session.execute(
                select(CampaignRecipient, Learner)
                .join(Learner, Learner.id == CampaignRecipient.learner_id)
                .where(CampaignRecipient.campaign_id == campaign.id)
            )
        ).all()
        answers = (
            await session.scalars(select(CampaignAnswer).where(CampaignAnswer.campaign_id == campaign.id))
        ).all()
        by_learner: dict[int, list[CampaignAnswer]] = defaultdict(list)
        by_item: dict[str, list[CampaignAnswer]] = defaultdict(list)
        for answer in answers:
            by_learner[answer.learner_id].append(answer)
            by_item[answer.item_id].append(answer)
        learners = sorted(
            (
                LearnerResult(
                    public_name(person),
                    len(by_learner[person.id]),
                    sum(a.correct for a in by_learner[person.id]),
                    recipient.score,
                    recipient.finished_at is not None,
                )
                for recipient, person in recipients
            ),
            key=lambda r: (-r.score, r.name),
        )
        items = []
        for item_id in campaign.item_ids:
            item = await load_item(session, self.context.bank, item_id)
            given = by_item.get(item_id, [])
            rate = sum(a.correct for a in given) / len(given) if given else 0.0
            items.append(
                QuestionResult(
                    item_id,
                    item.competency_id if item else "?",
                    item.text(language).question if item else item_id,
                    len(given),
                    rate,
                )
            )
        competency_totals: dict[str, list[bool]] = defaultdict(list)
        for result in items:
            competency_totals[result.competency_id] += [a.correct for a in by_item.get(result.item_id, [])]
        competencies = [(cid, sum(v) / len(v) if v else 0.0) for cid, v in sorted(competency_totals.items())]
        answered = [r for r in items if r.answered]
        finished = [r for r in learners if r.finished]
        total = len(campaign.item_ids) or 1
        mean = sum(r.correct for r in finished) / (len(finished) * total) if finished else 0.0
        return CampaignResults(
            campaign_id=campaign.id,
            title=campaign.title,
            status=campaign.status,
            questions=len(campaign.item_ids),
            recipients=len(recipients),
            finished=len(finished),
            mean_score=mean,
            learners=learners,
            items=items,
            competencies=competencies,
            hardest=sorted(answered, key=lambda r: r.correct_rate)[:HARDEST_SHOWN],
        )


def parse_local_datetime(text: str, timezone: str) -> datetime | None:
    """'24.12.2026 08:30' or '2026-12-24 08:30' in the learner's timezone → UTC; None if not a date-time."""
    for pattern in ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%y %H:%M"):
        try:
            local = datetime.strptime(" ".join(text.split()), pattern)
        except ValueError:
            continue
        return at_local(date(local.year, local.month, local.day), local.time(), timezone)
    return None
