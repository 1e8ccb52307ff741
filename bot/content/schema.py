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
