"""A file whose encoding switches at a byte-order mark (F28): `cat a.txt b.txt` of a UTF-8 (or
legacy, or ASCII) export and a UTF-16/32 one (Windows PowerShell 5's `>>` appends UTF-16LE to a
UTF-8 file; Notepad saves UTF-16 with a BOM). Each part is read in its own encoding, line
numbers and byte offsets run on across the switch, and records of every part are in the output.

The class is generated: first part x switch x second part x line ends x format x a third part;
and the negative side: 8-bit text holding the bytes of a BOM (`ÿþ` in Windows-1252) does not
switch, and a binary file stays binary. The texts are written here, not taken from data/raw.
"""

from __future__ import annotations

import codecs
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.discover import discover
from pipeline.io.readers import Reader
from pipeline.shards import plan_shards

FIRST = {  # name: (encoding, lines)
    "utf-8": ("utf-8", ["Nous avons goûté la pâte feuilletée près du marché.",
                        "Le théâtre était fermé à cause de la grève."]),
    "utf-8-sig": ("utf-8-sig", ["Une bouée rouge flottait sur l'étang gelé.",
                                "Ma sœur préfère le thé à la menthe très sucré."]),
    "cp1252": ("cp1252", ["Nous avons goûté la pâte feuilletée près du marché, où il y avait "
                          "déjà beaucoup de monde.",
                          "Le théâtre était fermé à cause de la grève, et la bibliothèque "
                          "aussi, hélas."]),
    "cp1251": ("cp1251", ["Мы долго ждали поезда на маленькой станции у леса.",
                          "Потом пошёл дождь, и все спрятались под крышей вокзала."]),
    "ascii": ("ascii", ["The first export holds plain ASCII lines only.",
                        "Nothing in it is beyond the seven-bit range."]),
    "empty": ("ascii", []),
}  # fmt: skip
SECOND = {
    "latin": ["The appended part was written by a shell in sixteen-bit units.",
              "It ends where the file ends, as appended text does."],
    "cyrillic": ["Вторая часть записана другой программой в шестнадцатибитной кодировке.",
                 "Она продолжает тот же самый файл."],
    "cjk": ["追加された部分は別のプログラムで書かれました。",
            "このファイルは二つの部分からできています。"],
}  # fmt: skip
SWITCHES = ("utf-16-le", "utf-16-be", "utf-32-le")
THIRD = {"none": None, "utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16-le"}
THIRD_LINES = ["A third export joined after the others, back in another encoding.",
               "Its lines are counted on from where the second part stopped."]  # fmt: skip
FORMATS = ("txt", "md", "jsonl", "csv", "tsv")

BOM_OF = {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-8-sig": b"",  # its codec writes the BOM
    "utf-8": b"",
}


def rendered(lines: list[str], fmt: str, tag: str, newline: str) -> list[str]:
    """Each text line as the format holds it: a paragraph (txt, md), an object (jsonl), a row."""
    if fmt == "jsonl":
        return [json.dumps({"id": f"{tag}{i}", "text": t}, ensure_ascii=False) for i, t in
                enumerate(lines)]  # fmt: skip
    if fmt in ("csv", "tsv"):
        sep = "," if fmt == "csv" else "\t"
        return [f"{tag}{i}{sep}{t if fmt == 'tsv' else json.dumps(t, ensure_ascii=False)}"
                for i, t in enumerate(lines)]  # fmt: skip
    return lines


def joined(lines: list[str], fmt: str, newline: str, trailing: bool) -> str:
    """Lines with their ends: paragraphs of text are kept apart by a blank line."""
    gap = newline * 2 if fmt in ("txt", "md") else newline
    body = gap.join(lines)
    return body + (gap if trailing and lines else "")


def header(fmt: str) -> str:
    return {"csv": "id,text", "tsv": "id\ttext"}.get(fmt, "")


