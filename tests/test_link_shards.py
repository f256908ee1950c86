"""Linking decides a short form from its whole document, whatever the shards (h47 V12): a
document whose records are not adjacent in the input is observed by several shards, and what a
one-word name links to must not depend on which shard saw its full name."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Link, Pipeline
from pipeline.executors.local import LocalExecutor
from pipeline.record import Entity, Record
from pipeline.stages.link.apply import LinkApplier
from pipeline.stages.link.observe import LinkObserver
from pipeline.stages.link.resolve import Resolution
from tests.test_passes import CapitalisedNames

FIRSTS = ("Odile", "Bruno", "Irène", "Tomas")
LASTS = ("Quenard", "Vallier", "Brossel")


@st.composite
def interleaved(draw: st.DrawFn) -> list[Record]:
    """Records of a few documents, shuffled together: each a full name ("Odile Quenard"), or
    a short form of one (its first name or surname), or a name alone."""
    docs = draw(st.integers(2, 4))
    rows: list[tuple[int, str]] = []
    for d in range(docs):
        people = draw(
            st.lists(
                st.tuples(st.sampled_from(FIRSTS), st.sampled_from(LASTS)), min_size=1, max_size=2
            )
        )
        for _ in range(draw(st.integers(2, 4))):
            first, last = draw(st.sampled_from(people))
            form = draw(st.sampled_from((f"{first} {last}", first, last)))
            rows.append((d, form))
    order = draw(st.permutations(rows))
    records = []
    for i, (d, name) in enumerate(order):
        text = f"Hier {name} parlait."
        entity = Entity(name, "PERSON", 5, 5 + len(name), mention="m0")
        records.append(
            Record(f"r{i}", f"doc{d}", "in.jsonl", i, text, lang="fr", entities=[entity])
        )
    return records


def linked(records: list[Record], cuts: list[int]) -> list[tuple[str | None, str | None]]:
    """Each mention's (canonical, entity id), the records observed in the shards `cuts` makes
    (in order, as the run cuts its input), one resolution over their partials."""
    bounds = [0, *sorted(set(cuts)), len(records)]
    partials = []
    for a, b in itertools.pairwise(bounds):
        observer = LinkObserver()
        for record in records[a:b]:
            observer.observe(record)
        partials.append(json.loads(json.dumps(observer.partial())))
    resolved = json.loads(json.dumps(Resolution(partials, {}).to_dict()))
    applier = LinkApplier(resolved)
    copies = [Record.from_dict(r.to_dict()) for r in records]
    return [(e.canonical, e.entity_id) for r in copies for e in applier.apply(r).entities]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interleaved(), st.lists(st.integers(1, 15), max_size=4))
def test_a_short_form_links_the_same_whatever_the_shards(
    records: list[Record], cuts: list[int]
) -> None:
    cuts = [c for c in cuts if c < len(records)]
    assert linked(records, cuts) == linked(records, [])


def write_interleaved(path: Path) -> None:
    """Two documents whose records alternate: each full name is in a record far from its
    short forms, so that small shards part them."""
    rows = [
        ("a", "Odile Quenard ouvre le bal."),
        ("b", "Bruno Vallier ferme la porte."),
        ("a", "Plus tard Odile danse."),
        ("b", "Puis Vallier sort."),
        ("a", "Enfin Quenard rentre."),
        ("b", "Et Bruno dort."),
    ]
    lines = [json.dumps({"id": f"r{i}", "doc_id": d, "text": t}) for i, (d, t) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(40, 400), st.sampled_from([1, 2]))
def test_a_run_links_a_document_across_shards_as_in_one(
    tmp_path: Path, shard_bytes: int, workers: int
) -> None:
    src = tmp_path / "in.jsonl"
    write_interleaved(src)
    one = tmp_path / f"one-{shard_bytes}-{workers}"
    many = tmp_path / f"many-{shard_bytes}-{workers}"
    Pipeline(stages=[CapitalisedNames(), Link()]).run([src], one)  # type: ignore[list-item]
    Pipeline(
        stages=[CapitalisedNames(), Link()],  # type: ignore[list-item]
        executor=LocalExecutor(workers),
    ).run([src], many, shard_bytes=shard_bytes)
    for name in ("corpus.jsonl", "entities.jsonl"):
        assert (one / name).read_bytes() == (many / name).read_bytes()
