"""Re-extract UI strings into content/locale/messages.pot and merge them into each language's catalog.

Run: python tools/update_catalogs.py   (then translate the new empty msgstr entries; tests check completeness)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "content" / "locale"
POT = LOCALE / "messages.pot"
LANGUAGES = ("fr", "de", "it", "en")


def extract() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "--omit-header",
            "--sort-output",
            "-o",
            str(POT),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )


def merge(language: str, template: Catalog) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    catalog.update(template, no_fuzzy_matching=True)
    if language == "en":  # English message IDs are the English text
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not any(strings):
                message.string = message.id
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, no_location=True, sort_output=True, ignore_obsolete=True)


def main() -> None:
    extract()
    with POT.open("rb") as handle:
        template = read_po(handle)
    for language in LANGUAGES:
        merge(language, template)


if __name__ == "__main__":
    main()
