"""Instructors' own questions: parse and check a YAML or CSV file, with line numbers.

Format (one question per CSV row or YAML list entry):
  id          the instructor's own ID (letters, digits, - and _; a re-upload with the same ID updates it)
  competency  e.g. 2.3
  type        single | multiple | true_false | ordering
  language    fr | de | it | en
  question    up to 300 characters
  options     2–6 options (CSV: separated by " | "), each up to 100 characters; ordering: in the right order
  correct     single/multiple: the right options' numbers, from 1 (CSV: "1" or "1,3")
  answer      true_false: true or false
  explanation up to 200 characters
  difficulty  1–3 (optional, default 2)

Errors are codes with values, translated by the caller into the instructor's language.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.content.schema import (
    COMPETENCY_ID,
    EXPLANATION_MAX,
    LANGUAGES,
    OPTION_MAX,
    OPTIONS_MAX,
    OPTIONS_MIN,
    ORDERING_MIN,
    QUESTION_MAX,
)

MAX_BYTES = 256 * 1024
MAX_ITEMS = 500
OWN_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
TYPES = ("single", "multiple", "true_false", "ordering")
COLUMNS = (
    "id",
    "competency",
    "type",
    "language",
    "question",
    "options",
    "correct",
    "answer",
    "explanation",
    "difficulty",
)


@dataclass(frozen=True, slots=True)
class UploadError:
    line: int
    code: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class UploadedItem:
    own_id: str
    competency_id: str
    type: str
    language: str
    question: str
    options: list[str]
    correct: list[int]
    answer: bool | None
    explanation: str
    difficulty: int


@dataclass(frozen=True, slots=True)
class UploadResult:
    items: list[UploadedItem]
    errors: list[UploadError]


def parse_upload(filename: str, data: bytes) -> UploadResult:
    """Parse and check a whole file; any error means nothing is imported."""
    name = filename.lower()
    if not name.endswith((".yaml", ".yml", ".csv")):
        return UploadResult([], [UploadError(0, "file_type")])
    if len(data) > MAX_BYTES:
        return UploadResult([], [UploadError(0, "too_big", {"kb": MAX_BYTES // 1024})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return UploadResult([], [UploadError(0, "not_utf8")])
    rows = _csv_rows(text) if name.endswith(".csv") else _yaml_rows(text)
    if isinstance(rows, UploadError):
        return UploadResult([], [rows])
    if not rows:
        return UploadResult([], [UploadError(0, "empty")])
    if len(rows) > MAX_ITEMS:
        return UploadResult([], [UploadError(0, "too_many", {"max": MAX_ITEMS})])
    items, errors, seen = [], [], set()
    for line, row in rows:
        item, problems = _check(line, row)
        errors += problems
        if item is not None:
            if item.own_id in seen:
                errors.append(UploadError(line, "duplicate_id", {"id": item.own_id}))
            seen.add(item.own_id)
            items.append(item)
    return UploadResult(items if not errors else [], errors)


def _yaml_rows(text: str) -> list[tuple[int, dict[str, Any]]] | UploadError:
    try:
        for token in yaml.scan(text):  # anchors and aliases can blow up memory ("billion laughs"): refused
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return UploadError(token.start_mark.line + 1, "yaml_alias")
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return UploadError(mark.line + 1 if mark else 0, "yaml_syntax")
    entries = data.get("items") if isinstance(data, dict) else data
    nodes = root.value if isinstance(root, yaml.SequenceNode) else None
    if isinstance(root, yaml.MappingNode):
        nodes = next((v.value for k, v in root.value if getattr(k, "value", None) == "items"), None)
    if not isinstance(entries, list) or nodes is None:
        return UploadError(1, "yaml_shape")
    rows = []
    for node, entry in zip(nodes, entries, strict=False):
        line = node.start_mark.line + 1
        rows.append((line, entry if isinstance(entry, dict) else {"__invalid__": True}))
    return rows


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]] | UploadError:
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames is None or not {"id", "question", "type"} <= {
        f.strip().lower() for f in reader.fieldnames
    }:
        return UploadError(1, "csv_header", {"columns": ", ".join(COLUMNS)})
    rows = []
    try:
        for row in reader:
            cleaned = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
            if any(cleaned.values()):
                options = cleaned.get("options", "")
                cleaned["options"] = [o.strip() for o in options.split("|")] if options else []
                rows.append((reader.line_num, cleaned))
    except csv.Error:
        return UploadError(reader.line_num, "csv_syntax")
    return rows


def _numbers(value: Any) -> list[int] | None:
    if isinstance(value, int):
        return [value]
    if isinstance(value, list) and all(isinstance(v, int) for v in value):
        return list(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\s*[,;]\s*\d+)*\s*", value):
        return [int(part) for part in re.split(r"[,;]", value)]
    return None


def _check(line: int, row: dict[str, Any]) -> tuple[UploadedItem | None, list[UploadError]]:
    if row.get("__invalid__"):
        return None, [UploadError(line, "not_a_question")]
    errors: list[UploadError] = []
    text = {
        key: str(row.get(key) or "").strip()
        for key in ("id", "competency", "type", "language", "question", "explanation")
    }
    for key in ("id", "competency", "type", "language", "question", "explanation"):
        if not text[key]:
            errors.append(UploadError(line, "missing", {"field": key}))
    if text["id"] and not OWN_ID.match(text["id"]):
        errors.append(UploadError(line, "bad_id", {"id": text["id"][:30]}))
    if text["competency"] and not COMPETENCY_ID.match(text["competency"]):
        errors.append(UploadError(line, "bad_competency", {"value": text["competency"][:10]}))
    kind = text["type"].lower()
    if text["type"] and kind not in TYPES:
        errors.append(UploadError(line, "bad_type", {"value": text["type"][:20], "types": ", ".join(TYPES)}))
    language = text["language"].lower()
    if text["language"] and language not in LANGUAGES:
        errors.append(UploadError(line, "bad_language", {"value": text["language"][:10]}))
    if len(text["question"]) > QUESTION_MAX:
        errors.append(UploadError(line, "too_long", {"field": "question", "max": QUESTION_MAX}))
    if len(text["explanation"]) > EXPLANATION_MAX:
        errors.append(UploadError(line, "too_long", {"field": "explanation", "max": EXPLANATION_MAX}))
    options = (
        [str(o).strip() for o in row.get("options") or []]
        if isinstance(row.get("options") or [], list)
        else []
    )
    if any(len(o) > OPTION_MAX or not o for o in options):
        errors.append(UploadError(line, "bad_option", {"max": OPTION_MAX}))
    correct: list[int] = []
    answer: bool | None = None
    if kind in ("single", "multiple"):
        numbers = _numbers(row.get("correct"))
        if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX:
            errors.append(UploadError(line, "option_count", {"min": OPTIONS_MIN, "max": OPTIONS_MAX}))
        if numbers is None or not numbers or any(not 1 <= n <= len(options) for n in numbers):
            errors.append(UploadError(line, "bad_correct"))
        elif kind == "single" and len(set(numbers)) != 1:
            errors.append(UploadError(line, "single_needs_one"))
        correct = sorted({n - 1 for n in numbers or []})
    elif kind == "ordering" and not ORDERING_MIN <= len(options) <= OPTIONS_MAX:
        errors.append(UploadError(line, "option_count", {"min": ORDERING_MIN, "max": OPTIONS_MAX}))
    elif kind == "true_false":
        raw = str(row.get("answer")).strip().lower()
        if raw not in ("true", "false", "1", "0", "yes", "no"):
            errors.append(UploadError(line, "bad_answer"))
        answer = raw in ("true", "1", "yes")
        options = []
    difficulty = _numbers(row.get("difficulty") or 2) or [0]
    if not 1 <= difficulty[0] <= 3:
        errors.append(UploadError(line, "bad_difficulty"))
    if errors:
        return None, errors
    item = UploadedItem(
        text["id"],
        text["competency"],
        kind,
        language,
        text["question"],
        options,
        correct,
        answer,
        text["explanation"],
        difficulty[0],
    )
    return item, []
