"""Planning a session: due first (lowest retrievability), then new up to the allowance, interleaved."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.selection import Candidate, plan_session, requeue_position, round_robin


def test_due_reviews_come_before_new_items_lowest_retrievability_first() -> None:
    due = [Candidate("a1", "1.1", 0.8), Candidate("a2", "1.1", 0.3), Candidate("b1", "1.2", 0.5)]
    new = [Candidate("n1", "2.1"), Candidate("n2", "2.1"), Candidate("n3", "2.2")]
    plan = plan_session(due=due, new=new, ahead=[], size=4, new_allowance=10)
    assert set(plan) == {"a1", "a2", "b1", "n1"}
    assert plan.index("a2") < plan.index("a1")  # lower retrievability first within a competency


def test_new_items_respect_the_daily_allowance_and_spread_over_competencies() -> None:
    new = [Candidate(f"x{i}", "1.1") for i in range(5)] + [Candidate(f"y{i}", "1.2") for i in range(5)]
    plan = plan_session(due=[], new=new, ahead=[], size=10, new_allowance=4)
    assert plan == ["x0", "y0", "x1", "y1"]


def test_room_left_is_filled_with_items_not_yet_due() -> None:
    ahead = [Candidate("z1", "3.1", 0.99), Candidate("z2", "3.1", 0.6)]
    plan = plan_session(due=[], new=[], ahead=ahead, size=10, new_allowance=0)
    assert plan == ["z2", "z1"]


def test_round_robin_alternates_competencies() -> None:
    items = ["1.1-a", "1.1-b", "1.1-c", "2.1-a", "3.1-a"]
    assert round_robin(items, key=lambda s: s[:3]) == ["1.1-a", "2.1-a", "3.1-a", "1.1-b", "1.1-c"]


@given(
    st.lists(st.tuples(st.sampled_from(["1.1", "1.2", "2.1"]), st.floats(0, 1)), max_size=30),
    st.integers(0, 30),
    st.integers(1, 20),
    st.integers(0, 20),
)
def test_plan_never_exceeds_size_nor_repeats(
    due: list[tuple[str, float]], new_count: int, size: int, allowance: int
) -> None:
    due_c = [Candidate(f"d{i}", c, r) for i, (c, r) in enumerate(due)]
    new_c = [Candidate(f"n{i}", "4.1") for i in range(new_count)]
    plan = plan_session(due=due_c, new=new_c, ahead=[], size=size, new_allowance=allowance)
    assert len(plan) == len(set(plan)) <= size
    assert sum(1 for item in plan if item.startswith("n")) <= allowance
    assert len(plan) == min(size, len(due_c) + min(new_count, allowance, max(0, size - len(due_c))))


def test_requeue_after_three_questions_or_at_the_end() -> None:
    assert requeue_position(10) == 3
    assert requeue_position(1) == 1
    assert requeue_position(0) == 0
