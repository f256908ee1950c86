"""How often the reader reads a legacy-encoded file right, on real text in each encoding.

Real text: the translations of the gettext catalogs installed on the machine (Debian ships
them in /usr/share/locale/LANG/LC_MESSAGES/*.mo: human-translated interface text). For each
(language, legacy encoding) pair, files of about 0.2, 2, 8 and 32 kB are made from the
catalogs' messages (one per line; messages the encoding cannot hold are left out), and the
same text again after 100 kB and after 1.1 MB of ASCII lines (an export whose first accented
letter comes late). Each is read back with the encoding `pipeline.io.encoding.file_encoding`
decides: a file counts as read right when its lines decoded that way give the original text
exactly. The same files are judged by the rule the reader had before (the first 64 kB only,
charset-normalizer's least chaotic and most coherent), side by side.

    .venv/bin/python bench/encodings.py [LANG...]
"""

from __future__ import annotations

import codecs
import gettext
import re
import sys
import tempfile
from pathlib import Path

PAIRS = {
    "pl": ["cp1250", "iso8859_2"],
    "cs": ["cp1250", "iso8859_2"],
    "sk": ["cp1250", "iso8859_2"],
    "hu": ["cp1250", "iso8859_2"],
    "ro": ["cp1250"],
    "hr": ["cp1250", "iso8859_2"],
    "ru": ["cp1251", "koi8_r", "iso8859_5"],
    "uk": ["cp1251", "koi8_u"],
    "bg": ["cp1251", "iso8859_5"],
    "fr": ["cp1252", "latin_1", "iso8859_15", "mac_roman"],
    "de": ["cp1252", "latin_1", "iso8859_15", "mac_roman"],
    "es": ["cp1252", "latin_1", "iso8859_15", "mac_roman"],
    "pt": ["cp1252", "latin_1"],
    "it": ["cp1252", "iso8859_15"],
    "sv": ["cp1252", "latin_1"],
    "el": ["cp1253", "iso8859_7"],
    "tr": ["cp1254", "iso8859_9"],
    "lt": ["cp1257", "iso8859_13"],
    "lv": ["cp1257", "iso8859_13"],
    "et": ["cp1257", "iso8859_15"],
    "he": ["cp1255", "iso8859_8"],
    "ar": ["cp1256"],
    "th": ["tis_620", "cp874"],
    "ja": ["shift_jis", "euc_jp", "cp932"],
    "zh_CN": ["gbk", "gb18030", "gb2312"],
    "zh_TW": ["big5", "cp950"],
    "ko": ["euc_kr", "cp949"],
}
SIZES = (200, 2_000, 8_000, 32_000)
FILES_PER_SIZE = 3
LATE = (100 << 10, 1100 << 10)  # ASCII before the text: past the old 64 kB head, past 1 MB
LOCALE = Path("/usr/share/locale")


def messages(lang: str) -> list[str]:
    """The translated messages of every catalog of `lang`, one line each, in a fixed order."""
    out: list[str] = []
    for mo in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.mo")):
        try:
            with mo.open("rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
        except Exception:
            continue
        for key in sorted(catalog, key=str):
            text = catalog[key]
            if isinstance(text, str) and key and re.search(r"[^\x00-\x7f]", text):
                out.append(" ".join(text.split()))
    return [m for m in dict.fromkeys(out) if len(m) > 10]


def samples(lines: list[str], encoding: str) -> list[tuple[str, bytes]]:
    """(text, encoded bytes) files of each size, from consecutive runs of messages."""
    fits = [line for line in lines if can_encode(line, encoding)]
    out = []
    start = 0
    for size in SIZES:
        for _ in range(FILES_PER_SIZE):
            chosen, total = [], 0
            while total < size and fits:
                line = fits[start % len(fits)]
                start += 1
                chosen.append(line)
                total += len(line.encode(encoding))
            text = "\n".join(chosen) + "\n"
            out.append((text, text.encode(encoding)))
    late = []
    for ascii_bytes in LATE:
        head = "".join(
            f"an ASCII line of the export, number {n}\n" for n in range(ascii_bytes // 36)
        )
        late += [(head + text, (head + text).encode(encoding)) for text, _ in out[3::4]]
    return out + late


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def old_rule(path: Path) -> str:
    """The reader's rule before: the first 64 kB; UTF-8 when it has at least as many valid
    multi-byte characters as invalid sequences; else charset-normalizer's least chaotic, most
    coherent encoding (Windows-1252 on a tie)."""
    import charset_normalizer

    from pipeline.io.encoding import NON_ASCII

    sample = path.read_bytes()[: 1 << 16]
    decoded = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(sample)
    invalid = decoded.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    if invalid <= 0 or len(NON_ASCII.findall(decoded)) >= invalid:
        return "utf-8"
    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return "utf-8"
    plausible = [r for r in results if r.chaos <= results[0].chaos + 0.01]
    top = max(r.coherence for r in plausible)
    tied = [str(r.encoding) for r in plausible if r.coherence == top]
    return "cp1252" if "cp1252" in tied else tied[0]


def read_right(data: bytes, text: str, encoding: str) -> bool:
    """Whether the file's lines, decoded as the reader decodes them, are the text exactly."""
    from pipeline.io.encoding import decode_line

    lines = data.split(b"\n")
    return "\n".join(decode_line(line, encoding)[0] for line in lines) == text


def main() -> int:
    from pipeline.io.encoding import file_encoding
    from pipeline.io.padding import is_binary

    if not LOCALE.is_dir():
        print("no gettext catalogs on this machine")
        return 0
    print(f"{'language':<8} {'encoding':<10} {'files':>5} {'right now':>10} {'right before':>13}")
    total = right_now = right_before = 0
    binary: list[str] = []  # text files the reader would refuse as binary (E002): none
    per_encoding: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.txt"
        only = set(sys.argv[1:])  # languages to measure (all when none given)
        for lang, encodings in PAIRS.items():
            if only and lang not in only:
                continue
            lines = messages(lang)
            if not lines:
                continue
            for encoding in encodings:
                files = samples(lines, encoding)
                now = before = 0
                for text, data in files:
                    path.write_bytes(data)
                    if is_binary(path, blocks=True):
                        binary.append(f"{lang} {encoding} {len(data)} bytes")
                    for rule, count in ((file_encoding, "now"), (old_rule, "before")):
                        chosen = rule(path)
                        ok = read_right(data, text, chosen)
                        if count == "now":
                            now += ok
                        else:
                            before += ok
                total += len(files)
                right_now += now
                right_before += before
                row = per_encoding.setdefault(encoding, [0, 0, 0])
                row[0] += len(files)
                row[1] += now
                row[2] += before
                print(f"{lang:<8} {encoding:<10} {len(files):>5} {now:>10} {before:>13}")
    print(f"{'all':<8} {'':<10} {total:>5} {right_now:>10} {right_before:>13}  "
          f"({100 * right_now / total:.1f}% vs {100 * right_before / total:.1f}%)")  # fmt: skip
    print(f"called binary: {len(binary)} of {total}", *binary, sep="\n  ")
    print(f"\n{'encoding':<10} {'files':>5} {'right now':>10} {'right before':>13}")
    for encoding, (files_n, now_n, before_n) in sorted(per_encoding.items()):
        print(f"{encoding:<10} {files_n:>5} {now_n:>10} {before_n:>13}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
