"""Benchmark: how long planning a session and answering a question take on a filled database.

Run: python bench/practice_bench.py [--learners 200] [--database-url URL]
It builds a temporary SQLite database (or uses the URL), lets every learner answer the real content
over simulated weeks, then times `start` (planning with FSRS over all the learner's cards) and
`press` (grading, FSRS review, review log) for one more session each. Prints median and p95 in ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import Settings
from bot.content.loader import load_content
from bot.db.migrate import upgrade
from bot.db.session import make_engine
from bot.services import Services
from bot.services.content_sync import sync_items
from bot.services.context import ServiceContext
from bot.services.learners import UserInfo
from bot.services.practice import Action, FeedbackView, QuestionView


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def _session(services: Services, user: UserInfo, timings: dict[str, list[float]] | None) -> None:
    began = time.perf_counter()
    screen = await services.practice.start(user)
    if timings is not None:
        timings["start"].append(time.perf_counter() - began)
    view = screen.content
    while isinstance(view, QuestionView):
        began = time.perf_counter()
        if view.type.value == "multiple":
            await services.practice.press(user, view.session_id, view.seq, Action.TOGGLE, 0)
            result = await services.practice.press(user, view.session_id, view.seq, Action.CHECK)
        elif view.type.value == "ordering":
            for index in range(len(view.options)):
                result = await services.practice.press(user, view.session_id, view.seq, Action.TAP, index)
        else:
            result = await services.practice.press(user, view.session_id, view.seq, Action.ANSWER, 0)
        if timings is not None:
            timings["answer"].append(time.perf_counter() - began)
        feedback = result.content
        assert isinstance(feedback, FeedbackView)
        view = (await services.practice.press(user, feedback.session_id, feedback.seq, Action.NEXT)).content


async def main(learners: int, days: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database_url = url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        settings = Settings(_env_file=None, database_url=database_url, srs_fuzzing=False)  # type: ignore[call-arg]
        engine = make_engine(database_url)
        await upgrade(engine)
        content = load_content()
        clock = Clock()
        context = ServiceContext(engine, content.bank, settings, clock=clock)
        await sync_items(context)
        services = Services.create(context)
        users = [
            UserInfo(telegram_id=10_000 + n, first_name=f"L{n}", language_code="fr") for n in range(learners)
        ]
        for _ in range(days):
            for user in users:
                await _session(services, user, None)
            clock.now += timedelta(days=1)
        timings: dict[str, list[float]] = {"start": [], "answer": []}
        for user in users:
            await _session(services, user, timings)
        await engine.dispose()
    print(f"{learners} learners after {days} days of practice ({database_url.split(':')[0]})")
    for name, values in timings.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(
            f"{name:>7}: median {statistics.median(values) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms   n={len(values)}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--database-url")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.learners, arguments.days, arguments.database_url))
