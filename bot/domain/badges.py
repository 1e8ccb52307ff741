"""Badges: criteria are data (content/badges.yaml); one engine measures every criterion on a learner's stats."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class LearnerStats:
    """Everything a badge criterion can look at, gathered by the service in one go."""

    sessions_completed: int = 0
    longest_streak: int = 0
    xp_total: int = 0
    answers: int = 0
    domain_mastery: Mapping[str, float] = field(default_factory=dict)
    competencies_practised: int = 0
    competencies_total: int = 40
    roleplays_full_score: int = 0
    perfect_weeks: int = 0
    comebacks: int = 0
    second_language_right: int = 0
    languages_used: int = 0
    early_answers: int = 0
    late_answers: int = 0
    weekly_top3: int = 0


@dataclass(frozen=True, slots=True)
class Criterion:
    metric: str
    threshold: float
    domain: str | None = None


def _domain_mastery(stats: LearnerStats, criterion: Criterion) -> float:
    return stats.domain_mastery.get(criterion.domain or "", 0.0)


METRICS: dict[str, Callable[[LearnerStats, Criterion], float]] = {
    "sessions_completed": lambda s, _c: s.sessions_completed,
    "streak_days": lambda s, _c: s.longest_streak,
    "xp_total": lambda s, _c: s.xp_total,
    "answers": lambda s, _c: s.answers,
    "domain_mastery": _domain_mastery,
    "competencies_practised": lambda s, _c: s.competencies_practised,
    "roleplays_full_score": lambda s, _c: s.roleplays_full_score,
    "perfect_weeks": lambda s, _c: s.perfect_weeks,
    "comebacks": lambda s, _c: s.comebacks,
    "second_language_right": lambda s, _c: s.second_language_right,
    "languages_used": lambda s, _c: s.languages_used,
    "early_answers": lambda s, _c: s.early_answers,
    "late_answers": lambda s, _c: s.late_answers,
    "weekly_top3": lambda s, _c: s.weekly_top3,
}


def progress(criterion: Criterion, stats: LearnerStats) -> tuple[float, float]:
    """(current value, target) of a criterion, the current value capped at the target."""
    value = METRICS[criterion.metric](stats, criterion)
    return min(value, criterion.threshold), criterion.threshold


def is_met(criterion: Criterion, stats: LearnerStats) -> bool:
    current, target = progress(criterion, stats)
    return current >= target


def newly_earned(criteria: Mapping[str, Criterion], stats: LearnerStats, already: Iterable[str]) -> list[str]:
    """Badges met now and not earned before, in catalogue order."""
    held = set(already)
    return [badge for badge, criterion in criteria.items() if badge not in held and is_met(criterion, stats)]


def perfect_weeks(goal_days: Iterable[date]) -> int:
    """Monday-to-Sunday weeks in which the goal was reached every day."""
    days = set(goal_days)
    mondays = {d - timedelta(days=d.weekday()) for d in days}
    return sum(1 for monday in mondays if all(monday + timedelta(days=i) in days for i in range(7)))


def comebacks(active_days: Iterable[date], away: int = 7) -> int:
    """Returns after at least `away` full days without practice."""
    days = sorted(set(active_days))
    return sum(1 for before, after in itertools.pairwise(days) if (after - before).days > away)
