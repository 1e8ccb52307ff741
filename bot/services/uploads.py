"""Importing an instructor's question file: checked whole, then added or updated by the instructor's IDs."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.models import CustomItem, Item
from bot.domain.uploads import UploadError, parse_upload
from bot.services.context import ServiceContext
from bot.services.instructors import Denied, is_instructor
from bot.services.items import custom_item_id
from bot.services.learners import UserInfo, ensure_learner


@dataclass(frozen=True, slots=True)
class Imported:
    added: int
    updated: int


@dataclass(frozen=True, slots=True)
class UploadScreen:
    language: str
    content: Imported | list[UploadError] | Denied


class UploadService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def may_upload(self, user: UserInfo) -> UploadScreen | None:
        """None if this user may upload questions; otherwise the refusal (checked before downloading)."""
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, self.context.clock())
            return (
                None
                if is_instructor(self.context, learner)
                else UploadScreen(learner.language, Denied.NOT_INSTRUCTOR)
            )

    async def import_file(self, user: UserInfo, filename: str, data: bytes) -> UploadScreen:
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            if not is_instructor(self.context, learner):
                return UploadScreen(learner.language, Denied.NOT_INSTRUCTOR)
            result = parse_upload(filename, data)
            if result.errors:
                return UploadScreen(learner.language, result.errors)
            added = updated = 0
            for item in result.items:
                item_id = custom_item_id(learner.id, item.own_id)
                payload = {
                    "question": item.question,
                    "options": item.options,
                    "correct": item.correct,
                    "answer": item.answer,
                    "explanation": item.explanation,
                }
                row = await session.get(CustomItem, item_id)
                if row is None:
                    if await session.get(Item, item_id) is None:
                        session.add(Item(id=item_id, competency_id=item.competency_id, kind="custom"))
                        await session.flush()
                    session.add(
                        CustomItem(
                            id=item_id,
                            owner_id=learner.id,
                            own_id=item.own_id,
                            competency_id=item.competency_id,
                            language=item.language,
                            type=item.type,
                            difficulty=item.difficulty,
                            data=payload,
                            updated_at=now,
                        )
                    )
                    added += 1
                else:
                    row.competency_id, row.language, row.type = item.competency_id, item.language, item.type
                    row.difficulty, row.data, row.updated_at = item.difficulty, payload, now
                    updated += 1
                stored = await session.get(Item, item_id)
                if stored is not None:
                    stored.competency_id = item.competency_id
            return UploadScreen(learner.language, Imported(added, updated))
