"""A hard-wrapped paragraph is one record in every script, joined as it was written: with a
space where the wrap took one (Latin, Cyrillic, Korean), with none in scripts that write no
space between words (Chinese, Japanese, Thai), and none after a hyphen that ends a line inside
a word ("every-\\none" is "every-one", never "every- one").

Chinese and Japanese lines of a wrapped block are half as many characters as Latin ones for
the same width (each is two columns wide): counted in characters, they never filled the block,
and every line became a record of its own, a sentence cut mid-word."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.segment import Segmenter

PARAGRAPHS = {  # one paragraph per script, written for this test
    "latin": "The director shot the whole film in a small northern harbour town during one cold "
    "winter, and the critics praised its patient camera, its long silent scenes and the quiet "
    "music that follows the fishermen from the docks to their homes at night.",
    "cyrillic": "Режиссёр снял весь фильм в маленьком северном портовом городе одной холодной "
    "зимой, и критики хвалили его терпеливую камеру, долгие тихие сцены и спокойную музыку.",
    "korean": "감독은 추운 겨울 동안 작은 북쪽 항구 도시에서 영화 전체를 촬영했고 비평가들은 "
    "인내심 있는 카메라와 길고 조용한 장면들 그리고 어부들을 따라가는 음악을 칭찬했다.",
    "japanese": "監督は寒い冬のあいだ北の小さな港町で映画のすべてを撮影し、批評家たちは忍耐強い"
    "カメラと長く静かな場面、そして夜に漁師たちを港から家まで追いかける穏やかな音楽を称賛した。",
    "chinese": "导演在一个寒冷的冬天里于北方的小港口城市拍摄了整部电影，评论家们称赞了它耐心的"
    "镜头、漫长而安静的场景，以及夜里从码头一路跟随渔民回家的平静音乐。",
    "thai": "ผู้กำกับถ่ายทำภาพยนตร์ทั้งเรื่องในเมืองท่าเล็กๆทางตอนเหนือระหว่างฤดูหนาว"
    "และนักวิจารณ์ชื่นชมกล้องที่อดทนฉากเงียบยาวและดนตรีที่สงบซึ่งติดตามชาวประมงกลับบ้านในตอนกลางคืน",
}


def columns(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap as an editor does: at a space where the script has spaces (the space becomes
    the line end), anywhere between two characters where it has none, never after a combining
    mark's base (a Thai vowel sign stays with its consonant)."""
    lines, line = [], ""
    for word in text.split(" ") if " " in text else [text]:
        for char in word if " " not in text else [word]:
            piece = char if " " not in text else word
            joiner = "" if " " not in text or not line else " "
            if (
                line
                and columns(line + joiner + piece) > width
                and not unicodedata.combining(piece[0])
            ):
                lines.append(line)
                line, joiner = "", ""
            line += joiner + piece
    return [*lines, line]


def records(lines: list[str]) -> list[str]:
    numbered = list(enumerate(lines, start=1))
    return [r.text for r in Segmenter().segment(numbered, "doc", "doc.txt") if r.active]


@pytest.mark.parametrize("script", list(PARAGRAPHS))
@settings(max_examples=12, deadline=None)
@given(width=st.integers(min_value=50, max_value=90))
def test_a_wrapped_paragraph_is_one_record_as_written(script: str, width: int) -> None:
    text = PARAGRAPHS[script]
    lines = wrap(text, width)
    assert len(lines) > 1
    assert records(lines) == [text]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("every", "one"),
        ("mas", "terpiece"),
        ("well", "known"),
        ("twenty", "five"),
        ("État", "major"),
    ],
)
def test_a_line_ending_in_a_hyphen_inside_a_word_joins_without_a_space(
    first: str, second: str
) -> None:
    before = "The critics agreed that the long final scene of the film was seen by "
    after = " of the people who came to the festival that cold and rainy winter evening."
    lines = [before + first + "-", second + after]
    assert records(lines) == [f"{before}{first}-{second}{after}"]
