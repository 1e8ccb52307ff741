"""Which items a practice session asks, and in what order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Candidate:
    item_id: str
    competency_id: str
    retrievability: float = 0.0


def round_robin(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Interleave items across groups (in order of each group's first appearance), keeping order within."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    queues = list(groups.values())
    result: list[T] = []
    while queues:
        for queue in queues:
            result.append(queue.pop(0))
        queues = [queue for queue in queues if queue]
    return result


def plan_session(
    *,
    due: Sequence[Candidate],
    new: Sequence[Candidate],
    ahead: Sequence[Candidate],
    size: int,
    new_allowance: int,
) -> list[str]:
    """Item IDs for one session.

    Due reviews come first, lowest retrievability first; then new items up to `new_allowance`, spread
    across competencies in the order given; any room left is filled with items not yet due, lowest
    retrievability first ("review ahead"). The chosen items are interleaved across competencies.
    """
    chosen = sorted(due, key=lambda c: c.retrievability)[:size]
    room = size - len(chosen)
    chosen += round_robin(new, key=lambda c: c.competency_id)[: max(0, min(room, new_allowance))]
    room = size - len(chosen)
    if room > 0:
        chosen += sorted(ahead, key=lambda c: c.retrievability)[:room]
    return [c.item_id for c in round_robin(chosen, key=lambda c: c.competency_id)]


def requeue_position(queue_length: int, gap: int = 3) -> int:
    """Where an item rated Again goes back in the queue: after `gap` questions, or at the end."""
    return min(queue_length, gap)


def mix_in(items: Sequence[str], extras: Sequence[str], *, every: int) -> list[str]:
    """One extra after every `every` items, as many as there are full groups and extras."""
    result: list[str] = []
    extra = iter(extras)
    for index, item in enumerate(items, start=1):
        result.append(item)
        if index % every == 0:
            following = next(extra, None)
            if following is not None:
                result.append(following)
    return result
