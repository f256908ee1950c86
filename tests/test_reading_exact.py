"""Reading keeps every input value and writes only valid JSON (each case failed before its fix)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline import Pipeline
from pipeline.io.readers import Reader
from pipeline.record import PIPELINE_META


def strict_json(line: str) -> Any:
    """Parse as RFC 8259 JSON: NaN and the infinities are refused, as jq and JSON.parse do."""

    def refuse(name: str) -> Any:
        raise ValueError(f"not JSON: {name}")

    return json.loads(line, parse_constant=refuse)


def lines(path: Path) -> list[dict[str, Any]]:
    return [strict_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_run(tmp_path: Path, name: str, content: str | bytes) -> tuple[Path, dict[str, Any]]:
    """Run the reader-only pipeline (no stages) over one file."""
    src = tmp_path / "in" / name
    src.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        src.write_bytes(content)
    else:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    report = Pipeline(stages=[]).run([src.parent], out)
    return out, report


def test_values_json_cannot_carry_become_valid_json_with_a_warning(tmp_path: Path) -> None:
    huge = "9" * 5000
    content = "\n".join([
        '{"id": "a", "text": "One.", "score": NaN, "up": Infinity, "down": -Infinity}',
        '{"id": "b", "text": "Two.", "big": ' + huge + ', "far": 1e400, "x": [NaN]}',
        '{"id": "c", "text": "Three.", "k": 1, "k": 2}',
    ])  # fmt: skip
    out, report = read_run(tmp_path, "values.jsonl", content)
    corpus = lines(out / "corpus.jsonl")  # every line is strict JSON
    assert [r["id"] for r in corpus] == ["a", "b", "c"]
    a, b, c = (r["meta"] for r in corpus)
    assert (a["score"], a["up"], a["down"]) == (None, None, None)
    assert b["big"] == huge and b["far"] == "1e400" and b["x"] == [None]
    assert (c["k"], c["k.1"]) == (2, 1)  # both values kept, the last the key's (as json)
    warnings = lines(out / "warnings.jsonl")
    codes = [w["code"] for w in warnings]
    assert codes.count("W006") == 6 and codes.count("W014") == 1
    assert report["counts"]["written"] == 3


@pytest.mark.parametrize("name", sorted(PIPELINE_META))
def test_an_input_field_named_like_a_pipeline_field_is_kept_under_a_prefix(
    tmp_path: Path, name: str
) -> None:
    row = {"id": "r", "text": "Some text here.", name: "theirs", f"input.{name}": "also theirs"}
    out, _ = read_run(tmp_path, "fields.jsonl", json.dumps(row))
    (record,) = lines(out / "corpus.jsonl")
    assert record["meta"][f"input.input.{name}"] == "theirs"
    assert record["meta"][f"input.{name}"] == "also theirs"
    (warning,) = [w for w in lines(out / "warnings.jsonl") if w["code"] == "W007"]
    assert name in warning["message"]


def test_ids_are_used_as_written(tmp_path: Path) -> None:
    """Any JSON scalar as written; a padded string too (stripped, `" a "` took the id of the
    record whose id is `a`, which became `a~2` with a W002 for an input without duplicates)."""
    rows = [
        {"id": True, "text": "Boolean id."},
        {"id": " a ", "text": "Padded id.", "doc_id": " doc "},
        {"id": 7, "text": "Number id."},
        {"id": "a", "text": "The record whose id is a."},
    ]
    out, _ = read_run(tmp_path, "ids.jsonl", "\n".join(map(json.dumps, rows)))
    first, second, third, fourth = lines(out / "corpus.jsonl")
    assert first["id"] == "true" and "id" not in first["meta"]
    assert second["id"] == " a " and "id" not in second["meta"]
    assert second["doc_id"] == " doc " and "doc_id" not in second["meta"]
    assert third["id"] == "7" and "id" not in third["meta"]
    assert fourth["id"] == "a"
    assert "W002" not in {w["code"] for w in lines(out / "warnings.jsonl")}


def test_a_renamed_duplicate_id_is_no_id_the_input_has(tmp_path: Path) -> None:
    rows = [{"id": i, "text": f"Text {n}."} for n, i in enumerate(["a", "a", "a~2", "a~3", "a"])]
    out, _ = read_run(tmp_path, "dups.jsonl", "\n".join(map(json.dumps, rows)))
    ids = [r["id"] for r in lines(out / "corpus.jsonl")]
    assert ids == ["a", "a~4", "a~2", "a~3", "a~5"]
    assert len(set(ids)) == len(ids)
    renamed = [w for w in lines(out / "warnings.jsonl") if w["code"] == "W002"]
    assert [w["id"] for w in renamed] == ["a~4", "a~5"]


def test_ids_are_unique_in_the_dropped_and_error_files_too(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text("Cookie settings\nA real paragraph of text here.\n")
    (src / "notes.md").write_text("Cookie settings\n\nA real paragraph of text here.\n")
    out = tmp_path / "out"
    Pipeline(stages=[]).run([src], out)
    for name in ("corpus.jsonl", "dropped.jsonl", "errors.jsonl"):
        ids = [r["id"] for r in lines(out / name)]
        assert len(ids) == len(set(ids)), name


def test_a_csv_header_that_repeats_a_name_keeps_every_column(tmp_path: Path) -> None:
    out, _ = read_run(tmp_path, "t.csv", "text,tag,tag,tag.1\nHello there.,x,y,z\n")
    (record,) = lines(out / "corpus.jsonl")
    assert {k: record["meta"][k] for k in ("tag", "tag.2", "tag.1")} == {
        "tag": "x",
        "tag.2": "y",
        "tag.1": "z",
    }
    assert [w["code"] for w in lines(out / "warnings.jsonl")] == ["W007"]


def test_text_is_nfc_in_every_reader(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Le film a été tourné à Paris.")
    assert nfd != unicodedata.normalize("NFC", nfd)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps({"text": nfd}))
    (src / "b.csv").write_text(f"text\n{nfd}\n")
    (src / "c.txt").write_text(nfd + "\n")
    texts = [r.text for r in Reader()([src])]
    assert texts == [unicodedata.normalize("NFC", nfd)] * 3


def test_a_file_name_of_any_bytes_is_read_and_shown_escaped(tmp_path: Path) -> None:
    import os

    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"caf\xe9.txt")).write_text("A sentence about the weather.\n")
    (src / os.fsdecode(b"bad\xff.jsonl")).write_text("{broken\n")
    out = tmp_path / "out"
    report = Pipeline(stages=[]).run([src], out)
    assert report["counts"]["written"] == 1 and report["counts"]["failed"] == 1
    (record,) = lines(out / "corpus.jsonl")
    assert record["source"] == "caf\\xe9.txt"
    (error,) = lines(out / "errors.jsonl")
    assert error["source"] == "bad\\xff.jsonl" and error["code"] == "E003"


LEGACY = {
    "shift_jis": "映画祭は毎年秋に開かれ、世界中から多くの監督と俳優が集まります。\n"
    "今年の最優秀作品は、海辺の小さな町で暮らす家族の物語でした。\n"
    "審査員は、静かな演出と自然な演技を高く評価しました。\n",
    "gbk": "电影节每年秋天举行，来自世界各地的导演和演员聚集在这里。\n"
    "今年的最佳影片讲述了一个住在海边小镇的家庭的故事。\n"
    "评审团高度评价了这部电影安静的导演手法和自然的表演。\n",
    "big5": "電影節每年秋天舉行，來自世界各地的導演和演員聚集在這裡。\n"
    "今年的最佳影片講述了一個住在海邊小鎮的家庭的故事。\n"
    "評審團高度評價了這部電影安靜的導演手法和自然的表演。\n",
    "euc_kr": "영화제는 매년 가을에 열리며 세계 각국의 감독과 배우들이 모입니다.\n"
    "올해의 최우수 작품은 바닷가 작은 마을에 사는 가족의 이야기였습니다.\n"
    "심사위원들은 조용한 연출과 자연스러운 연기를 높이 평가했습니다.\n",
    "cp1251": "Кинофестиваль проходит каждую осень и собирает режиссёров со всего мира.\n"
    "Лучшим фильмом года стала история семьи из маленького приморского города.\n",
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_multibyte_text_is_read_in_its_encoding(tmp_path: Path, encoding: str) -> None:
    text = LEGACY[encoding] * 3
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_bytes(text.encode(encoding))
    out = tmp_path / "out"
    Pipeline(stages=[]).run([src], out)
    corpus = "".join(r["text"] for r in lines(out / "corpus.jsonl"))
    assert "\ufffd" not in corpus
    assert corpus.replace(" ", "") == text.replace("\n", "").replace(" ", "")
    (warning,) = lines(out / "warnings.jsonl")
    assert warning["code"] == "W005"


def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path: Path) -> None:
    text = "Le festival a lieu chaque automne à Cannes, où les réalisateurs se retrouvent.\n" * 5
    data = text.encode("utf-8").replace(b"\xc3\xa0", b"\xe0", 1)  # one damaged "à"
    out, _ = read_run(tmp_path, "damaged.txt", data)
    corpus = [r["text"] for r in lines(out / "corpus.jsonl")]
    assert corpus and all("réalisateurs" in t for t in corpus)
    assert [w["code"] for w in lines(out / "warnings.jsonl")] == ["W001"]
