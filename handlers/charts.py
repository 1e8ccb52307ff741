"""The progress chart: mastery per domain and XP per day, as a PNG sized for a phone screen."""

from __future__ import annotations

import io
import textwrap
from datetime import date

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: no screen here
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from bot.i18n import Translator

WIDTH_INCHES, HEIGHT_INCHES, DPI = 7.2, 9.0, 150  # 1080 × 1350 px, 4:5 like a phone feed image
ACCENT, GOAL_COLOUR, MUTED = "#2a7ab0", "#e07b39", "#d9e4ec"


def progress_chart(
    domains: list[tuple[str, str, float]], xp_by_day: list[tuple[date, int]], goal: int, _: Translator
) -> bytes:
    """`domains` are (id, title in the learner's language, mastery 0–1); returns PNG bytes."""
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI, gridspec_kw={"height_ratios": [3, 2]}
    )
    labels = [
        f"{domain_id}. " + "\n".join(textwrap.wrap(title, 26, max_lines=3, placeholder="…"))
        for domain_id, title, _m in domains
    ]
    values = [round(m * 100) for _d, _t, m in domains]
    positions = range(len(domains))[::-1]
    top.barh(list(positions), [100] * len(domains), color=MUTED, height=0.6)
    top.barh(list(positions), values, color=ACCENT, height=0.6)
    top.set_yticks(list(positions), labels, fontsize=8.5)
    top.set_xlim(0, 100)
    top.set_xlabel(_("Mastery (%)"), fontsize=10)
    top.set_title(_("Mastery per domain"), fontsize=13, fontweight="bold", loc="left")
    for position, value in zip(positions, values, strict=True):
        top.text(min(value + 2, 88), position, f"{value} %", va="center", fontsize=9)
    days = [day for day, _xp in xp_by_day]
    bottom.bar(days, [xp for _day, xp in xp_by_day], color=ACCENT, width=0.8)
    bottom.axhline(goal, color=GOAL_COLOUR, linestyle="--", linewidth=1.5, label=_("Daily goal"))
    bottom.set_title(_("XP per day (last 30 days)"), fontsize=13, fontweight="bold", loc="left")
    bottom.legend(loc="upper left", fontsize=9, frameon=False)
    bottom.tick_params(axis="x", labelsize=8)
    bottom.xaxis.set_major_locator(mdates.DayLocator(interval=7))
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m."))
    for axis in (top, bottom):
        axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def campaign_chart(
    scores: list[float], competencies: list[tuple[str, float]], title: str, _: Translator
) -> bytes:
    """Score distribution (share right per learner who finished) and results per competency, as PNG."""
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    top.hist([s * 100 for s in scores], bins=[0, 20, 40, 60, 80, 100.01], color=ACCENT, edgecolor="white")
    top.set_xlim(0, 100)
    top.set_xlabel(_("Right answers (%)"), fontsize=10)
    top.set_ylabel(_("Learners"), fontsize=10)
    top.set_title(_("Score distribution"), fontsize=13, fontweight="bold", loc="left")
    labels = [cid for cid, _rate in competencies]
    bottom.bar(labels, [rate * 100 for _cid, rate in competencies], color=ACCENT)
    bottom.set_ylim(0, 100)
    bottom.set_ylabel(_("Right answers (%)"), fontsize=10)
    bottom.set_title(_("Per competency"), fontsize=13, fontweight="bold", loc="left")
    bottom.tick_params(axis="x", labelsize=8, rotation=45)
    for axis in (top, bottom):
        axis.spines[["top", "right"]].set_visible(False)
    figure.suptitle(textwrap.shorten(title, 60), fontsize=11)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def mastery_heatmap(
    names: list[str], competencies: list[str], values: list[list[float]], title: str, _: Translator
) -> bytes:
    """Learners × competencies, grouped by domain (lines between domains), mastery 0–100 % in colour."""
    height = min(2.5 + 0.32 * max(len(names), 1), 30.0)
    figure, axis = plt.subplots(figsize=(10.0, height), dpi=110)
    image = axis.imshow(
        [[v * 100 for v in row] for row in values] or [[0.0] * len(competencies)],
        cmap="Blues",
        vmin=0,
        vmax=100,
        aspect="auto",
    )
    axis.set_xticks(range(len(competencies)), competencies, rotation=90, fontsize=7)
    axis.set_yticks(range(len(names)), [textwrap.shorten(n, 24) for n in names], fontsize=8)
    previous = None
    for index, competency in enumerate(competencies):
        domain = competency.split(".")[0]
        if previous is not None and domain != previous:
            axis.axvline(index - 0.5, color="#333333", linewidth=1)
        previous = domain
    figure.colorbar(image, ax=axis, fraction=0.03, pad=0.02, label=_("Mastery (%)"))
    axis.set_title(textwrap.shorten(title, 70), fontsize=12, fontweight="bold", loc="left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