def build(case: dict[str, Any]) -> tuple[bytes, list[str]]:
    """The file's bytes, and every text line it holds."""
    fmt = case["fmt"]
    first_enc, first_lines = FIRST[case["first"]]
    parts: list[bytes] = []
    texts: list[str] = []
    head = header(fmt)
    lines = rendered(first_lines, fmt, "a", "\n")
    if head:
        lines = [head, *lines] if first_lines else [head]
    body = joined(lines, fmt, case.get("first_newline", "\n"), case["first_ends"])
    parts.append(body.encode(first_enc))
    texts += first_lines
    second = SECOND[case["second"]]
    nl = case["newline"]
    enc = case["switch"]
    if parts[0] and not case["first_ends"] and fmt in ("jsonl", "csv", "tsv"):
        parts[0] += b"\n"  # an object or a row cannot run on into the next file's first one
    parts.append(BOM_OF[enc] + joined(rendered(second, fmt, "b", nl), fmt, nl,
                                      case["second_ends"] or case["third"] != "none"
                                      ).encode(enc))  # fmt: skip
    texts += second
    third = THIRD[case["third"]]
    if third is not None:
        parts.append(BOM_OF[third] + joined(rendered(THIRD_LINES, fmt, "c", "\n"), fmt, "\n",
                                            True).encode(third))  # fmt: skip
        texts += THIRD_LINES
    return b"".join(parts), texts


def read_back(path: Path) -> tuple[list[Any], list[dict[str, Any]]]:
    warnings: list[dict[str, Any]] = []
    records = list(Reader(text_field="text")([path], warnings.append))
    return records, warnings


def check(tmp_path: Path, case: dict[str, Any]) -> None:
    data, texts = build(case)
    path = tmp_path / f"joined.{case['fmt']}"
    path.write_bytes(data)
    records, warnings = read_back(path)
    failed = [(r.error, r.text[:60]) for r in records if r.error]
    assert not failed, (case, failed)
    got = "\n".join(r.text for r in records)
    missing = [t for t in texts if t not in got]
    assert not missing, (case, missing, got[:400])
    assert "\ufffd" not in got and "\ufeff" not in got and "\x00" not in got, (case, got[:400])
    assert not [w for w in warnings if w["code"] == "W001"], (case, warnings)
    # line numbers run on across the switch: every record has one, in file order
    numbers = [r.location.line for r in records]
    assert None not in numbers and numbers == sorted(numbers), (case, numbers)
    # the same records for any shard size (a file with a switch is one part, or cut before it)
    for size in (16 << 10, 1 << 20):
        shards = plan_shards(discover([path]).files, max_shard_bytes=size)
        again = [r.text for s in shards for r in Reader(text_field="text").read_shard(s)]
        assert again == [r.text for r in records], case


def located(path: Path, record: Any, encoding_at: dict[int, str]) -> str:
    """The file's text from the record's byte offset, decoded in the encoding of that part."""
    start = record.location.byte
    enc = max((o, e) for o, e in encoding_at.items() if o <= start)[1]
    return path.read_bytes()[start:].decode(enc, "replace")


CORE = list(itertools.product(FIRST, SWITCHES, SECOND))


@pytest.mark.parametrize(("first", "switch", "second"), CORE)
def test_every_first_part_switch_and_script_is_read_whole(
    tmp_path: Path, first: str, switch: str, second: str
) -> None:
    """The exhaustive core: 6 first parts x 3 switches x 3 scripts, as text (.txt)."""
    case = dict(first=first, switch=switch, second=second, fmt="txt", newline="\r\n",
                first_ends=True, second_ends=True, third="none")  # fmt: skip
    check(tmp_path, case)


CASES = st.fixed_dictionaries(
    {
        "first": st.sampled_from(list(FIRST)),
        "switch": st.sampled_from(SWITCHES),
        "second": st.sampled_from(list(SECOND)),
        "fmt": st.sampled_from(FORMATS),
        "newline": st.sampled_from(["\n", "\r\n"]),
        "first_newline": st.sampled_from(["\n", "\r\n", "\r"]),
        "first_ends": st.booleans(),
        "second_ends": st.booleans(),
        "third": st.sampled_from(list(THIRD)),
    }
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=CASES)
def test_every_combination_of_the_class_is_read_whole(tmp_path: Path, case: dict[str, Any]) -> None:
    check(tmp_path, case)


