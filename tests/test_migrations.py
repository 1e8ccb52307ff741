"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.cli.run import prepare_database
from bot.config import Settings
from bot.db.migrate import current_revision, head_revision, is_current, upgrade
from bot.db.models import Base
from bot.db.session import make_engine
from tests.conftest import BACKENDS, POSTGRES_URL


async def test_database_is_at_head_and_matches_the_models(engine: AsyncEngine) -> None:
    assert await current_revision(engine) == head_revision()
    assert await is_current(engine)

    def diff(connection):  # type: ignore[no-untyped-def]
        return compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), Base.metadata
        )

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_run_upgrades_sqlite_by_itself(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path / 'new' / 'bot.db'}")  # type: ignore[call-arg]
    assert await prepare_database(settings) is None
    engine = make_engine(settings.database_url)
    assert await is_current(engine)
    await engine.dispose()


async def test_run_refuses_an_old_postgresql_schema() -> None:
    if "postgresql" not in BACKENDS:
        pytest.skip("PostgreSQL not among TEST_BACKENDS")
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text("DROP DATABASE IF EXISTS dc_old_schema"))
        await connection.execute(text("CREATE DATABASE dc_old_schema"))
    await admin.dispose()
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/dc_old_schema"
    problem = await prepare_database(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
    assert problem is not None and "python -m bot db upgrade" in problem
    engine = make_engine(url)
    await upgrade(engine)
    await engine.dispose()
    assert await prepare_database(Settings(_env_file=None, database_url=url)) is None  # type: ignore[call-arg]
