"""Judging answers and turning them into FSRS ratings."""

from __future__ import annotations

from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.grading import (
    Outcome,
    expected_seconds,
    grade_choice,
    grade_order,
    rating_for,
)


def test_single_choice_is_right_or_wrong() -> None:
    assert grade_choice([2], [2]) is Outcome.CORRECT
    assert grade_choice([2], [1]) is Outcome.WRONG


def test_multiple_choice_partly_right_needs_half_the_hits_and_at_most_one_miss() -> None:
    assert grade_choice([0, 2], [0, 2]) is Outcome.CORRECT
    assert grade_choice([0, 2], [0]) is Outcome.PARTIAL
    assert grade_choice([0, 2, 3], [0, 2, 1]) is Outcome.PARTIAL
    assert grade_choice([0, 2], [0, 1]) is Outcome.WRONG  # one hit, one miss: a guess
    assert grade_choice([0, 2], [1, 3]) is Outcome.WRONG
    assert grade_choice([0, 1, 2, 3], [0]) is Outcome.WRONG  # a quarter is not half


def test_ordering_one_swap_away_is_partly_right() -> None:
    assert grade_order([0, 1, 2, 3]) is Outcome.CORRECT
    assert grade_order([0, 2, 1, 3]) is Outcome.PARTIAL
    assert grade_order([3, 2, 1, 0]) is Outcome.WRONG


@given(st.permutations(list(range(5))))
def test_ordering_is_correct_only_in_order(order: list[int]) -> None:
    assert (grade_order(order) is Outcome.CORRECT) == (order == sorted(order))


def test_rating_rule() -> None:
    expected = expected_seconds(300)
    assert expected == 25
    assert rating_for(Outcome.WRONG, 3, expected) == Rating.Again
    assert rating_for(Outcome.PARTIAL, 3, expected) == Rating.Hard
    assert rating_for(Outcome.CORRECT, 12, expected) == Rating.Easy
    assert rating_for(Outcome.CORRECT, 20, expected) == Rating.Good
    assert rating_for(Outcome.CORRECT, 51, expected) == Rating.Hard
    assert rating_for(Outcome.CORRECT, 3600, expected) == Rating.Good  # phone put away: no speed signal


@given(st.floats(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=2000))
def test_a_right_answer_never_rates_again(seconds: float, characters: int) -> None:
    assert rating_for(Outcome.CORRECT, seconds, expected_seconds(characters)) != Rating.Again
