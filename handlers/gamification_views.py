"""Rendering of XP, goals, streaks, badges, leaderboards and weekly summaries."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.services.boards import BadgesView, Board, LeaderboardView, StreakView
from bot.services.gamification import Activity
from bot.services.weekly import WeeklySummary
from handlers import callback_data as cd
from handlers.common import h
from handlers.text import View, bar, pack

MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def xp_line(activity: Activity | None, _: Translator) -> str | None:
    """ "+12 XP · today 32/50 🎯" under a feedback, or why nothing was earned."""
    if activity is None:
        return None
    if activity.xp_gained == 0:
        return _(
            "⭐ No XP this time: this one already counted today. Today: {today}/{goal}",
            today=activity.xp_today,
            goal=activity.goal,
        )
    return _(
        "⭐ +{xp} XP · today {today}/{goal} 🎯",
        xp=activity.xp_gained,
        today=activity.xp_today,
        goal=activity.goal,
    )


def goal_line(activity: Activity | None, _: Translator) -> str | None:
    if activity is None:
        return None
    return (
        _("🎯 Daily goal: {today}/{goal} XP", today=activity.xp_today, goal=activity.goal)
        + "\n"
        + bar(activity.xp_today / activity.goal if activity.goal else 1.0, width=10)
    )


def announcements(activity: Activity | None, _: Translator) -> list[str]:
    """Separate messages for what an answer achieved: the goal, the streak, freezes, new badges."""
    if activity is None:
        return []
    lines: list[str] = []
    if activity.goal_reached_now:
        parts = [_("🎯 <b>Daily goal reached!</b>")]
        if activity.broken_from:
            parts.append(
                _(
                    "A new streak starts today — every day counts, you'll be back at {n} days in no time! 💪",
                    n=activity.broken_from,
                )
            )
        else:
            parts.append(_.ngettext("🔥 Streak: {n} day", "🔥 Streak: {n} days", activity.streak))
        if activity.freezes_used:
            parts.append(
                _.ngettext(
                    "🧊 A streak freeze covered the day you missed.",
                    "🧊 Streak freezes covered the {n} days you missed.",
                    activity.freezes_used,
                )
            )
        if activity.freeze_earned:
            parts.append(_("🧊 You earned a streak freeze: it will save your streak on a day you miss."))
        lines.append("\n".join(parts))
    for badge in activity.badges:
        lines.append(
            _("🏅 <b>New badge:</b> {icon} {name}", icon=badge.icon, name=h(badge.name))
            + "\n"
            + h(badge.description)
        )
    return lines


def streak_view(view: StreakView, _: Translator) -> str:
    lines = [
        _.ngettext("🔥 <b>Streak: {n} day</b>", "🔥 <b>Streak: {n} days</b>", view.current),
        _("🏆 Longest: {n}", n=view.longest),
        _.ngettext(
            "🧊 Streak freezes: {n} (one is earned every 7 days, at most 2)",
            "🧊 Streak freezes: {n} (one is earned every 7 days, at most 2)",
            view.freezes,
        ),
        "",
        _("🎯 Today: {today}/{goal} XP", today=view.xp_today, goal=view.goal),
        bar(view.xp_today / view.goal if view.goal else 1.0, width=10),
    ]
    if view.at_stake:
        lines.append(_("Reach today's goal to keep your {n}-day streak going!", n=view.at_stake))
    elif view.xp_today >= view.goal:
        lines.append(_("Goal reached today — well done! ✅"))
    else:
        lines.append(_("Reach your daily goal to start a streak."))
    return "\n".join(lines)


def badges_view(view: BadgesView, _: Translator) -> list[str]:
    blocks = [_("🏅 <b>Your badges: {n}/{total}</b>", n=len(view.earned), total=view.total)]
    if view.earned:
        blocks.append("\n".join(f"{b.icon} <b>{h(b.name)}</b> — {h(b.description)}" for b in view.earned))
    else:
        blocks.append(_("No badge yet: finish a session to earn your first one!"))
    if view.next:
        lines = [_("<b>Next up:</b>")]
        for item in view.next:
            lines.append(f"{item.badge.icon} <b>{h(item.badge.name)}</b> — {h(item.badge.description)}")
            lines.append(
                f"   {bar(item.current / item.target, width=8)} {_number(item.current)}/{_number(item.target)}"
            )
        blocks.append("\n".join(lines))
    return pack(blocks)


def _number(value: float) -> str:
    return f"{round(value * 100)} %" if value <= 1 and not float(value).is_integer() else str(round(value))


def leaderboard_view(view: LeaderboardView, _: Translator) -> View:
    tabs = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    ("• " if view.board is board else "") + label, callback_data=cd.leaderboard(board.value)
                )
                for board, label in (
                    (Board.WEEK, _("This week")),
                    (Board.ALL_TIME, _("All time")),
                    (Board.LEAGUE, _("Cohorts")),
                )
            ]
        ]
    )
    if view.board is Board.LEAGUE:
        lines = [_("🏟️ <b>Cohort league</b> — mean XP per active member this week")]
        if view.last_winner:
            lines.append(_("Last week's winner: {cohort} 🏆", cohort=h(view.last_winner)))
    elif view.cohort_name is None:
        return _("Join your cohort with its invite link to see the leaderboard."), tabs
    else:
        title = _("This week") if view.board is Board.WEEK else _("All time")
        lines = [f"🏆 <b>{h(view.cohort_name)}</b> · {title}"]
    lines.append("")
    for row in view.rows:
        mark = "👉 " if row.is_me else ""
        lines.append(f"{MEDALS.get(row.rank, f'{row.rank}.')} {mark}{h(row.name)} — {_number(row.xp)} XP")
    if not view.rows:
        lines.append(_("Nobody has earned XP yet — be the first!"))
    if view.me is not None and all(not row.is_me for row in view.rows):
        lines += ["…", f"{view.me.rank}. 👉 {h(view.me.name)} — {_number(view.me.xp)} XP"]
    if view.gap is not None:
        lines.append(_("{xp} XP to move up one place.", xp=_number(view.gap)))
    if view.hidden:
        lines.append(_("🙈 You are hidden from others on the boards (/settings)."))
    return "\n".join(lines), tabs


def weekly_summary_view(summary: WeeklySummary, _: Translator) -> str:
    lines = [_("📅 <b>Your week</b>"), _("⭐ {xp} XP", xp=summary.xp)]
    if summary.rank is not None and summary.cohort_name:
        lines.append(
            _(
                "🏆 Rank {rank} of {size} in {cohort}",
                rank=summary.rank,
                size=summary.cohort_size,
                cohort=h(summary.cohort_name),
            )
        )
    if summary.cohort_won:
        lines.append(_("🎉 Your cohort won the league this week!"))
    lines.append(_.ngettext("🔥 Streak: {n} day", "🔥 Streak: {n} days", summary.streak))
    if summary.practised:
        lines.append(_("💪 You practised most: {competencies}", competencies=", ".join(summary.practised)))
    else:
        lines.append(_("A new week starts now — a few minutes a day is all it takes. /practice"))
    for badge in summary.badges:
        lines.append(_("🏅 <b>New badge:</b> {icon} {name}", icon=badge.icon, name=h(badge.name)))
    return "\n".join(lines)
