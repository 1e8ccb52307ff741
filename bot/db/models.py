"""The database schema (SQLAlchemy 2.0 typed ORM). Alembic migrations in `migrations/` follow it."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Learner(Base):
    """Anyone who talks to the bot: apprentices, and later instructors and admins (`role`)."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    first_name: Mapped[str] = mapped_column(String(64))
    last_name: Mapped[str | None] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    reminder_time: Mapped[time | None] = mapped_column(Time)
    reminder_days: Mapped[str] = mapped_column(String(7), default="1111111", server_default="1111111")
    reminders_paused_until: Mapped[date | None] = mapped_column(Date)
    next_reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    streak_nudges: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    next_nudge_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    role: Mapped[str] = mapped_column(String(16), default="learner")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    daily_goal: Mapped[int] = mapped_column(Integer, default=20, server_default="20")
    nickname: Mapped[str | None] = mapped_column(String(32))
    hide_from_boards: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    awaiting_input: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)

    memberships: Mapped[list[Membership]] = relationship(back_populates="learner")


class Cohort(Base):
    """A class or team of apprentices; learners join it with its join code."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger)

    memberships: Mapped[list[Membership]] = relationship(back_populates="cohort")


class Invite(Base):
    """A one-time link: `instructor` makes its opener an instructor; `coteach` also adds them to a cohort."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    created_by: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("cohort_id", "learner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="member")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime)

    cohort: Mapped[Cohort] = relationship(back_populates="memberships")
    learner: Mapped[Learner] = relationship(back_populates="memberships")


