"""A line of blanks of any kind (NBSP, U+3000, U+2028, NEL, VT...) after any line end a wrap
or page rule looks at never breaks a reader: every word of the file is kept (hostile42 H1,
H10, H11: `split()[0]` on a line that is not empty but holds no word lost whole files)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

BLANKS = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c not in "\n\r"]
ENDINGS = ["see https://example.org/a", "a word cut by a hyphen-", "an opening bracket (",
           "an opening quote «", "a comma,", "a stop.", "an elided l'", "a dash —", "<xmp><b>",
           "<plaintext><t>", "<listing><span>", "<noembed><p>", "[", "|"]  # fmt: skip
NEXT = ["last line of it.", "example.org/b here", "und weiter", "12 more words", "<i>x</i> y"]


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


@settings(max_examples=120)
@given(
    suffix=st.sampled_from([".txt", ".md"]),
    ending=st.sampled_from(ENDINGS),
    blank=st.text(st.sampled_from(BLANKS), min_size=1, max_size=3),
    after=st.sampled_from(NEXT),
)
def test_a_line_of_blanks_after_any_line_end_loses_nothing(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, ending: str, blank: str, after: str
) -> None:
    path = tmp_path_factory.mktemp("blank") / f"notes{suffix}"
    text = (
        f"First paragraph here.\n\nsome words then {ending}\n{blank}\n{after}\n\nFinal paragraph.\n"
    )
    path.write_text(text, encoding="utf-8")
    records = list(Reader()([path]))
    assert not [r.error for r in records if r.error and r.error.code == "E013"], records
    kept = " ".join(r.text for r in records)
    if suffix == ".txt":
        assert words(text) <= words(kept), (text, kept)
    else:  # the raw HTML openers are markup there
        assert {"first", "paragraph", "final"} <= words(kept), (text, kept)


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", "\u2028", "\x85"])
def test_a_front_matter_title_of_blanks_is_no_crash(
    tmp_path_factory: pytest.TempPathFactory, blank: str
) -> None:
    path = tmp_path_factory.mktemp("front") / "page.md"
    path.write_text(f'---\ntitle: "{blank}"\n---\n\nThe page body.\n', encoding="utf-8")
    records = list(Reader()([path]))
    assert not [r for r in records if r.error], records
    assert any("page body" in r.text for r in records)
