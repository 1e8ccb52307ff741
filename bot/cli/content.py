"""`python -m bot content validate`: check every content file and print the coverage."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from bot.content.loader import coverage, load_content
from bot.content.schema import LANGUAGES, QuizType

TYPES = [kind.value for kind in QuizType]


def coverage_table(table: dict[str, dict[str, dict[str, int]]]) -> str:
    """One row per competency, a subtotal per domain and a total: quiz items per language and type."""
    columns = [*LANGUAGES, *TYPES, "roleplay"]
    header = f"{'competency':<11}" + "".join(f"{name:>11}" for name in columns)
    lines = [header, "-" * len(header)]
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def row(label: str, values: dict[str, int]) -> str:
        return f"{label:<11}" + "".join(f"{values.get(name, 0):>11}" for name in columns)

    current_domain = None
    for competency_id, counts in table.items():
        domain = competency_id.split(".")[0]
        if current_domain is not None and domain != current_domain:
            lines += [row(f"domain {current_domain}", totals[current_domain]), ""]
        current_domain = domain
        values = {**counts["quiz"], **counts["quiz_types"], "roleplay": counts["roleplay"]["fr"]}
        for name, value in values.items():
            totals[domain][name] += value
            totals["all"][name] += value
        lines.append(row(competency_id, values))
    if current_domain is not None:
        lines += [row(f"domain {current_domain}", totals[current_domain]), ""]
    lines.append(row("total", totals["all"]))
    return "\n".join(lines)


def tally_markdown(table: dict[str, dict[str, dict[str, int]]]) -> str:
    """Quiz items per domain and type (every language has the same items), as a Markdown table."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for competency_id, counts in table.items():
        for kind, count in counts["quiz_types"].items():
            totals[competency_id.split(".")[0]][kind] += count
    totals["total"] = {kind: sum(counts[kind] for counts in totals.values()) for kind in TYPES}
    lines = ["| domain | " + " | ".join(TYPES) + " | items |", "| --- |" + " ---: |" * (len(TYPES) + 1)]
    for domain, counts in totals.items():
        label = f"**{domain}**" if domain == "total" else domain
        lines.append(
            f"| {label} | " + " | ".join(str(counts[kind]) for kind in TYPES) + f" | {sum(counts.values())} |"
        )
    return "\n".join(lines)


def validate_command(*, as_json: bool, markdown: bool = False) -> int:
    result = load_content()
    table = coverage(result.bank)
    if markdown:
        print(tally_markdown(table))
    elif as_json:
        print(json.dumps({"competencies": table, "errors": result.errors}, ensure_ascii=False, indent=2))
    else:
        print(coverage_table(table))
        for error in result.errors:
            print(error, file=sys.stderr)
        status = f"{len(result.errors)} error(s)" if result.errors else "content OK"
        print(f"\n{len(result.bank.competencies)} competencies, {len(result.bank.quiz)} quiz items: {status}")
    return 1 if result.errors else 0
