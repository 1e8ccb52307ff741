"""A campaign from the wizard to the exports: scheduled, delivered once across a restart, answered,
reminded, closed, reported and exported."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from bot.config import Settings
from bot.content.loader import ContentBank
from bot.db.models import Campaign
from bot.db.session import make_engine
from bot.i18n import translator
from bot.services import Services
from bot.services.content_sync import sync_items
from bot.services.context import ServiceContext
from bot.services.outbox import Delivery
from jobs.sender import deliver, send_outbox
from tests.conftest import FakeClock
from tests.handlers.test_instructors import TEACHER, make_cohort, make_teacher
from tests.harness import LEA, MARC, BotHarness
from tests.quiz_player import answer, next_question

TITLE = "KD 2026 Bern · 02.03.2026"
NINA = {"id": 333, "is_bot": False, "first_name": "Nina", "language_code": "it"}


def _campaign_messages(bot: BotHarness, chat_id: int) -> list[str]:
    return [
        t
        for t in bot.texts_to(chat_id)
        if t.startswith(("📣", translator("de")("📣 Your instructor sent you a quiz!")))
    ]


async def _wizard(bot: BotHarness) -> None:
    await bot.send("/campaigns", user=TEACHER)
    await bot.press("cn", user=TEACHER)
    await bot.press(next(d for label, d in bot.last_buttons() if "KD" in label), user=TEACHER)  # cohort
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)  # all domains
    await bot.press(next(d for label, d in bot.last_buttons() if label.endswith(" 5")), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)
    await bot.send("02.03.2026 12:00", user=TEACHER)  # start typed as text (clock: 02.03.2026 09:00 local)
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":e:3")), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":r:24")), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":b:1")), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)


async def test_a_campaign_end_to_end(
    bot: BotHarness, services: Services, settings: Settings, clock: FakeClock, bank: ContentBank
) -> None:
    await make_teacher(bot, settings)
    code = await make_cohort(bot, "KD 2026 Bern")
    for learner in (LEA, MARC):
        await bot.send(f"/start {code}", user=learner)
    await _wizard(bot)
    async with services.context.sessions() as session:
        campaign = await session.scalar(select(Campaign))
    assert campaign is not None and campaign.status == "scheduled" and len(campaign.item_ids) == 5
    assert campaign.starts_at is not None and campaign.starts_at.hour == 11  # 12:00 in Zurich

    await services.scheduling.sweep()  # before the start: no campaign (this Monday's weekly summaries go out)
    await send_outbox(bot.app.bot, services)
    assert not any(TITLE in t for learner in (LEA, MARC) for t in bot.texts_to(learner["id"]))
    clock.now = campaign.starts_at + timedelta(minutes=1)
    await services.scheduling.sweep()
    first = await services.outbox.claim(limit=1)  # the sender crashes after one message…
    assert [await deliver(bot.app.bot, m) for m in first] == [(Delivery.SENT, None)]
    await services.outbox.mark(first[0].outbox_id, Delivery.SENT)
    restarted = Services.create(
        ServiceContext(make_engine(settings.database_url), bank, settings, clock=clock)
    )
    await sync_items(restarted.context)
    await restarted.scheduling.sweep()  # …and after the restart nothing is enqueued twice
    await send_outbox(bot.app.bot, restarted)
    await bot.send(f"/start {code}", user=NINA)  # a late joiner still gets the running campaign
    await restarted.scheduling.sweep()
    await send_outbox(bot.app.bot, restarted)
    await restarted.context.engine.dispose()
    for learner in (LEA, MARC, NINA):
        assert len([t for t in bot.texts_to(learner["id"]) if TITLE in t]) == 1, learner

    await bot.press(f"cs:{campaign.id}", user=LEA)
    for _ in range(5):
        await answer(bot, bank, right=True)
        await next_question(bot)
    assert (
        "5000" in bot.interactive_text()
    )  # five right answers at once: 1000 points each with the speed bonus
    await bot.press(f"cs:{campaign.id}", user=LEA)
    assert bot.callback_answers()[-1] == translator("de")("You have already done this quiz. Well done!")

    clock.now = campaign.deadline - timedelta(hours=23)  # type: ignore[operator]
    await services.scheduling.sweep()
    await services.scheduling.sweep()
    await send_outbox(bot.app.bot, services)
    reminders = [c for c in bot.api.sent("sendMessage") if "⏰" in str(c.params["text"])]
    assert sorted(int(c.params["chat_id"]) for c in reminders) == [MARC["id"], NINA["id"]]

    await bot.press(f"cs:{campaign.id}", user=MARC)
    await answer(bot, bank, language="fr", right=False, user=MARC)
    clock.now = campaign.deadline + timedelta(minutes=1)  # type: ignore[operator]
    await services.scheduling.sweep()
    await next_question(bot, user=MARC)
    assert bot.callback_answers()[-1] == translator("fr")("This quiz is closed.")
    await bot.press(f"cs:{campaign.id}", user=NINA)
    assert bot.callback_answers()[-1] == translator("it")("This quiz is closed.")

    await bot.press(f"cr:{campaign.id}", user=TEACHER)
    report = bot.last_text()
    assert "1/3" in report and "Lea M." in report
    await bot.press(f"cr:{campaign.id}:xlsx", user=TEACHER)
    workbook = load_workbook(io.BytesIO(bot.api.sent("sendDocument")[-1].params["_files"]["document"]))
    sheets = workbook.sheetnames
    learners = {row[0]: row for row in workbook[sheets[1]].iter_rows(min_row=2, values_only=True)}
    assert learners["Lea M."][1:4] == (5, 5, learners["Lea M."][3]) and learners["Lea M."][3] >= 2500
    assert learners["Marc"][1:3] == (1, 0) and learners["Nina"][1] == 0
    await bot.press(f"cr:{campaign.id}:csv", user=TEACHER)
    assert (
        bot.api.sent("sendDocument")[-1]
        .params["_files"]["document"]
        .decode("utf-8-sig")
        .startswith(translator("de")("Learner"))
    )
    await bot.press(f"cr:{campaign.id}:png", user=TEACHER)
    await bot.press(f"cr:{campaign.id}", user=LEA)  # a learner cannot see the results
    assert bot.callback_answers()[-1] == translator("de")("This cohort is not one of yours.")


async def test_competencies_of_one_domain_and_the_wizards_refusals(
    bot: BotHarness, services: Services, settings: Settings
) -> None:
    await make_teacher(bot, settings)
    await make_cohort(bot, "KD Sion")
    await bot.send("/campaigns", user=LEA)  # a learner
    assert bot.last_text() == translator("de")(
        "This is for instructors. Ask an admin for an instructor invite link."
    )
    await bot.send("/campaigns", user=TEACHER)
    await bot.press("cn", user=TEACHER)
    wizard = bot.last_buttons()
    await bot.press(next(d for label, d in wizard if "KD" in label), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if ":go:" in d), user=TEACHER)
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":d:1")), user=TEACHER)  # domain 1
    await bot.press(next(d for _l, d in bot.last_buttons() if d.endswith(":k:1_2")), user=TEACHER)  # only 1.2
    available = translator("de")("Questions: {n} (of {eligible} available)", n=10, eligible=2)
    assert available in bot.interactive_text()  # the fixture has 2 questions of competency 1.2
    campaign_id = int(wizard[0][1].split(":")[1])
    await bot.press(f"cw:{campaign_id}:go:1", user=LEA)  # someone else's wizard
    assert bot.callback_answers()[-1] == translator("de")("This link or cohort does not exist (any more).")
    await bot.press(f"cw:{campaign_id}:c:999", user=TEACHER)  # a cohort that is not theirs
    assert bot.callback_answers()[-1] == translator("de")("This cohort is not one of yours.")
