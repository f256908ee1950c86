"""An arrow where no timing line is (hostile43 H13, H18): a WebVTT comment, style or region block
whose opener's line holds `-->` (a cue commented out as `NOTE 00:01.000 --> 00:02.000`) killed the
reader, every cue of the file lost; a SubRip cue whose text holds an arrow ("Go left --> then
right.") was cut in two, its timing line dropped as blank and its text an E014."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

OPENERS = ["NOTE", "NOTE this cue is out", "STYLE", "REGION"]
ARROWS = ["-->", "00:01.000 --> 00:02.000", "a-->b", "--> x", "1 --> 2 -->"]
AFTER = ["blank", "text then blank", "text, no blank"]


def vtt(opener: str, arrow: str, after: str) -> str:
    block = f"{opener} {arrow}\n"
    if after != "blank":
        block += "a line of the block\n"
    gap = "" if after == "text, no blank" else "\n"
    return (
        "WEBVTT\n\n00:00.000 --> 00:00.500\nBefore.\n\n"
        + block
        + gap
        + "00:03.000 --> 00:04.000\nAfter it.\n"
    )


@pytest.mark.parametrize(("opener", "arrow", "after"), itertools.product(OPENERS, ARROWS, AFTER))
def test_an_arrow_on_a_vtt_block_opener_keeps_every_cue(
    tmp_path: Path, opener: str, arrow: str, after: str
) -> None:
    path = tmp_path / "c.vtt"
    path.write_text(vtt(opener, arrow, after), "utf-8")
    records = list(Reader()([path]))
    assert [r.text for r in records if not r.dropped and not r.error] == ["Before.", "After it."]
    assert not any(r.error and r.error.code == "E013" for r in records)
    kinds = {"NOTE": "note", "STYLE": "style", "REGION": "region"}
    block = [r for r in records if r.dropped == kinds[opener.split()[0]]]
    assert len(block) == 1 and block[0].text.startswith(f"{opener} {arrow}")


TEXTS = ["Go left --> then right.", "A --> B", "10:30 --> 11:00", "x -->", "--> the end",
         "00:01 --> 00:02 is not a timing", "1:2 -> 3"]  # fmt: skip


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("second", [False, True])
def test_an_arrow_in_a_subrip_cue_text_is_text(tmp_path: Path, text: str, second: bool) -> None:
    lines = ["Said first.", text] if second else [text]
    path = tmp_path / "a.srt"
    body = "1\n00:00:01,000 --> 00:00:02,000\n" + "\n".join(lines) + "\n\n"
    path.write_text(body + "2\n00:00:03,000 --> 00:00:04,000\nBye.\n", "utf-8")
    records = list(Reader()([path]))
    assert [(r.dropped, r.error, r.text) for r in records] == [
        (None, None, "\n".join(lines)), (None, None, "Bye.")
    ]  # fmt: skip


def test_a_subrip_cue_whose_blank_line_is_lost_still_starts_at_its_timing(tmp_path: Path) -> None:
    path = tmp_path / "b.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nA --> B\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n",
        "utf-8",
    )
    assert [r.text for r in Reader()([path])] == ["A --> B", "Bye."]
