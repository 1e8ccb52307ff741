"""FSRS wrapping and the learner's local day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fsrs import Rating, State

from bot.domain.localtime import end_of_local_day, local_date, start_of_local_day
from bot.domain.srs import CardState, make_scheduler, mastery, retrievability, review

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def test_a_new_card_learns_in_steps_then_graduates() -> None:
    scheduler = make_scheduler(fuzzing=False)
    card = review(scheduler, CardState.new(NOW), Rating.Again, NOW)
    assert card.state == State.Learning and card.due == NOW + timedelta(minutes=1)
    card = review(scheduler, card, Rating.Good, NOW + timedelta(minutes=1))
    card = review(scheduler, card, Rating.Good, NOW + timedelta(minutes=11))
    assert card.state == State.Review
    assert card.due - (NOW + timedelta(minutes=11)) >= timedelta(days=1)
    assert card.reps == 3 and card.lapses == 0


def test_forgetting_a_review_card_is_a_lapse() -> None:
    scheduler = make_scheduler(fuzzing=False)
    card = review(scheduler, CardState.new(NOW), Rating.Easy, NOW)
    assert card.state == State.Review
    card = review(scheduler, card, Rating.Again, card.due)
    assert card.state == State.Relearning and card.lapses == 1


def test_retrievability_falls_with_time_and_unseen_is_zero() -> None:
    scheduler = make_scheduler(fuzzing=False)
    card = review(scheduler, CardState.new(NOW), Rating.Good, NOW)
    card = review(scheduler, card, Rating.Good, NOW + timedelta(minutes=10))
    soon = retrievability(scheduler, card, NOW + timedelta(days=1))
    later = retrievability(scheduler, card, NOW + timedelta(days=30))
    assert 1 >= soon > later > 0
    assert retrievability(scheduler, None, NOW) == 0
    assert mastery([1.0, 0.5, 0.0]) == 0.5
    assert mastery([]) == 0


def test_local_day_in_zurich_across_dst() -> None:
    # 29 March 2026: clocks jump from 02:00 to 03:00 in Zurich; the day lasts 23 hours.
    spring = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    assert end_of_local_day(spring, "Europe/Zurich") - start_of_local_day(
        date(2026, 3, 29), "Europe/Zurich"
    ) == timedelta(hours=23)
    # 25 October 2026: back from 03:00 to 02:00; 25 hours.
    autumn = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)
    assert end_of_local_day(autumn, "Europe/Zurich") - start_of_local_day(
        date(2026, 10, 25), "Europe/Zurich"
    ) == timedelta(hours=25)


def test_local_date_depends_on_the_timezone() -> None:
    late_evening_utc = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    assert local_date(late_evening_utc, "Europe/Zurich") == date(2026, 7, 2)
    assert local_date(late_evening_utc, "America/New_York") == date(2026, 7, 1)
