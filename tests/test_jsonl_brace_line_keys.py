"""JSON Lines whose objects go over several lines with their first key on the brace's line
(`{"id": "r0",` / ` "text": "…"}`: formatters that keep it there, hand-edited files): each such
object was an E003 per line, every record lost (hostile43 H14). Now each is its record, as the
`.json` reader reads the same bytes; a record cut at a line's end still fails alone."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

WORDS = st.sampled_from(["harbour", "lantern", "été", "film", "quiet", "river", "«nuit»"])
RECORD = st.builds(
    lambda n, words, extra: {"id": f"r{n}", "text": " ".join(words), **extra},
    st.integers(0, 999),
    st.lists(WORDS, min_size=1, max_size=5),
    st.dictionaries(st.sampled_from(["lang", "year", "tags"]), st.integers(0, 9), max_size=2),
)


def written(record: dict, layout: str, indent: str, end: str) -> str:
    """One record over several lines, its first key on the brace's line, or on one line."""
    if layout == "compact":
        return json.dumps(record, ensure_ascii=False) + end
    keys = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in record.items()]
    if layout == "first-key":
        body = ("," + end + indent).join(keys)
        return "{" + body + "}" + end
    return (
        "{" + keys[0] + "," + end + indent + ("," + end + indent).join(keys[1:]) + end + "}" + end
    )


@settings(max_examples=80, deadline=None)
@given(
    records=st.lists(RECORD, min_size=1, max_size=6, unique_by=lambda r: r["id"]),
    layouts=st.lists(
        st.sampled_from(["first-key", "first-key-own-close", "compact"]), min_size=6, max_size=6
    ),
    indent=st.sampled_from([" ", "  ", "    ", "\t"]),
    end=st.sampled_from(["\n", "\r\n"]),
)
def test_an_object_whose_first_key_is_on_the_brace_line_is_its_record(
    tmp_path_factory, records: list[dict], layouts: list[str], indent: str, end: str
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("brace")
    text = "".join(written(r, layouts[k], indent, end) for k, r in enumerate(records))
    path = folder / "f.jsonl"
    path.write_bytes(text.encode("utf-8"))
    got = [(r.id, r.error, r.text) for r in Reader()([path])]
    assert got == [(r["id"], None, r["text"]) for r in records]


def test_a_record_cut_at_a_line_end_still_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(
        '{"id": "a", "text": "First."}\n{"id": "b", "text": "Cut", "tags": [1,\n'
        '{"id": "c", "text": "Third."}\n{"id": "d",\n "text": "Fourth."}\n',
        "utf-8",
    )
    got = [(r.id, r.error.code if r.error else None) for r in Reader()([path])]
    assert [g for g in got if g[1] is None] == [("a", None), ("c", None), ("d", None)]
    assert [g[1] for g in got if g[1]] == ["E003"]
