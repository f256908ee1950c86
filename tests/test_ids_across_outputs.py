"""An id names one record across the corpus, errors and dropped files (a user joins them by
id): generated inputs whose ids repeat and collide with the ids the reader gives failed lines
(`DOC:Ln`) and with renamed ids (`ID~N`), some lines broken, some texts duplicates dropped."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline

IDS = st.sampled_from(["a", "b", "in:L1", "in:L2", "in:L3", "in:L4", "a~2", "in:L2~2"])
TEXTS = st.sampled_from(["A calm film.", "A loud film.", "A calm film.", ""])
LINE = st.one_of(
    st.tuples(IDS, TEXTS).map(lambda p: json.dumps({"id": p[0], "text": p[1]})),
    st.just('{"id": "broken'),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(LINE, min_size=1, max_size=8))
def test_ids_are_unique_across_the_outputs(tmp_path_factory, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("ids")
    (tmp / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    Pipeline(stages=[Dedup("drop")]).run([tmp / "in.jsonl"], tmp / "out")
    ids = []
    for name in ("corpus", "errors", "dropped"):
        with (tmp / "out" / f"{name}.jsonl").open(encoding="utf-8") as f:
            ids += [json.loads(line)["id"] for line in f]
    assert len(ids) == len(lines)  # every line is somewhere, once
    assert len(set(ids)) == len(ids), ids
