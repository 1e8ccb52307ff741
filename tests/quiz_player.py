"""Plays quiz questions through the bot's buttons, as a learner would, right or wrong on purpose."""

from __future__ import annotations

import re
from html import unescape

from bot.content.loader import ContentBank
from bot.content.schema import QuizItem, QuizType
from tests.harness import LEA, BotHarness

OPTION_LINE = re.compile(r"^<b>([A-L])</b>  (.+)$", re.MULTILINE)


def shown_item(bot: BotHarness, bank: ContentBank, language: str) -> QuizItem:
    text = unescape(bot.interactive_text())
    matches = [item for item in bank.quiz.values() if item.text(language).question in text]
    assert len(matches) == 1, f"cannot tell which item is shown: {text!r}"
    return matches[0]


def letters(bot: BotHarness) -> dict[str, str]:
    """Option text → its letter on screen."""
    return {unescape(option): letter for letter, option in OPTION_LINE.findall(bot.interactive_text())}


def _button(bot: BotHarness, label: str) -> str:
    for text, data in bot.last_buttons():
        if text == label or text.endswith(" " + label):
            return data
    raise AssertionError(f"no button {label!r} in {bot.last_buttons()}")


async def answer(
    bot: BotHarness, bank: ContentBank, *, language: str = "de", right: bool = True, user: dict = LEA
) -> QuizItem:  # type: ignore[type-arg]
    """Answer the question on screen, rightly or wrongly; returns the item answered."""
    item = shown_item(bot, bank, language)
    options = item.text(language).options
    on_screen = letters(bot)
    if item.type is QuizType.TRUE_FALSE:
        truth = bool(item.answer) if right else not item.answer
        await bot.press(_truth_button(bot, truth), user=user)
    elif item.type is QuizType.SINGLE:
        index = item.correct[0] if right else next(i for i in range(len(options)) if i not in item.correct)
        await bot.press(_button(bot, on_screen[options[index]]), user=user)
    elif item.type is QuizType.MULTIPLE:
        chosen = item.correct if right else [i for i in range(len(options)) if i not in item.correct]
        for index in chosen:
            await bot.press(_button(bot, on_screen[options[index]]), user=user)
        await bot.press(bot.last_buttons()[-1][1], user=user)
    else:
        order = list(range(len(options))) if right else list(reversed(range(len(options))))
        for index in order:
            await bot.press(_button(bot, on_screen[options[index]]), user=user)
    return item


def _truth_button(bot: BotHarness, truth: bool) -> str:
    """The true/false buttons are the first (true) and second (false) of the row."""
    return bot.last_buttons()[0 if truth else 1][1]


async def next_question(bot: BotHarness, user: dict = LEA) -> None:  # type: ignore[type-arg]
    """Press the feedback's "Next" button (whatever its label in the learner's language)."""
    matching = [data for _label, data in bot.last_buttons() if data.endswith(":n")]
    assert matching, f"no Next button in {bot.last_buttons()}"
    await bot.press(matching[0], user=user)
