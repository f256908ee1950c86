"""Stages take what users hand them: records, plain strings, dicts with a `text`; anything
else is a one-line TypeError naming the stage and what it takes."""

from __future__ import annotations

import pytest

from pipeline import Dedup, Detect, Record

WRONG = [3, 2.5, None, b"bytes", ["a list"], ("a", "tuple"), {"no": "text"}, {"text": 3}]


@pytest.mark.parametrize("stage", [Detect, lambda: Dedup("mark")], ids=["Detect", "Dedup"])
def test_strings_and_dicts_are_records(stage) -> None:  # type: ignore[no-untyped-def]
    given = [
        "A quiet film about a harbour and the people who work there.",
        {"id": 7, "text": "Un film calme sur un port.", "lang": "fr", "rating": 4},
        {"text": "A quiet film about a harbour and the people who work there."},
        Record(id="r", doc_id="d", source="s", seq=0, text="Ein ruhiger Film."),
    ]
    out = list(stage()(given))
    assert [r.id for r in out] == ["0", "7", "2", "r"]
    assert out[1].meta["rating"] == 4 and out[1].doc_id == "7"
    assert all(isinstance(r, Record) for r in out)


@pytest.mark.parametrize("item", WRONG, ids=repr)
def test_anything_else_is_a_one_line_type_error(item: object) -> None:
    with pytest.raises(TypeError) as caught:
        list(Dedup("mark")(["fine", item]))  # type: ignore[list-item]
    message = str(caught.value)
    assert "\n" not in message and message.startswith("Dedup takes records, strings or dicts")
    assert "item 1 is" in message
