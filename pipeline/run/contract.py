"""The stage contract, checked when a `Pipeline` is built (spaCy's `analyze_pipes` idea).

Each stage declares the record fields it `reads` and `writes` (`pipeline.stages.base`). A
pipeline whose stage reads a field that neither the input nor a stage before it provides
fails at once, with the stage to add, instead of running for an hour and quietly doing less
(`Translate` without `Extract` before it would protect no name).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.stages.base import Stage
from pipeline.stages.corpus_step import CorpusStep

# What every reader gives a record (`pipeline.io.readers`).
GIVEN = frozenset({"id", "doc_id", "source", "seq", "text", "meta"})


class ContractError(ValueError):
    """The stages, in this order, cannot do their work: the message names the fix."""


def top_level(fields: Iterable[str]) -> set[str]:
    """`entities.label` is part of `entities`."""
    return {name.split(".", 1)[0] for name in fields}


def providers(name: str) -> list[str]:
    """The pipeline's stage classes that make `name` (write it without reading it), to name in
    a fix (a class a user or a test defined is theirs to know)."""
    return sorted(
        kind.__name__
        for kind in Stage.kinds
        if kind.__module__.startswith("pipeline.")
        and name in top_level(kind.writes)
        and name not in kind.reads
    )


def check_contract(stages: Sequence[Stage], given: Iterable[str] = ()) -> None:
    """Raise `ContractError` unless every stage can run where it stands."""
    have = set(GIVEN) | set(given)
    seen: dict[str, int] = {}
    for position, stage in enumerate(stages, 1):
        what = f"stage {position}, {type(stage).__name__} ({stage.name})"
        if stage.name in seen:
            raise ContractError(
                f"{what} has the name of stage {seen[stage.name]}: their timings and settings "
                "in run.json would be one; give each stage its own name"
            )
        seen[stage.name] = position
        if stage.corpus_wide and not isinstance(stage, CorpusStep):
            raise ContractError(
                f"{what} is corpus-wide: it runs as passes over the shards, so it must say how "
                "(subclass pipeline.CorpusStep: observer, resolve, applier)"
            )
        for name in stage.reads:
            if name in have:
                continue
            fix = " or ".join(providers(name)) or "a stage that writes it"
            raise ContractError(
                f"{what} reads {name!r}, which no stage before it writes: put {fix} before it, "
                f"or, if the input records carry {name!r}, say so: Pipeline(..., given="
                f"({name!r},))"
            )
        have |= top_level(stage.writes)
