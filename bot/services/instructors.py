"""Instructors: invite links, cohorts they teach, members, co-teaching. Every check is made here.

An admin (ADMIN_TELEGRAM_IDS) creates one-time instructor invites and may act on every cohort; an
instructor acts only on the cohorts where they hold an `instructor` membership.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Cohort, Invite, Learner, Membership
from bot.services.boards import public_name
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo, ensure_learner, free_join_code
from bot.services.reviewers import is_admin

INVITE_PREFIX = "inv_"
COTEACH_PREFIX = "co_"
COHORT_NAME_MAX = 80


class Denied(StrEnum):
    NOT_ADMIN = "not_admin"
    NOT_INSTRUCTOR = "not_instructor"
    NOT_YOURS = "not_yours"
    UNKNOWN = "unknown"
    USED = "used"
    BAD_NAME = "bad_name"


@dataclass(frozen=True, slots=True)
class CohortSummary:
    cohort_id: int
    name: str
    join_code: str
    members: int


@dataclass(frozen=True, slots=True)
class MemberView:
    learner_id: int
    name: str
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class CohortDetail:
    cohort_id: int
    name: str
    join_code: str
    members: list[MemberView]
    instructors: list[str]


@dataclass(frozen=True, slots=True)
class InstructorScreen:
    language: str
    content: str | CohortSummary | CohortDetail | list[CohortSummary] | Denied | None


def is_instructor(context: ServiceContext, learner: Learner) -> bool:
    return learner.role == "instructor" or is_admin(context, learner)


async def teaches(session: AsyncSession, context: ServiceContext, learner: Learner, cohort_id: int) -> bool:
    """Whether this person may act on the cohort (its instructor, or an admin)."""
    if is_admin(context, learner):
        return True
    found = await session.scalar(
        select(Membership.id).where(
            Membership.cohort_id == cohort_id,
            Membership.learner_id == learner.id,
            Membership.role == "instructor",
        )
    )
    return found is not None


async def taught_cohorts(session: AsyncSession, context: ServiceContext, learner: Learner) -> list[Cohort]:
    query = select(Cohort).order_by(Cohort.name)
    if not is_admin(context, learner):
        query = query.join(Membership, Membership.cohort_id == Cohort.id).where(
            Membership.learner_id == learner.id, Membership.role == "instructor"
        )
    return list((await session.scalars(query)).all())


async def _summary(session: AsyncSession, cohort: Cohort) -> CohortSummary:
    members = await session.scalar(
        select(func.count()).where(Membership.cohort_id == cohort.id, Membership.role == "member")
    )
    return CohortSummary(cohort.id, cohort.name, cohort.join_code, int(members or 0))


class InstructorService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def _as(self, session: AsyncSession, user: UserInfo) -> Learner:
        learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
        return learner

    async def create_invite(self, user: UserInfo, *, cohort_id: int | None = None) -> InstructorScreen:
        """A one-time token: an instructor invite (admins), or a co-teaching invite for a cohort (its instructors)."""
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            if cohort_id is None and not is_admin(self.context, learner):
                return InstructorScreen(learner.language, Denied.NOT_ADMIN)
            if cohort_id is not None and not await teaches(session, self.context, learner, cohort_id):
                return InstructorScreen(learner.language, Denied.NOT_YOURS)
            token = secrets.token_urlsafe(12)
            session.add(
                Invite(
                    token=token,
                    kind="coteach" if cohort_id else "instructor",
                    cohort_id=cohort_id,
                    created_by=learner.id,
                    created_at=self.context.clock(),
                )
            )
            prefix = COTEACH_PREFIX if cohort_id else INVITE_PREFIX
            return InstructorScreen(learner.language, prefix + token)

    async def redeem(self, user: UserInfo, payload: str) -> InstructorScreen:
        """Open an invite link: become an instructor (and co-teacher of its cohort). Once only."""
        token = payload.removeprefix(INVITE_PREFIX).removeprefix(COTEACH_PREFIX)
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            invite = await session.scalar(select(Invite).where(Invite.token == token).with_for_update())
            if invite is None:
                return InstructorScreen(learner.language, Denied.UNKNOWN)
            if invite.used_by is not None and invite.used_by != learner.id:
                return InstructorScreen(learner.language, Denied.USED)
            invite.used_by, invite.used_at = learner.id, invite.used_at or now
            learner.role = "instructor"
            if invite.cohort_id is None:
                return InstructorScreen(learner.language, None)
            cohort = await session.get(Cohort, invite.cohort_id)
            await ensure_instructor_membership(session, invite.cohort_id, learner.id, now)
            return InstructorScreen(learner.language, await _summary(session, cohort) if cohort else None)

    async def cohorts(self, user: UserInfo) -> InstructorScreen:
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            if not is_instructor(self.context, learner):
                return InstructorScreen(learner.language, Denied.NOT_INSTRUCTOR)
            return InstructorScreen(
                learner.language,
                [await _summary(session, c) for c in await taught_cohorts(session, self.context, learner)],
            )

    async def create_cohort(self, user: UserInfo, name: str) -> InstructorScreen:
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            return InstructorScreen(
                learner.language, await create_cohort_in(session, self.context, learner, name)
            )

    async def detail(self, user: UserInfo, cohort_id: int) -> InstructorScreen:
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            return InstructorScreen(learner.language, await self._detail(session, learner, cohort_id))

    async def _detail(self, session: AsyncSession, learner: Learner, cohort_id: int) -> CohortDetail | Denied:
        cohort = await session.get(Cohort, cohort_id)
        if cohort is None:
            return Denied.UNKNOWN
        if not await teaches(session, self.context, learner, cohort_id):
            return Denied.NOT_YOURS
        rows = (
            await session.execute(
                select(Learner, Membership.role)
                .join(Membership, Membership.learner_id == Learner.id)
                .where(Membership.cohort_id == cohort_id)
                .order_by(Learner.first_name, Learner.id)
            )
        ).all()
        members = [
            MemberView(row.id, public_name(row), row.last_seen_at) for row, role in rows if role == "member"
        ]
        instructors = [public_name(row) for row, role in rows if role == "instructor"]
        return CohortDetail(cohort.id, cohort.name, cohort.join_code, members, instructors)

    async def rotate_code(self, user: UserInfo, cohort_id: int) -> InstructorScreen:
        """A new join code: links with the old one stop working; members stay."""
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            cohort = await session.get(Cohort, cohort_id)
            if cohort is None or not await teaches(session, self.context, learner, cohort_id):
                return InstructorScreen(learner.language, Denied.NOT_YOURS)
            cohort.join_code = await free_join_code(session)
            return InstructorScreen(learner.language, await self._detail(session, learner, cohort_id))

    async def remove_member(self, user: UserInfo, cohort_id: int, member_id: int) -> InstructorScreen:
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            if not await teaches(session, self.context, learner, cohort_id):
                return InstructorScreen(learner.language, Denied.NOT_YOURS)
            await session.execute(
                delete(Membership).where(
                    Membership.cohort_id == cohort_id,
                    Membership.learner_id == member_id,
                    Membership.role == "member",
                )
            )
            return InstructorScreen(learner.language, await self._detail(session, learner, cohort_id))

    async def awaiting(self, user: UserInfo, what: str | None) -> str:
        """Remember which free text this user is expected to send next (e.g. a cohort name); returns the language."""
        async with self.context.sessions.begin() as session:
            learner = await self._as(session, user)
            learner.awaiting_input = what
            return learner.language


async def ensure_instructor_membership(
    session: AsyncSession, cohort_id: int, learner_id: int, now: datetime
) -> None:
    existing = await session.scalar(
        select(Membership).where(Membership.cohort_id == cohort_id, Membership.learner_id == learner_id)
    )
    if existing is None:
        session.add(Membership(cohort_id=cohort_id, learner_id=learner_id, role="instructor", joined_at=now))
    else:
        existing.role = "instructor"


async def create_cohort_in(
    session: AsyncSession, context: ServiceContext, learner: Learner, name: str
) -> CohortSummary | Denied:
    """A new cohort taught by `learner` (an instructor or admin)."""
    now = context.clock()
    cleaned = " ".join(name.split())
    if not is_instructor(context, learner):
        return Denied.NOT_INSTRUCTOR
    if not 2 <= len(cleaned) <= COHORT_NAME_MAX:
        return Denied.BAD_NAME
    cohort = Cohort(
        name=cleaned, join_code=await free_join_code(session), created_at=now, created_by=learner.id
    )
    session.add(cohort)
    await session.flush()
    await ensure_instructor_membership(session, cohort.id, learner.id, now)
    learner.awaiting_input = None
    return await _summary(session, cohort)
