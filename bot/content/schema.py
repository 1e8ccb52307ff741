"""Pydantic models of the YAML content: the competency catalogue and quiz items.

French is the source language; every text exists in fr, de, it and en. The limits are
Telegram's quiz-poll limits, so any item can also be sent as a native quiz poll.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

LANGUAGES: tuple[str, ...] = ("fr", "de", "it", "en")

QUESTION_MAX = 300
OPTION_MAX = 100
EXPLANATION_MAX = 200
EXPLANATION_MAX_LINE_FEEDS = 2
OPTIONS_MIN = 2
OPTIONS_MAX = 6
ORDERING_MIN = 3

COMPETENCY_ID = re.compile(r"^[1-7]\.[1-9]$")
ITEM_ID = re.compile(r"^c(?P<competency>[1-7]\.[1-9])\.q(?P<number>\d{2,3})$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """One text in the four languages."""

    fr: Text
    de: Text
    it: Text
    en: Text

    def get(self, language: str) -> str:
        return getattr(self, language)


class Competency(Strict):
    id: str
    short: Localized = Field(description="A label of at most 40 characters for buttons and charts.")
    title: Localized
    objective: Localized

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not COMPETENCY_ID.match(value):
            raise ValueError(f"competency id {value!r} must look like '2.3'")
        return value

    @field_validator("short")
    @classmethod
    def _short_fits(cls, value: Localized) -> Localized:
        for language in LANGUAGES:
            if len(value.get(language)) > 40:
                raise ValueError(f"short title in {language} is longer than 40 characters")
        return value

    @property
    def domain_id(self) -> str:
        return self.id.split(".")[0]


class Domain(Strict):
    id: str
    title: Localized
    competencies: list[Competency] = Field(min_length=1)

    @model_validator(mode="after")
    def _competencies_belong(self) -> Domain:
        for competency in self.competencies:
            if competency.domain_id != self.id:
                raise ValueError(f"competency {competency.id} is not in domain {self.id}")
        return self


class Catalogue(Strict):
    domains: list[Domain] = Field(min_length=1)


class QuizType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    ORDERING = "ordering"


class QuizText(Strict):
    """The language-dependent part of a quiz item."""

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=QUESTION_MAX)]
    options: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=OPTION_MAX)]
    ] = []
    explanation: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=EXPLANATION_MAX)
    ]

    @field_validator("explanation")
    @classmethod
    def _few_line_feeds(cls, value: str) -> str:
        if value.count("\n") > EXPLANATION_MAX_LINE_FEEDS:
            raise ValueError(f"explanation has more than {EXPLANATION_MAX_LINE_FEEDS} line feeds")
        return value

    @field_validator("options")
    @classmethod
    def _distinct_options(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("options repeat each other")
        return value


class QuizItem(Strict):
    """A quiz item. Options are listed in the same order in every language.

    single / multiple: `correct` holds the 0-based indexes of the correct options.
    true_false: `answer` holds the truth of the statement; no options.
    ordering: options are the steps in their correct order; they are shuffled when asked.
    """

    id: str
    type: QuizType
    difficulty: int = Field(ge=1, le=3)
    correct: list[int] = []
    answer: bool | None = None
    retired: bool = False
    fr: QuizText
    de: QuizText
    it: QuizText
    en: QuizText

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not ITEM_ID.match(value):
            raise ValueError(f"item id {value!r} must look like 'c2.3.q07'")
        return value

    @property
    def competency_id(self) -> str:
        match = ITEM_ID.match(self.id)
        assert match is not None
        return match["competency"]

    def text(self, language: str) -> QuizText:
        return getattr(self, language)

    @property
    def option_count(self) -> int:
        return len(self.fr.options)

    @model_validator(mode="after")
    def _shape_matches_type(self) -> QuizItem:
        counts = {language: len(self.text(language).options) for language in LANGUAGES}
        if len(set(counts.values())) != 1:
            raise ValueError(f"option counts differ between languages: {counts}")
        count = counts["fr"]
        if self.type is QuizType.TRUE_FALSE:
            if self.answer is None:
                raise ValueError("a true_false item needs 'answer: true' or 'answer: false'")
            if count or self.correct:
                raise ValueError("a true_false item has no options and no 'correct'")
            return self
        if self.answer is not None:
            raise ValueError("only true_false items have 'answer'")
        if self.type is QuizType.ORDERING:
            if not ORDERING_MIN <= count <= OPTIONS_MAX:
                raise ValueError(f"an ordering item needs {ORDERING_MIN}-{OPTIONS_MAX} steps")
            if self.correct:
                raise ValueError("an ordering item lists its steps in order and has no 'correct'")
            return self
        if not OPTIONS_MIN <= count <= OPTIONS_MAX:
            raise ValueError(f"a choice item needs {OPTIONS_MIN}-{OPTIONS_MAX} options")
        if len(set(self.correct)) != len(self.correct) or any(not 0 <= i < count for i in self.correct):
            raise ValueError("'correct' must list distinct option indexes")
        if self.type is QuizType.SINGLE and len(self.correct) != 1:
            raise ValueError("a single-choice item has exactly one correct option")
        if self.type is QuizType.MULTIPLE and not self.correct:
            raise ValueError("a multiple-choice item has at least one correct option")
        return self


class QuizFile(Strict):
    competency: str
    items: list[QuizItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_belong(self) -> QuizFile:
        for item in self.items:
            if item.competency_id != self.competency:
                raise ValueError(f"item {item.id} does not belong to competency {self.competency}")
        return self


# -- role-plays ---------------------------------------------------------------------------------------

ROLEPLAY_ID = re.compile(r"^c(?P<competency>[1-7]\.[1-9])\.r(?P<number>\d{2,3})$")
TURN_ID = re.compile(r"^[a-z][a-z0-9_]{0,15}$")
ROLEPLAY_TITLE_MAX = 60
SITUATION_MAX = 600
CUSTOMER_LINE_MAX = 600
REPLY_MAX = 300
FEEDBACK_MAX = 300
CRITERION_MAX = 60
MODEL_ANSWER_MAX = 1500
INDICATOR_MAX = 40


def _limited(value: Localized, limit: int, what: str) -> Localized:
    for language in LANGUAGES:
        if len(value.get(language)) > limit:
            raise ValueError(f"{what} in {language} is longer than {limit} characters")
    return value


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"


class Mood(StrEnum):
    CALM = "calm"
    FRIENDLY = "friendly"
    WORRIED = "worried"
    CONFUSED = "confused"
    HURRIED = "hurried"
    ANNOYED = "annoyed"
    ANGRY = "angry"
    SCEPTICAL = "sceptical"


class Quality(StrEnum):
    BEST = "best"
    ACCEPTABLE = "acceptable"
    POOR = "poor"


class Persona(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    mood: Mood


class Reply(Strict):
    """One reply the learner can pick; `next` is the turn with the customer's reaction."""

    quality: Quality
    text: Localized
    feedback: Localized
    next: str

    @field_validator("text")
    @classmethod
    def _text_fits(cls, value: Localized) -> Localized:
        return _limited(value, REPLY_MAX, "reply")

    @field_validator("feedback")
    @classmethod
    def _feedback_fits(cls, value: Localized) -> Localized:
        return _limited(value, FEEDBACK_MAX, "feedback")


