"""/help, /settings, /language, /timezone, /progress, unknown input and the error handler."""

from __future__ import annotations

import logging

import pytest
from telegram import User

from bot.i18n import translator
from bot.services import Services
from handlers.common import user_info
from handlers.notification_views import reminder_view
from tests.harness import LEA, MARC, BotHarness


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


async def test_reminder_settings_days_pause_and_nudges(bot: BotHarness, services: Services) -> None:

    await bot.send("/settings")
    await bot.press("set:rem")
    assert "⏰" in bot.interactive_text()
    await bot.press("rem:1900")
    await bot.press("set:days")
    await bot.press("rd:5")  # Saturday off
    await bot.press("rd:6")  # Sunday off
    await bot.press("set:pause")
    await bot.press("rp:14")
    await bot.press("rn:0")
    profile = await services.learners.profile(user_info(User(**LEA)))
    assert profile.reminder_time is not None and profile.reminder_time.hour == 19
    assert profile.reminder_days == frozenset(range(5))
    assert profile.paused_until is not None and not profile.streak_nudges
    assert "⏸" in bot.interactive_text()
    await bot.press("rp:0")
    profile = await services.learners.profile(user_info(User(**LEA)))
    assert profile.paused_until is None


async def test_a_reminder_button_opens_a_session(bot: BotHarness, services: Services) -> None:

    text, keyboard = reminder_view({"due": 3, "streak": 4}, translator("de"))
    assert "3" in text and "4" in text and keyboard is not None
    await bot.send("/start")
    await bot.press(keyboard.inline_keyboard[0][0].callback_data)  # type: ignore[arg-type]
    assert "1/" in bot.interactive_text()


async def test_pause_until_a_date_and_resume(bot: BotHarness, services: Services) -> None:
    await bot.send("/pause 24.12.2026")
    profile = await services.learners.profile(user_info(User(**LEA)))
    assert profile.paused_until is not None and profile.paused_until.isoformat() == "2026-12-24"
    await bot.send("/pause 01.01.2020")
    assert "/pause 24.12.2026" in bot.last_text()  # a past date is refused with an example
    await bot.send("/pause tomorrow-ish")
    assert (await services.learners.profile(user_info(User(**LEA)))).paused_until is not None
    await bot.send("/pause")
    assert (await services.learners.profile(user_info(User(**LEA)))).paused_until is None
