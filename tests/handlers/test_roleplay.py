"""Role-plays through the bot: a branching path, free replies (text and voice), reviews, stale presses."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.db.models import Card, Review, ReviewRequest, RoleplayRun
from bot.i18n import translator
from bot.services import Services
from tests.harness import LEA, MARC, BotHarness
from tests.quiz_player import answer, letters, next_question

ADMIN: dict[str, Any] = {
    "id": 999,
    "is_bot": False,
    "first_name": "Sandra",
    "last_name": "Keller",
    "language_code": "fr",
}
DE = translator("de")


def _data(bot: BotHarness, prefix: str) -> list[str]:
    return [data for _label, data in bot.last_buttons() if data.startswith(prefix)]


async def _pick(bot: BotHarness, reply: str, *, user: dict[str, Any] = LEA) -> None:
    """Pick the reply whose text contains `reply` (replies are shown shuffled)."""
    letter = letters(bot)[f"Reply {reply} [{translator_language(user)}]"]
    await bot.press(next(data for label, data in bot.last_buttons() if label == letter), user=user)


def translator_language(user: dict[str, Any]) -> str:
    return str(user["language_code"])[:2]


async def _open_domain(bot: BotHarness, domain: str) -> None:
    await bot.send("/roleplay")
    await bot.press(f"rm:{domain}")


async def _rows(services: Services, model: type) -> list[Any]:
    async with services.context.sessions() as session:
        return list((await session.scalars(select(model))).all())


async def test_a_whole_branching_path_scores_and_shows_the_best_path(
    bot: BotHarness, services: Services
) -> None:
    await bot.send("/roleplay")
    assert _data(bot, "rm:")  # nothing due yet: the domain menu
    await bot.press("rm:1")
    assert (
        "Late parcel [de]" in bot.interactive_text() and "Where is my parcel? [de]" in bot.interactive_text()
    )
    assert "Marco Bernasconi" in bot.interactive_text()
    await _pick(bot, "blame")  # the poor reply
    screens = bot.api.screens()
    assert "Feedback blame [de]" in screens[-2].params["text"] and "❌" in screens[-2].params["text"]
    assert "That is outrageous! [de]" in bot.interactive_text()
    await _pick(bot, "recover")
    text = bot.interactive_text()
    assert "Fine, goodbye. [de]" in text
    assert re.search(r"50\s%", text) and "❌ ✅" in text
    assert "Reply calm [de]" in text and "Reply plan [de]" in text  # the best path
    runs = await _rows(services, RoleplayRun)
    assert runs[0].status == "done" and runs[0].score == 0.5
    reviews = await _rows(services, Review)
    assert len(reviews) == 1 and reviews[0].score == 0.5 and reviews[0].item_id == "c1.1.r01"
    assert len(await _rows(services, Card)) == 1


async def test_presses_after_the_end_and_forged_presses_change_nothing(
    bot: BotHarness, services: Services
) -> None:
    await _open_domain(bot, "1")
    first = _data(bot, "r:")
    first_message = bot.last_message_id()
    await _pick(bot, "calm")
    await bot.press(first[0], message_id=first_message)  # a second tap on the answered turn
    assert bot.callback_answers()[-1] == DE("This button is no longer active.")
    await _pick(bot, "plan")
    for stale in [first[1], "r:999:0:p:0", "r:1:9:p:0", "r:1:2:i", "rm:9"]:
        await bot.press(stale)
        assert bot.callback_answers()[-1] == DE("This button is no longer active.")
    await bot.press(first[0], user=MARC)
    assert bot.callback_answers()[-1] == translator("fr")("This button is no longer active.")
    assert len(await _rows(services, Review)) == 1


async def test_a_free_reply_with_detected_and_corrected_criteria(bot: BotHarness, services: Services) -> None:
    await _open_domain(bot, "2")
    assert "My bill is CHF 412 instead of CHF 60. [de]" in bot.last_text()
    await bot.send("Guten Tag Frau Meier, ich verstehe Ihren Ärger.")
    rubric = bot.last_buttons()
    assert [label[0] for label, _ in rubric[:3]] == ["✅", "✅", "⬜"]
    await bot.press(rubric[2][1])  # the learner honestly ticks "solution" too
    await bot.press(bot.last_buttons()[1][1])  # …and unticks "empathy"
    await bot.press(_data(bot, "r:")[-1])  # confirm
    text = bot.interactive_text()
    assert re.search(r"67\s%", text) and "Dear Ms Meier, I understand. I will check your bill. [de]" in text
    run = (await _rows(services, RoleplayRun))[0]
    assert run.detected == ["greeting", "empathy"] and sorted(run.confirmed) == ["greeting", "solution"]
    assert run.reply_text == "Guten Tag Frau Meier, ich verstehe Ihren Ärger."


async def test_a_voice_reply_is_kept_and_self_assessed(bot: BotHarness, services: Services) -> None:
    await _open_domain(bot, "2")
    await bot.send_voice("VOICE-FILE-1")
    assert [label[0] for label, _ in bot.last_buttons()[:3]] == ["⬜", "⬜", "⬜"]
    await bot.press(bot.last_buttons()[0][1])
    await bot.press(_data(bot, "r:")[-1])
    assert re.search(r"33\s%", bot.interactive_text())
    run = (await _rows(services, RoleplayRun))[0]
    assert run.reply_voice_file_id == "VOICE-FILE-1" and run.score == pytest.approx(1 / 3)


async def test_a_review_round_trip_reaches_the_learner_and_is_stored(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    settings.admin_telegram_ids = [ADMIN["id"]]
    await bot.send("/start", user=ADMIN)
    await _open_domain(bot, "2")
    await bot.send("Guten Tag Frau Meier, ich prüfe das.")
    await bot.press(_data(bot, "r:")[-1])  # confirm as detected
    ask = [data for _label, data in bot.last_buttons() if data.endswith(":i")]
    assert ask, "a learner with a reviewer may ask for a review"
    await bot.press(ask[0])
    await bot.press(ask[0])  # a second request is refused
    assert bot.callback_answers()[-1] == DE("Your instructor already has this reply.")
    notice = bot.texts_to(ADMIN["id"])[-1]
    assert "Lea M." in notice and "High bill [fr]" in notice

    await bot.send("/reviews", user=ADMIN)
    await bot.press(_data(bot, "rv:")[0], user=ADMIN)
    assert any("Guten Tag Frau Meier, ich prüfe das." in t for t in bot.texts_to(ADMIN["id"]))
    await bot.press(_data(bot, "rv:")[1], user=ADMIN)  # tick "empathy"
    await bot.press(next(d for d in _data(bot, "rv:") if d.endswith(":m")), user=ADMIN)
    await bot.send("Très bonne réponse, ajoute une date.", user=ADMIN)
    assert "Très bonne réponse" in bot.last_text()
    send = next(d for d in _data(bot, "rv:") if d.endswith(":s"))
    await bot.send_voice("ADMIN-VOICE", user=ADMIN)  # nothing awaits a voice now: a pointer, no change
    assert "/practice" in bot.last_text()
    await bot.press(send, user=ADMIN)

    feedback = bot.texts_to(LEA["id"])[-1]
    assert "Très bonne réponse, ajoute une date." in feedback and "Greets by name [de]" in feedback
    request = (await _rows(services, ReviewRequest))[0]
    assert request.status == "done" and request.comment_text == "Très bonne réponse, ajoute une date."
    assert sorted(request.criteria_met) == ["empathy", "greeting", "solution"]
    await bot.press(f"rv:{request.id}:s", user=ADMIN)
    assert bot.callback_answers()[-1] == translator("fr")("This review is already done.")


async def test_only_reviewers_may_see_or_act_on_reviews(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    settings.admin_telegram_ids = [ADMIN["id"]]
    await bot.send("/start", user=ADMIN)
    await _open_domain(bot, "2")
    await bot.send("Frau Meier")
    await bot.press(_data(bot, "r:")[-1])
    await bot.press(next(data for _label, data in bot.last_buttons() if data.endswith(":i")))
    request = (await _rows(services, ReviewRequest))[0]
    await bot.send("/reviews", user=MARC)
    assert bot.last_text() == translator("fr")("Only instructors can review replies.")
    await bot.press(f"rv:{request.id}:s", user=MARC)
    assert bot.callback_answers()[-1] == translator("fr")("Only instructors can review replies.")
    await bot.press(f"rv:{request.id}:o")  # the learner cannot review their own reply
    assert bot.callback_answers()[-1] == DE("Only instructors can review replies.")
    assert (await _rows(services, ReviewRequest))[0].status == "pending"


async def test_without_a_reviewer_there_is_no_ask_button(bot: BotHarness) -> None:
    await _open_domain(bot, "2")
    await bot.send("Frau Meier")
    await bot.press(_data(bot, "r:")[-1])
    assert not [data for _label, data in bot.last_buttons() if data.endswith(":i")]


async def test_practice_mixes_in_a_role_play_and_continues(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    settings.roleplay_every = 2
    await bot.send("/practice")
    bank = services.context.bank
    await answer(bot, bank)
    await next_question(bot)
    await answer(bot, bank)
    await next_question(bot)
    assert "🎭" in bot.interactive_text()  # a role-play after two questions
    if _data(bot, "r:"):
        while _data(bot, "r:"):
            await bot.press(_data(bot, "r:")[0])
    else:
        await bot.send("Frau Meier, ich verstehe und prüfe das.")
        await bot.press(_data(bot, "r:")[-1])
    await next_question(bot)  # back to the session
    assert "3/" in bot.interactive_text()
