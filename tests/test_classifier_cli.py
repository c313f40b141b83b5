"""`minerwatch classify / eval / train` run in-process with temporary files (keyword classifier: no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers import CLASSIFIER_KINDS, THEMES, load_classifier
from classifiers.keywords import KeywordClassifier
from minerwatch.cli import main

NEWS: list[dict[str, object]] = [
    {"id": "a1", "title": "Miner prices $500 million convertible notes", "lede": "The 0% notes are due 2031."},
    {"id": 2, "title": "Miner reports May production", "lede": "It mined 450 BTC."},
    {"id": None, "title": "Filecoin storage deals hit a record", "lede": None},
]


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_classify_jsonl_round_trip(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", NEWS)
    out = tmp_path / "out.jsonl"
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(source), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["a1", 2, None]
    assert rows[0]["themes"] == ["debt_terms"]
    assert rows[1]["themes"] == []
    assert rows[2]["themes"] == ["depin"]
    for row in rows:
        assert set(row) == {"id", "themes", "scores"}
        assert list(row["scores"]) == list(THEMES)


def test_classify_jsonl_to_stdout_skips_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(NEWS[0]) + "\n\n" + json.dumps(NEWS[1]) + "\n", encoding="utf-8")
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(source)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_classify_text_prints_themes_and_scores(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--classifier", "keywords", "ERCOT pays miner to curtail"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "themes: energy_arbitrage"
    assert "* energy_arbitrage" in out and "1.000" in out
    assert all(theme in out for theme in THEMES)


def test_classify_needs_exactly_one_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--classifier", "keywords"]) == 2
    source = write_jsonl(tmp_path / "in.jsonl", NEWS)
    assert main(["classify", "--classifier", "keywords", "text", "--jsonl", str(source)]) == 2
    assert "either TEXT or --jsonl" in capsys.readouterr().err


def test_classify_reports_bad_json_with_line_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(NEWS[0]) + "\n{not json\n", encoding="utf-8")
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(source), "--out", str(tmp_path / "o")]) == 1
    assert "in.jsonl line 2: not JSON" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()  # checked before anything is written


def test_classify_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(tmp_path / "nope.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "cannot open" in err and "nope.jsonl: No such file or directory" in err and "Errno" not in err


@pytest.mark.parametrize("text", ["", "   "])
def test_classify_refuses_an_empty_text_with_an_example(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--classifier", "keywords", text]) == 2
    assert "the text is empty; for example: minerwatch classify 'Cipher Mining prices" in capsys.readouterr().err


def test_eval_prints_per_theme_table_and_themeless_share(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = write_jsonl(
        tmp_path / "labelled.jsonl",
        [
            {"id": 1, "title": "Miner prices convertible notes", "lede": "", "themes": ["debt_terms"]},
            {"id": 2, "title": "Miner reports May production", "lede": "450 BTC.", "themes": []},
            {"id": 3, "title": "Miner names new CFO", "lede": "She joins from a bank.", "themes": []},
        ],
    )
    assert main(["eval", "--jsonl", str(labelled), "--classifier", "keywords"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 items")
    assert "keywords" in out and "macro-F1" in out
    debt_row = next(line for line in out.splitlines() if line.startswith("debt_terms"))
    assert debt_row.split()[1:] == ["1", "1.000", "1.000", "1.000"]
    assert "0/2 = 0.0%" in out


def test_eval_rejects_unknown_themes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = write_jsonl(tmp_path / "l.jsonl", [{"id": 1, "title": "x", "themes": ["mining"]}])
    assert main(["eval", "--jsonl", str(labelled), "--classifier", "keywords"]) == 1
    assert "unknown themes" in capsys.readouterr().err


def test_load_classifier_names_allowed_kinds() -> None:
    assert isinstance(load_classifier("keywords"), KeywordClassifier)
    with pytest.raises(ValueError, match="allowed: transformer, keywords"):
        load_classifier("bert")
    assert CLASSIFIER_KINDS == ("transformer", "keywords")


def test_keyword_classifier_loads_without_torch() -> None:
    import subprocess
    import sys

    code = "import sys, classifiers; classifiers.load_classifier('keywords'); print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_classify_refuses_a_title_that_is_not_text_before_writing_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(NEWS[0]) + "\n" + json.dumps({"id": 2, "title": 5, "lede": None}) + "\n", "utf-8")
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(source)]) == 1
    captured = capsys.readouterr()
    assert "in.jsonl line 2: title is int, not text (expected one like {" in captured.err and captured.out == ""


def test_a_file_longer_than_one_chunk_comes_out_whole_and_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from minerwatch.commands.classify import JSONL_CHUNK

    count = 2 * JSONL_CHUNK + 3
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": n, "title": f"Miner prices notes {n}"}) + "\n" for n in range(count)))
    assert main(["classify", "--classifier", "keywords", "--jsonl", str(source)]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == list(range(count))
