"""When reminders and streak nudges are due, in the learner's timezone (DST-correct).

A local time that does not exist (02:30 on the last Sunday of March in Zurich) is read with the offset in
force before the change, i.e. sent at 03:30 — once. A local time that exists twice (02:30 on the last
Sunday of October) is taken at its first occurrence — once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ALL_DAYS = frozenset(range(7))  # Monday = 0 … Sunday = 6, as date.weekday()
CATCH_UP_WINDOW = timedelta(hours=12)
SEARCH_DAYS = 400
LOOK_BACK = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local hours in which nothing is sent; `start` > `end` means across midnight (21:00–07:00)."""

    start: time = time(21, 0)
    end: time = time(7, 0)

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def days_from_mask(mask: str) -> frozenset[int]:
    """'1111100' → Monday to Friday."""
    return frozenset(day for day, flag in enumerate(mask[:7]) if flag == "1")


def mask_from_days(days: Collection[int]) -> str:
    return "".join("1" if day in days else "0" for day in range(7))


def at_local(day: date, moment: time, timezone: str) -> datetime:
    """The UTC instant of a local date and time (see the module note for DST gaps and folds)."""
    return datetime.combine(day, moment, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def next_reminder(
    after: datetime,
    *,
    moment: time,
    days: Collection[int],
    timezone: str,
    quiet: QuietHours,
    paused_until: date | None = None,
) -> datetime | None:
    """The first reminder strictly after `after`: a chosen weekday, not before the pause ends, and never
    inside quiet hours (a reminder time inside them is moved to the end of the quiet period)."""
    if not days:
        return None
    zone = ZoneInfo(timezone)
    start_day = after.astimezone(zone).date()
    if paused_until is not None:
        start_day = max(start_day, paused_until)
    for offset in range(SEARCH_DAYS):
        day = start_day + timedelta(days=offset)
        if day.weekday() not in days:
            continue
        local_moment = quiet.end if quiet.contains(moment) else moment
        candidate = at_local(day, local_moment, timezone)
        if candidate > after:
            return candidate
    return None


def latest_due(now: datetime, **schedule: object) -> datetime | None:
    """The most recent reminder moment at or before `now` (what a catch-up after downtime is about)."""
    latest, cursor = None, now - LOOK_BACK
    while (following := next_reminder(cursor, **schedule)) is not None and following <= now:  # type: ignore[arg-type]
        latest, cursor = following, following
    return latest


def evening_nudge(after: datetime, *, timezone: str, quiet: QuietHours) -> datetime:
    """The streak-at-risk nudge: one hour before quiet hours start, on the first such moment after `after`."""
    moment = (datetime.combine(date(2000, 1, 1), quiet.start) - timedelta(hours=1)).time()
    zone = ZoneInfo(timezone)
    day = after.astimezone(zone).date()
    candidate = at_local(day, moment, timezone)
    return candidate if candidate > after else at_local(day + timedelta(days=1), moment, timezone)


def worth_sending(due: datetime, now: datetime, *, timezone: str, quiet: QuietHours) -> bool:
    """A due reminder is sent only if it is recent (a catch-up after downtime, at most one) and the
    learner is not in quiet hours right now."""
    if now - due > CATCH_UP_WINDOW:
        return False
    return not quiet.contains(now.astimezone(ZoneInfo(timezone)).time())
