"""Learners: registration on /start, joining cohorts, language, timezone and reminder settings."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.content.schema import LANGUAGES
from bot.db.models import Cohort, Learner, Membership
from bot.domain.localtime import local_date
from bot.domain.reminders import (
    ALL_DAYS,
    QuietHours,
    days_from_mask,
    evening_nudge,
    mask_from_days,
    next_reminder,
)
from bot.domain.xp import DEFAULT_GOAL, GOAL_CHOICES
from bot.i18n import pick_language
from bot.services.context import ServiceContext

NICKNAME = re.compile(r"[\w .\-]{2,20}")
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


@dataclass(frozen=True, slots=True)
class UserInfo:
    """What a Telegram update tells about its sender."""

    telegram_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class LearnerView:
    telegram_id: int
    first_name: str
    language: str
    timezone: str
    reminder_time: time | None
    daily_goal: int = DEFAULT_GOAL
    nickname: str | None = None
    hidden: bool = False
    reminder_days: frozenset[int] = ALL_DAYS
    paused_until: date | None = None
    streak_nudges: bool = True
    is_new: bool = False


class JoinStatus(StrEnum):
    NONE = "none"
    JOINED = "joined"
    ALREADY = "already"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StartResult:
    learner: LearnerView
    join: JoinStatus
    cohort_name: str | None = None


def _view(learner: Learner, *, is_new: bool = False) -> LearnerView:
    return LearnerView(
        telegram_id=learner.telegram_id,
        first_name=learner.first_name,
        language=learner.language,
        timezone=learner.timezone,
        reminder_time=learner.reminder_time,
        daily_goal=learner.daily_goal,
        nickname=learner.nickname,
        hidden=learner.hide_from_boards,
        reminder_days=days_from_mask(learner.reminder_days or "1111111"),
        paused_until=learner.reminders_paused_until,
        streak_nudges=learner.streak_nudges,
        is_new=is_new,
    )


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def display_name(learner: Learner) -> str:
    """First name and last initial: how other people see a learner (many learners are minors)."""
    initial = f" {learner.last_name[0]}." if learner.last_name else ""
    return f"{learner.first_name}{initial}"


async def free_join_code(session: AsyncSession) -> str:
    """A join code no cohort uses yet."""
    while True:
        code = new_join_code()
        if await session.scalar(select(Cohort.id).where(Cohort.join_code == code)) is None:
            return code


def normalise_join_code(code: str) -> str:
    return code.strip().upper()


def quiet_hours(context: ServiceContext) -> QuietHours:
    return QuietHours(context.settings.quiet_hours_start, context.settings.quiet_hours_end)


def schedule_learner(context: ServiceContext, learner: Learner, now: datetime) -> None:
    """Recompute a learner's next reminder and nudge after a change of settings (or on creation)."""
    quiet = quiet_hours(context)
    learner.next_reminder_at = (
        next_reminder(
            now,
            moment=learner.reminder_time,
            days=days_from_mask(learner.reminder_days or "1111111"),
            timezone=learner.timezone,
            quiet=quiet,
            paused_until=learner.reminders_paused_until,
        )
        if learner.reminder_time is not None
        else None
    )
    learner.next_nudge_at = (
        evening_nudge(now, timezone=learner.timezone, quiet=quiet) if learner.streak_nudges else None
    )


async def ensure_learner(
    session: AsyncSession, context: ServiceContext, user: UserInfo, now: datetime
) -> tuple[Learner, bool]:
    """The learner for this Telegram user, created on first contact; (learner, created)."""
    learner = await session.scalar(select(Learner).where(Learner.telegram_id == user.telegram_id))
    created = learner is None
    if learner is None:
        learner = Learner(
            telegram_id=user.telegram_id,
            first_name=user.first_name[:64],
            language=pick_language(user.language_code, context.settings.default_language),
            timezone=context.settings.default_timezone,
            role="learner",
            active=True,
            daily_goal=DEFAULT_GOAL,
            hide_from_boards=False,
            reminder_days="1111111",
            streak_nudges=True,
            created_at=now,
        )
        schedule_learner(context, learner, now)
        session.add(learner)
    learner.first_name = (user.first_name or learner.first_name)[:64]
    learner.last_name = user.last_name[:64] if user.last_name else None
    learner.username = user.username[:64] if user.username else None
    learner.last_seen_at = now
    if not learner.active:
        learner.active = True
        learner.blocked_at = None
    await session.flush()
    return learner, created


