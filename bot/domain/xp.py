"""XP: what an answer or a role-play earns, and the daily goal.

Not farmable: the service awards XP for an item at most once per local day (the first answer that
day); everything awarded is stored once, keyed by (learner, day, item, reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.grading import Outcome

XP_RIGHT = 10
XP_PARTIAL = 5
XP_TRIED = 2
XP_DUE_BONUS = 5
XP_ROLEPLAY_MAX = 30
XP_ROLEPLAY_MIN = 5
GOAL_CHOICES = (20, 50, 100)
DEFAULT_GOAL = 20


@dataclass(frozen=True, slots=True)
class Award:
    reason: str
    amount: int


def quiz_xp(outcome: Outcome, *, due_review: bool) -> list[Award]:
    """A right answer earns more than a partly right one; trying still earns a little. A due review
    answered right earns a bonus (remembering at the right moment is the point of practising)."""
    base = {Outcome.CORRECT: XP_RIGHT, Outcome.PARTIAL: XP_PARTIAL, Outcome.WRONG: XP_TRIED}[outcome]
    awards = [Award("answer", base)]
    if due_review and outcome is Outcome.CORRECT:
        awards.append(Award("due_bonus", XP_DUE_BONUS))
    return awards


def roleplay_xp(score: float) -> list[Award]:
    """Role-plays earn by score, at least a little for playing."""
    return [Award("roleplay", max(XP_ROLEPLAY_MIN, round(XP_ROLEPLAY_MAX * max(0.0, min(1.0, score)))))]


def unfarmable(awards: list[Award], *, already_counted_today: bool) -> list[Award]:
    """An item answered again the same local day earns nothing: what was counted stays counted once."""
    return [] if already_counted_today else awards


def goal_progress(xp_today: int, goal: int) -> float:
    return min(1.0, xp_today / goal) if goal > 0 else 1.0
