"""Use-cases. Each public method runs in one session and one transaction and returns plain data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.context import ServiceContext
from bot.services.learners import LearnerService
from bot.services.practice import PracticeService
from bot.services.progress import ProgressService


@dataclass
class Services:
    context: ServiceContext
    learners: LearnerService
    practice: PracticeService
    progress: ProgressService

    @classmethod
    def create(cls, context: ServiceContext) -> Services:
        return cls(
            context=context,
            learners=LearnerService(context),
            practice=PracticeService(context),
            progress=ProgressService(context),
        )
