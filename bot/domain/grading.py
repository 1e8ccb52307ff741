"""How an answer is judged, and how the judgement becomes an FSRS rating.

The rating rule (documented in docs/learning.md):
- wrong → Again;
- partly right (a multiple choice with at least half of the right options and at most one wrong one,
  or an ordering one swap away from correct) → Hard;
- right → Easy when answered within half the expected time, Hard when slower than twice the expected
  time, otherwise Good. The expected time grows with the text to read. An answer after more than
  ten minutes says nothing about speed (the phone was put away) and counts as Good.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import StrEnum

from fsrs import Rating

SECONDS_PER_CHARACTER = 1 / 15
BASE_SECONDS = 5.0
QUICK_FACTOR = 0.5
SLOW_FACTOR = 2.0
UNRELIABLE_AFTER_SECONDS = 600.0


class Outcome(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    WRONG = "wrong"


def grade_choice(correct: Collection[int], chosen: Collection[int]) -> Outcome:
    """Grade a single or multiple choice; only a multiple choice can be partly right."""
    right, picked = set(correct), set(chosen)
    if picked == right:
        return Outcome.CORRECT
    hits, misses = len(picked & right), len(picked - right)
    if len(right) > 1 and hits * 2 >= len(right) and misses <= 1 and hits > misses:
        return Outcome.PARTIAL
    return Outcome.WRONG


def grade_order(tapped: Sequence[int]) -> Outcome:
    """Grade an ordering given the step indexes in the order tapped (the right order is 0, 1, 2, …)."""
    inversions = sum(1 for i, a in enumerate(tapped) for b in tapped[i + 1 :] if a > b)
    if inversions == 0:
        return Outcome.CORRECT
    return Outcome.PARTIAL if inversions == 1 else Outcome.WRONG


def expected_seconds(characters: int) -> float:
    """How long a learner is expected to need to read and answer `characters` of question and options."""
    return BASE_SECONDS + characters * SECONDS_PER_CHARACTER


def rating_for(outcome: Outcome, seconds: float, expected: float) -> Rating:
    if outcome is Outcome.WRONG:
        return Rating.Again
    if outcome is Outcome.PARTIAL:
        return Rating.Hard
    if seconds > UNRELIABLE_AFTER_SECONDS:
        return Rating.Good
    if seconds <= expected * QUICK_FACTOR:
        return Rating.Easy
    if seconds > expected * SLOW_FACTOR:
        return Rating.Hard
    return Rating.Good
