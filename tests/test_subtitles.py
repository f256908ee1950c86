"""Subtitles (`.srt`, `.vtt`) are read as cues (issue #29): each cue's text one record, without
its number, timing and inline markup, its start and end in `meta`; WebVTT's header, NOTE,
STYLE and REGION blocks dropped. Generated files with every kind of damage (a bad or lost
timing line, a missing number, a missing blank line, CRLF or CR line ends, a BOM, UTF-16):
each cue is exactly one record or one error (E014), in order, with its own text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

WORDS = ["harbor", "lantern", "Élodie", "über", "niño", "river", "déjà", "vu", "garçon",
         "Straße", "night", "¿qué?", "ça", "va", "Ana", "well,", "no!", "O'Brien"]  # fmt: skip
MARKUP = ["{}", "{}", "<i>{}</i>", "<b>{}</b>", "<u>{}</u>", "<c.yellow.bg>{}</c>",
          "{{\\an8}}{}", '<font color="#ffff00">{}</font>', "<lang fr>{}</lang>"]  # fmt: skip
DAMAGE = ["none", "none", "none", "none", "arrow", "no end", "bad minute", "time alone",
          "backwards", "garbled"]  # fmt: skip
BAD = {"arrow", "no end", "bad minute", "time alone", "backwards", "garbled"}


@dataclass
class Cue:
    lines: list[str]  # the text lines as shown (no markup)
    markup: list[str]  # how each is written
    speaker: str | None
    damage: str  # of its timing line
    number: bool  # written with its number (SubRip's is required, WebVTT's optional)
    blank: bool  # a blank line before it (else: joined to the block before)


def time(ms: int, vtt: bool, short: bool) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    sep = "." if vtt else ","
    return (f"{m:02d}:{s:02d}" if short and vtt and not h else f"{h:02d}:{m:02d}:{s:02d}") + (
        f"{sep}{milli:03d}"
    )


def timing(k: int, damage: str, vtt: bool, short: bool) -> str:
    start, end = time(k * 3100 + 500, vtt, short), time(k * 3100 + 2600, vtt, short)
    return {
        "arrow": f"{start} -> {end}",
        "no end": f"{start} --> ",
        "bad minute": f"{start[:-9]}75:01{start[-4:]} --> {end}"
        if len(start) > 9
        else f"75:01{start[-4:]} --> {end}",
        "time alone": start,
        "backwards": f"{end} --> {start}",
        "garbled": f"{start} --> 0x:{end[-6:]}",
    }.get(damage, f"{start} --> {end}" + (" line:90% align:start" if vtt and k % 3 == 1 else ""))


line_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
cues = st.builds(
    lambda lines, markup, speaker, damage, number, blank: Cue(
        lines,
        [m.format(t) for m, t in zip(markup, lines, strict=False)],
        speaker,
        damage,
        number,
        blank,
    ),
    st.lists(line_text, min_size=1, max_size=3),
    st.lists(st.sampled_from(MARKUP), min_size=3, max_size=3),
    st.sampled_from([None, None, "Ana Ruiz", "Tom"]),
    st.sampled_from(DAMAGE),
    st.booleans(),
    st.sampled_from([True, True, False]),
)


def written(cues: list[Cue], vtt: bool, short: bool, comments: bool) -> str:
    blocks: list[str] = ["WEBVTT - a film\nKind: captions"] if vtt else []
    for k, cue in enumerate(cues):
        markup = list(cue.markup)
        if cue.speaker and vtt:
            markup[0] = f"<v {cue.speaker}>{markup[0]}</v>"
        number = [str(k + 1)] if cue.number else []
        block = "\n".join([*number, timing(k, cue.damage, vtt, short), *markup])
        if not cue.blank and blocks:
            blocks[-1] += "\n" + block
        else:
            blocks.append(block)
        if vtt and comments and k == 0:
            blocks += ["NOTE a comment\nover two lines", "STYLE\n::cue { color: yellow }"]
    return "\n\n".join(blocks) + "\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cues=st.lists(cues, min_size=1, max_size=7),
    vtt=st.booleans(),
    short=st.booleans(),
    comments=st.booleans(),
    end=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_each_cue_is_one_record_or_one_error(
    tmp_path: Path,
    cues: list[Cue],
    vtt: bool,
    short: bool,
    comments: bool,
    end: str,
    encoding: str,
) -> None:
    path = tmp_path / ("film.vtt" if vtt else "film.srt")
    path.write_bytes(written(cues, vtt, short, comments).replace("\n", end).encode(encoding))
    records = list(Reader()([path]))
    dropped = [r.dropped for r in records if r.dropped]
    assert dropped == (["header"] + (["note", "style"] if comments else []) if vtt else [])
    got = [r for r in records if not r.dropped]
    assert len(got) == len(cues)
    for k, (cue, record) in enumerate(zip(cues, got, strict=True)):
        if cue.damage in BAD:
            assert record.error is not None and record.error.code == "E014", (k, record)
            assert all(line in record.text for line in cue.markup)
            continue
        assert record.error is None, (k, record.error, record.text)
        assert record.text == "\n".join(cue.lines)
        assert record.meta["start"] == time(k * 3100 + 500, True, False)
        assert record.meta["end"] == time(k * 3100 + 2600, True, False)
        assert record.meta.get("speakers") == ([cue.speaker] if cue.speaker and vtt else None)


def test_a_legacy_encoding_is_read_through_the_encoding_module(tmp_path: Path) -> None:
    lines = ["Où est la gare, s'il vous plaît ?", "À gauche, après le café.",
             "Merci, c'est très gentil.", "Je vous en prie, à bientôt."]  # fmt: skip
    body = "".join(
        f"{k + 1}\n00:00:0{k},000 --> 00:00:0{k},900\n{t}\n\n" for k, t in enumerate(lines)
    )
    path = tmp_path / "gare.srt"
    path.write_bytes(body.encode("cp1252"))
    warnings: list[dict] = []
    records = list(Reader()([path], warnings.append))
    assert [r.text for r in records] == lines
    assert "W005" in [w["code"] for w in warnings]


def test_vtt_entities_and_karaoke_timestamps_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "k.vtt"
    path.write_text(
        "WEBVTT\n\nREGION\nid:fred width:40%\n\n1\n00:01.000 --> 00:02.000 region:fred\n"
        "<v.loud Fred>Tom &amp; <00:01.500>Jerry&nbsp;&lt;3</v>\n",
        "utf-8",
    )
    records = list(Reader()([path]))
    assert [r.dropped for r in records] == ["header", "region", None]
    assert records[2].text == "Tom & Jerry\u00a0<3" and records[2].meta["speakers"] == ["Fred"]


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_text_before_any_timing_line_fails_where_it_is(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"lost{suffix}"
    path.write_text(
        "A line whose cue lost its timing\nand a second one\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nRead.\n".replace(",", "." if suffix == ".vtt" else ","),
        "utf-8",
    )
    records = [r for r in Reader()([path]) if not r.dropped]
    assert [(r.error.code if r.error else None, r.location.line) for r in records] == [
        ("E014", 1), (None, 5)
    ]  # fmt: skip
    assert records[1].text == "Read."


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("5\n6\n{t}\nText.", [("E014", "5"), (None, "Text.")]),  # 6 is the cue's number
        ("Words\nmore words\n{t}\nText.", [("E014", "Words\nmore words"), (None, "Text.")]),
        ("intro\n{t}\nText.", [(None, "Text.")]),  # an identifier
        ("{t}\n{t}\nText.", [("blank", ""), (None, "Text.")]),  # a cue with no text
    ],
)
def test_no_line_of_a_block_is_lost(tmp_path: Path, block: str, expected: list) -> None:
    path = tmp_path / "b.srt"
    path.write_text(block.format(t="00:00:01,000 --> 00:00:02,000") + "\n", "utf-8")
    got = [(r.dropped or (r.error.code if r.error else None), r.text) for r in Reader()([path])]
    got = [(k, t if k != "blank" else "") for k, t in got]
    assert [(k, t.split("\n00:")[0]) for k, t in got] == expected


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", "vtt"),
        (b"\xef\xbb\xbfWEBVTT - film\r\n\r\n1\r\n00:01.000 --> 00:02.000\r\nHi\r\n", "vtt"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nHi\n", "srt"),
        (b"\n1\r\n00:00:01,000 --> 00:00:02,000 X1:10\r\nHi\r\n", "srt"),
        (b"1\nA list item, not a cue.\n", "txt"),
        (b"WEBVTTX is a word here.\n", "txt"),
    ],
)
def test_standard_input_shows_its_subtitles(head: bytes, kind: str) -> None:
    """`cat film.srt | pipeline run -`: read as cues, not as a text page of timings."""
    from pipeline.io.stdin import kind_of

    assert kind_of(head, complete=True) == kind
