"""Finding a quiz item by ID: the shipped content first, then the instructors' uploaded questions."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.loader import ContentBank
from bot.content.schema import LANGUAGES, QuizItem, QuizText, QuizType
from bot.db.models import CustomItem

CUSTOM_PREFIX = "u"


def custom_item_id(owner_id: int, own_id: str) -> str:
    return f"{CUSTOM_PREFIX}{owner_id}:{own_id}"


def as_quiz_item(row: CustomItem) -> QuizItem:
    """An uploaded question as a `QuizItem`, its one language shown to everyone (already validated)."""
    text = QuizText.model_construct(
        question=row.data["question"],
        options=list(row.data.get("options", [])),
        explanation=row.data["explanation"],
    )
    return QuizItem.model_construct(
        id=row.id,
        type=QuizType(row.type),
        difficulty=row.difficulty,
        correct=list(row.data.get("correct", [])),
        answer=row.data.get("answer"),
        retired=False,
        **{language: text for language in LANGUAGES},
    )


async def load_item(session: AsyncSession, bank: ContentBank, item_id: str) -> QuizItem | None:
    if item_id in bank.quiz:
        return bank.quiz[item_id]
    if not item_id.startswith(CUSTOM_PREFIX):
        return None
    row = await session.get(CustomItem, item_id)
    return as_quiz_item(row) if row is not None else None


async def custom_items_of(session: AsyncSession, owner_id: int) -> list[CustomItem]:
    return list((await session.scalars(select(CustomItem).where(CustomItem.owner_id == owner_id))).all())
