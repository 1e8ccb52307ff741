"""Streaks: a day counts when the daily goal is reached in the learner's own local day.

Forgiving early, strict later: a streak freeze is earned for every 7 consecutive days (at most 2 held)
and spent automatically, one per missed day, when the learner next reaches the goal. If more days were
missed than freezes held, the streak starts again at 1.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

FREEZE_EVERY = 7
MAX_FREEZES = 2


@dataclass(frozen=True, slots=True)
class StreakState:
    current: int = 0
    longest: int = 0
    freezes: int = 0
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class StreakUpdate:
    state: StreakState
    extended: bool = False
    freezes_used: int = 0
    freeze_earned: bool = False
    broken_from: int = 0


def missed_days(state: StreakState, today: date) -> int:
    """Days without the goal between the last counted day and today (today not included)."""
    if state.last_day is None:
        return 0
    return max(0, (today - state.last_day).days - 1)


def reach_goal(state: StreakState, today: date) -> StreakUpdate:
    """The goal was reached on `today`: extend the streak (spending freezes on missed days) or restart it."""
    if state.last_day is not None and state.last_day >= today:
        return StreakUpdate(state)
    missed = missed_days(state, today)
    freezes_used, broken_from, current = 0, 0, state.current + 1
    if state.last_day is None:
        current = 1
    elif missed > state.freezes:
        broken_from, current = state.current, 1
    else:
        freezes_used = missed
    freezes = state.freezes - freezes_used
    earned = current % FREEZE_EVERY == 0 and freezes < MAX_FREEZES
    new_state = replace(
        state,
        current=current,
        longest=max(state.longest, current),
        freezes=freezes + int(earned),
        last_day=today,
    )
    return StreakUpdate(new_state, True, freezes_used, earned, broken_from)


def current_streak(state: StreakState, today: date) -> int:
    """The streak as it stands today: kept while the missed days can still be covered by freezes."""
    return state.current if missed_days(state, today) <= state.freezes else 0


def at_stake(state: StreakState, today: date) -> int:
    """The streak the learner would lose (or spend a freeze on) by not reaching the goal today."""
    if state.last_day == today:
        return 0
    return current_streak(state, today)
