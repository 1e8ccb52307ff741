"""Benchmark: the sender's rate through PTB's AIORateLimiter against a local fake Bot API.

Run: PYTHONPATH=. python bench/sender_bench.py [--messages 300]
Enqueues N reminders, sends them through a real `Bot` with `AIORateLimiter` to a fake Bot API on
127.0.0.1, and reports the busiest one-second window (Telegram's limit: 30 messages/s) and how many
arrived (all of them, or the outbox still holds the rest).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time as wallclock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from telegram.ext import ExtBot

from bot.app import rate_limiter
from bot.config import Settings
from bot.content.loader import load_content
from bot.db.migrate import upgrade
from bot.db.session import make_engine
from bot.services import Services
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo
from jobs.sender import send_outbox
from tests.conftest import TEST_TOKEN
from tests.fake_telegram_server import FakeTelegramServer


async def main(count: int) -> None:
    server = FakeTelegramServer()
    stamps: list[float] = []
    original = server.api.handle

    def timed(method: str, params: dict) -> dict:  # type: ignore[type-arg]
        if method == "sendMessage":
            stamps.append(wallclock.monotonic())
        return original(method, params)

    server.api.handle = timed  # type: ignore[method-assign]
    with server.running(), tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        settings = Settings(_env_file=None, database_url=url, telegram_bot_token=TEST_TOKEN)  # type: ignore[call-arg]
        engine = make_engine(url)
        await upgrade(engine)
        now = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
        context = ServiceContext(engine, load_content().bank, settings, clock=lambda: now)
        services = Services.create(context)
        for n in range(count):
            user = UserInfo(telegram_id=100_000 + n, first_name=f"L{n}")
            await services.learners.start(user)
            await services.learners.set_reminder_time(user, time(18))
        now += timedelta(hours=1, minutes=1)
        await services.scheduling.sweep()
        bot = ExtBot(TEST_TOKEN, base_url=server.base_url, rate_limiter=rate_limiter())
        async with bot:
            began = wallclock.monotonic()
            sent = await send_outbox(bot, services)
            elapsed = wallclock.monotonic() - began
        await engine.dispose()
    busiest = max(sum(1 for t in stamps if start <= t < start + 1.0) for start in stamps) if stamps else 0
    print(f"{sent}/{count} sent in {elapsed:.1f} s; busiest one-second window: {busiest} messages (limit 30)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    asyncio.run(main(parser.parse_args().messages))
