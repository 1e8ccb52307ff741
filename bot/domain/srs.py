"""Spaced repetition with FSRS-6 (the `fsrs` package): card state in, card state out.

The scheduler's maths is the library's; this module only converts between our stored columns and
`fsrs.Card`, so that the database can hold the state as plain columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

DESIRED_RETENTION = 0.9
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)


def make_scheduler(*, fuzzing: bool = True) -> Scheduler:
    """The scheduler used everywhere; fuzzing spreads reviews over neighbouring days."""
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=LEARNING_STEPS,
        relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=fuzzing,
    )


@dataclass(frozen=True, slots=True)
class CardState:
    """The columns of a stored card."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    @classmethod
    def new(cls, now: datetime) -> CardState:
        return cls(state=State.Learning, step=0, stability=None, difficulty=None, due=now, last_review=None)

    def to_fsrs(self) -> Card:
        return Card(
            card_id=1,
            state=State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


def review(scheduler: Scheduler, card: CardState, rating: Rating, now: datetime) -> CardState:
    """The card after one review at `now` (UTC)."""
    reviewed, _log = scheduler.review_card(card.to_fsrs(), rating, review_datetime=now)
    lapse = rating == Rating.Again and card.state == State.Review
    return replace(
        card,
        state=int(reviewed.state),
        step=reviewed.step,
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        due=reviewed.due,
        last_review=reviewed.last_review,
        reps=card.reps + 1,
        lapses=card.lapses + int(lapse),
    )


def retrievability(scheduler: Scheduler, card: CardState | None, now: datetime) -> float:
    """The predicted probability of recall at `now`; an unseen item counts as 0."""
    if card is None:
        return 0.0
    return float(scheduler.get_card_retrievability(card.to_fsrs(), now))


def mastery(retrievabilities: list[float]) -> float:
    """Mastery of a competency: the mean retrievability of its items (unseen items included as 0)."""
    return sum(retrievabilities) / len(retrievabilities) if retrievabilities else 0.0
