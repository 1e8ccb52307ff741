"""`python -m bot db upgrade` and `python -m bot cohort create`."""

from __future__ import annotations

from bot.config import Settings
from bot.content.loader import ContentBank
from bot.db.migrate import upgrade
from bot.db.session import make_engine
from bot.services.context import ServiceContext
from bot.services.learners import LearnerService


async def upgrade_command(settings: Settings) -> int:
    settings.ensure_sqlite_folder()
    engine = make_engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    print("database is at the newest schema")
    return 0


async def create_cohort_command(settings: Settings, name: str) -> int:
    engine = make_engine(settings.database_url)
    try:
        code = await LearnerService(ServiceContext(engine, ContentBank(), settings)).create_cohort(name)
    finally:
        await engine.dispose()
    print(f"cohort {name!r} created; join code {code} (deep link: https://t.me/<your_bot>?start={code})")
    return 0