def test_lines_and_bytes_run_on_across_the_switch(tmp_path: Path) -> None:
    """The F28 file: UTF-8 paragraphs, then a UTF-16LE part with its BOM; each record's line
    number and byte offset are where its text is in the file."""
    fr = "Une phrase française écrite par un éditeur de texte ordinaire."
    en = "The second export was written by a shell in sixteen-bit units."
    head = ((fr + "\n\n") * 3).encode()
    tail = ("\ufeff" + en + "\r\n\r\n" + en + "\r\n").encode("utf-16-le")
    path = tmp_path / "u8u16.txt"
    path.write_bytes(head + tail)
    records, _ = read_back(path)
    assert [r.text for r in records] == [fr] * 3 + [en] * 2
    assert [r.location.line for r in records] == [1, 3, 5, 7, 9]


def test_errors_are_located_in_the_part_they_are_in(tmp_path: Path) -> None:
    """A bad object in each part: its line and byte offset are where it is in the file."""
    good = '{"id": "%s", "text": "Un objet écrit correctement, numéro %d."}'
    first = "\n".join([good % ("a0", 0), '{"id": "a1", "text": ', good % ("a2", 2)]) + "\n"
    second = "\r\n".join([good % ("b0", 0), '{"id": "b1" "text"}', good % ("b2", 2)]) + "\r\n"
    head = first.encode()
    tail = codecs.BOM_UTF16_LE + second.encode("utf-16-le")
    path = tmp_path / "joined.jsonl"
    path.write_bytes(head + tail)
    records, _ = read_back(path)
    assert [r.id for r in records if r.active] == ["a0", "a2", "b0", "b2"]
    bad = [r for r in records if r.error]
    assert [r.location.line for r in bad] == [2, 5]
    line2 = len((good % ("a0", 0) + "\n").encode())
    line5 = len(head) + 2 + len((good % ("b0", 0) + "\r\n").encode("utf-16-le"))
    assert [r.location.byte for r in bad] == [line2, line5]


def test_jsonl_of_the_finding_keeps_both_parts(tmp_path: Path) -> None:
    fr = "Le réalisateur a tourné la scène deux fois."
    en = "Appended by a shell that writes sixteen-bit units."
    path = tmp_path / "u8u16.jsonl"
    path.write_bytes(
        "".join(f'{{"id":"a{i}","text":"{fr}"}}\n' for i in range(4)).encode()
        + "".join(f'{{"id":"b{i}","text":"{en}"}}\r\n' for i in range(3)).encode("utf-16")
    )
    records, _ = read_back(path)
    assert [r.id for r in records] == [f"a{i}" for i in range(4)] + [f"b{i}" for i in range(3)]
    assert all(r.active for r in records)
    assert [r.location.line for r in records] == list(range(1, 8))


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
@pytest.mark.parametrize(
    "after", ["ASCII words after it.\n", "plain\n" * 40, "x", " \t\r\n", "été à la mer.\n"]
)
@pytest.mark.parametrize("suffix", ["txt", "jsonl"])
def test_bom_bytes_in_8bit_text_do_not_switch(
    tmp_path: Path, bom: bytes, after: str, suffix: str
) -> None:
    """`ÿþ` / `þÿ` in Windows-1252 text: what follows has no NUL bytes, so it is no UTF-16."""
    text = "Le café était plein à midi, près de la gare, et déjà très bruyant. " * 4
    line = (text + "Sign: ").encode("cp1252") + bom + after.encode("cp1252")
    if suffix == "jsonl":
        body = json.dumps(
            {"text": text + "Sign: " + bom.decode("cp1252") + after.strip()}, ensure_ascii=False
        )
        line = body.encode("cp1252", errors="strict") + b"\n"
    last = json.dumps({"text": text}, ensure_ascii=False) if suffix == "jsonl" else text
    path = tmp_path / f"legacy.{suffix}"
    path.write_bytes(line + (last + "\n").encode("cp1252"))
    records, _ = read_back(path)
    got = "\n".join(r.text for r in records)
    assert not [r.error for r in records if r.error]
    assert text.strip() in got and bom.decode("cp1252") in got, got[-200:]


