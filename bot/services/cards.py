"""Stored card rows: conversion to the domain's `CardState`, and applying a review."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import datetime

from fsrs import Rating, Scheduler
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Review
from bot.domain.srs import CardState, retrievability, review


def card_state(card: Card) -> CardState:
    return CardState(
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=card.reps or 0,
        lapses=card.lapses or 0,
    )


def item_retrievabilities(
    scheduler: Scheduler, cards: Mapping[str, Card], item_ids: Iterable[str], now: datetime
) -> list[float]:
    """Retrievability now of each item for a learner whose cards are `cards`; an unseen item counts as 0."""
    return [retrievability(scheduler, card_state(cards[i]), now) if i in cards else 0.0 for i in item_ids]


def card_columns(state: CardState) -> dict[str, object]:
    return asdict(state)


async def review_item(
    session: AsyncSession,
    scheduler: Scheduler,
    *,
    learner_id: int,
    item_id: str,
    rating: Rating,
    now: datetime,
    log: Review,
) -> CardState | None:
    """Apply one FSRS review to the learner's card of an item (created on first review) and keep the log.
    Returns the card's state before the review (None for a new card)."""
    card = await session.get(Card, (learner_id, item_id))
    before = card_state(card) if card is not None else None
    if card is None:
        card = Card(
            learner_id=learner_id, item_id=item_id, introduced_at=now, **card_columns(CardState.new(now))
        )
        session.add(card)
    for name, value in card_columns(review(scheduler, card_state(card), rating, now)).items():
        setattr(card, name, value)
    session.add(log)
    return before
