"""Conversion between stored card rows and the domain's `CardState`."""

from __future__ import annotations

from dataclasses import asdict

from bot.db.models import Card
from bot.domain.srs import CardState


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


def card_columns(state: CardState) -> dict[str, object]:
    return asdict(state)
