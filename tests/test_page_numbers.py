"""A page number is judged on every line of a text file: no line of frame characters and
blanks of any kind may break the reader (hostile42 H1: `[\\u00a0]` lost the whole file)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader
from pipeline.io.segment.pages import FRAME, page_number

# Every code point Python splits on (Unicode blanks, line and paragraph separators, controls).
BLANKS = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
FRAMED = st.text(st.sampled_from(sorted(set(FRAME) | set(BLANKS))), min_size=1, max_size=12)


@given(FRAMED)
def test_a_line_of_frame_and_blanks_is_no_page_number_and_no_crash(line: str) -> None:
    assert page_number(line) is False


@settings(max_examples=40)
@given(inner=st.text(st.sampled_from(BLANKS), min_size=1, max_size=3),
       frame=st.sampled_from(["[]", "--", "||", "()", "••", "**", "——"]))  # fmt: skip
def test_a_text_file_with_such_a_line_keeps_every_paragraph(
    tmp_path_factory: pytest.TempPathFactory, inner: str, frame: str
) -> None:
    path = tmp_path_factory.mktemp("pages") / "notes.txt"
    line = frame[0] + inner + frame[1]
    path.write_text(
        f"First paragraph of the story.\n\n{line}\n\nSecond paragraph after the line.\n",
        encoding="utf-8",
    )
    records = list(Reader()([path]))
    assert not [r for r in records if r.error], [r.error for r in records]
    texts = " ".join(r.text for r in records)
    assert "First paragraph" in texts and "Second paragraph" in texts
