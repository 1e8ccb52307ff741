"""Load the YAML content into a read-only bank, reporting every problem as `file:line: message`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content.schema import (
    LANGUAGES,
    Badge,
    BadgeFile,
    Catalogue,
    Competency,
    Domain,
    QuizFile,
    QuizItem,
    QuizType,
    Roleplay,
    RoleplayFile,
)

CONTENT_ROOT = Path(__file__).resolve().parents[2] / "content"
ROLEPLAY_FORMATS = ("branching", "free_reply")


@dataclass(frozen=True)
class Minimums:
    """What every competency (and domain) must have for the content to be complete."""

    quiz_items: int = 8
    quiz_types: int = 2
    roleplays: int = 2


M = TypeVar("M", bound=BaseModel)


@dataclass
class ContentBank:
    """Everything learners are taught. Read-only once loaded; the database refers to it by item ID."""

    domains: list[Domain] = field(default_factory=list)
    competencies: dict[str, Competency] = field(default_factory=dict)
    quiz: dict[str, QuizItem] = field(default_factory=dict)
    roleplays: dict[str, Roleplay] = field(default_factory=dict)
    badges: dict[str, Badge] = field(default_factory=dict)

    def active_quiz(self, competency_id: str | None = None) -> list[QuizItem]:
        return [
            item
            for item in self.quiz.values()
            if not item.retired and (competency_id is None or item.competency_id == competency_id)
        ]

    def active_roleplays(self, competency_id: str | None = None) -> list[Roleplay]:
        return [
            scenario
            for scenario in self.roleplays.values()
            if not scenario.retired and (competency_id is None or scenario.competency_id == competency_id)
        ]

    def active_item_ids(self, competency_id: str) -> list[str]:
        """Every active item of a competency, quiz and role-play: what its mastery is the mean over."""
        quiz = [item.id for item in self.active_quiz(competency_id)]
        return quiz + [scenario.id for scenario in self.active_roleplays(competency_id)]


@dataclass
class LoadResult:
    bank: ContentBank
    errors: list[str]


def _node_line(node: yaml.Node | None, path: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest YAML node reachable along a pydantic error location."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _parse(path: Path, model: type[M], errors: list[str]) -> tuple[M | None, yaml.Node | None]:
    label = _label(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as error:
        errors.append(f"{label}:1: cannot read: {error}")
        return None, None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        errors.append(
            f"{label}:{mark.line + 1 if mark else 1}: invalid YAML: {getattr(error, 'problem', error)}"
        )
        return None, None
    try:
        return model.model_validate(data), node
    except ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"])
            line = _node_line(node, problem["loc"])
            errors.append(f"{label}:{line}: {where}: {problem['msg']}")
        return None, node


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(CONTENT_ROOT.parent))
    except ValueError:
        return str(path)


def load_content(root: Path = CONTENT_ROOT, *, minimums: Minimums = Minimums()) -> LoadResult:
    """Load and cross-check all content under `root`."""
    errors: list[str] = []
    bank = ContentBank()
    catalogue, _ = _parse(root / "competencies.yaml", Catalogue, errors)
    if catalogue is not None:
        bank.domains = catalogue.domains
        for domain in catalogue.domains:
            for competency in domain.competencies:
                if competency.id in bank.competencies:
                    errors.append(f"{_label(root / 'competencies.yaml')}:1: competency {competency.id} twice")
                bank.competencies[competency.id] = competency
    questions_seen: dict[tuple[str, str], str] = {}
    for path in sorted((root / "quiz").glob("*.yaml")):
        quiz_file, node = _parse(path, QuizFile, errors)
        if quiz_file is None:
            continue
        if bank.competencies and quiz_file.competency not in bank.competencies:
            errors.append(f"{_label(path)}:1: unknown competency {quiz_file.competency}")
        for index, item in enumerate(quiz_file.items):
            line = _node_line(node, ("items", index))
            if item.id in bank.quiz:
                errors.append(f"{_label(path)}:{line}: item ID {item.id} is used twice")
                continue
            bank.quiz[item.id] = item
            for language in LANGUAGES:
                key = (language, item.text(language).question.casefold())
                if key in questions_seen:
                    errors.append(
                        f"{_label(path)}:{line}: {item.id} repeats the {language} question of {questions_seen[key]}"
                    )
                questions_seen[key] = item.id
    for path in sorted((root / "roleplay").glob("*.yaml")):
        roleplay_file, node = _parse(path, RoleplayFile, errors)
        if roleplay_file is None:
            continue
        if bank.competencies and roleplay_file.competency not in bank.competencies:
            errors.append(f"{_label(path)}:1: unknown competency {roleplay_file.competency}")
        for index, scenario in enumerate(roleplay_file.scenarios):
            if scenario.id in bank.roleplays:
                line = _node_line(node, ("scenarios", index))
                errors.append(f"{_label(path)}:{line}: role-play ID {scenario.id} is used twice")
                continue
            bank.roleplays[scenario.id] = scenario
    badge_file, _ = _parse(root / "badges.yaml", BadgeFile, errors)
    if badge_file is not None:
        bank.badges = {badge.id: badge for badge in badge_file.badges}
        for badge in badge_file.badges:
            domain = badge.criterion.domain
            if domain is not None and bank.domains and domain not in {d.id for d in bank.domains}:
                errors.append(
                    f"{_label(root / 'badges.yaml')}:1: badge {badge.id} names unknown domain {domain}"
                )
    errors.extend(_coverage_errors(bank, root, minimums))
    return LoadResult(bank=bank, errors=errors)


def _coverage_errors(bank: ContentBank, root: Path, minimums: Minimums) -> list[str]:
    errors = []
    for competency_id in bank.competencies:
        items = bank.active_quiz(competency_id)
        label = _label(root / "quiz" / f"{competency_id}.yaml")
        if len(items) < minimums.quiz_items:
            errors.append(
                f"{label}:1: competency {competency_id} has {len(items)} quiz items, needs {minimums.quiz_items}"
            )
        elif len({item.type for item in items}) < minimums.quiz_types:
            errors.append(
                f"{label}:1: competency {competency_id} needs at least {minimums.quiz_types} question types"
            )
        scenarios = bank.active_roleplays(competency_id)
        if len(scenarios) < minimums.roleplays:
            errors.append(
                f"{_label(root / 'roleplay' / f'{competency_id}.yaml')}:1: competency {competency_id} has "
                f"{len(scenarios)} role-plays, needs {minimums.roleplays}"
            )
    if minimums.roleplays:
        for domain in bank.domains:
            formats = {s.format for c in domain.competencies for s in bank.active_roleplays(c.id)}
            for missing in sorted(set(ROLEPLAY_FORMATS) - formats):
                errors.append(f"{_label(root / 'roleplay')}:1: domain {domain.id} has no {missing} role-play")
    return errors


def coverage(bank: ContentBank) -> dict[str, dict[str, dict[str, int]]]:
    """Counts per competency: quiz items per language and per type, role-plays per language."""
    result: dict[str, dict[str, dict[str, int]]] = {}
    for competency_id in bank.competencies:
        items = bank.active_quiz(competency_id)
        types = Counter(item.type.value for item in items)
        result[competency_id] = {
            "quiz": {language: len(items) for language in LANGUAGES},
            "quiz_types": {kind.value: types.get(kind.value, 0) for kind in QuizType},
            "roleplay": {language: len(bank.active_roleplays(competency_id)) for language in LANGUAGES},
        }
    return result