class LearnerService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context

    async def start(self, user: UserInfo, join_code: str | None = None) -> StartResult:
        """Register (or greet again) a learner; with a join code, also join that cohort."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, created = await ensure_learner(session, self.context, user, now)
            status, cohort_name = JoinStatus.NONE, None
            if join_code:
                status, cohort_name = await self._join(session, learner, join_code, now)
            return StartResult(learner=_view(learner, is_new=created), join=status, cohort_name=cohort_name)

    async def _join(
        self, session: AsyncSession, learner: Learner, code: str, now: datetime
    ) -> tuple[JoinStatus, str | None]:
        cohort = await session.scalar(select(Cohort).where(Cohort.join_code == normalise_join_code(code)))
        if cohort is None:
            return JoinStatus.UNKNOWN, None
        existing = await session.scalar(
            select(Membership).where(Membership.cohort_id == cohort.id, Membership.learner_id == learner.id)
        )
        if existing is not None:
            return JoinStatus.ALREADY, cohort.name
        session.add(Membership(cohort_id=cohort.id, learner_id=learner.id, role="member", joined_at=now))
        return JoinStatus.JOINED, cohort.name

    async def profile(self, user: UserInfo) -> LearnerView:
        async with self.context.sessions.begin() as session:
            learner, created = await ensure_learner(session, self.context, user, self.context.clock())
            return _view(learner, is_new=created)

    async def _change(
        self, user: UserInfo, change: Callable[[Learner, datetime], None], *, reschedule: bool = False
    ) -> LearnerView:
        """Apply one settings change in one transaction; a change of schedule moves the next reminder."""
        now = self.context.clock()
        async with self.context.sessions.begin() as session:
            learner, _ = await ensure_learner(session, self.context, user, now)
            change(learner, now)
            if reschedule:
                schedule_learner(self.context, learner, now)
            return _view(learner)

    async def set_language(self, user: UserInfo, language: str) -> LearnerView:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        return await self._change(user, lambda learner, _now: setattr(learner, "language", language))

    async def set_reminder_time(self, user: UserInfo, reminder: time | None) -> LearnerView:
        return await self._change(
            user, lambda learner, _now: setattr(learner, "reminder_time", reminder), reschedule=True
        )

    async def set_timezone(self, user: UserInfo, timezone: str) -> LearnerView:
        """Set an IANA timezone; raises ValueError for an unknown name."""
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown timezone {timezone!r}") from error
        return await self._change(
            user, lambda learner, _now: setattr(learner, "timezone", timezone), reschedule=True
        )

    async def toggle_reminder_day(self, user: UserInfo, day: int) -> LearnerView:
        def toggle(learner: Learner, _now: datetime) -> None:
            learner.reminder_days = mask_from_days(days_from_mask(learner.reminder_days) ^ {day % 7})

        return await self._change(user, toggle, reschedule=True)

    async def pause_reminders(
        self, user: UserInfo, days: int | None = None, *, until: date | None = None
    ) -> LearnerView:
        """Pause for a number of days or until a date (holidays, exams); neither resumes.
        Raises ValueError for a date that is not in the future."""

        def pause(learner: Learner, now: datetime) -> None:
            today = local_date(now, learner.timezone)
            end = today + timedelta(days=days) if days else until
            if end is not None and end <= today:
                raise ValueError("the pause must end in the future")
            learner.reminders_paused_until = end

        return await self._change(user, pause, reschedule=True)

    async def set_streak_nudges(self, user: UserInfo, enabled: bool) -> LearnerView:
        return await self._change(
            user, lambda learner, _now: setattr(learner, "streak_nudges", enabled), reschedule=True
        )

    async def set_daily_goal(self, user: UserInfo, goal: int) -> LearnerView:
        if goal not in GOAL_CHOICES:
            raise ValueError(f"daily goal must be one of {GOAL_CHOICES}")
        return await self._change(user, lambda learner, _now: setattr(learner, "daily_goal", goal))

    async def set_nickname(self, user: UserInfo, nickname: str | None) -> LearnerView:
        """A nickname for public boards (None: first name and last initial); raises ValueError if unfit."""
        cleaned = " ".join(nickname.split()) if nickname else None
        if cleaned is not None and not NICKNAME.fullmatch(cleaned):
            raise ValueError("a nickname has 2-20 letters, digits, spaces, dots, dashes or underscores")
        return await self._change(user, lambda learner, _now: setattr(learner, "nickname", cleaned))

    async def set_hidden(self, user: UserInfo, hidden: bool) -> LearnerView:
        return await self._change(user, lambda learner, _now: setattr(learner, "hide_from_boards", hidden))

    async def create_cohort(self, name: str) -> str:
        """Create a cohort and return its join code (the CLI's way; instructors use /cohorts)."""
        async with self.context.sessions.begin() as session:
            code = await free_join_code(session)
            session.add(Cohort(name=name.strip()[:80], join_code=code, created_at=self.context.clock()))
            return code
