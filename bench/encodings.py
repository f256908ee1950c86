"""How often the reader reads a legacy-encoded file right, on real text in each encoding.

Real text: the translations of the gettext catalogs installed on the machine (Debian ships
them in /usr/share/locale/LANG/LC_MESSAGES/*.mo: human-translated interface text). For each
(language, legacy encoding) pair, files of about 2, 8 and 32 kB are made from the catalogs'
messages (one per line; messages the encoding cannot hold are left out) and read back with
`pipeline.io.encoding.file_encoding`: a file counts as read right when decoding it in the
chosen encoding gives the original text exactly. The same files are also judged by the rule
the reader had before (UTF-8 unless no valid multi-byte UTF-8 at all), side by side.

    .venv/bin/python bench/encodings.py
"""

from __future__ import annotations

import codecs
import gettext
import re
import sys
import tempfile
from pathlib import Path

PAIRS = {
    "ja": ["shift_jis", "euc_jp", "cp932"],
    "zh_CN": ["gbk", "gb18030", "gb2312"],
    "zh_TW": ["big5", "cp950"],
    "ko": ["euc_kr", "cp949"],
    "ru": ["cp1251", "koi8_r"],
    "uk": ["cp1251", "koi8_u"],
    "el": ["cp1253", "iso8859_7"],
    "pl": ["cp1250", "iso8859_2"],
    "cs": ["cp1250", "iso8859_2"],
    "tr": ["cp1254", "iso8859_9"],
    "he": ["cp1255", "iso8859_8"],
    "ar": ["cp1256"],
    "th": ["tis_620", "cp874"],
    "fr": ["cp1252", "latin_1"],
    "de": ["cp1252", "latin_1"],
}
SIZES = (200, 2_000, 8_000, 32_000)
FILES_PER_SIZE = 4
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
    return out


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def old_rule(path: Path) -> str:
    """The reader's rule before: UTF-8 unless there is no valid multi-byte UTF-8 at all."""
    import charset_normalizer

    from pipeline.io.encoding import NON_ASCII

    sample = path.read_bytes()[: 1 << 16]
    decoded = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(sample)
    if "\ufffd" not in decoded or NON_ASCII.search(decoded):
        return "utf-8"
    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return "utf-8"
    plausible = {r.encoding for r in results if r.chaos <= results[0].chaos}
    return "cp1252" if "cp1252" in plausible else str(results[0].encoding)


def main() -> int:
    from pipeline.io.encoding import file_encoding

    if not LOCALE.is_dir():
        print("no gettext catalogs on this machine")
        return 0
    print(f"{'language':<8} {'encoding':<10} {'files':>5} {'right now':>10} {'right before':>13}")
    total = right_now = right_before = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.txt"
        for lang, encodings in PAIRS.items():
            lines = messages(lang)
            if not lines:
                continue
            for encoding in encodings:
                files = samples(lines, encoding)
                now = before = 0
                for text, data in files:
                    path.write_bytes(data)
                    for rule, count in ((file_encoding, "now"), (old_rule, "before")):
                        chosen = rule(path)
                        ok = data.decode(chosen, errors="replace") == text
                        if count == "now":
                            now += ok
                        else:
                            before += ok
                total += len(files)
                right_now += now
                right_before += before
                print(f"{lang:<8} {encoding:<10} {len(files):>5} {now:>10} {before:>13}")
    print(f"{'all':<8} {'':<10} {total:>5} {right_now:>10} {right_before:>13}  "
          f"({100 * right_now / total:.1f}% vs {100 * right_before / total:.1f}%)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
