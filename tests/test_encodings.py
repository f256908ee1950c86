"""Encodings: every language of the legacy single-byte family, in every member that can hold it,
read back exactly wherever its first non-ASCII byte is; mixed and damaged files read honestly.

The texts are written here (not from data/raw), each with its language's own letters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.discover import discover
from pipeline.io.encoding import file_encoding
from pipeline.io.readers import Reader
from pipeline.shards import plan_shards

TEXTS = {
    "pl": "Żółta łódź płynęła powoli przez jezioro, a źrebię biegło wzdłuż brzegu.\n"
    "Wczoraj kupiłem świeży chleb i śliwki na targu w Łodzi.\n",
    "tr": "İstanbul, Türkiye'nin en kalabalık şehridir ve boğazın iki yakasına yayılır.\n"
    "Çocuklar ağaçların gölgesinde oynarken yaşlılar çay içiyordu.\n",
    "cs": "Příliš žluťoučký kůň úpěl ďábelské ódy na zelené louce.\n"
    "Večer jsme šli do divadla a potom jsme se procházeli po nábřeží.\n",
    "ru": "Вечером мы гуляли по набережной и смотрели, как медленно темнеет река.\n"
    "Съешь же ещё этих мягких французских булок да выпей чаю.\n",
    "el": "Το καλοκαίρι πήγαμε στο νησί και κολυμπήσαμε κάθε μέρα στη θάλασσα.\n"
    "Η γιαγιά μου έφτιαξε ψωμί και μας διηγήθηκε παλιές ιστορίες.\n",
    "fr": "Hier, nous avons mangé une crème brûlée près de la fenêtre du café.\n"
    "Le garçon a répondu qu'il était déjà à l'hôtel où ça s'était passé.\n",
    "de": "Die Bäckerei öffnet früh, und die Straße füllt sich schnell mit Grüßen.\n"
    "Über den Fluss führt eine schöne, alte Brücke aus grauem Stein.\n",
    "es": "El niño español comió mañana una piña en el jardín de su abuela.\n"
    "¿Quién sabe cuántos años tiene aquel árbol junto a la estación?\n",
    "uk": "Їжак ґречно вітався з усіма сусідами, що жили біля ставу.\n"
    "Ця пісня нагадує мені про літні вечори в селі.\n",
    "lt": "Vakare ėjome pasivaikščioti prie ežero ir žiūrėjome į saulėlydį.\n"
    "Šiandien mūsų močiutė iškepė skanų pyragą su obuoliais.\n",
    "hu": "Az őszi erdőben hosszú sétát tettünk, és gyűjtöttünk néhány gombát.\n"
    "A kisfiú örült, amikor a nagymama süteményt sütött neki.\n",
}
FAMILY = (
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1257",
    "iso8859_1", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13", "iso8859_15",
    "koi8_r", "koi8_u", "mac_roman",
)  # fmt: skip


def can_hold(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


CASES = sorted(
    (lang, encoding)
    for lang, text in TEXTS.items()
    for encoding in FAMILY
    if can_hold(text, encoding) and text.encode(encoding) != text.encode("utf-8")
)
ASCII_LINE = "A plain line of an export, with nothing but ASCII in it, number {}.\n"


def ascii_head(size: int) -> str:
    lines, total, n = [], 0, 0
    while total < size:
        line = ASCII_LINE.format(n)
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines)


def read_back(path: Path) -> tuple[str, list[dict[str, Any]]]:
    warnings: list[dict[str, Any]] = []
    reader = Reader(max_chars=10_000_000)
    records = list(reader([path], warnings.append))
    assert all(r.active for r in records), [r.error for r in records if r.error]
    return "\n".join(r.text for r in records), warnings


def test_every_language_has_a_case_in_several_encodings() -> None:
    langs = {lang for lang, _ in CASES}
    assert langs == set(TEXTS)
    assert {e for _, e in CASES} == set(FAMILY)  # every member is tried on some language


SETTINGS = settings(
    max_examples=len(CASES) * 2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(case=st.sampled_from(CASES), head_kb=st.integers(0, 1100), repeat=st.integers(1, 4))
def test_legacy_text_after_an_ascii_head_is_read_exactly(
    tmp_path_factory: Any, case: tuple[str, str], head_kb: int, repeat: int
) -> None:
    lang, encoding = case
    text = TEXTS[lang] * repeat
    head = ascii_head(head_kb * 1024)
    path = tmp_path_factory.mktemp("enc") / "export.txt"
    path.write_bytes((head + text).encode(encoding))
    got, warnings = read_back(path)
    assert all(line in got for line in TEXTS[lang].splitlines()), file_encoding(path)
    assert "\ufffd" not in got
    assert [w["code"] for w in warnings] == ["W005"]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_every_pair_is_read_exactly_after_the_old_64_kb_head(tmp_path: Path, lang: str) -> None:
    """The whole table once, deterministically: ASCII for 70 kB, then the text."""
    head = ascii_head(70 * 1024)
    for encoding in (e for la, e in CASES if la == lang):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes((head + TEXTS[lang]).encode(encoding))
        got, warnings = read_back(path)
        lines = TEXTS[lang].splitlines()
        assert all(line in got for line in lines), (encoding, file_encoding(path))
        assert "W001" not in {w["code"] for w in warnings}


@pytest.mark.parametrize("legacy_first", [False, True])
def test_a_file_mixing_utf8_and_a_legacy_part_reads_both(
    tmp_path: Path, legacy_first: bool
) -> None:
    utf8 = TEXTS["fr"].encode("utf-8") * 20
    legacy = TEXTS["de"].encode("cp1252") * 20
    path = tmp_path / "joined.txt"
    path.write_bytes(
        ascii_head(80 * 1024).encode() + (legacy + utf8 if legacy_first else utf8 + legacy)
    )
    got, warnings = read_back(path)
    assert "\ufffd" not in got
    assert TEXTS["fr"].split("\n")[0] in got and TEXTS["de"].split("\n")[0] in got
    assert "W001" not in {w["code"] for w in warnings}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lang=st.sampled_from(sorted(TEXTS)),
    data=st.data(),
)
def test_damaged_utf8_stays_utf8_with_a_warning_at_each_bad_byte(
    tmp_path_factory: Any, lang: str, data: Any
) -> None:
    """A few bad bytes in UTF-8 text (a high byte cut from its character, or a stray byte
    inside a word of accented text) are replaced and warned where they are, never read as a
    legacy encoding."""
    raw = bytearray((TEXTS[lang] * 3).encode("utf-8"))
    starts = [0, *(i + 1 for i, b in enumerate(raw) if b == 0x0A)][:-1]
    lines = data.draw(st.sets(st.sampled_from(range(len(starts))), min_size=1, max_size=3))
    chosen = []  # one bad byte in each chosen line (a line warns at its first bad byte)
    for n in sorted(lines):
        end = raw.index(b"\n", starts[n])
        leads = [i for i in range(starts[n], end) if raw[i] >= 0xC0]
        chosen.append(data.draw(st.sampled_from(leads)))
    for i in chosen:
        raw[i + 1] = 0x20  # the character's second byte replaced: its first is invalid
    path = tmp_path_factory.mktemp("dmg") / "damaged.txt"
    path.write_bytes(bytes(raw))
    assert file_encoding(path) == "utf-8"
    got, warnings = read_back(path)
    assert [w["byte"] for w in warnings if w["code"] == "W001"] == chosen
    assert got.count("\ufffd") == len(chosen)


def test_a_split_file_is_decoded_once_and_the_same_in_every_part(tmp_path: Path) -> None:
    line = '{"text": "%s"}\n'
    ascii_part = "".join(line % f"plain record number {n}" for n in range(40_000))
    legacy = "".join(line % t for t in TEXTS["pl"].splitlines())
    path = tmp_path / "big.jsonl"
    path.write_bytes((ascii_part + legacy * 50).encode("cp1250"))
    shards = plan_shards(discover([path]).files, max_shard_bytes=64 << 10)
    parts = [p for s in shards for p in s.parts]
    assert len(parts) > 4 and {p.encoding for p in parts} == {"cp1250"}
    text = "\n".join(r.text for s in shards for r in Reader().read_shard(s))
    assert "\ufffd" not in text and TEXTS["pl"].splitlines()[0] in text


def test_cost_is_linear_in_the_file(tmp_path: Path) -> None:
    """A generous bound, only to catch a quadratic pass: 10x the bytes, under 30x the time."""
    import time

    def seconds(size: int) -> float:
        path = tmp_path / f"f{size}.txt"
        path.write_bytes((TEXTS["cs"] * 2000 * size).encode("cp1250"))
        start = time.perf_counter()
        assert file_encoding(path) == "cp1250"
        return time.perf_counter() - start

    small, big = seconds(1), seconds(10)
    if big >= 30 * max(small, 0.01):  # again, at its best of 3: a busy machine is not a bug
        small = min(small, *(seconds(1) for _ in range(2)))
        big = min(big, *(seconds(10) for _ in range(2)))
    assert big < 30 * max(small, 0.01)


ALL_CAPITALS = {  # exports of names and places are often in capitals
    "ru": ("ФИО;ГОРОД\nИВАНОВ ИВАН;МОСКВА\nПЕТРОВА АННА;САНКТ-ПЕТЕРБУРГ\n", ["cp1251", "iso8859_5"]),
    "tr": ("AD;ŞEHİR\nAHMET YILMAZ;İSTANBUL\nAYŞE KAYA;İZMİR\nMEHMET ÖZTÜRK;ÇANAKKALE\n",
           ["cp1254", "iso8859_9"]),
    "de": ("NAME;STADT\nMÜLLER JÜRGEN;MÜNCHEN\nSCHÄFER GRÖẞE;KÖLN\n", ["cp1252", "latin_1"]),
    "el": ("ΟΝΟΜΑ;ΠΟΛΗ\nΠΑΠΑΔΟΠΟΥΛΟΣ ΓΙΩΡΓΟΣ;ΑΘΗΝΑ\nΝΙΚΟΛΑΟΥ ΜΑΡΙΑ;ΘΕΣΣΑΛΟΝΙΚΗ\n",
           ["cp1253", "iso8859_7"]),
    "pl": ("NAZWISKO;MIASTO\nWÓJCIK ŁUKASZ;ŁÓDŹ\nKOWALSKA ŻANETA;GDAŃSK\n", ["cp1250", "iso8859_2"]),
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (text, encoding)
        for text, encodings in ALL_CAPITALS.values()
        for encoding in encodings
        if all(c.encode(encoding, "ignore") for c in text if c != "ẞ")
    ],
)
def test_text_in_capitals_is_read_exactly(tmp_path: Path, text: str, encoding: str) -> None:
    """Capitals after capitals are text, not a misreading (only a capital after a small
    letter is: `пРИВЕТ`); all-capital exports were read as cp932, mac_roman or KOI8."""
    text = text.replace("ẞ", "SS")
    path = tmp_path / "names.txt"
    path.write_bytes((text * 20).encode(encoding))
    read = "\n".join(r.text for r in Reader()([path]))
    for line in text.splitlines():
        assert line in read


# -- casing: every (language, code page, casing, length, position), exhaustively ---------------

CASINGS = {"upper": str.upper, "lower": str.lower, "as written": str}


def cased(text: str, casing: str) -> str:
    out = CASINGS[casing](text)
    return out.replace("ẞ", "SS").replace("İ".lower(), "i̇") if casing == "upper" else out


CASED = sorted(
    (lang, encoding, casing)
    for lang, encoding in CASES
    for casing in CASINGS
    if can_hold(cased(TEXTS[lang], casing), encoding)
)


def test_the_casing_table_covers_every_pair() -> None:
    assert {(lang, enc) for lang, enc, _ in CASED} == set(CASES)
    assert len(CASED) >= 2.5 * len(CASES)


@pytest.mark.parametrize(("lang", "encoding", "casing"), CASED)
def test_every_casing_of_every_pair_is_decided_right(
    tmp_path: Path, lang: str, encoding: str, casing: str
) -> None:
    """All capitals, all small letters or as written; one line, or many; at the start, or
    after 70 kB of ASCII: KOI8-R in capitals is faultless small Cyrillic in Windows-1251 (it
    was read so), small KOI8-R is Windows-1251 capitals; only the letters' frequency tells."""
    text = cased(TEXTS[lang], casing)
    for name, content in {
        "one line": text.splitlines(keepends=True)[0],
        "many": text * 20,
        "late": ascii_head(70 * 1024) + text,
    }.items():
        path = tmp_path / f"{name}.txt"
        data = content.encode(encoding)
        path.write_bytes(data)
        chosen = file_encoding(path)
        assert data.decode(chosen.partition("+")[2] or chosen, "replace") == content, (
            name,
            chosen,
        )


