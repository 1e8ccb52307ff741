"""Every shipped question and role-play, in every language, renders within Telegram's limits."""

from __future__ import annotations

import json

import pytest

from bot.content.loader import ContentBank, load_content
from bot.content.schema import LANGUAGES, Quality, QuizType
from bot.domain.grading import Outcome
from bot.i18n import translator
from bot.services.practice import FeedbackView, QuestionView
from bot.services.roleplay import (
    FreeReplyResult,
    ReplyPrompt,
    RoleplayEnd,
    RubricScreen,
    RunRef,
    TurnScreen,
    scenario_info,
)
from handlers import roleplay_views as rv
from handlers import views
from tests.botapi import FakeBotAPI

BANK: ContentBank = load_content().bank


def _check(messages: list[tuple[str, object]]) -> list[str]:
    api = FakeBotAPI()
    for text, keyboard in messages:
        markup = json.dumps(keyboard.to_dict()) if keyboard is not None else None  # type: ignore[attr-defined]
        api.handle("sendMessage", {"chat_id": 1, "text": text, "parse_mode": "HTML", "reply_markup": markup})
    return api.problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_question_and_feedback_fits(language: str) -> None:
    _ = translator(language)
    messages = []
    for item in BANK.quiz.values():
        text = item.text(language)
        messages.append(
            views.question_view(
                QuestionView(
                    123456789,
                    999,
                    10,
                    12,
                    item.id,
                    item.competency_id,
                    item.type,
                    text.question,
                    options=list(text.options),
                    selected=[0],
                    tapped=[0],
                ),
                _,
                BANK,
            )
        )
        messages.append(
            views.feedback_view(
                FeedbackView(
                    123456789,
                    999,
                    10,
                    12,
                    item.id,
                    item.competency_id,
                    item.type,
                    text.question,
                    outcome=Outcome.WRONG,
                    correct_options=list(text.options),
                    true_answer=item.answer,
                    explanation=text.explanation,
                    comes_back=True,
                ),
                _,
                BANK,
            )
        )
        assert item.type in QuizType
    assert _check(messages) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_role_play_screen_fits(language: str) -> None:
    _ = translator(language)
    messages: list[tuple[str, object]] = []
    for scenario in BANK.roleplays.values():
        run = RunRef(123456789, 99, scenario_info(scenario, language), 123456789, 999)
        if scenario.format == "branching":
            for turn in scenario.turns.values():
                if turn.replies:
                    messages.append(
                        rv.turn_view(
                            TurnScreen(
                                run,
                                turn.customer.get(language),
                                [r.text.get(language) for r in turn.replies],
                                True,
                            ),
                            _,
                            BANK,
                        )
                    )
                else:
                    longest = [r.text.get(language) for t in scenario.turns.values() for r in t.replies]
                    messages += rv.end_view(
                        RoleplayEnd(
                            run,
                            turn.customer.get(language),
                            [Quality.BEST.value] * 5,
                            sorted(longest, key=len)[-5:],
                            0.5,
                        ),
                        _,
                    )
        else:
            assert scenario.customer is not None
            messages.append(rv.reply_prompt_view(ReplyPrompt(run, scenario.customer.get(language)), _, BANK))
            labels = [c.label.get(language) for c in scenario.rubric]
            messages.append(rv.rubric_view(RubricScreen(run, labels, [0], [0], voice=False), _))
            assert scenario.model_answer is not None
            messages += rv.result_view(
                FreeReplyResult(run, 0.5, labels[:1], labels[1:], scenario.model_answer.get(language), True),
                _,
            )
    assert _check(messages) == []
