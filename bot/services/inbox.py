"""Messages that are not commands: a learner's free reply, a reviewer's comment, or anything else."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.announcements import AnnouncementQueued, queue_announcement
from bot.services.campaigns import CampaignService, WizardView, parse_local_datetime
from bot.services.context import ServiceContext
from bot.services.instructors import CohortSummary, Denied, create_cohort_in
from bot.services.learners import UserInfo, ensure_learner
from bot.services.reviews import ReviewDetail, accept_comment
from bot.services.roleplay import RubricScreen, accept_reply


@dataclass(frozen=True, slots=True)
class NotExpected:
    """Nothing waits for a message from this user."""


@dataclass(frozen=True, slots=True)
class InboxScreen:
    language: str
    content: (
        RubricScreen | ReviewDetail | CohortSummary | WizardView | AnnouncementQueued | Denied | NotExpected
    )


class InboxService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def receive(
        self, user: UserInfo, *, text: str | None = None, voice_file_id: str | None = None
    ) -> InboxScreen:
        """Route a text or voice message to what waits for it, in one transaction."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            if learner.awaiting_input == "cohort_name" and text:
                return InboxScreen(
                    learner.language, await create_cohort_in(session, self.context, learner, text)
                )
            if (learner.awaiting_input or "").startswith("announce:") and text:
                cohort_id = int((learner.awaiting_input or "").split(":")[1])
                queued = await queue_announcement(session, self.context, learner, cohort_id, text)
                return InboxScreen(learner.language, queued)
            if (learner.awaiting_input or "").startswith("campaign_start:") and text:
                when = parse_local_datetime(text, learner.timezone)
                if when is not None:
                    campaign_id = int((learner.awaiting_input or "").split(":")[1])
                    wizard = await CampaignService(self.context).set_start(
                        session, learner, campaign_id, when
                    )
                    return InboxScreen(learner.language, wizard)
            comment = await accept_comment(
                session, self.context, learner, text=text, voice_file_id=voice_file_id
            )
            if comment is not None:
                return InboxScreen(learner.language, comment)
            reply = await accept_reply(session, self.context, learner, text=text, voice_file_id=voice_file_id)
            return InboxScreen(learner.language, reply if reply is not None else NotExpected())
