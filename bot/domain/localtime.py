"""The learner's local day, computed from a UTC instant and an IANA timezone (DST-correct)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_date(now: datetime, timezone: str) -> date:
    """The calendar date at `now` in `timezone`."""
    return now.astimezone(ZoneInfo(timezone)).date()


def start_of_local_day(day: date, timezone: str) -> datetime:
    """The UTC instant at which `day` begins in `timezone` (midnight exists on every DST change in Europe)."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def end_of_local_day(now: datetime, timezone: str) -> datetime:
    """The UTC instant at which the local day containing `now` ends (23 or 25 hours on DST days)."""
    return start_of_local_day(local_date(now, timezone) + timedelta(days=1), timezone)
