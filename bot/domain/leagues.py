"""Weekly boards: ranking with ties, and the cohort league by mean weekly XP per active member."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

from bot.domain.localtime import local_date, start_of_local_day

LEAGUE_TIMEZONE = "Europe/Zurich"
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Standing(Generic[K]):
    key: K
    xp: float
    rank: int


def rank(scores: Mapping[K, float]) -> list[Standing[K]]:
    """Highest first; equal scores share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda pair: -pair[1])
    standings: list[Standing[K]] = []
    for position, (key, xp) in enumerate(ordered, start=1):
        same = standings and standings[-1].xp == xp
        standings.append(Standing(key, xp, standings[-1].rank if same else position))
    return standings


def cohort_scores(members_xp: Mapping[K, Sequence[int]]) -> dict[K, float]:
    """Mean weekly XP per active member (a member with any XP that week), so a small class can win."""
    scores: dict[K, float] = {}
    for cohort, xps in members_xp.items():
        active = [xp for xp in xps if xp > 0]
        scores[cohort] = sum(active) / len(active) if active else 0.0
    return scores


def week_start(now: datetime) -> date:
    """The Monday that starts the league week containing `now` (weeks turn at Monday 00:00 in Zurich)."""
    today = local_date(now, LEAGUE_TIMEZONE)
    return today - timedelta(days=today.weekday())


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    """The UTC instants at which a league week starts and ends."""
    return start_of_local_day(monday, LEAGUE_TIMEZONE), start_of_local_day(
        monday + timedelta(days=7), LEAGUE_TIMEZONE
    )


def gap_to_next(standings: Sequence[Standing[K]], key: K) -> float | None:
    """XP needed to move up one place (to the next higher score); None for the leader or an absent key."""
    mine = next((s for s in standings if s.key == key), None)
    if mine is None:
        return None
    higher = [s.xp for s in standings if s.xp > mine.xp]
    return min(higher) - mine.xp if higher else None
