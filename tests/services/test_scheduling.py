"""Reminders, nudges and the weekly close through the sweep, with an injected clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.db.models import Learner, Outbox, Streak, XpEvent
from bot.db.session import make_engine
from bot.services import Services
from bot.services.content_sync import sync_items
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo
from tests.conftest import FakeClock

LEA = UserInfo(telegram_id=111, first_name="Lea", language_code="de")
MONDAY_1600_UTC = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # 17:00 in Zurich


async def _outbox(services: Services, kind: str | None = None) -> list[Outbox]:
    async with services.context.sessions() as session:
        query = select(Outbox).order_by(Outbox.id)
        if kind:
            query = query.where(Outbox.kind == kind)
        return list((await session.scalars(query)).all())


async def _learner_with_reminder(services: Services, clock: FakeClock, user: UserInfo = LEA) -> None:
    await services.learners.start(user)
    await services.learners.set_reminder_time(user, time(18, 0))


async def test_a_reminder_is_enqueued_once_at_its_time(services: Services, clock: FakeClock) -> None:
    clock.now = MONDAY_1600_UTC
    await _learner_with_reminder(services, clock)
    await services.scheduling.sweep()
    assert await _outbox(services, "reminder") == []  # 17:00: not yet
    clock.now += timedelta(hours=1, seconds=10)  # 18:00:10
    await services.scheduling.sweep()
    await services.scheduling.sweep()
    reminders = await _outbox(services, "reminder")
    assert len(reminders) == 1 and reminders[0].payload == {"due": 0, "streak": 0}
    clock.now += timedelta(days=1)
    await services.scheduling.sweep()
    assert len(await _outbox(services, "reminder")) == 2  # the next day's


async def test_no_reminder_when_the_goal_is_reached(services: Services, clock: FakeClock) -> None:
    clock.now = MONDAY_1600_UTC
    await _learner_with_reminder(services, clock)
    async with services.context.sessions.begin() as session:
        learner = await session.scalar(select(Learner))
        assert learner is not None
        session.add(
            XpEvent(
                learner_id=learner.id,
                day=date(2026, 3, 2),
                item_id=None,
                reason="answer",
                amount=25,
                local_hour=12,
                created_at=clock.now,
            )
        )
    clock.now += timedelta(hours=1, minutes=1)
    await services.scheduling.sweep()
    assert await _outbox(services, "reminder") == []
    async with services.context.sessions() as session:
        learner = await session.scalar(select(Learner))
        assert learner is not None and learner.next_reminder_at == datetime(2026, 3, 3, 17, tzinfo=UTC)


async def test_after_downtime_one_catch_up_not_a_burst(services: Services, clock: FakeClock) -> None:
    clock.now = MONDAY_1600_UTC
    await _learner_with_reminder(services, clock)
    clock.now += timedelta(days=3, hours=2, minutes=30)  # down for three days; back on Thursday 19:30
    await services.scheduling.sweep()
    await services.scheduling.sweep()
    reminders = await _outbox(services, "reminder")
    assert len(reminders) == 1
    assert reminders[0].dedupe_key.endswith(datetime(2026, 3, 5, 17, tzinfo=UTC).isoformat())  # Thursday's


async def test_quiet_hours_and_pause(services: Services, clock: FakeClock) -> None:
    clock.now = MONDAY_1600_UTC
    await _learner_with_reminder(services, clock)
    clock.now = datetime(2026, 3, 2, 21, 30, tzinfo=UTC)  # 22:30: the 18:00 one was missed, now it is night
    await services.scheduling.sweep()
    assert await _outbox(services, "reminder") == []
    await services.learners.pause_reminders(LEA, 7)
    clock.now = datetime(2026, 3, 5, 17, 1, tzinfo=UTC)
    await services.scheduling.sweep()
    assert await _outbox(services, "reminder") == []
    await services.learners.pause_reminders(LEA, None)  # resume
    clock.now = datetime(2026, 3, 6, 17, 1, tzinfo=UTC)
    await services.scheduling.sweep()
    assert len(await _outbox(services, "reminder")) == 1


async def test_streak_nudge_in_the_evening_only_when_a_streak_is_at_stake(
    services: Services, clock: FakeClock
) -> None:
    clock.now = MONDAY_1600_UTC
    await services.learners.start(LEA)
    clock.now = datetime(2026, 3, 2, 19, 1, tzinfo=UTC)  # 20:01 local
    await services.scheduling.sweep()
    assert await _outbox(services, "nudge") == []  # no streak yet
    async with services.context.sessions.begin() as session:
        learner = await session.scalar(select(Learner))
        assert learner is not None
        await session.merge(
            Streak(learner_id=learner.id, current=5, longest=5, freezes=0, last_day=date(2026, 3, 2))
        )
    clock.now = datetime(2026, 3, 3, 19, 1, tzinfo=UTC)
    await services.scheduling.sweep()
    nudges = await _outbox(services, "nudge")
    assert len(nudges) == 1 and nudges[0].payload["streak"] == 5
    await services.learners.set_streak_nudges(LEA, False)
    clock.now = datetime(2026, 3, 4, 19, 1, tzinfo=UTC)
    await services.scheduling.sweep()
    assert len(await _outbox(services, "nudge")) == 1


async def test_the_weekly_close_runs_once_after_monday_midnight(services: Services, clock: FakeClock) -> None:
    code = await services.learners.create_cohort("KD")
    await services.learners.start(LEA, join_code=code)
    clock.now = datetime(2026, 3, 8, 22, 59, tzinfo=UTC)  # Sunday 23:59
    await services.scheduling.sweep()
    before = [row for row in await _outbox(services, "weekly") if "2026-03-02" in row.dedupe_key]
    assert before == []
    clock.now = datetime(2026, 3, 8, 23, 0, 30, tzinfo=UTC)  # Monday 00:00:30
    await services.scheduling.sweep()
    await services.scheduling.sweep()
    weekly = [row for row in await _outbox(services, "weekly") if "2026-03-02" in row.dedupe_key]
    assert len(weekly) == 1 and weekly[0].payload["telegram_id"] == 111


async def test_two_sweeps_at_once_send_every_reminder_exactly_once(
    services: Services, clock: FakeClock, database_url: str
) -> None:
    clock.now = MONDAY_1600_UTC
    users = [UserInfo(telegram_id=1000 + n, first_name=f"L{n}") for n in range(40)]
    for user in users:
        await _learner_with_reminder(services, clock, user)
    clock.now += timedelta(hours=1, minutes=1)
    other = Services.create(
        ServiceContext(
            make_engine(database_url), services.context.bank, services.context.settings, clock=clock
        )
    )
    await sync_items(other.context)
    await asyncio.gather(services.scheduling.sweep(), other.scheduling.sweep(), services.scheduling.sweep())
    await other.context.engine.dispose()
    reminders = await _outbox(services, "reminder")
    assert len(reminders) == 40
    assert len({row.learner_id for row in reminders}) == 40


@pytest.mark.parametrize("hour", [0, 23])
async def test_days_are_counted_in_the_learners_timezone(
    services: Services, clock: FakeClock, hour: int
) -> None:
    await services.learners.start(LEA)
    await services.learners.set_timezone(LEA, "America/New_York")
    await services.learners.set_reminder_time(LEA, time(hour, 30) if hour else time(7, 30))
    async with services.context.sessions() as session:
        learner = await session.scalar(select(Learner))
        assert learner is not None and learner.next_reminder_at is not None
        local = learner.next_reminder_at.astimezone(ZoneInfo("America/New_York"))
        assert local.time() in (time(7, 30), time(7, 0))  # 23:30 is in quiet hours: moved to 07:00


async def test_a_0230_reminder_on_the_spring_forward_night_is_enqueued_once(
    services: Services, clock: FakeClock
) -> None:
    settings = services.context.settings
    settings.quiet_hours_start = settings.quiet_hours_end = time(0)  # quiet hours off for a night owl
    clock.now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    await services.learners.start(LEA)
    await services.learners.set_reminder_time(LEA, time(2, 30))
    clock.now = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # midnight in Zurich; the clocks jump at 02:00
    for _ in range(6 * 6):  # sweep every 10 minutes until 06:00 local
        clock.now += timedelta(minutes=10)
        await services.scheduling.sweep()
    reminders = await _outbox(services, "reminder")
    assert len(reminders) == 1
    assert reminders[0].dedupe_key.endswith(
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC).isoformat()
    )  # 03:30 CEST
