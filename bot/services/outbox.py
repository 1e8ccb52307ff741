"""The outbox: messages to send outside a conversation, claimed in batches and marked once sent.

A row is `pending` → `sending` (claimed) → `sent`, `blocked` (403: the learner is marked inactive) or,
after repeated failures, `failed`. A row stuck in `sending` (the sender crashed) is claimed again after
a while: delivery is at least once, and the window for a repeat is one message per crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select

from bot.db.models import Learner, Outbox
from bot.services.context import ServiceContext

CLAIM_BATCH = 100
STUCK_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 5
RETRY_BACKOFF = timedelta(minutes=2)


class Delivery(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    outbox_id: int
    telegram_id: int
    language: str
    kind: str
    payload: dict[str, Any]


class OutboxService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def claim(self, limit: int = CLAIM_BATCH) -> list[OutgoingMessage]:
        """Claim due rows for sending (skipping rows another instance holds)."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            rows = (
                await session.execute(
                    select(Outbox, Learner)
                    .join(Learner, Learner.id == Outbox.learner_id)
                    .where(
                        Outbox.due_at <= now,
                        or_(
                            Outbox.status == "pending",
                            (Outbox.status == "sending") & (Outbox.claimed_at < now - STUCK_AFTER),
                        ),
                    )
                    .order_by(Outbox.id)
                    .limit(limit)
                    .with_for_update(skip_locked=True, of=Outbox)
                )
            ).all()
            claimed = []
            for row, learner in rows:
                if not learner.active:
                    row.status = "blocked"
                    continue
                row.status, row.claimed_at, row.attempts = "sending", now, row.attempts + 1
                claimed.append(
                    OutgoingMessage(row.id, learner.telegram_id, learner.language, row.kind, row.payload)
                )
            return claimed

    async def mark(self, outbox_id: int, delivery: Delivery, error: str | None = None) -> None:
        """Record how a send went; a 403 makes the learner inactive until they write again."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            row = await session.get(Outbox, outbox_id)
            if row is None:
                return
            row.error = error[:200] if error else None
            if delivery is Delivery.SENT:
                row.status, row.sent_at = "sent", now
            elif delivery is Delivery.BLOCKED:
                row.status = "blocked"
                learner = await session.get(Learner, row.learner_id)
                if learner is not None:
                    learner.active, learner.blocked_at = False, now
            elif row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
            else:
                row.status, row.due_at = "pending", now + RETRY_BACKOFF * row.attempts
