"""UI strings through gettext catalogs (content/locale/<lang>/LC_MESSAGES/messages.po).

The catalogs are compiled in memory when first used, so no binary `.mo` file is kept in the repository.
Message IDs are English; placeholders use `{name}` and are filled after translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.content.schema import LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parents[1] / "content" / "locale"
DOMAIN = "messages"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(language: str) -> Translations:
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


@dataclass(frozen=True, slots=True)
class Translator:
    """`_("Hello {name}", name=…)` translates, then fills the placeholders."""

    language: str

    def __call__(self, message: str, /, **values: object) -> str:
        text = _translations(self.language).gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        text = _translations(self.language).ngettext(singular, plural, n)
        return text.format(n=n, **values)


def translator(language: str) -> Translator:
    return Translator(language if language in LANGUAGES else LANGUAGES[0])


def pick_language(language_code: str | None, default: str) -> str:
    """The supported language matching a Telegram client's `language_code` (e.g. 'de-CH' → 'de')."""
    if language_code:
        base = language_code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return default


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; it is translated where it is shown."""
    return message
