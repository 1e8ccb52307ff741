"""Streaks: consecutive local days with the goal reached; freezes earned every 7 days, spent on missed days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.localtime import local_date
from bot.domain.streaks import MAX_FREEZES, StreakState, at_stake, current_streak, reach_goal

DAY = date(2026, 3, 2)


def _days(state: StreakState, start: date, count: int) -> StreakState:
    for offset in range(count):
        state = reach_goal(state, start + timedelta(days=offset)).state
    return state


def test_consecutive_days_extend_and_the_same_day_counts_once() -> None:
    state = reach_goal(StreakState(), DAY).state
    assert (state.current, state.longest) == (1, 1)
    assert reach_goal(state, DAY).extended is False
    state = reach_goal(state, DAY + timedelta(days=1)).state
    assert state.current == 2


def test_a_freeze_is_earned_every_seven_days_at_most_two_held() -> None:
    state = _days(StreakState(), DAY, 6)
    assert state.freezes == 0
    update = reach_goal(state, DAY + timedelta(days=6))
    assert update.freeze_earned and update.state.freezes == 1
    state = _days(update.state, DAY + timedelta(days=7), 14)
    assert state.current == 21 and state.freezes == MAX_FREEZES


def test_freezes_cover_missed_days_and_the_learner_is_told() -> None:
    state = _days(StreakState(), DAY, 14)  # 14 days: 2 freezes
    update = reach_goal(state, DAY + timedelta(days=15))  # one day missed
    assert update.freezes_used == 1 and update.state.current == 15 and update.state.freezes == 1
    update = reach_goal(update.state, DAY + timedelta(days=18))  # two more missed, one freeze left
    assert update.broken_from == 15 and update.state.current == 1 and update.state.longest == 15


def test_the_streak_as_it_stands_today() -> None:
    state = _days(StreakState(), DAY, 3)
    assert current_streak(state, DAY + timedelta(days=3)) == 3  # today not yet reached: still alive
    assert at_stake(state, DAY + timedelta(days=3)) == 3
    assert at_stake(state, DAY + timedelta(days=2)) == 0  # already reached today
    assert current_streak(state, DAY + timedelta(days=5)) == 0  # a day missed without a freeze


def test_days_are_local_across_timezones() -> None:
    # 23:30 in Zurich on 1 July is 21:30 UTC; 05:30 the next morning in Zurich is 03:30 UTC,
    # which is still 23:30 on 1 July in New York.
    evening = datetime(2026, 7, 1, 21, 30, tzinfo=UTC)
    morning = datetime(2026, 7, 2, 3, 30, tzinfo=UTC)
    state = reach_goal(StreakState(), local_date(evening, "Europe/Zurich")).state
    assert reach_goal(state, local_date(morning, "Europe/Zurich")).state.current == 2
    # The same two instants are one single day in New York.
    state = reach_goal(StreakState(), local_date(evening, "America/New_York")).state
    assert reach_goal(state, local_date(morning, "America/New_York")).extended is False


def test_dst_changes_in_zurich_keep_one_day_per_date() -> None:
    # 28 March 23:30 local (CET) and 30 March 00:30 local (CEST) around the spring-forward night.
    before = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)
    spring_day = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)
    after = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)
    days = [local_date(t, "Europe/Zurich") for t in (before, spring_day, after)]
    assert days == [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    state = StreakState()
    for day in days:
        state = reach_goal(state, day).state
    assert state.current == 3
    # Autumn: 25 October has 25 hours; 00:30 and 23:30 local are the same day.
    early = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 CEST on 25 Oct
    late = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)  # 23:30 CET on 25 Oct
    assert local_date(early, "Europe/Zurich") == local_date(late, "Europe/Zurich") == date(2026, 10, 25)


@given(st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=40))
def test_longest_is_never_below_current_and_freezes_stay_within_bounds(gaps: list[int]) -> None:
    state, day = StreakState(), DAY
    for gap in gaps:
        day += timedelta(days=gap + 1)
        state = reach_goal(state, day).state
        assert state.longest >= state.current >= 1
        assert 0 <= state.freezes <= MAX_FREEZES
