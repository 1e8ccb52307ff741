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
    wanted: dict[str, tuple[str, str, bool]] = {
        item.id: ("quiz", item.competency_id, item.retired) for item in context.bank.quiz.values()
    }
    wanted.update({s.id: ("roleplay", s.competency_id, s.retired) for s in context.bank.roleplays.values()})
    added = retired = revived = 0
    async with context.sessions.begin() as session:
        stored = {row.id: row for row in await session.scalars(select(Item))}
        for item_id, (kind, competency_id, is_retired) in wanted.items():
            row = stored.get(item_id)
            if row is None:
                session.add(
                    Item(
                        id=item_id,
                        competency_id=competency_id,
                        kind=kind,
                        retired_at=now if is_retired else None,
                    )
                )
                added += 1
            elif is_retired and row.retired_at is None:
                row.retired_at = now
                retired += 1
            elif not is_retired and row.retired_at is not None:
                row.retired_at = None
                revived += 1
        for item_id, row in stored.items():
            if item_id not in wanted and row.retired_at is None:
                row.retired_at = now
                retired += 1
    return SyncResult(added=added, retired=retired, revived=revived)
