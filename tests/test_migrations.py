"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.migrate import current_revision, head_revision, is_current
from bot.db.models import Base


async def test_database_is_at_head_and_matches_the_models(engine: AsyncEngine) -> None:
    assert await current_revision(engine) == head_revision()
    assert await is_current(engine)

    def diff(connection):  # type: ignore[no-untyped-def]
        return compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []
