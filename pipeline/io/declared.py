"""The encoding a page declares for itself: `<meta charset>`, `<meta http-equiv=Content-Type>`
or the XML declaration, found in its first bytes (as a browser's prescan finds it).

A page that says `windows-1250` and decodes in it is in it (WHATWG: the declared charset is
used unless a byte-order mark says otherwise); detection alone read a Polish page with a few
letters (`Łódź` among English) as Mac Roman and a Japanese EUC-JP page as Korean. Only pages
(`DECLARING`) are asked: a JSONL of scraped pages holds other pages' declarations.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from types import MappingProxyType

from pipeline.io.compression import READ_ERRORS, format_suffix, head

DECLARING = frozenset({".html", ".htm", ".xhtml", ".xht", ".md", ".markdown"})
# (Markdown carries raw HTML, and HTML-to-Markdown converters keep a page's `<meta charset>`
# at its top: a Windows-1251 `.md` declaring it was read as Greek; any other file declares
# only by an XML declaration opening it, as an XML export of text does)
PRESCAN_BYTES = 8192  # a browser looks at 1,024; pages with long heads declare later
# Each bounded: a declaration is short, and the patterns run on the first 8 kB only.
XML_DECLARATION = re.compile(
    rb"\A\s{0,64}<\?xml[^>]{0,200}?encoding\s{0,8}=\s{0,8}[\"']([\w.:-]{1,40})"
)
META_CHARSET = re.compile(
    rb"<meta\s[^>]{0,400}?charset\s{0,8}=\s{0,8}[\"']?\s{0,8}([\w.:-]{1,40})", re.I
)
# WHATWG's label table where it differs from Python's codec of the same name: a page labelled
# ISO-8859-1 or ASCII is decoded as Windows-1252 by every browser, EUC-KR as its superset.
WHATWG = MappingProxyType({
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "iso8859-9": "cp1254",
    "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "windows-31j": "cp932", "big5": "cp950", "x-mac-roman": "mac_roman", "macintosh": "mac_roman",
})  # fmt: skip


def declared_encoding(path: Path) -> str | None:
    """The Python codec of the encoding the page declares, None when it declares none (or one
    Python has no codec for, or a wide one: its bytes would not hold an ASCII declaration)."""
    page = format_suffix(path) in DECLARING
    try:
        sample = head(path, PRESCAN_BYTES)
    except READ_ERRORS:
        return None
    if not page:
        return declaration(sample) if XML_DECLARATION.match(sample) else None
    return declaration(sample)


def declaration(sample: bytes) -> str | None:
    """The codec named by the first declaration in `sample` (the XML one comes first)."""
    found = XML_DECLARATION.search(sample) or META_CHARSET.search(sample)
    if found is None:
        return None
    label = found.group(1).decode("ascii", "replace").lower()
    try:
        name = WHATWG.get(label) or codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name
