"""Use-cases. Each public method runs in one session and one transaction and returns plain data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.announcements import AnnouncementService
from bot.services.boards import BoardService
from bot.services.campaigns import CampaignService
from bot.services.context import ServiceContext
from bot.services.inbox import InboxService
from bot.services.instructors import InstructorService
from bot.services.learners import LearnerService
from bot.services.live import LiveQuizService
from bot.services.outbox import OutboxService
from bot.services.practice import PracticeService
from bot.services.progress import ProgressService
from bot.services.reports import ReportService
from bot.services.reviews import ReviewService
from bot.services.roleplay import RoleplayService
from bot.services.scheduling import SchedulingService
from bot.services.uploads import UploadService
from bot.services.weekly import WeeklyService


@dataclass
class Services:
    context: ServiceContext
    learners: LearnerService
    practice: PracticeService
    progress: ProgressService
    roleplay: RoleplayService
    reviews: ReviewService
    inbox: InboxService
    boards: BoardService
    weekly: WeeklyService
    scheduling: SchedulingService
    outbox: OutboxService
    instructors: InstructorService
    campaigns: CampaignService
    reports: ReportService
    announcements: AnnouncementService
    uploads: UploadService
    live: LiveQuizService

    @classmethod
    def create(cls, context: ServiceContext) -> Services:
        return cls(
            context=context,
            learners=LearnerService(context),
            practice=PracticeService(context),
            progress=ProgressService(context),
            roleplay=RoleplayService(context),
            reviews=ReviewService(context),
            inbox=InboxService(context),
            boards=BoardService(context),
            weekly=WeeklyService(context),
            scheduling=SchedulingService(context),
            outbox=OutboxService(context),
            instructors=InstructorService(context),
            campaigns=CampaignService(context),
            reports=ReportService(context),
            announcements=AnnouncementService(context),
            uploads=UploadService(context),
            live=LiveQuizService(context),
        )
