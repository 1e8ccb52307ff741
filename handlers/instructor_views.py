"""Rendering of the instructors' screens: cohorts, members, links."""

from __future__ import annotations

import io

import qrcode
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.services.instructors import CohortDetail, CohortSummary, Denied
from handlers import callback_data as cd
from handlers.common import h
from handlers.text import View, pack

MEMBERS_SHOWN = 40


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def qr_png(link: str) -> bytes:
    """A QR code of a link, as PNG bytes (to print or show on a projector)."""
    buffer = io.BytesIO()
    qrcode.make(link, box_size=12, border=3).save(buffer, format="PNG")
    return buffer.getvalue()


def denied_text(denied: Denied, _: Translator) -> str:
    return {
        Denied.NOT_ADMIN: _("Only admins can do this."),
        Denied.NOT_INSTRUCTOR: _("This is for instructors. Ask an admin for an instructor invite link."),
        Denied.NOT_YOURS: _("This cohort is not one of yours."),
        Denied.UNKNOWN: _("This link or cohort does not exist (any more)."),
        Denied.USED: _("This invite link has already been used. Ask for a new one."),
        Denied.BAD_NAME: _("A cohort name has 2 to 80 characters. Send the name again."),
    }[denied]


def cohorts_view(cohorts: list[CohortSummary], _: Translator) -> View:
    lines = [_("👥 <b>Your cohorts</b>")]
    if not cohorts:
        lines.append(_("No cohort yet: create the first one."))
    rows = [[_button(f"{c.name[:40]} · {c.members}", cd.cohort(c.cohort_id))] for c in cohorts]
    rows.append([_button(_("➕ New cohort"), cd.cohort(None))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def cohort_view(detail: CohortDetail, _: Translator, bot_username: str) -> list[View]:
    link = deep_link(bot_username, detail.join_code)
    lines = [
        f"👥 <b>{h(detail.name)}</b>",
        _("Join link: {link}", link=h(link)),
        _("Join code: <code>{code}</code>", code=detail.join_code),
        _("Instructors: {names}", names=h(", ".join(detail.instructors)) or "—"),
        "",
        _("<b>Members ({n})</b>", n=len(detail.members)),
    ]
    lines += [f"{n}. {h(m.name)}" for n, m in enumerate(detail.members[:MEMBERS_SHOWN], start=1)]
    if len(detail.members) > MEMBERS_SHOWN:
        lines.append(_("… and {n} more.", n=len(detail.members) - MEMBERS_SHOWN))
    c = detail.cohort_id
    keyboard = InlineKeyboardMarkup(
        [
            [
                _button(_("🔳 QR code"), cd.cohort(c, "qr")),
                _button(_("♻️ New join code"), cd.cohort(c, "rot")),
            ],
            [
                _button(_("➖ Remove a member"), cd.cohort(c, "mem")),
                _button(_("🤝 Co-teacher link"), cd.cohort(c, "co")),
            ],
            [_button(_("📊 Report"), cd.report(c)), _button(_("📣 Announce"), cd.announce(c))],
        ]
    )
    texts = pack(["\n".join(lines)])
    return [(text, keyboard if i == len(texts) - 1 else None) for i, text in enumerate(texts)]


def remove_member_keyboard(detail: CohortDetail, _: Translator) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"➖ {m.name[:30]}", cd.cohort(detail.cohort_id, "rm", m.learner_id))]
        for m in detail.members[:MEMBERS_SHOWN]
    ]
    rows.append([_button(_("↩️ Back"), cd.cohort(detail.cohort_id))])
    return InlineKeyboardMarkup(rows)
