"""Reminder times in the learner's timezone: DST days, weekdays, quiet hours, pauses, catch-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.reminders import (
    ALL_DAYS,
    QuietHours,
    days_from_mask,
    evening_nudge,
    mask_from_days,
    next_reminder,
    worth_sending,
)

QUIET = QuietHours()
NO_QUIET = QuietHours(time(0), time(0))  # quiet hours switched off (start == end)
ZURICH = "Europe/Zurich"


def _next(after: datetime, moment: time, **kw: object) -> datetime | None:
    return next_reminder(
        after,
        moment=moment,
        days=kw.pop("days", ALL_DAYS),
        timezone=kw.pop("timezone", ZURICH),
        quiet=kw.pop("quiet", QUIET),
        **kw,
    )  # type: ignore[arg-type]


def test_a_1800_reminder_in_winter_and_summer() -> None:
    assert _next(datetime(2026, 1, 10, 12, tzinfo=UTC), time(18)) == datetime(2026, 1, 10, 17, tzinfo=UTC)
    assert _next(datetime(2026, 7, 10, 12, tzinfo=UTC), time(18)) == datetime(2026, 7, 10, 16, tzinfo=UTC)


def test_0230_on_the_spring_forward_day_is_sent_once_at_0330() -> None:
    # 29 March 2026: 02:00 → 03:00 in Zurich; 02:30 does not exist.
    before = datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    first = _next(before, time(2, 30), quiet=NO_QUIET)
    assert first == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # = 03:30 CEST, once
    after_first = _next(first, time(2, 30), quiet=NO_QUIET)
    assert after_first == datetime(2026, 3, 30, 0, 30, tzinfo=UTC)  # next day, 02:30 CEST
    assert after_first - first == timedelta(hours=23)


def test_0230_on_the_fall_back_day_is_sent_once() -> None:
    # 25 October 2026: 03:00 → 02:00; 02:30 happens twice. First occurrence only.
    first = _next(datetime(2026, 10, 24, 23, 0, tzinfo=UTC), time(2, 30), quiet=NO_QUIET)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second = _next(first, time(2, 30), quiet=NO_QUIET)
    assert second == datetime(
        2026, 10, 26, 1, 30, tzinfo=UTC
    )  # 02:30 CET next day, not 02:30 CET the same day


def test_with_quiet_hours_a_0230_reminder_waits_until_0700() -> None:
    assert _next(datetime(2026, 3, 28, 23, 0, tzinfo=UTC), time(2, 30)) == datetime(
        2026, 3, 29, 5, 0, tzinfo=UTC
    )


def test_another_timezone() -> None:
    assert _next(datetime(2026, 3, 9, 12, tzinfo=UTC), time(18), timezone="America/New_York") == datetime(
        2026, 3, 9, 22, tzinfo=UTC
    )


def test_only_the_chosen_weekdays() -> None:
    weekdays = days_from_mask("1111100")
    saturday = datetime(2026, 3, 7, 8, tzinfo=UTC)
    assert _next(saturday, time(18), days=weekdays) == datetime(2026, 3, 9, 17, tzinfo=UTC)  # Monday
    assert mask_from_days(weekdays) == "1111100"
    assert _next(saturday, time(18), days=frozenset()) is None


def test_quiet_hours_move_a_late_reminder_to_the_morning() -> None:
    assert QUIET.contains(time(22)) and QUIET.contains(time(6, 59)) and not QUIET.contains(time(7))
    moved = _next(datetime(2026, 3, 2, 12, tzinfo=UTC), time(23, 30))
    assert moved == datetime(2026, 3, 3, 6, tzinfo=UTC)  # 07:00 local the next morning


def test_a_pause_holds_reminders_until_its_date() -> None:
    result = _next(datetime(2026, 3, 2, 12, tzinfo=UTC), time(18), paused_until=date(2026, 3, 10))
    assert result == datetime(2026, 3, 10, 17, tzinfo=UTC)


def test_catch_up_only_when_recent_and_not_at_night() -> None:
    due = datetime(2026, 3, 2, 17, tzinfo=UTC)  # 18:00 local
    assert worth_sending(due, due + timedelta(minutes=1), timezone=ZURICH, quiet=QUIET)
    assert worth_sending(due, due + timedelta(hours=2), timezone=ZURICH, quiet=QUIET)  # 20:00, one catch-up
    assert not worth_sending(due, due + timedelta(hours=3, minutes=30), timezone=ZURICH, quiet=QUIET)  # 21:30
    assert not worth_sending(due, due + timedelta(days=3), timezone=ZURICH, quiet=QUIET)


def test_the_nudge_comes_an_hour_before_quiet_hours() -> None:
    assert evening_nudge(datetime(2026, 3, 2, 12, tzinfo=UTC), timezone=ZURICH, quiet=QUIET) == datetime(
        2026, 3, 2, 19, tzinfo=UTC
    )
    assert evening_nudge(datetime(2026, 3, 2, 19, 30, tzinfo=UTC), timezone=ZURICH, quiet=QUIET) == datetime(
        2026, 3, 3, 19, tzinfo=UTC
    )


@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
    st.times(),
    st.sampled_from([ZURICH, "America/New_York", "Asia/Tokyo", "Australia/Sydney"]),
)
def test_the_next_reminder_is_after_within_a_day_and_never_at_night(
    after: datetime, moment: time, zone: str
) -> None:
    result = next_reminder(after, moment=moment, days=ALL_DAYS, timezone=zone, quiet=QUIET)
    assert result is not None and after < result <= after + timedelta(hours=26)
    assert not QUIET.contains(result.astimezone(ZoneInfo(zone)).time().replace(second=0, microsecond=0))
