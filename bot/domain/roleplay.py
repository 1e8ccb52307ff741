"""Role-play rules: scoring a path or a rubric, the score's FSRS rating, detecting rubric criteria.

Rating rule (docs/learning.md): a perfect score → Easy; ≥ 75 % → Good; ≥ 50 % → Hard; below → Again.
Branching: best = 2 points, acceptable = 1, poor = 0, over 2 points per decision taken.
Free reply: the criteria the learner confirmed (after correcting what was detected) over all criteria.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from fsrs import Rating

QUALITY_POINTS = {"best": 2, "acceptable": 1, "poor": 0}
GOOD_FROM = 0.75
HARD_FROM = 0.5


def branching_score(qualities: Sequence[str]) -> float:
    """The share of the best possible points for the replies chosen."""
    if not qualities:
        return 0.0
    return sum(QUALITY_POINTS[quality] for quality in qualities) / (2 * len(qualities))


def rubric_score(confirmed: Iterable[str], criteria: Sequence[str]) -> float:
    met = set(confirmed) & set(criteria)
    return len(met) / len(criteria) if criteria else 0.0


def rating_for_score(score: float) -> Rating:
    if score >= 1.0:
        return Rating.Easy
    if score >= GOOD_FROM:
        return Rating.Good
    if score >= HARD_FROM:
        return Rating.Hard
    return Rating.Again


def normalise(text: str) -> str:
    """Case-, accent-, apostrophe- and spacing-insensitive form of a text, for matching phrases."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.replace("’", "'").replace("ß", "ss")
    return re.sub(r"\s+", " ", stripped).strip()


def detect_criteria(reply: str, indicators: Mapping[str, Sequence[str]]) -> list[str]:
    """The criteria (in the given order) whose indicator phrases occur in the reply."""
    text = normalise(reply)
    return [
        criterion for criterion, phrases in indicators.items() if any(normalise(p) in text for p in phrases)
    ]


def best_path(start: str, best_next: Mapping[str, tuple[int, str] | None]) -> list[tuple[str, int]]:
    """(turn, reply index) along the best replies from `start`; `best_next[turn]` is None at an ending."""
    path: list[tuple[str, int]] = []
    turn: str | None = start
    while turn is not None and best_next.get(turn) is not None:
        index, following = best_next[turn]  # type: ignore[misc]
        path.append((turn, index))
        turn = following
    return path
