"""Database-driven scheduling: reminders, streak nudges and the weekly close become outbox rows.

A sweep claims what is due (`next_reminder_at <= now`, `next_nudge_at <= now`, an unclosed week),
enqueues at most one message for each, and moves the due moment forward — all in one transaction.
On PostgreSQL the due learners are claimed with `FOR UPDATE SKIP LOCKED`, so two instances sweeping at
once share the work; the outbox's unique `dedupe_key` makes a duplicate impossible anyway.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Item, Learner, Outbox
from bot.domain.leagues import week_start
from bot.domain.localtime import end_of_local_day, local_date
from bot.domain.reminders import days_from_mask, evening_nudge, latest_due, worth_sending
from bot.domain.streaks import at_stake
from bot.services.campaigns import CampaignService
from bot.services.context import ServiceContext
from bot.services.gamification import read_streak, xp_on
from bot.services.learners import quiet_hours, schedule_learner
from bot.services.weekly import WeeklyService

SWEEP_BATCH = 500
NUDGE_MIN_STREAK = 3


@dataclass(frozen=True, slots=True)
class SweepResult:
    reminders: int = 0
    nudges: int = 0
    weekly: int = 0
    campaigns: int = 0


async def enqueue(
    session: AsyncSession,
    *,
    learner_id: int,
    kind: str,
    dedupe_key: str,
    payload: dict[str, Any],
    now: datetime,
) -> bool:
    """Add an outbox row unless one with the same key exists; True if added."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(Outbox)
        .values(
            learner_id=learner_id,
            kind=kind,
            dedupe_key=dedupe_key,
            payload=payload,
            status="pending",
            attempts=0,
            due_at=now,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(statement)
    return bool(result.rowcount)


async def due_count(session: AsyncSession, learner: Learner, now: datetime) -> int:
    """Cards due by the end of the learner's day."""
    until = end_of_local_day(now, learner.timezone)
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Card)
            .join(Item, Item.id == Card.item_id)
            .where(Card.learner_id == learner.id, Card.due < until, Item.retired_at.is_(None))
        )
        or 0
    )


class SchedulingService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def sweep(self) -> SweepResult:
        """Enqueue everything due now; safe to run as often as wanted, on as many instances as wanted."""
        now = self.context.clock()
        reminders = await self._reminders(now)
        nudges = await self._nudges(now)
        weekly = await self._weekly_close(now)
        campaigns = await self._campaigns(now)
        return SweepResult(reminders, nudges, weekly, campaigns)

    async def _campaigns(self, now: datetime) -> int:
        """Start, deliver (late joiners too), remind and close campaigns — one outbox row per recipient."""
        async with self.context.sessions.begin() as session:
            rows = await CampaignService(self.context).deliver_due(session, now)
            sent = 0
            for learner_id, kind, key, payload in rows:
                sent += await enqueue(
                    session, learner_id=learner_id, kind=kind, dedupe_key=key, payload=payload, now=now
                )
            return sent

    def _due(self, column, now: datetime):  # type: ignore[no-untyped-def]
        return (
            select(Learner)
            .where(Learner.active.is_(True), column.is_not(None), column <= now)
            .order_by(column)
            .limit(SWEEP_BATCH)
            .with_for_update(skip_locked=True)
        )

    async def _reminders(self, now: datetime) -> int:
        quiet = quiet_hours(self.context)
        sent = 0
        async with self.context.sessions.begin() as session:
            for learner in (await session.scalars(self._due(Learner.next_reminder_at, now))).all():
                due_at = self._latest_reminder(learner, now)
                today = local_date(now, learner.timezone)
                paused = learner.reminders_paused_until is not None and learner.reminders_paused_until > today
                goal_reached = await xp_on(session, learner.id, today) >= learner.daily_goal
                if (
                    not paused
                    and not goal_reached
                    and worth_sending(due_at, now, timezone=learner.timezone, quiet=quiet)
                ):
                    streak = at_stake(await read_streak(session, learner.id), today)
                    payload = {"due": await due_count(session, learner, now), "streak": streak}
                    key = f"reminder:{learner.id}:{due_at.isoformat()}"
                    sent += await enqueue(
                        session,
                        learner_id=learner.id,
                        kind="reminder",
                        dedupe_key=key,
                        payload=payload,
                        now=now,
                    )
                schedule_learner(self.context, learner, now)
        return sent

    def _latest_reminder(self, learner: Learner, now: datetime) -> datetime | None:
        """The last scheduled moment before now: after downtime, only this one may still be sent."""
        if learner.reminder_time is None:
            return None
        return latest_due(
            now,
            moment=learner.reminder_time,
            days=days_from_mask(learner.reminder_days),
            timezone=learner.timezone,
            quiet=quiet_hours(self.context),
            paused_until=learner.reminders_paused_until,
        )

    async def _nudges(self, now: datetime) -> int:
        quiet = quiet_hours(self.context)
        sent = 0
        async with self.context.sessions.begin() as session:
            for learner in (await session.scalars(self._due(Learner.next_nudge_at, now))).all():
                due_at = learner.next_nudge_at
                assert due_at is not None
                today = local_date(now, learner.timezone)
                streak = at_stake(await read_streak(session, learner.id), today)
                behind = await xp_on(session, learner.id, today) < learner.daily_goal
                if (
                    streak >= NUDGE_MIN_STREAK
                    and behind
                    and worth_sending(due_at, now, timezone=learner.timezone, quiet=quiet)
                ):
                    key = f"nudge:{learner.id}:{today.isoformat()}"
                    sent += await enqueue(
                        session,
                        learner_id=learner.id,
                        kind="nudge",
                        dedupe_key=key,
                        payload={
                            "streak": streak,
                            "xp": await xp_on(session, learner.id, today),
                            "goal": learner.daily_goal,
                        },
                        now=now,
                    )
                learner.next_nudge_at = evening_nudge(now, timezone=learner.timezone, quiet=quiet)
        return sent

    async def _weekly_close(self, now: datetime) -> int:
        """Close last week (Monday 00:00 Zurich has passed) unless done, and enqueue the summaries —
        in one transaction, so a crash leaves either both or neither."""
        monday = week_start(now) - timedelta(days=7)
        try:
            async with self.context.sessions.begin() as session:
                result = await WeeklyService(self.context).close_in(session, monday)
                if result is None:
                    return 0
                ids = dict(
                    (
                        await session.execute(
                            select(Learner.telegram_id, Learner.id).where(
                                Learner.telegram_id.in_([s.telegram_id for s in result.summaries])
                            )
                        )
                    ).all()
                )
                sent = 0
                for summary in result.summaries:
                    key = f"weekly:{monday.isoformat()}:{ids[summary.telegram_id]}"
                    sent += await enqueue(
                        session,
                        learner_id=ids[summary.telegram_id],
                        kind="weekly",
                        dedupe_key=key,
                        payload=_jsonable(asdict(summary)),
                        now=now,
                    )
                return sent
        except IntegrityError:
            return 0  # another instance closed the week at the same moment


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value
