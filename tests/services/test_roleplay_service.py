"""The role-play service: due plays first, resuming an unfinished play, FSRS cards per scenario."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.models import Card, RoleplayRun
from bot.services import Services
from bot.services.learners import UserInfo
from bot.services.roleplay import PickOutcome, ReplyPrompt, RoleplayEnd, RoleplayMenu, RunAction, TurnScreen
from tests.conftest import FakeClock

BEST_REPLIES = {"Reply calm", "Reply plan", "Reply recover"}
USER = UserInfo(telegram_id=77, first_name="Elena", language_code="en")


async def _play_branching_best(services: Services) -> RoleplayEnd:
    screen = (await services.roleplay.start_in_domain(USER, "1")).content
    assert isinstance(screen, TurnScreen)
    while True:
        best = next(i for i, reply in enumerate(screen.replies) if reply.split(" [")[0] in BEST_REPLIES)
        pressed = await services.roleplay.press(
            USER, screen.run.run_id, screen.run.step, RunAction.PICK, best
        )
        outcome = pressed.content
        assert isinstance(outcome, PickOutcome)
        if isinstance(outcome.next, RoleplayEnd):
            return outcome.next
        screen = outcome.next


async def test_a_due_play_comes_before_the_menu(services: Services, clock: FakeClock) -> None:
    assert isinstance((await services.roleplay.open(USER)).content, RoleplayMenu)
    end = await _play_branching_best(services)
    assert end.score == 1.0
    async with services.context.sessions() as session:
        card = await session.scalar(select(Card).where(Card.item_id == "c1.1.r01"))
    assert card is not None and card.due > clock.now
    clock.now = card.due + timedelta(minutes=1)
    screen = (await services.roleplay.open(USER)).content
    assert isinstance(screen, TurnScreen) and screen.run.scenario.scenario_id == "c1.1.r01" and screen.first


async def test_an_unfinished_play_is_resumed_and_a_new_one_abandons_it(services: Services) -> None:
    started = (await services.roleplay.start_in_domain(USER, "2")).content
    assert isinstance(started, ReplyPrompt)
    resumed = (await services.roleplay.open(USER)).content
    assert isinstance(resumed, ReplyPrompt) and resumed.run.run_id == started.run.run_id
    await services.roleplay.start_in_domain(USER, "1")
    async with services.context.sessions() as session:
        statuses = {run.id: run.status for run in await session.scalars(select(RoleplayRun))}
    assert statuses[started.run.run_id] == "abandoned"