# -- one legacy line (or a few) in a UTF-8 file ------------------------------------------------

LEGACY_LINES = [  # (language, code page): one line of the language's own letters in it
    ("fr", "cp1252"), ("de", "cp1252"), ("es", "cp1252"), ("pl", "cp1250"), ("cs", "cp1250"),
    ("hu", "cp1250"), ("ru", "cp1251"), ("uk", "cp1251"), ("el", "cp1253"), ("tr", "cp1254"),
    ("lt", "cp1257"),
]  # fmt: skip


def as_file(lines: list[tuple[str, str]], suffix: str, newline: bytes = b"\n") -> bytes:
    """Lines (text, encoding) as a file of `suffix`: a paragraph each (.txt), a JSON object
    each (.jsonl), a row each under a header (.csv); .txt.gz is the .txt compressed. Lines
    end in `newline` (LF, CRLF, or CR: a classic Mac OS file)."""
    import gzip
    import json

    if suffix == ".txt.gz":
        return gzip.compress(as_file(lines, ".txt", newline), mtime=0)
    out = [b"id,text" + newline] if suffix == ".csv" else []
    for i, (text, encoding) in enumerate(lines):
        if suffix == ".txt":
            out.append(text.encode(encoding) + newline * 2)
        elif suffix == ".jsonl":
            out.append(
                json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False).encode(encoding)
                + newline
            )
        else:
            out.append(f'r{i},"{text}"'.encode(encoding) + newline)
    return b"".join(out)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    legacy=st.sampled_from(LEGACY_LINES),
    utf8_lang=st.sampled_from(sorted(TEXTS)),
    k=st.integers(1, 6),
    m=st.integers(1, 3),
    plain=st.integers(0, 50),
    suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".txt.gz"]),
    order=st.randoms(use_true_random=False),
    newline=st.sampled_from([b"\n", b"\r\n", b"\r"]),
)
def test_legacy_lines_in_a_utf8_file_are_read_in_their_own_encoding(
    tmp_path_factory: Any,
    legacy: tuple[str, str],
    utf8_lang: str,
    k: int,
    m: int,
    plain: int,
    suffix: str,
    order: Any,
    newline: bytes,
) -> None:
    """k UTF-8 lines, m legacy lines (however few: one), and ASCII lines, in any order: a
    legacy line holds no valid UTF-8 character, so it is read in its encoding (it was
    U+FFFD for each accent, W001, whenever the legacy lines held fewer than 8 bytes beyond
    ASCII), and every UTF-8 line stays UTF-8."""
    lang, encoding = legacy
    utf8 = [(line, "utf-8") for line in TEXTS[utf8_lang].splitlines()] * 3
    old = [(line, encoding) for line in TEXTS[lang].splitlines()] * 2
    lines = utf8[:k] + old[:m] + [(ASCII_LINE.format(i).strip(), "ascii") for i in range(plain)]
    order.shuffle(lines)
    path = tmp_path_factory.mktemp("mix") / f"mixed{suffix}"
    path.write_bytes(as_file(lines, suffix, newline))
    got, warnings = read_back(path)
    assert "\ufffd" not in got, file_encoding(path)
    for text, _ in lines:
        assert text in got, (text, file_encoding(path))
    assert "W001" not in {w["code"] for w in warnings}


