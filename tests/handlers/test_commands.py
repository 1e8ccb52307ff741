"""/help, /settings, /language, /timezone, /progress, unknown input and the error handler."""

from __future__ import annotations

import logging

import pytest

from bot.services import Services
from tests.harness import MARC, BotHarness


async def test_help_lists_the_commands(bot: BotHarness) -> None:
    await bot.send("/help")
    for command in ("/practice", "/progress", "/settings", "/language"):
        assert command in bot.last_text()


@pytest.mark.parametrize("text", ["hello", "/nosuchcommand", "x" * 4096, "<b>&", "🙂" * 2000])
async def test_any_text_gets_a_short_pointer(bot: BotHarness, text: str) -> None:
    await bot.send(text)
    assert "/practice" in bot.last_text() and "/help" in bot.last_text()
    assert len(bot.last_text()) < 300


async def test_settings_change_language_reminder_and_timezone(bot: BotHarness, services: Services) -> None:
    await bot.send("/settings")
    assert "Europe/Zurich" in bot.last_text()
    await bot.press("set:tz")
    await bot.press_label("Europe/London")
    await bot.send("/timezone America/New_York")
    await bot.send("/timezone Not/AZone")
    assert "Europe/Zurich" in bot.last_text()  # the example in the refusal
    await bot.send("/language")
    await bot.press_label("Italiano")
    await bot.send("/settings")
    assert "America/New_York" in bot.last_text()
    assert "Italiano" in bot.last_text()


async def test_progress_lists_every_competency(bot: BotHarness) -> None:
    await bot.send("/progress")
    text = bot.last_text()
    for competency in ("1.1", "1.2", "2.1"):
        assert competency in text
    assert "0/6" in text or "0/" in text


async def test_an_error_is_logged_and_answered_politely(
    bot: BotHarness, services: Services, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(services.progress, "report", broken)
    with caplog.at_level(logging.ERROR):
        await bot.send("/progress", user=MARC)
    assert "database on fire" in caplog.text
    assert "😕" in bot.last_text()
    assert "Traceback" not in bot.last_text()


async def test_an_unknown_button_is_answered_without_change(bot: BotHarness) -> None:
    await bot.send("/start")
    before = len(bot.api.screens())
    await bot.press("something:else")
    assert len(bot.api.screens()) == before
    assert bot.callback_answers()[-1]


async def test_the_command_menu_is_published_in_every_language(bot: BotHarness) -> None:
    calls = bot.api.sent("setMyCommands")
    assert sorted(str(call.params.get("language_code")) for call in calls) == ["None", "de", "en", "fr", "it"]
    descriptions = {str(call.params.get("language_code")): str(call.params["commands"]) for call in calls}
    assert len(set(descriptions.values())) == 4  # fr, de, it, en differ; the default repeats French
    assert descriptions["None"] == descriptions["fr"]