def test_a_binary_file_with_a_bom_inside_stays_binary(tmp_path: Path) -> None:
    blob = bytes(range(256)) * 8 + b"\x00" * 64
    data = b"\x89PNG\r\n\x1a\n" + blob + codecs.BOM_UTF16_LE + "text\r\n".encode("utf-16-le") + blob
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    records, _ = read_back(path)
    assert [r.error.code for r in records if r.error] == ["E002"]


def test_the_class_table_covers_every_variant() -> None:
    assert len(CORE) == 6 * 3 * 3
    assert set(FORMATS) == {"txt", "md", "jsonl", "csv", "tsv"}


def test_a_compressed_file_with_a_switch_is_read_whole(tmp_path: Path) -> None:
    import gzip

    data, texts = build(dict(first="cp1251", switch="utf-16-be", second="cjk", fmt="txt",
                             newline="\r\n", first_ends=True, second_ends=True,
                             third="utf-8"))  # fmt: skip
    path = tmp_path / "joined.txt.gz"
    path.write_bytes(gzip.compress(data))
    records, _ = read_back(path)
    got = "\n".join(r.text for r in records)
    assert not [r for r in records if r.error] and all(t in got for t in texts)


def test_a_large_file_with_a_switch_is_read_in_one_part(tmp_path: Path) -> None:
    """A JSONL file over the shard size is cut at line starts, but not one with a switch: its
    parts after the first are not where planning's 8-bit line reading says (its UTF-16 part
    has LF bytes inside characters); the records are the same for any shard size."""
    first = "".join(
        json.dumps({"id": f"a{i}", "text": f"Ligne numéro {i}, écrite en UTF-8."}) + "\n"
        for i in range(3000)
    ).encode()
    second = "".join(
        json.dumps({"id": f"b{i}", "text": f"Строка номер {i}."}, ensure_ascii=False) + "\r\n"
        for i in range(3000)
    ).encode("utf-16")
    path = tmp_path / "big.jsonl"
    path.write_bytes(first + second)
    whole = [r.id for r in read_back(path)[0]]
    assert whole == [f"a{i}" for i in range(3000)] + [f"b{i}" for i in range(3000)]
    for size in (16 << 10, 64 << 10, 4 << 20):
        shards = plan_shards(discover([path]).files, max_shard_bytes=size)
        assert sum(len(s.parts) for s in shards) == 1
        assert [r.id for s in shards for r in Reader().read_shard(s)] == whole


@pytest.mark.parametrize("shape", ["marks", "cjk", "joined"])
def test_finding_switches_is_linear(tmp_path: Path, shape: str) -> None:
    """A generous bound, only to catch a quadratic walk: 10x the bytes, under 30x the time
    (timings: bench/switches.py)."""
    import time

    from pipeline.io.encoding import cached_layout, file_layout

    def make(n: int) -> bytes:
        if shape == "marks":  # 8-bit text full of `ÿþ`: a mark that never switches per line
            return ("Signe : \xff\xfe et \xfe\xff, rien de plus.\n" * n).encode("cp1252")
        if shape == "cjk":  # every line start of a UTF-16 part is looked at
            return ("\ufeff" + "追加された部分の行です。\r\n" * n).encode("utf-16-le")
        return ("\ufeff" + "Joined file.\r\n").encode("utf-16-le") * n  # a BOM every line

    def timed(n: int) -> float:
        path = tmp_path / f"{shape}-{n}.txt"
        path.write_bytes(make(n))
        best = float("inf")
        for _ in range(3):
            cached_layout.cache_clear()
            start = time.perf_counter()
            file_layout(path)
            best = min(best, time.perf_counter() - start)
        return best

    n = {"marks": 400, "cjk": 1_500, "joined": 300}[shape]
    small, large = timed(n), timed(10 * n)
    assert large < 30 * max(small, 1e-3), (small, large)