# -- English Windows-1252 whose only bytes beyond ASCII are signs --------------------------------

SIGNS = {  # a sign as English text writes it, in its place
    "apostrophe": "the director\u2019s cut",
    "contraction": "we don\u2019t know",
    "quotes": "she said \u201cnever again\u201d today",
    "single quotes": "the \u2018quiet\u2019 one",
    "spaced dash": "late \u2013 very late",
    "range": "pages 10\u201312",
    "ellipsis": "and then\u2026",
    "euro": "tickets cost 12 \u20ac each",
    "euro first": "only \u20ac5 a seat",
    "pound": "only \u00a38 a seat",
    "degree": "it was 30\u00b0C outside",
    "half": "\u00bd of the crowd left",
    "copyright": "\u00a9 2020 the studio",
    "trademark": "the Brand\u2122 film",
    "bullet": "\u2022 first point",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(sorted(SIGNS)), min_size=1, max_size=3),
    fill=st.integers(0, 50),
    suffix=st.sampled_from([".txt", ".jsonl"]),
    data=st.data(),
)
def test_english_cp1252_with_only_signs_is_read_as_cp1252(
    kinds: list[str], fill: int, suffix: str, data: Any
) -> None:
    """An English Windows-1252 file whose only bytes beyond ASCII are a few signs (’ € ° ½ ©
    “ ” – …), after any amount of plain text: the signs come back (it was Mac Roman
    `directorís`, `12 Ä`, or ISO-8859-2 `Š 2020`)."""
    import json
    import tempfile

    lines = [ASCII_LINE.format(i).strip() for i in range(fill)]
    for kind in kinds:
        at = data.draw(st.integers(0, len(lines)))
        lines.insert(at, f"In the review, {SIGNS[kind]}, as it says.")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"signs{suffix}"
        if suffix == ".txt":
            path.write_bytes("".join(line + "\n\n" for line in lines).encode("cp1252"))
        else:
            rows = [
                json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False)
                for i, t in enumerate(lines)
            ]
            path.write_bytes("\n".join(rows).encode("cp1252") + b"\n")
        got, _ = read_back(path)
        for kind in kinds:
            assert SIGNS[kind] in got, (kind, file_encoding(path))
