"""Applying a button press once: one transaction as the learner, stale if another write got there first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from bot.db.models import Learner
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo, ensure_learner

T = TypeVar("T")


async def press_once(
    context: ServiceContext,
    user: UserInfo,
    apply: Callable[[AsyncSession, Learner, datetime], Awaitable[T]],
    stale: T,
) -> tuple[str, T]:
    """(learner's language, result). The rows a press changes carry a version counter: if a double tap
    or a second instance changed them first, the commit fails, everything rolls back, and `stale` is
    returned instead."""
    now = context.clock()
    language = context.settings.default_language
    try:
        async with context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, context, user, now)
            language = learner.language
            return language, await apply(session, learner, now)
    except StaleDataError:
        return language, stale
