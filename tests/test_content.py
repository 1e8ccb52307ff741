"""Content loading: the real content validates; broken files are reported as file:line: message."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.cli.content import tally_markdown
from bot.content.loader import Minimums, coverage, load_content
from tests.conftest import FIXTURE_CONTENT, FIXTURE_MINIMUMS


def test_the_shipped_content_validates() -> None:
    result = load_content()
    assert result.errors == []
    assert len(result.bank.competencies) == 40
    assert [d.id for d in result.bank.domains] == [str(i) for i in range(1, 8)]


def test_seed_defects_are_mended() -> None:
    bank = load_content().bank
    texts = [
        getattr(c, field).get(lang)
        for c in bank.competencies.values()
        for field in ("title", "objective")
        for lang in ("fr", "de", "it", "en")
    ]
    assert not any("岸" in text for text in texts)
    assert bank.competencies["2.3"].title.fr != bank.competencies["2.4"].title.fr
    assert "interfaces" not in bank.competencies["5.5"].objective.fr
    for cid in ("6.4", "7.4"):
        assert bank.competencies[cid].objective.fr.rstrip().endswith(".")


def _copy_fixture(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for path in FIXTURE_CONTENT.rglob("*.yaml"):
        target = root / path.relative_to(FIXTURE_CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return root


def test_errors_name_the_file_and_line(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    path = root / "quiz" / "1.1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][1]["de"]["options"][0] = "x" * 101  # over Telegram's poll option limit
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = load_content(root, minimums=FIXTURE_MINIMUMS).errors
    long_option = [e for e in errors if "items.1.de.options.0" in e]
    assert len(long_option) == 1
    line = int(long_option[0].split(":")[1])
    assert "x" * 101 in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_reused_id_is_an_error(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    path = root / "quiz" / "1.1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["items"][2]["id"] = data["items"][0]["id"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = load_content(root, minimums=FIXTURE_MINIMUMS).errors
    assert any(e.endswith("item ID c1.1.q01 is used twice") and "1.1.yaml:" in e for e in errors), errors


def test_invalid_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    (root / "quiz" / "2.1.yaml").write_text(
        "competency: '2.1'\nitems:\n  - id: [unclosed\n", encoding="utf-8"
    )
    errors = load_content(root, minimums=FIXTURE_MINIMUMS).errors
    assert any("2.1.yaml:" in e and "invalid YAML" in e for e in errors)


def test_a_competency_below_the_minimum_is_an_error(tmp_path: Path) -> None:
    root = _copy_fixture(tmp_path)
    errors = load_content(root, minimums=Minimums(quiz_items=3, quiz_types=1, roleplays=0)).errors
    assert any("competency 1.2 has 2 quiz items, needs 3" in e for e in errors)


def test_the_content_guide_tally_is_current() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "content-guide.md").read_text(encoding="utf-8")
    documented = guide.split("<!-- tally:start -->\n", 1)[1].split("\n<!-- tally:end -->", 1)[0]
    assert documented == tally_markdown(coverage(load_content().bank)), (
        "update docs/content-guide.md with `python -m bot content validate --markdown`"
    )