class Item(Base):
    """A content item, by the stable ID of its YAML entry. Retired items keep their history."""

    __tablename__ = "items"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    competency_id: Mapped[str] = mapped_column(String(8), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Card(Base):
    """The FSRS state of one item for one learner, as columns so that "due" is a query."""

    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_learner_due", "learner_id", "due"),)

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    state: Mapped[int] = mapped_column(Integer)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    introduced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PracticeSession(Base):
    """A practice session and its pending question.

    `seq` numbers the questions asked; a button carries the `seq` it was made for, so a press on an old
    message no longer matches. `pending` holds the state of the question on screen (option order,
    toggled options, steps tapped so far). `version` makes every write conditional on the version read,
    so a double tap or a second instance cannot answer the same question twice.
    """

    __tablename__ = "practice_sessions"
    __table_args__ = (Index("ix_practice_sessions_learner_finished", "learner_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    queue: Mapped[list[str]] = mapped_column(JSON)
    planned: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))
    current_item_id: Mapped[str | None] = mapped_column(String(32))
    asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pending: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    first_try_correct: Mapped[int] = mapped_column(Integer, default=0)
    attempted_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class Review(Base):
    """Every answer ever given: the raw material of progress, reports and a later FSRS optimisation."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_learner_reviewed", "learner_id", "reviewed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("practice_sessions.id", ondelete="SET NULL"))
    rating: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(String(16))
    answer_ms: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(2))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column(Float)


class RoleplayRun(Base):
    """One play of a role-play scenario: where the learner is, what they chose or wrote, the score.

    `step` counts the learner's moves; every button carries the step it was made for, so a press on an
    old message no longer matches. `version` makes each write conditional on the version read.
    """

    __tablename__ = "roleplay_runs"
    __table_args__ = (Index("ix_roleplay_runs_learner_status", "learner_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    scenario_id: Mapped[str] = mapped_column(ForeignKey("items.id"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("practice_sessions.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    step: Mapped[int] = mapped_column(Integer, default=0)
    current_turn: Mapped[str | None] = mapped_column(String(16))
    path: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)
    reply_text: Mapped[str | None] = mapped_column(Text)
    reply_voice_file_id: Mapped[str | None] = mapped_column(String(256))
    detected: Mapped[list[str]] = mapped_column(JSON, default=list)
    confirmed: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float | None] = mapped_column(Float)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class ReviewRequest(Base):
    """A free reply a learner asked their instructor to review, and the instructor's feedback."""

    __tablename__ = "review_requests"
    __table_args__ = (Index("ix_review_requests_status", "status", "requested_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("roleplay_runs.id", ondelete="CASCADE"), unique=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    criteria_met: Mapped[list[str]] = mapped_column(JSON, default=list)
    comment_text: Mapped[str | None] = mapped_column(Text)
    comment_voice_file_id: Mapped[str | None] = mapped_column(String(256))
    awaiting_comment_from: Mapped[int | None] = mapped_column(ForeignKey("learners.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class XpEvent(Base):
    """XP earned, once: an item earns XP at most once per learner and local day."""

    __tablename__ = "xp_events"
    __table_args__ = (
        UniqueConstraint("learner_id", "day", "item_id", "reason"),
        Index("ix_xp_events_learner_day", "learner_id", "day"),
        Index("ix_xp_events_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    item_id: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(24))
    amount: Mapped[int] = mapped_column(Integer)
    local_hour: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Streak(Base):
    __tablename__ = "streaks"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    current: Mapped[int] = mapped_column(Integer, default=0)
    longest: Mapped[int] = mapped_column(Integer, default=0)
    freezes: Mapped[int] = mapped_column(Integer, default=0)
    last_day: Mapped[date | None] = mapped_column(Date)


class LearnerBadge(Base):
    __tablename__ = "learner_badges"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    badge_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    earned_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WeeklyClose(Base):
    """A closed league week: its standings are frozen and its summaries prepared, once."""

    __tablename__ = "weekly_closes"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class WeeklyResult(Base):
    __tablename__ = "weekly_results"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    xp: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)


class CohortWeek(Base):
    __tablename__ = "cohort_weeks"

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    mean_xp: Mapped[float] = mapped_column(Float)
    active_members: Mapped[int] = mapped_column(Integer)
    rank: Mapped[int] = mapped_column(Integer)


class Outbox(Base):
    """A message to send outside a conversation (reminder, nudge, weekly summary, campaign…).

    `dedupe_key` is unique: whatever enqueues a message twice (a restart, a second instance) hits the
    constraint, so nothing is sent twice. The sender claims pending rows, sends, and marks them.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(200))


class Campaign(Base):
    """A quiz an instructor pushes to cohorts: fixed questions, a start, a deadline, an optional reminder.

    `draft` holds the wizard's choices until it is confirmed (status `scheduled`).
    """

    __tablename__ = "campaigns"
    __table_args__ = (Index("ix_campaigns_status_starts", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(12))
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    item_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    speed_bonus: Mapped[bool] = mapped_column(Boolean, default=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CampaignCohort(Base):
    __tablename__ = "campaign_cohorts"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)


class CampaignRecipient(Base):
    """One learner's part in a campaign: delivered once, played once."""

    __tablename__ = "campaign_recipients"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int] = mapped_column(Integer, default=0)


class CampaignAnswer(Base):
    """A campaign question answered: once per learner and question (the primary key says so)."""

    __tablename__ = "campaign_answers"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer)
    answer_ms: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CustomItem(Base):
    """A question an instructor uploaded: visible to that instructor's cohorts only; updated by its ID."""

    __tablename__ = "custom_items"
    __table_args__ = (UniqueConstraint("owner_id", "own_id"),)

    id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), index=True)
    own_id: Mapped[str] = mapped_column(String(20))
    competency_id: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(2))
    type: Mapped[str] = mapped_column(String(16))
    difficulty: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LiveQuiz(Base):
    """A live quiz in a cohort's Telegram group: native quiz polls, one at a time, then a podium."""

    __tablename__ = "live_quizzes"
    __table_args__ = (Index("ix_live_quizzes_status_next", "status", "next_step_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    started_by: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    item_ids: Mapped[list[str]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=-1)
    status: Mapped[str] = mapped_column(String(12))
    speed_bonus: Mapped[bool] = mapped_column(Boolean, default=True)
    open_seconds: Mapped[int] = mapped_column(Integer)
    next_step_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class LivePoll(Base):
    __tablename__ = "live_polls"

    poll_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("live_quizzes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(String(40))
    correct_option: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LiveAnswer(Base):
    """One player's answer to one poll: once (the primary key says so)."""

    __tablename__ = "live_answers"

    quiz_id: Mapped[int] = mapped_column(ForeignKey("live_quizzes.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True)
    correct: Mapped[bool] = mapped_column(Boolean)
    points: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
