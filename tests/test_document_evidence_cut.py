"""A record's entities never depend on how the input is cut (hostile finding T9, issue #30 item
4): the evidence Extract reads from a record's document (a name another record writes without
its article: "l’Europe" … "d'Europe") is that of the run of adjacent records the record stands
in, as Detect's document prior is, never of whatever records of its doc_id a batch or a shard
happens to hold. Hypothesis: records of one document not adjacent, the input cut into shards at
random run boundaries, each shard a stream of its own."""

from __future__ import annotations

from itertools import groupby

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages.base import batched_by_document
from pipeline.stages.extract import Extract

# A document of two records: one names a place with its article, the other without.
PAIRS = [("Beaucoup de gens parlent de l’Europe.", "Il revient d'Europe demain."),
         ("Nous aimons l’Italie.", "Elle arrive d'Italie ce soir.")]  # fmt: skip
FILLER = ["Il fait beau aujourd'hui.", "Nous avons mangé tard.", "La réunion est finie."]


@pytest.fixture(scope="module")
def extract() -> Extract:
    return Extract(fields=["text"])


def found(extract: Extract, shards: list[list[Record]]) -> dict[str, list[tuple[str, int]]]:
    out = {}
    for shard in shards:  # each shard a stream of its own, as a worker reads it
        fresh = [Record(id=r.id, doc_id=r.doc_id, source=r.source, seq=r.seq, text=r.text,
                        lang=r.lang) for r in shard]  # fmt: skip
        for record in extract(fresh):
            out[record.id] = [(e.text, e.start) for e in record.entities]
    return out


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pair=st.sampled_from(PAIRS),
    fillers=st.integers(1, 4),
    cuts=st.sets(st.integers(1, 6), max_size=3),
)
def test_entities_do_not_depend_on_the_shards(
    extract: Extract, pair: tuple[str, str], fillers: int, cuts: set[int]
) -> None:
    texts = [(pair[0], "X")] + [(FILLER[i % 3], f"F{i}") for i in range(fillers)] + [(pair[1], "X")]
    records = [Record(id=f"r{i}", doc_id=doc, source="s", seq=i, text=t, lang="fr")
               for i, (t, doc) in enumerate(texts)]  # fmt: skip
    whole = found(extract, [records])
    bounds = sorted(c for c in cuts if c < len(records))
    shards = [records[a:b] for a, b in zip([0, *bounds], [*bounds, len(records)], strict=True)]
    assert found(extract, shards) == whole, (bounds, texts)


@given(
    runs=st.lists(st.integers(1, 30), min_size=1, max_size=6),
    start=st.integers(0, 12),
    size=st.integers(1, 4),
)
def test_a_long_document_is_cut_into_batches_from_its_own_start(
    runs: list[int], start: int, size: int
) -> None:
    """A document run longer than a batch holds is cut at the same records wherever the
    stream (a shard) begins: counted from the run's own start."""
    records = [Record(id=f"{d}:{i}", doc_id=str(d), source="s", seq=i, text="x")
               for d, n in enumerate(runs) for i in range(n)]  # fmt: skip

    def cuts(stream: list[Record]) -> set[str]:
        batches = batched_by_document(stream, size)
        firsts = {b[0].id for b in batches}
        return {i for i in firsts if not i.endswith(":0")}  # cuts inside a run

    first_run = [list(g) for _, g in groupby(records, key=lambda r: r.doc_id)]
    skipped = sum(len(run) for run in first_run[: min(start, len(first_run) - 1)])
    assert cuts(records[skipped:]) == {i for i in cuts(records) if int(i.split(":")[0]) >=
                                       int(records[skipped].doc_id)}  # fmt: skip