class Turn(Strict):
    """A customer line, then 2–4 replies; a turn without replies ends the scenario."""

    customer: Localized
    replies: list[Reply] = Field(default_factory=list, max_length=4)

    @field_validator("customer")
    @classmethod
    def _line_fits(cls, value: Localized) -> Localized:
        return _limited(value, CUSTOMER_LINE_MAX, "customer line")

    @field_validator("replies")
    @classmethod
    def _two_or_more(cls, value: list[Reply]) -> list[Reply]:
        if len(value) == 1:
            raise ValueError("a turn has no replies (an ending) or 2-4 replies")
        if value and not any(reply.quality is Quality.BEST for reply in value):
            raise ValueError("a turn needs one reply of quality 'best'")
        return value


class Criterion(Strict):
    """A rubric criterion with the phrases that suggest a reply meets it, per language."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,23}$")]
    label: Localized
    indicators: dict[str, list[Annotated[str, StringConstraints(min_length=2, max_length=INDICATOR_MAX)]]]

    @field_validator("label")
    @classmethod
    def _label_fits(cls, value: Localized) -> Localized:
        return _limited(value, CRITERION_MAX, "criterion label")

    @field_validator("indicators")
    @classmethod
    def _every_language(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        if set(value) != set(LANGUAGES) or not all(value[language] for language in LANGUAGES):
            raise ValueError("indicators need a non-empty list for each of fr, de, it, en")
        return value


class Roleplay(Strict):
    """A role-play: the bot plays the customer. `branching` has turns; `free_reply` has a rubric."""

    id: str
    format: Annotated[str, StringConstraints(pattern=r"^(branching|free_reply)$")]
    difficulty: int = Field(ge=1, le=3)
    channel: Channel
    persona: Persona
    title: Localized
    situation: Localized
    retired: bool = False
    start: str | None = None
    turns: dict[str, Turn] = Field(default_factory=dict)
    customer: Localized | None = None
    rubric: list[Criterion] = Field(default_factory=list)
    model_answer: Localized | None = None

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not ROLEPLAY_ID.match(value):
            raise ValueError(f"role-play id {value!r} must look like 'c2.3.r01'")
        return value

    @field_validator("title")
    @classmethod
    def _title_fits(cls, value: Localized) -> Localized:
        return _limited(value, ROLEPLAY_TITLE_MAX, "title")

    @field_validator("situation")
    @classmethod
    def _situation_fits(cls, value: Localized) -> Localized:
        return _limited(value, SITUATION_MAX, "situation")

    @property
    def competency_id(self) -> str:
        match = ROLEPLAY_ID.match(self.id)
        assert match is not None
        return match["competency"]

    @model_validator(mode="after")
    def _shape_matches_format(self) -> Roleplay:
        if self.format == "branching":
            if self.customer or self.rubric or self.model_answer:
                raise ValueError(
                    "a branching role-play has start and turns, not customer/rubric/model_answer"
                )
            _check_graph(self.start, self.turns)
        else:
            if self.start or self.turns:
                raise ValueError("a free_reply role-play has customer, rubric and model_answer, not turns")
            if self.customer is None or self.model_answer is None:
                raise ValueError("a free_reply role-play needs 'customer' and 'model_answer'")
            _limited(self.customer, CUSTOMER_LINE_MAX, "customer message")
            _limited(self.model_answer, MODEL_ANSWER_MAX, "model answer")
            if not 3 <= len(self.rubric) <= 6:
                raise ValueError("a free_reply rubric has 3-6 criteria")
            if len({criterion.id for criterion in self.rubric}) != len(self.rubric):
                raise ValueError("rubric criterion ids repeat")
        return self


MIN_DECISIONS = 2
MAX_DECISIONS = 5


def _check_graph(start: str | None, turns: dict[str, Turn]) -> None:
    """Every turn reachable, every path ending, each path with 2–5 decisions (3–6 customer turns)."""
    if start is None or start not in turns:
        raise ValueError("'start' must name one of the turns")
    for turn_id, turn in turns.items():
        if not TURN_ID.match(turn_id):
            raise ValueError(f"turn id {turn_id!r} must be short lowercase letters/digits")
        for reply in turn.replies:
            if reply.next not in turns:
                raise ValueError(f"turn {turn_id}: reply leads to unknown turn {reply.next!r}")
    reached: set[str] = set()

    def walk(turn_id: str, path: tuple[str, ...]) -> None:
        if turn_id in path:
            raise ValueError(f"the dialogue loops back to turn {turn_id!r}")
        reached.add(turn_id)
        replies = turns[turn_id].replies
        if not replies:
            if not MIN_DECISIONS <= len(path) <= MAX_DECISIONS:
                raise ValueError(
                    f"the path {' > '.join((*path, turn_id))} has {len(path)} decisions, "
                    f"needs {MIN_DECISIONS}-{MAX_DECISIONS}"
                )
            return
        for reply in replies:
            walk(reply.next, (*path, turn_id))

    walk(start, ())
    unreachable = set(turns) - reached
    if unreachable:
        raise ValueError(f"turns never reached: {', '.join(sorted(unreachable))}")


class RoleplayFile(Strict):
    competency: str
    scenarios: list[Roleplay] = Field(min_length=1)

    @model_validator(mode="after")
    def _scenarios_belong(self) -> RoleplayFile:
        for scenario in self.scenarios:
            if scenario.competency_id != self.competency:
                raise ValueError(f"role-play {scenario.id} does not belong to competency {self.competency}")
        return self


# -- badges -------------------------------------------------------------------------------------------

BADGE_METRICS = (
    "sessions_completed",
    "streak_days",
    "xp_total",
    "answers",
    "domain_mastery",
    "competencies_practised",
    "roleplays_full_score",
    "perfect_weeks",
    "comebacks",
    "second_language_right",
    "languages_used",
    "early_answers",
    "late_answers",
    "weekly_top3",
)


class BadgeCriterion(Strict):
    metric: str
    threshold: float = Field(gt=0)
    domain: str | None = None

    @model_validator(mode="after")
    def _known_metric(self) -> BadgeCriterion:
        if self.metric not in BADGE_METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; known: {', '.join(BADGE_METRICS)}")
        if (self.metric == "domain_mastery") != (self.domain is not None):
            raise ValueError("'domain' goes with the domain_mastery metric, and only with it")
        if self.metric == "domain_mastery" and not 0 < self.threshold <= 1:
            raise ValueError("a domain_mastery threshold is a share between 0 and 1")
        return self


class Badge(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,31}$")]
    icon: Annotated[str, StringConstraints(min_length=1, max_length=8)]
    name: Localized
    description: Localized
    criterion: BadgeCriterion

    @field_validator("name")
    @classmethod
    def _name_fits(cls, value: Localized) -> Localized:
        return _limited(value, 40, "badge name")

    @field_validator("description")
    @classmethod
    def _description_fits(cls, value: Localized) -> Localized:
        return _limited(value, 160, "badge description")


class BadgeFile(Strict):
    badges: list[Badge] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> BadgeFile:
        ids = [badge.id for badge in self.badges]
        if len(set(ids)) != len(ids):
            raise ValueError("badge ids repeat")
        return self
