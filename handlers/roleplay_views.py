"""Rendering of role-plays and instructor reviews: service results → (HTML text, inline keyboard)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.content.loader import ContentBank
from bot.i18n import N_, Translator
from bot.services.reviews import ReviewDetail, ReviewList, ReviewSent
from bot.services.roleplay import (
    FreeReplyResult,
    PickOutcome,
    ReplyPrompt,
    ReviewRequested,
    RoleplayEnd,
    RoleplayMenu,
    RubricScreen,
    RunRef,
    TurnScreen,
)
from handlers import callback_data as cd
from handlers.common import h
from handlers.gamification_views import xp_line
from handlers.text import View, pack
from handlers.views import LETTERS

CHANNELS = {
    "phone": ("📞", N_("phone call")),
    "email": ("📧", N_("e-mail")),
    "chat": ("💬", N_("chat")),
    "social": ("📣", N_("social media")),
}
MOODS = {
    "calm": ("🙂", N_("calm")),
    "friendly": ("😊", N_("friendly")),
    "worried": ("😟", N_("worried")),
    "confused": ("😕", N_("confused")),
    "hurried": ("⏱️", N_("in a hurry")),
    "annoyed": ("😒", N_("annoyed")),
    "angry": ("😠", N_("angry")),
    "sceptical": ("🤨", N_("sceptical")),
}
QUALITY_ICONS = {"best": "✅", "acceptable": "🟡", "poor": "❌"}


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _intro(run: RunRef, _: Translator, bank: ContentBank) -> list[str]:
    info = run.scenario
    channel_icon, channel = CHANNELS[info.channel]
    mood_icon, mood = MOODS[info.mood]
    competency = bank.competencies.get(info.competency_id)
    label = f"{info.competency_id} {competency.short.get(_.language)}" if competency else info.competency_id
    return [
        f"🎭 <b>{h(info.title)}</b> · {h(label)}",
        f"{channel_icon} {_(channel)} · {mood_icon} {_(mood)} · {h(info.persona)}",
        f"<i>{h(info.situation)}</i>",
    ]


def after_play_keyboard(
    run: RunRef, _: Translator, extra: list[InlineKeyboardButton] | None = None
) -> InlineKeyboardMarkup:
    """Back to the practice session if the play is part of one; otherwise another play."""
    if run.session_id is not None and run.session_seq is not None:
        follow = _button(_("Next ▶️"), cd.practice(run.session_id, run.session_seq, "n"))
    else:
        follow = _button(_("🎭 Another role-play"), cd.ROLEPLAY)
    return InlineKeyboardMarkup([*([button] for button in extra or []), [follow]])


def turn_view(screen: TurnScreen, _: Translator, bank: ContentBank) -> View:
    lines = [*_intro(screen.run, _, bank), ""] if screen.first else []
    lines += [f"🗣 <b>{h(screen.run.scenario.persona)}</b>: {h(screen.customer_line)}", ""]
    lines += [f"<b>{LETTERS[i]}</b>  {h(reply)}" for i, reply in enumerate(screen.replies)]
    lines += ["", _("What do you answer?")]
    buttons = [
        _button(LETTERS[i], cd.roleplay(screen.run.run_id, screen.run.step, "p", i))
        for i in range(len(screen.replies))
    ]
    return "\n".join(lines), InlineKeyboardMarkup([buttons])


def pick_view(outcome: PickOutcome, _: Translator) -> str:
    """The chosen reply and its feedback, replacing the turn's message."""
    return "\n".join(
        [f"💬 {h(outcome.chosen)}", "", f"{QUALITY_ICONS[outcome.quality]} {h(outcome.feedback)}"]
    )


def end_view(end: RoleplayEnd, _: Translator) -> list[View]:
    lines = [
        f"🗣 <b>{h(end.run.scenario.persona)}</b>: {h(end.closing_line)}",
        "",
        _("🏁 <b>Role-play complete</b> — score {score} %", score=round(end.score * 100)),
        _("Your path: {path}", path=" ".join(QUALITY_ICONS[q] for q in end.qualities)),
        "",
        _("<b>The best path:</b>"),
    ]
    lines += [f"{n}. {h(reply)}" for n, reply in enumerate(end.best_replies, start=1)]
    earned = xp_line(end.activity, _)
    if earned:
        lines += ["", earned]
    return _with_keyboard(pack(["\n".join(lines)]), after_play_keyboard(end.run, _))


def reply_prompt_view(prompt: ReplyPrompt, _: Translator, bank: ContentBank) -> View:
    lines = [*_intro(prompt.run, _, bank), ""]
    lines += [
        _("🗣 <b>{name}</b> writes:", name=h(prompt.run.scenario.persona)),
        h(prompt.customer_message),
        "",
    ]
    lines.append(_("✍️ Write your reply in one message — or send a voice message."))
    return "\n".join(lines), None


