"""Shared fixtures: a migrated database on SQLite and PostgreSQL, an injected clock, the bot harness."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.content.loader import ContentBank, Minimums, load_content
from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.session import make_engine
from bot.services import Services
from bot.services.content_sync import sync_items
from bot.services.context import ServiceContext
from tests.harness import BotHarness

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
FIXTURE_MINIMUMS = Minimums(quiz_items=1, quiz_types=1, roleplays=0)
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
BACKENDS = os.environ.get("TEST_BACKENDS", "sqlite,postgresql").split(",")
TEST_TOKEN = "123456789:" + "A" * 35


@dataclass
class FakeClock:
    """The injected clock: time moves only when a test moves it."""

    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 8, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


async def _reset_postgres(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await upgrade(engine)
    await engine.dispose()


async def _migrate(url: str) -> None:
    engine = make_engine(url)
    await upgrade(engine)
    await engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated to head once per test session and backend."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        asyncio.run(_migrate(url))
    else:
        url = POSTGRES_URL
        asyncio.run(_reset_postgres(url))
    yield url


async def _empty_tables(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                await connection.execute(table.delete())


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    await _empty_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def bank() -> ContentBank:
    result = load_content(FIXTURE_CONTENT, minimums=FIXTURE_MINIMUMS)
    assert result.errors == []
    return result.bank


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=TEST_TOKEN,
        database_url=database_url,
        srs_fuzzing=False,
        session_size=10,
        daily_new_items=10,
        roleplay_every=0,
    )


@pytest.fixture
async def services(engine: AsyncEngine, bank: ContentBank, settings: Settings, clock: FakeClock) -> Services:
    """The services over the fixture content, its items synced into the database."""
    context = ServiceContext(engine, bank, settings, clock=clock)
    await sync_items(context)
    return Services.create(context)


@pytest.fixture
async def bot(services: Services, settings: Settings, clock: FakeClock) -> AsyncIterator[BotHarness]:
    """The real Application with a recording Bot API; fails the test on any call Telegram would reject."""
    async with BotHarness.running(settings, services, clock) as harness:
        yield harness
    assert harness.api.problems == [], harness.api.problems
