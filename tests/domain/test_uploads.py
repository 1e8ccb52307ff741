"""Instructors' question files: YAML and CSV, line-numbered errors, refusals of bad files."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.uploads import MAX_BYTES, parse_upload

CSV_OK = (
    "id;competency;type;language;question;options;correct;answer;explanation\n"
    "q1;2.3;single;de;Was fragst du zuerst?;Den Namen | Die Nummer | Nichts;1;;Den Namen: so wird es persönlich.\n"
    "q2;3.2;true_false;de;Ein Lächeln hört man am Telefon.;;;true;Die Stimme verändert sich beim Lächeln.\n"
    "q3;1.2;ordering;de;Reihenfolge beim Dienstbeginn?;Login | CRM öffnen | Verfügbar;;;Erst Werkzeuge, dann verfügbar.\n"
)
YAML_OK = """items:
  - id: m1
    competency: "4.3"
    type: multiple
    language: fr
    question: "Que fais-tu face à une réclamation ?"
    options: ["Écouter", "Interrompre", "Reformuler"]
    correct: [1, 3]
    explanation: "Écouter et reformuler apaisent."
"""


def test_a_good_csv_and_a_good_yaml() -> None:
    result = parse_upload("fragen.csv", CSV_OK.encode())
    assert result.errors == [] and [i.own_id for i in result.items] == ["q1", "q2", "q3"]
    assert result.items[0].correct == [0] and result.items[1].answer is True
    yaml_result = parse_upload("questions.yaml", YAML_OK.encode())
    assert yaml_result.errors == [] and yaml_result.items[0].correct == [0, 2]


def test_errors_carry_their_line_and_nothing_is_imported() -> None:
    bad = CSV_OK.replace("q2;3.2;true_false", "q2;9.9;maybe").replace(";1;;Den Namen", ";7;;Den Namen")
    result = parse_upload("fragen.csv", bad.encode())
    assert result.items == []
    assert {(e.line, e.code) for e in result.errors} >= {
        (2, "bad_correct"),
        (3, "bad_competency"),
        (3, "bad_type"),
    }


def test_yaml_lines_point_at_the_entry() -> None:
    bad = YAML_OK + "  - id: m1\n    competency: 4.3\n    type: single\n"
    result = parse_upload("q.yml", bad.encode())
    missing = [e for e in result.errors if e.code == "missing"]
    assert missing and all(e.line == 10 for e in missing)


def test_bad_files_are_refused() -> None:
    assert parse_upload("x.csv", b"x" * (MAX_BYTES + 1)).errors[0].code == "too_big"
    assert parse_upload("x.exe", b"MZ").errors[0].code == "file_type"
    assert parse_upload("x.csv", b"\xff\xfe\x00").errors[0].code == "not_utf8"
    bomb = "a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert parse_upload("x.yaml", bomb.encode()).errors[0].code == "yaml_alias"
    assert parse_upload("x.yaml", b"items: [unclosed").errors[0].code == "yaml_syntax"
    assert parse_upload("x.yaml", b"!!python/object/apply:os.system ['rm']").errors[0].code in (
        "yaml_syntax",
        "yaml_shape",
    )
    assert parse_upload("x.csv", b"foo,bar\n1,2\n").errors[0].code == "csv_header"


@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.yaml", "a.yml", "a.txt"]))
def test_any_bytes_give_items_or_errors_never_an_exception(data: bytes, name: str) -> None:
    result = parse_upload(name, data)
    assert bool(result.items) != bool(result.errors)  # exactly one of the two
