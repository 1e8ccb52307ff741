"""The practice service without Telegram: planning over days, limits, FSRS continuity."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.content.schema import QuizType
from bot.db.models import Card
from bot.services import Services
from bot.services.learners import UserInfo
from bot.services.practice import (
    Action,
    FeedbackView,
    NothingToPractise,
    QuestionView,
    Refusal,
    SessionSummary,
)
from tests.conftest import FakeClock

USER = UserInfo(telegram_id=42, first_name="Nina", language_code="it")


async def _answer_right(services: Services, view: QuestionView) -> FeedbackView:
    item = services.context.bank.quiz[view.item_id]
    options = item.text("it").options
    if item.type is QuizType.TRUE_FALSE:
        screen = await services.practice.press(
            USER, view.session_id, view.seq, Action.ANSWER, int(bool(item.answer))
        )
    elif item.type is QuizType.SINGLE:
        screen = await services.practice.press(
            USER, view.session_id, view.seq, Action.ANSWER, view.options.index(options[item.correct[0]])
        )
    elif item.type is QuizType.MULTIPLE:
        for index in item.correct:
            await services.practice.press(
                USER, view.session_id, view.seq, Action.TOGGLE, view.options.index(options[index])
            )
        screen = await services.practice.press(USER, view.session_id, view.seq, Action.CHECK)
    else:
        for step in options:
            screen = await services.practice.press(
                USER, view.session_id, view.seq, Action.TAP, view.options.index(step)
            )
    assert isinstance(screen.content, FeedbackView), screen
    return screen.content


async def _play_session(services: Services, clock: FakeClock) -> SessionSummary:
    screen = await services.practice.start(USER)
    assert isinstance(screen.content, QuestionView)
    view = screen.content
    while True:
        clock.advance(seconds=20)
        feedback = await _answer_right(services, view)
        nxt = await services.practice.press(USER, feedback.session_id, feedback.seq, Action.NEXT)
        if isinstance(nxt.content, SessionSummary):
            return nxt.content
        assert isinstance(nxt.content, QuestionView)
        view = nxt.content


async def test_questions_are_in_the_learners_language(services: Services) -> None:
    screen = await services.practice.start(USER)
    assert screen.language == "it"
    assert isinstance(screen.content, QuestionView)
    assert screen.content.question.endswith("[it]")


async def test_new_items_per_day_are_limited(services: Services, clock: FakeClock) -> None:
    services.context.settings.daily_new_items = 3
    summary = await _play_session(services, clock)
    assert summary.asked_items == 3
    # Same day: nothing new allowed, nothing due → review ahead is excluded for items seen today.
    assert isinstance((await services.practice.start(USER)).content, NothingToPractise)


async def test_the_next_sessions_follow_the_fsrs_schedule(services: Services, clock: FakeClock) -> None:
    await _play_session(services, clock)
    async with services.context.sessions() as session:
        cards = (await session.scalars(select(Card))).all()
    assert len(cards) == 6
    first_due = min(card.due for card in cards)
    assert first_due > clock.now  # all answered right: nothing due until later
    clock.now = first_due + timedelta(minutes=1)
    screen = await services.practice.start(USER)
    assert isinstance(screen.content, QuestionView)
    due_ids = {card.item_id for card in cards if card.due <= clock.now}
    assert screen.content.item_id in due_ids


async def test_presses_on_a_finished_session_or_with_bad_arguments_are_refused(
    services: Services, clock: FakeClock
) -> None:
    screen = await services.practice.start(USER)
    assert isinstance(screen.content, QuestionView)
    view = screen.content
    assert (
        await services.practice.press(USER, view.session_id, view.seq, Action.ANSWER, 42)
    ).content is Refusal.STALE
    assert (
        await services.practice.press(USER, view.session_id, view.seq + 1, Action.ANSWER, 0)
    ).content is Refusal.STALE
    assert (
        await services.practice.press(USER, view.session_id, view.seq, Action.NEXT)
    ).content is Refusal.STALE
    await _play_session(services, clock)
    assert (
        await services.practice.press(USER, view.session_id, view.seq, Action.ANSWER, 0)
    ).content is Refusal.STALE


async def test_check_without_selection_is_refused(services: Services, clock: FakeClock) -> None:
    screen = await services.practice.start(USER)
    view = screen.content
    assert isinstance(view, QuestionView)
    while view.type is not QuizType.MULTIPLE:
        feedback = await _answer_right(services, view)
        nxt = (await services.practice.press(USER, feedback.session_id, feedback.seq, Action.NEXT)).content
        assert isinstance(nxt, QuestionView)
        view = nxt
    assert (
        await services.practice.press(USER, view.session_id, view.seq, Action.CHECK)
    ).content is Refusal.NOTHING_SELECTED
    toggled = (await services.practice.press(USER, view.session_id, view.seq, Action.TOGGLE, 1)).content
    assert isinstance(toggled, QuestionView) and toggled.selected == [1]
    untoggled = (await services.practice.press(USER, view.session_id, view.seq, Action.TOGGLE, 1)).content
    assert isinstance(untoggled, QuestionView) and untoggled.selected == []
