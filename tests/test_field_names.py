"""Field names, by class (issue #29, hostile41 F12/F20): a key or column written in any
Unicode normalisation form matches `--text-field`/`--id-field` typed in any other, in every
object reader; a field option that names no field is a one-line usage error, exit 2, before
anything is written (command line and config file alike)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io.readers import Reader

# names whose NFC and NFD differ, one per script family that composes (Latin, Vietnamese's
# stacked marks, Greek tonos, Hangul syllables, Cyrillic й, Kana dakuten)
NAMES = ["résumé", "tiếng", "κείμενο", "본문", "край", "デジタル"]
FORMS = ["NFC", "NFD"]


def write(path: Path, rows: list[dict[str, str]]) -> None:
    if path.suffix == ".csv":
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
        path.write_text(out.getvalue(), "utf-8")
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


@pytest.mark.parametrize(
    ("name", "written", "typed", "suffix"),
    list(itertools.product(NAMES, FORMS, FORMS, [".jsonl", ".csv"])),
)
def test_a_key_in_any_form_matches_the_name_typed_in_any_other(
    tmp_path: Path, name: str, written: str, typed: str, suffix: str
) -> None:
    key, ident = unicodedata.normalize(written, name), unicodedata.normalize(written, "n" + name)
    rows = [{ident: f"x{i}", key: f"Sentence number {i} of the text."} for i in range(3)]
    path = tmp_path / f"f{suffix}"
    write(path, rows)
    reader = Reader(text_field=unicodedata.normalize(typed, name),
                    id_field=unicodedata.normalize(typed, "n" + name))  # fmt: skip
    records = list(reader([path]))
    assert [r.error for r in records] == [None] * 3
    assert [r.text for r in records] == [r[key] for r in rows]
    assert [r.id for r in records] == ["x0", "x1", "x2"]


@pytest.mark.parametrize("name", NAMES)
def test_two_keys_one_name_in_nfc_are_both_kept(tmp_path: Path, name: str) -> None:
    path = tmp_path / "two.jsonl"
    obj = {unicodedata.normalize("NFC", name): "First value, the text.",
           unicodedata.normalize("NFD", name): "Second value."}  # fmt: skip
    path.write_text(json.dumps(obj, ensure_ascii=False) + "\n", "utf-8")
    warnings: list[dict[str, object]] = []
    [record] = Reader(text_field=name)([path], warnings.append)
    assert record.text == "First value, the text."
    assert record.meta[unicodedata.normalize("NFC", name) + ".1"] == "Second value."
    assert [w["code"] for w in warnings] == ["W007"]


BLANK = ["", " ", ",", " , ", "\t", ",,"]


@pytest.mark.parametrize(
    ("option", "value", "how"),
    list(itertools.product(["text-field", "id-field"], BLANK, ["cli", "config"])),
)
def test_a_field_option_naming_no_field_is_a_usage_error(
    tmp_path: Path, option: str, value: str, how: str
) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a", "text": "A sentence."}\n', "utf-8")
    out = tmp_path / "out"
    if how == "cli":
        args = [str(data), "-o", str(out), f"--{option}={value}"]
    else:
        config = tmp_path / "run.toml"
        config.write_text(f"inputs = [{json.dumps(str(data))}]\n{option} = {json.dumps(value)}\n"
                          f"out-dir = {json.dumps(str(out))}\n", "utf-8")  # fmt: skip
        args = ["--config", str(config)]
    result = CliRunner().invoke(app, ["run", *args, "-t", "none", "--no-report", "-w", "1"])
    assert result.exit_code == 2, result.output
    assert "no field name" in result.output and option in result.output
    assert not out.exists()
