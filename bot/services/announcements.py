"""/announce: a message to every member of a cohort, sent through the outbox (rate-limited, counted)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Cohort, Learner, Membership, Outbox
from bot.services.boards import public_name
from bot.services.context import ServiceContext
from bot.services.instructors import Denied, teaches
from bot.services.learners import UserInfo, ensure_learner
from bot.services.scheduling import enqueue

ANNOUNCEMENT_MAX = 3500


@dataclass(frozen=True, slots=True)
class AnnouncementQueued:
    token: str
    cohort_name: str
    recipients: int


@dataclass(frozen=True, slots=True)
class DeliveryCount:
    sent: int
    blocked: int
    waiting: int
    failed: int


@dataclass(frozen=True, slots=True)
class AnnouncementScreen:
    language: str
    content: AnnouncementQueued | DeliveryCount | Denied | str | None


def _key_prefix(author_id: int, token: str) -> str:
    return f"announce:{author_id}-{token}:"


async def queue_announcement(
    session: AsyncSession, context: ServiceContext, author: Learner, cohort_id: int, text: str
) -> AnnouncementQueued | Denied:
    """One outbox row per member of the cohort; the author must teach it."""
    cohort = await session.get(Cohort, cohort_id)
    if cohort is None or not await teaches(session, context, author, cohort_id):
        return Denied.NOT_YOURS
    author.awaiting_input = None
    token = secrets.token_hex(6)
    members = (
        await session.scalars(
            select(Membership.learner_id).where(
                Membership.cohort_id == cohort_id, Membership.role == "member"
            )
        )
    ).all()
    payload = {"text": text[:ANNOUNCEMENT_MAX], "cohort": cohort.name, "author": public_name(author)}
    for learner_id in members:
        await enqueue(
            session,
            learner_id=learner_id,
            kind="announcement",
            dedupe_key=_key_prefix(author.id, token) + str(learner_id),
            payload=payload,
            now=context.clock(),
        )
    return AnnouncementQueued(token, cohort.name, len(members))


class AnnouncementService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def prepare(self, user: UserInfo, cohort_id: int) -> AnnouncementScreen:
        """Wait for the announcement's text from this instructor; returns the cohort's name."""
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            cohort = await session.get(Cohort, cohort_id)
            if cohort is None or not await teaches(session, self.context, learner, cohort_id):
                return AnnouncementScreen(learner.language, Denied.NOT_YOURS)
            learner.awaiting_input = f"announce:{cohort_id}"
            return AnnouncementScreen(learner.language, cohort.name)

    async def delivery(self, user: UserInfo, token: str) -> AnnouncementScreen:
        """How many of an announcement's messages were delivered, blocked, still waiting or failed."""
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            counts = dict(
                (
                    await session.execute(
                        select(Outbox.status, func.count())
                        .where(Outbox.dedupe_key.startswith(_key_prefix(learner.id, token)))
                        .group_by(Outbox.status)
                    )
                ).all()
            )
            if not counts:
                return AnnouncementScreen(learner.language, Denied.UNKNOWN)
            return AnnouncementScreen(
                learner.language,
                DeliveryCount(
                    sent=counts.get("sent", 0),
                    blocked=counts.get("blocked", 0),
                    waiting=counts.get("pending", 0) + counts.get("sending", 0),
                    failed=counts.get("failed", 0),
                ),
            )
