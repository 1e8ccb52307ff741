"""Who may review a learner's free replies: the admins, and the instructors of the learner's cohorts.

Instructors are memberships with role "instructor"; admins come from ADMIN_TELEGRAM_IDS and review for
every cohort. This is the one place that decides it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.db.models import Learner, Membership
from bot.services.context import ServiceContext


def is_admin(context: ServiceContext, learner: Learner) -> bool:
    return learner.telegram_id in context.settings.admin_telegram_ids


async def reviewers_of(session: AsyncSession, context: ServiceContext, learner: Learner) -> list[Learner]:
    """Everyone who may review this learner's work and has talked to the bot, the learner excluded."""
    mine = aliased(Membership)
    theirs = aliased(Membership)
    instructors = (
        select(theirs.learner_id)
        .join(mine, mine.cohort_id == theirs.cohort_id)
        .where(mine.learner_id == learner.id, theirs.role == "instructor")
    )
    query = select(Learner).where(
        Learner.id != learner.id,
        Learner.active.is_(True),
        (Learner.telegram_id.in_(context.settings.admin_telegram_ids)) | (Learner.id.in_(instructors)),
    )
    return list((await session.scalars(query.order_by(Learner.id))).all())


async def is_reviewer(session: AsyncSession, context: ServiceContext, learner: Learner) -> bool:
    """An admin, or an instructor of at least one cohort."""
    if is_admin(context, learner):
        return True
    membership = await session.scalar(
        select(Membership.id)
        .where(Membership.learner_id == learner.id, Membership.role == "instructor")
        .limit(1)
    )
    return membership is not None


async def reviewable_learner_ids(
    session: AsyncSession, context: ServiceContext, reviewer: Learner
) -> list[int] | None:
    """The learners this reviewer may review; None means everyone (an admin)."""
    if is_admin(context, reviewer):
        return None
    mine = aliased(Membership)
    theirs = aliased(Membership)
    rows = await session.scalars(
        select(theirs.learner_id)
        .join(mine, mine.cohort_id == theirs.cohort_id)
        .where(mine.learner_id == reviewer.id, mine.role == "instructor", theirs.learner_id != reviewer.id)
    )
    return list(rows.all())
