"""Short legacy texts: which code page a word, a line or ten short lines with signs, units,
currency, capitals or one-letter words are read in (issue 29, hostile 40b E10-E12, E16, E17,
E20, E22-E24). The generator of `tests/test_short_legacy.py`, and its score per code page:

    PYTHONPATH=. .venv/bin/python bench/short_legacy.py

Every text is written here (no corpus line): per code page, the words, capitals and
one-letter words of its script(s) typical of it, each alone and beside every sign or unit the
page holds, as 1, 3 and 10 lines (`Склад № 0`, `Склад № 1`…). A text is right when the bytes
read back exactly in the page chosen (a page giving the same text is as right). Left out by
construction: texts whose only letter beyond ASCII is one distinct byte (`Dzień`, `и` alone:
the same byte is `ñ`, `è` in Windows-1252; the order of pages decides, docs/encodings.md).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

# (page, the words, capitals and one-letter-word lines of its script, written for this test)
SCRIPTS: dict[str, tuple[str, ...]] = {
    "latin1": ("déjà vu", "Größe", "søster på", "año último", "ÉLÈVE", "il est là, à côté"),
    "latin2": ("Źródło", "Łąka", "ŻÓŁTY", "čtvrť", "Město řeky"),
    "cyrillic": ("Склад", "Ответ", "ГОРОД", "see в and к", "Тема и вопрос"),
    "greek": ("Νερό", "Σπίτι", "ΝΗΣΊ", "see ο and η", "ΑΓΟΡΆ"),
    "turkish": ("güneş", "ağaç", "ÇİĞDEM", "Işık yok"),
    "baltic": ("ąžuolas", "žąsis", "ŽĄSIS", "mūsų", "einu į mišką"),
}
PAGES: dict[str, str] = {
    "cp1252": "latin1", "iso8859_15": "latin1", "latin_1": "latin1",
    "cp1250": "latin2", "iso8859_2": "latin2",
    "cp1251": "cyrillic", "iso8859_5": "cyrillic", "koi8_r": "cyrillic",
    "cp1253": "greek", "iso8859_7": "greek",
    "cp1254": "turkish", "iso8859_9": "turkish",
    "cp1257": "baltic", "iso8859_13": "baltic",
}  # fmt: skip
# signs and units, placed as text places them ({i}: the line's number)
SIGNS = ("", "№ {i}", "{i} °C", "§ {i}", "±{i}", "{i} €", "{i} µg", "{i}×{i}", "£{i}", "{i} ‰")
LENGTHS = (1, 3, 10)
FORMATS = ("txt", "md", "jsonl", "csv", "tsv", "html")
# English lines with one sign or unit (Windows-1252 and its ISO sets only)
ENGLISH = ("Room {i} at 21 °C", "Take {i} µg daily", "Section § {i} applies", "Size 3 × {i} m",
           "Only {i} ‰ of cases", "Area: {i} m²", "Price ¤{i}", "Bolt ¼in, nut {i}½in",
           "• item {i}", "Brand™ {i}¢")  # fmt: skip


@dataclass(frozen=True)
class Case:
    page: str
    lines: tuple[str, ...]

    @property
    def data(self) -> bytes:
        return "".join(line + "\n" for line in self.lines).encode(self.page)


def encodable(text: str, page: str) -> bool:
    try:
        text.encode(page)
    except UnicodeEncodeError:
        return False
    return True


def distinct_letters(text: str, page: str) -> int:
    """Distinct bytes beyond ASCII of the text's letters (one is ambiguous by construction)."""
    return len({c.encode(page) for c in text if c.isalpha() and not c.isascii()})


def cases(lengths: tuple[int, ...] = LENGTHS) -> Iterator[Case]:
    """Every (page, script text × sign, or English × sign) as `lengths` numbered lines."""
    for page, script in PAGES.items():
        texts = [
            f"{text} {sign}".rstrip() for text, sign in itertools.product(SCRIPTS[script], SIGNS)
        ]
        if script == "latin1":
            texts += list(ENGLISH)
        for text, n in itertools.product(texts, lengths):
            lines = tuple(text.format(i=i) for i in range(n))
            if not all(encodable(line, page) for line in lines):
                continue
            if not text.isascii() and 0 < distinct_letters(text, page) < 2:
                continue  # one letter's byte: the order decides
            yield Case(page, lines)


def wrapped(fmt: str, lines: tuple[str, ...]) -> str:
    """The lines as the text of a file of format `fmt` (one record each)."""
    if fmt in ("txt", "md"):
        return "\n\n".join(lines) + "\n"
    if fmt == "jsonl":
        return "".join(
            json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n"
            for i, t in enumerate(lines)
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "text"])
        writer.writerows([f"r{i}", t] for i, t in enumerate(lines))
        return out.getvalue()
    if fmt == "tsv":
        return "id\ttext\n" + "".join(f"r{i}\t{t}\n" for i, t in enumerate(lines))
    body = "".join(f"<p>{t}</p>\n" for t in lines)
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>\n"


def chosen(data: bytes) -> str:
    """The page the detector reads `data` (legacy lines, as the scanner samples them) in."""
    from pipeline.io.charsets import legacy_encoding

    found = legacy_encoding(data)
    return found.encoding if found is not None else "utf-8"


def right(case: Case, page: str) -> bool:
    try:
        return case.data.decode(page) == case.data.decode(case.page)
    except (UnicodeDecodeError, LookupError):
        return False


def main() -> None:
    from pipeline.io.encoding import binary_sample

    score: dict[str, Counter[str]] = {}
    wrong = []
    binary = 0  # texts the reader would refuse as binary (E002): none
    for case in cases():
        binary += binary_sample(case.data)
        page = chosen(case.data)
        ok = right(case, page)
        score.setdefault(case.page, Counter())["right" if ok else "wrong"] += 1
        if not ok:
            wrong.append((case.page, len(case.lines), case.lines[0], page))
    total = Counter[str]()
    print("| page | cases | right |\n| --- | ---: | ---: |")
    for page, counts in score.items():
        total += counts
        print(f"| {page} | {counts.total()} | {counts['right']} |")
    print(f"| **all** | **{total.total()}** | **{total['right']}** |")
    print(f"called binary: {binary} of {total.total()}")
    if "-v" in sys.argv:
        for row in wrong:
            print(*row, sep="\t")


if __name__ == "__main__":
    main()
