"""The sender: every outbox row sent once, 403 marks the learner inactive, failures are retried."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from telegram.error import Forbidden, NetworkError

from bot.db.models import Learner, Outbox
from bot.services import Services
from bot.services.learners import UserInfo
from jobs.sender import send_outbox
from tests.botapi import FakeBotAPI
from tests.conftest import FakeClock


class FakeBot:
    """Records what would be sent; raises like Telegram for chosen chats."""

    def __init__(self, blocked: set[int] = frozenset(), flaky: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.blocked, self.flaky = set(blocked), set(flaky)
        self.api = FakeBotAPI()

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        if chat_id in self.blocked:
            raise Forbidden("Forbidden: bot was blocked by the user")
        if chat_id in self.flaky:
            self.flaky.discard(chat_id)
            raise NetworkError("connection reset")
        markup = json.dumps(reply_markup.to_dict()) if reply_markup is not None else None
        self.api.handle(
            "sendMessage", {"chat_id": chat_id, "text": text, "parse_mode": "HTML", "reply_markup": markup}
        )


async def _due_reminders(services: Services, clock: FakeClock, ids: list[int]) -> None:
    clock.now = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    for telegram_id in ids:
        user = UserInfo(telegram_id=telegram_id, first_name="X", language_code="it")
        await services.learners.start(user)
        await services.learners.set_reminder_time(user, time(18))
    clock.now += timedelta(hours=1, minutes=1)
    await services.scheduling.sweep()


async def test_each_message_is_sent_once_and_a_blocked_learner_becomes_inactive(
    services: Services, clock: FakeClock
) -> None:
    await _due_reminders(services, clock, [1, 2, 3])
    bot = FakeBot(blocked={2})
    assert await send_outbox(bot, services) == 2  # type: ignore[arg-type]
    assert await send_outbox(bot, services) == 0  # type: ignore[arg-type]
    assert sorted(int(call.params["chat_id"]) for call in bot.api.sent("sendMessage")) == [1, 3]
    assert bot.api.problems == []
    assert "📚" in str(bot.api.sent("sendMessage")[0].params["text"])
    async with services.context.sessions() as session:
        statuses = {row.learner_id: row.status for row in await session.scalars(select(Outbox))}
        learner = await session.scalar(select(Learner).where(Learner.telegram_id == 2))
    assert sorted(statuses.values()) == ["blocked", "sent", "sent"]
    assert learner is not None and not learner.active and learner.next_reminder_at is not None
    clock.now += timedelta(days=1)
    await services.scheduling.sweep()
    async with services.context.sessions() as session:
        assert {
            row.learner_id for row in await session.scalars(select(Outbox).where(Outbox.status == "pending"))
        } == {row.id for row in await session.scalars(select(Learner).where(Learner.telegram_id.in_([1, 3])))}
    await services.learners.start(UserInfo(telegram_id=2, first_name="X"))  # they come back
    async with services.context.sessions() as session:
        learner = await session.scalar(select(Learner).where(Learner.telegram_id == 2))
    assert learner is not None and learner.active


async def test_a_failed_send_is_retried_later_not_lost(services: Services, clock: FakeClock) -> None:
    await _due_reminders(services, clock, [7])
    bot = FakeBot(flaky={7})
    assert await send_outbox(bot, services) == 0  # type: ignore[arg-type]
    clock.now += timedelta(minutes=5)
    assert await send_outbox(bot, services) == 1  # type: ignore[arg-type]
    async with services.context.sessions() as session:
        row = await session.scalar(select(Outbox))
    assert row is not None and row.status == "sent" and row.attempts == 2
