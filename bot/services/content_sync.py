"""Keep the `items` table in step with the YAML content: new IDs are added, missing or retired ones retired."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.db.models import Item
from bot.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class SyncResult:
    added: int
    retired: int
    revived: int


async def sync_items(context: ServiceContext) -> SyncResult:
    """Upsert every content item by its stable ID. History hangs on IDs, so nothing is ever deleted."""
    now = context.clock()
    wanted = {item.id: item for item in context.bank.quiz.values()}
    added = retired = revived = 0
    async with context.sessions.begin() as session:
        stored = {row.id: row for row in await session.scalars(select(Item))}
        for item_id, item in wanted.items():
            row = stored.get(item_id)
            if row is None:
                session.add(
                    Item(
                        id=item_id,
                        competency_id=item.competency_id,
                        kind="quiz",
                        retired_at=now if item.retired else None,
                    )
                )
                added += 1
            elif item.retired and row.retired_at is None:
                row.retired_at = now
                retired += 1
            elif not item.retired and row.retired_at is not None:
                row.retired_at = None
                revived += 1
        for item_id, row in stored.items():
            if item_id not in wanted and row.retired_at is None:
                row.retired_at = now
                retired += 1
    return SyncResult(added=added, retired=retired, revived=revived)