def rubric_view(screen: RubricScreen, _: Translator) -> View:
    lines = [_("📋 <b>Check your reply</b>")]
    if screen.voice:
        lines.append(_("Your voice reply is saved. Tick each criterion your reply meets — honestly."))
    else:
        lines.append(_("I ticked what I found in your reply. Correct it honestly: tap to tick or untick."))
    lines += [""] + [f"{n}. {h(label)}" for n, label in enumerate(screen.criteria, start=1)]
    toggles = [
        [
            _button(
                ("✅ " if i in screen.ticked else "⬜ ") + f"{i + 1}. {_short(label)}",
                cd.roleplay(screen.run.run_id, screen.run.step, "t", i),
            )
        ]
        for i, label in enumerate(screen.criteria)
    ]
    confirm = [_button(_("✔️ Confirm"), cd.roleplay(screen.run.run_id, screen.run.step, "c"))]
    return "\n".join(lines), InlineKeyboardMarkup([*toggles, confirm])


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def result_view(result: FreeReplyResult, _: Translator) -> list[View]:
    lines = [_("🏁 <b>Score: {score} %</b>", score=round(result.score * 100))]
    lines += [f"✅ {h(label)}" for label in result.met] + [f"⬜ {h(label)}" for label in result.missed]
    earned = xp_line(result.activity, _)
    if earned:
        lines.append(earned)
    lines += ["", _("💡 <b>A model answer:</b>"), h(result.model_answer)]
    extra = []
    if result.can_ask_instructor:
        extra.append(
            _button(_("👩‍🏫 Ask my instructor"), cd.roleplay(result.run.run_id, result.run.step, "i"))
        )
    return _with_keyboard(pack(["\n".join(lines)]), after_play_keyboard(result.run, _, extra))


def _with_keyboard(texts: list[str], keyboard: InlineKeyboardMarkup) -> list[View]:
    """Long texts split into several messages; the keyboard goes with the last one."""
    return [(text, keyboard if index == len(texts) - 1 else None) for index, text in enumerate(texts)]


def menu_view(menu: RoleplayMenu, _: Translator, bank: ContentBank) -> View:
    titles = {domain.id: domain.title.get(_.language) for domain in bank.domains}
    rows = [
        [_button(f"{d}. {_short(titles.get(d, d), 40)}", cd.roleplay_domain(d))] for d, _count in menu.domains
    ]
    rows.append([_button(_("🎲 Surprise me"), cd.roleplay_domain(None))])
    text = _("🎭 <b>Role-play</b>: I play the customer, you answer.\nNo role-play is due. Choose a domain:")
    return text, InlineKeyboardMarkup(rows)


# -- reviews -----------------------------------------------------------------------------------------


def review_request_notice(request: ReviewRequested, language: str, _: Translator) -> View:
    text = _(
        "📝 <b>{learner}</b> asks for your feedback on the role-play “{title}” ({competency}).",
        learner=h(request.learner_name),
        title=h(request.titles[language]),
        competency=request.competency_id,
    )
    return text, InlineKeyboardMarkup([[_button(_("Open ▶️"), cd.review(request.review_id, "o"))]])


def review_list_view(listing: ReviewList, _: Translator) -> View:
    if not listing.items:
        return _("📭 No reply is waiting for review."), None
    lines = [_("📝 <b>Replies waiting for your review</b>")]
    rows = []
    for n, item in enumerate(listing.items, start=1):
        lines.append(f"{n}. {h(item.learner_name)} · {item.competency_id} {h(item.title)}")
        rows.append(
            [
                _button(
                    f"{n}. {_short(item.learner_name, 20)} · {item.competency_id}",
                    cd.review(item.review_id, "o"),
                )
            ]
        )
    if listing.more:
        lines.append(_("… and {n} more.", n=listing.more))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def review_context_texts(detail: ReviewDetail, _: Translator) -> list[str]:
    """The scenario and the learner's reply, sent once when a review is opened."""
    blocks = [
        _(
            "📝 <b>Review</b> · {learner} · {competency} {title}",
            learner=h(detail.learner_name),
            competency=detail.competency_id,
            title=h(detail.title),
        ),
        f"<i>{h(detail.situation)}</i>",
        _("🗣 <b>Customer:</b>") + "\n" + h(detail.customer_message),
    ]
    if detail.reply_text:
        blocks.append(_("✍️ <b>Reply:</b>") + "\n" + h(detail.reply_text))
    if detail.reply_voice_file_id:
        blocks.append(_("🎤 The reply is a voice message (below)."))
    return pack(blocks)


def review_rubric_view(detail: ReviewDetail, _: Translator) -> View:
    lines = [_("Tick what the reply meets (the learner's own ticks are preset):")]
    lines += [f"{n}. {h(label)}" for n, label in enumerate(detail.criteria, start=1)]
    if detail.comment_text or detail.comment_voice_file_id:
        comment = h(detail.comment_text) if detail.comment_text else _("🎤 voice comment")
        lines += ["", _("💬 Your comment: {comment}", comment=comment)]
    if detail.awaiting_comment:
        lines += ["", _("💬 Send your comment now, as a text or a voice message.")]
    rows = [
        [
            _button(
                ("✅ " if i in detail.met else "⬜ ") + f"{i + 1}. {_short(label)}",
                cd.review(detail.review_id, "t", i),
            )
        ]
        for i, label in enumerate(detail.criteria)
    ]
    rows.append(
        [
            _button(_("💬 Comment"), cd.review(detail.review_id, "m")),
            _button(_("📨 Send feedback"), cd.review(detail.review_id, "s")),
        ]
    )
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def feedback_for_learner(sent: ReviewSent, _: Translator) -> list[str]:
    lines = [_("👩‍🏫 <b>Feedback from your instructor</b> on “{title}”", title=h(sent.title))]
    lines += [("✅ " if met else "⬜ ") + h(label) for label, met in sent.criteria]
    if sent.comment_text:
        lines += ["", f"💬 {h(sent.comment_text)}"]
    if sent.comment_voice_file_id:
        lines += ["", _("🎤 A voice comment follows.")]
    return pack(["\n".join(lines)])
