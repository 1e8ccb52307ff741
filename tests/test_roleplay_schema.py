"""The role-play schema: every branch reachable and ending, sane path lengths, complete rubrics."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from bot.content.schema import Roleplay
from tests.conftest import FIXTURE_CONTENT

BRANCHING: dict[str, Any] = yaml.safe_load((FIXTURE_CONTENT / "roleplay" / "1.1.yaml").read_text())[
    "scenarios"
][0]
FREE: dict[str, Any] = yaml.safe_load((FIXTURE_CONTENT / "roleplay" / "2.1.yaml").read_text())["scenarios"][0]


def _error(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as raised:
        Roleplay.model_validate(data)
    return str(raised.value)


def test_the_fixtures_are_valid() -> None:
    assert Roleplay.model_validate(BRANCHING).format == "branching"
    assert Roleplay.model_validate(FREE).format == "free_reply"


def test_a_loop_is_refused() -> None:
    data = copy.deepcopy(BRANCHING)
    data["turns"]["t2"]["replies"][2]["next"] = "t1"
    assert "loops back" in _error(data)


def test_an_unreachable_turn_is_refused() -> None:
    data = copy.deepcopy(BRANCHING)
    data["turns"]["orphan"] = {"customer": data["turns"]["end_ok"]["customer"]}
    assert "never reached: orphan" in _error(data)


def test_a_reply_to_an_unknown_turn_is_refused() -> None:
    data = copy.deepcopy(BRANCHING)
    data["turns"]["t1"]["replies"][0]["next"] = "nowhere"
    assert "unknown turn 'nowhere'" in _error(data)


def test_a_path_with_a_single_decision_is_too_short() -> None:
    data = copy.deepcopy(BRANCHING)
    data["turns"]["t1"]["replies"][0]["next"] = "end_ok"
    del data["turns"]["t2"]
    assert "needs 2-5" in _error(data)


def test_a_turn_needs_a_best_reply_and_two_or_more_replies() -> None:
    data = copy.deepcopy(BRANCHING)
    for reply in data["turns"]["t3"]["replies"]:
        reply["quality"] = "poor"
    assert "one reply of quality 'best'" in _error(data)
    data = copy.deepcopy(BRANCHING)
    data["turns"]["t3"]["replies"] = data["turns"]["t3"]["replies"][:1]
    assert "2-4 replies" in _error(data)


def test_a_free_reply_needs_three_to_six_criteria_with_indicators_in_every_language() -> None:
    data = copy.deepcopy(FREE)
    data["rubric"] = data["rubric"][:2]
    assert "3-6 criteria" in _error(data)
    data = copy.deepcopy(FREE)
    del data["rubric"][0]["indicators"]["it"]
    assert "each of fr, de, it, en" in _error(data)


def test_limits_hold_in_every_language() -> None:
    data = copy.deepcopy(BRANCHING)
    data["turns"]["t1"]["replies"][0]["text"]["it"] = "x" * 301
    assert "reply in it is longer than 300" in _error(data)
