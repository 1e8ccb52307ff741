"""Campaign rules: Kahoot points with and without the speed bonus, windows, reminders, draws."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.campaigns import draw_questions, is_open, points, reminder_moment

START = datetime(2026, 3, 2, 8, tzinfo=UTC)


def test_kahoot_points() -> None:
    assert points(True, 0, speed_bonus=True) == 1000
    assert points(True, 30, speed_bonus=True) == 750
    assert points(True, 60, speed_bonus=True) == 500
    assert points(True, 600, speed_bonus=True) == 500
    assert points(True, 45, speed_bonus=False) == 1000
    assert points(False, 1, speed_bonus=True) == 0


@given(st.floats(min_value=0, max_value=10_000), st.floats(min_value=0, max_value=10_000))
def test_faster_never_earns_less(a: float, b: float) -> None:
    fast, slow = sorted((a, b))
    assert points(True, fast, speed_bonus=True) >= points(True, slow, speed_bonus=True) >= 500


def test_open_window_and_reminder() -> None:
    deadline = START + timedelta(days=3)
    assert not is_open(START - timedelta(seconds=1), START, deadline)
    assert is_open(START, START, deadline) and not is_open(deadline, START, deadline)
    assert reminder_moment(deadline, 24, START) == deadline - timedelta(hours=24)
    assert reminder_moment(deadline, 0, START) is None
    assert reminder_moment(START + timedelta(hours=1), 2, START) is None


def test_draws_are_reproducible_and_bounded() -> None:
    items = [f"c1.1.q0{i}" for i in range(1, 9)]
    assert draw_questions(items, 5, seed=7) == draw_questions(list(reversed(items)), 5, seed=7)
    assert len(draw_questions(items, 5, seed=7)) == 5 and len(set(draw_questions(items, 20, seed=1))) == 8
