"""XP amounts, every badge criterion, and the weekly boards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.content.schema import BADGE_METRICS
from bot.domain.badges import (
    METRICS,
    Criterion,
    LearnerStats,
    comebacks,
    is_met,
    newly_earned,
    perfect_weeks,
    progress,
)
from bot.domain.grading import Outcome
from bot.domain.leagues import cohort_scores, gap_to_next, rank, week_bounds, week_start
from bot.domain.xp import XP_DUE_BONUS, XP_RIGHT, XP_TRIED, goal_progress, quiz_xp, roleplay_xp, unfarmable


def test_right_answers_earn_more_trying_still_earns_due_reviews_a_bonus() -> None:
    assert sum(a.amount for a in quiz_xp(Outcome.CORRECT, due_review=False)) == XP_RIGHT
    assert sum(a.amount for a in quiz_xp(Outcome.CORRECT, due_review=True)) == XP_RIGHT + XP_DUE_BONUS
    assert sum(a.amount for a in quiz_xp(Outcome.WRONG, due_review=True)) == XP_TRIED
    assert 0 < sum(a.amount for a in quiz_xp(Outcome.PARTIAL, due_review=False)) < XP_RIGHT
    assert roleplay_xp(1.0)[0].amount > roleplay_xp(0.5)[0].amount > 0
    assert roleplay_xp(0.0)[0].amount > 0
    assert goal_progress(35, 50) == 0.7 and goal_progress(80, 50) == 1.0


FULL = LearnerStats(
    sessions_completed=12,
    longest_streak=31,
    xp_total=1200,
    answers=520,
    domain_mastery={"3": 0.93, "4": 0.5},
    competencies_practised=40,
    roleplays_full_score=10,
    perfect_weeks=1,
    comebacks=1,
    second_language_right=11,
    languages_used=2,
    early_answers=1,
    late_answers=1,
    weekly_top3=1,
)


CASES = [
    (Criterion("sessions_completed", 10), True),
    (Criterion("streak_days", 30), True),
    (Criterion("streak_days", 100), False),
    (Criterion("xp_total", 1000), True),
    (Criterion("xp_total", 5000), False),
    (Criterion("answers", 500), True),
    (Criterion("domain_mastery", 0.9, "3"), True),
    (Criterion("domain_mastery", 0.9, "4"), False),
    (Criterion("domain_mastery", 0.9, "7"), False),
    (Criterion("competencies_practised", 40), True),
    (Criterion("roleplays_full_score", 10), True),
    (Criterion("perfect_weeks", 1), True),
    (Criterion("comebacks", 1), True),
    (Criterion("second_language_right", 10), True),
    (Criterion("languages_used", 2), True),
    (Criterion("early_answers", 1), True),
    (Criterion("late_answers", 1), True),
    (Criterion("weekly_top3", 1), True),
]


@pytest.mark.parametrize(("criterion", "met"), CASES)
def test_every_criterion(criterion: Criterion, met: bool) -> None:
    assert is_met(criterion, FULL) is met
    assert is_met(criterion, LearnerStats()) is False


def test_every_metric_of_the_schema_has_a_measure_and_a_case_above() -> None:
    assert set(METRICS) == set(BADGE_METRICS) == {criterion.metric for criterion, _met in CASES}


def test_progress_is_capped_and_earned_once() -> None:
    assert progress(Criterion("roleplays_full_score", 20), LearnerStats(roleplays_full_score=12)) == (12, 20)
    assert progress(Criterion("answers", 5), LearnerStats(answers=9)) == (5, 5)
    criteria = {"a": Criterion("answers", 5), "b": Criterion("xp_total", 10)}
    assert newly_earned(criteria, LearnerStats(answers=9, xp_total=3), already=[]) == ["a"]
    assert newly_earned(criteria, LearnerStats(answers=9, xp_total=30), already=["a"]) == ["b"]


def test_perfect_weeks_need_monday_to_sunday() -> None:
    monday = date(2026, 3, 2)
    assert perfect_weeks(monday + timedelta(days=i) for i in range(7)) == 1
    assert perfect_weeks(monday + timedelta(days=i) for i in range(1, 8)) == 0  # Tuesday to Monday


def test_a_comeback_follows_a_week_away() -> None:
    day = date(2026, 3, 2)
    assert comebacks([day, day + timedelta(days=8)]) == 1
    assert comebacks([day, day + timedelta(days=7)]) == 0  # six days away


def test_ranking_with_ties() -> None:
    standings = rank({"ana": 50, "ben": 80, "cleo": 50, "dan": 10})
    assert [(s.key, s.rank) for s in standings] == [("ben", 1), ("ana", 2), ("cleo", 2), ("dan", 4)]
    assert gap_to_next(standings, "dan") == 40
    assert gap_to_next(standings, "ana") == 30
    assert gap_to_next(standings, "ben") is None


def test_a_small_active_class_can_beat_a_large_one() -> None:
    scores = cohort_scores(
        {"small": [120, 100, 0], "large": [200, 150, 20, 10, 0, 0, 0, 5] + [0] * 22, "idle": [0, 0]}
    )
    assert scores["small"] == 110 and scores["large"] == pytest.approx(77)
    assert [s.key for s in rank(scores)] == ["small", "large", "idle"]


def test_the_league_week_turns_on_monday_midnight_in_zurich() -> None:
    sunday_late = datetime(2026, 3, 8, 22, 59, tzinfo=UTC)  # 23:59 Sunday in Zurich
    monday_early = datetime(2026, 3, 8, 23, 0, tzinfo=UTC)  # 00:00 Monday in Zurich
    assert week_start(sunday_late) == date(2026, 3, 2)
    assert week_start(monday_early) == date(2026, 3, 9)
    start, end = week_bounds(date(2026, 3, 23))  # the week of the spring DST change: 167 hours
    assert end - start == timedelta(hours=167)


def test_an_item_answered_again_the_same_day_earns_nothing() -> None:
    awards = quiz_xp(Outcome.CORRECT, due_review=True)
    assert unfarmable(awards, already_counted_today=False) == awards
    assert unfarmable(awards, already_counted_today=True) == []
