"""What every service needs: the database, the content, the settings and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fsrs import Scheduler
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.content.loader import ContentBank
from bot.db.session import make_sessionmaker
from bot.domain.srs import make_scheduler


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    engine: AsyncEngine
    bank: ContentBank
    settings: Settings
    clock: Callable[[], datetime] = utc_now
    sessions: async_sessionmaker[AsyncSession] = field(init=False)
    scheduler: Scheduler = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = make_sessionmaker(self.engine)
        self.scheduler = make_scheduler(fuzzing=self.settings.srs_fuzzing)
