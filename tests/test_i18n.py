"""Every UI string is translated in fr, de, it and en, with the same placeholders and markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.content.schema import LANGUAGES
from bot.i18n import catalog_path, pick_language, translator

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"</?\w+>")


def _source_messages() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for folder in ("bot", "handlers", "jobs"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


SOURCE = _source_messages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_source_string(language: str) -> None:
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translated = {
        message.id if isinstance(message.id, str) else tuple(message.id): message
        for message in catalog
        if message.id
    }
    missing = [m for m in SOURCE if m not in translated]
    assert missing == [], f"{language}: run tools/update_catalogs.py and translate {missing}"
    for key in SOURCE:
        message = translated[key]
        assert not message.fuzzy, f"{language}: fuzzy {key!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = key if isinstance(key, tuple) else (key,)
        for string in strings:
            assert string, f"{language}: no translation for {key!r}"
            found, expected = set(PLACEHOLDER.findall(string)), set(PLACEHOLDER.findall(ids[-1]))
            # a plural's singular form may leave out the count ("A freeze covered the day you missed")
            assert found == expected or (len(ids) > 1 and found <= expected), (
                f"{language}: placeholders of {key!r}"
            )
            assert sorted(TAG.findall(string)) == sorted(TAG.findall(ids[0])), (
                f"{language}: markup of {key!r}"
            )


def test_swiss_german_uses_ss() -> None:
    assert "ß" not in catalog_path("de").read_text(encoding="utf-8")


def test_translator_fills_placeholders_and_falls_back() -> None:
    assert "Lea" in translator("de")("👋 Hi {name}!", name="Lea")
    assert translator("xx").language == "fr"
    assert pick_language("de-CH", "fr") == "de"
    assert pick_language("pt-BR", "fr") == "fr"
    assert pick_language(None, "it") == "it"
