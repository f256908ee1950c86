"""`Pipeline.process` takes what a stage takes (#31 hostile E23): texts, records, dicts with a
string `text` (their ids kept), else the one-line TypeError; a dict is never its own text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.record import Record
from pipeline.stages.base import Stage

ids = st.text(alphabet="abcxyz019:-", min_size=1, max_size=8)
items = st.one_of(
    st.text(min_size=1, max_size=20),
    st.fixed_dictionaries(
        {"text": st.text(max_size=20)}, optional={"id": ids, "doc_id": ids, "lang": st.just("fr")}
    ),
    st.builds(lambda t: Record("r:0", "r", "<t>", 0, t), st.text(max_size=20)),
)


class Echo(Stage):
    """A stage that leaves every record as it is."""

    name = "echo"

    def process(self, batch: list[Record]) -> None:
        pass


@settings(max_examples=60, deadline=None)
@given(st.lists(items, min_size=1, max_size=5))
def test_process_takes_what_a_stage_takes(given_items: list[Any]) -> None:
    out = Pipeline([Echo()]).process(given_items, doc_id="d")
    assert len(out) == len(given_items)
    for i, (item, record) in enumerate(zip(given_items, out, strict=True)):
        assert isinstance(record.text, str)
        if isinstance(item, str):
            assert (record.id, record.doc_id, record.text) == (f"d:{i}", "d", item)
        elif isinstance(item, dict):
            assert record.text == item["text"]
            doc = item.get("doc_id", "d")
            assert record.doc_id == doc and record.id == item.get("id", f"{doc}:{i}")
            assert record.lang == item.get("lang")


@pytest.mark.parametrize("bad", [3, None, {"id": "a"}, {"text": 5}, ["x"]])
def test_anything_else_is_one_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="takes records, strings or dicts"):
        Pipeline([Echo()]).process(["fine", bad])
