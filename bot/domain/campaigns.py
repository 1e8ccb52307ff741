"""Campaign rules: points, who may still play, when the reminder goes, which questions are drawn."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

MAX_POINTS = 1000
ANSWER_TIME_LIMIT_SECONDS = 60.0
QUESTION_COUNTS = (5, 10, 15, 20)
DEADLINE_DAYS = (1, 3, 7)
REMINDER_HOURS = (0, 2, 24)


def points(
    correct: bool, seconds: float, *, speed_bonus: bool, limit: float = ANSWER_TIME_LIMIT_SECONDS
) -> int:
    """Kahoot's formula: round(1000 × (1 − (t / limit) / 2)) for a right answer within the limit (a later
    right answer still earns the 500 floor); without the speed bonus a right answer is worth 1000."""
    if not correct:
        return 0
    if not speed_bonus:
        return MAX_POINTS
    share = min(max(seconds, 0.0), limit) / limit
    return round(MAX_POINTS * (1 - share / 2))


def is_open(now: datetime, starts_at: datetime | None, deadline: datetime | None) -> bool:
    return starts_at is not None and deadline is not None and starts_at <= now < deadline


def reminder_moment(deadline: datetime, hours_before: int, starts_at: datetime) -> datetime | None:
    """When to remind the members who have not finished; None if off or it would come before the start."""
    if not hours_before:
        return None
    moment = deadline - timedelta(hours=hours_before)
    return moment if moment > starts_at else None


def draw_questions(eligible: Sequence[str], count: int, seed: int) -> list[str]:
    """A reproducible random draw of `count` questions (all of them if fewer)."""
    pool = sorted(eligible)
    random.Random(seed).shuffle(pool)
    return pool[:count]
