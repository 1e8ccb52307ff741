"""Role-play scoring, ratings and criterion detection."""

from __future__ import annotations

from fsrs import Rating
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.roleplay import (
    best_path,
    branching_score,
    detect_criteria,
    normalise,
    rating_for_score,
    rubric_score,
)


def test_branching_score_counts_two_points_per_best_reply() -> None:
    assert branching_score(["best", "best", "best"]) == 1.0
    assert branching_score(["best", "acceptable"]) == 0.75
    assert branching_score(["poor", "best"]) == 0.5
    assert branching_score(["poor", "poor"]) == 0.0


def test_score_to_rating() -> None:
    assert rating_for_score(1.0) == Rating.Easy
    assert rating_for_score(0.8) == Rating.Good
    assert rating_for_score(0.5) == Rating.Hard
    assert rating_for_score(0.49) == Rating.Again


@given(st.lists(st.sampled_from(["best", "acceptable", "poor"]), min_size=1, max_size=5))
def test_scores_stay_between_zero_and_one(qualities: list[str]) -> None:
    assert 0.0 <= branching_score(qualities) <= 1.0


def test_rubric_score_ignores_unknown_criteria() -> None:
    assert rubric_score(["greeting", "bogus"], ["greeting", "empathy", "solution"]) == 1 / 3


def test_detection_ignores_case_accents_and_apostrophes() -> None:
    indicators = {
        "greeting": ["madame meier"],
        "empathy": ["je comprends", "inquiétude"],
        "closing": ["cordialement"],
    }
    reply = "Chère MADAME MEIER, je comprends votre INQUIETUDE. Je vérifie la facture."
    assert detect_criteria(reply, indicators) == ["greeting", "empathy"]
    assert normalise("L’équipe  Grüsse") == "l'equipe grusse"
    assert detect_criteria("Freundliche Grüße", {"closing": ["grüsse"]}) == ["closing"]


def test_best_path_follows_best_replies_to_the_end() -> None:
    best = {"t1": (1, "t2"), "t2": (0, "end"), "end": None, "t3": (0, "end")}
    assert best_path("t1", best) == [("t1", 1), ("t2", 0)]
