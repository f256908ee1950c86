"""Mention ids are made, carried into the translation and grouped by `pipeline.mentions` alone
(extract, translate and link call it): every id unique per record, in order of position,
ids already given kept, a carried name one mention with two readings."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import mentions
from pipeline.record import Entity, Record

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def sets_a_mention(node: ast.AST) -> bool:
    """`x.mention = ...` or `Entity(..., mention=...)`."""
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Attribute) and t.attr == "mention" for t in node.targets)
    return isinstance(node, ast.Call) and any(k.arg == "mention" for k in node.keywords)


def test_only_the_mentions_module_gives_a_mention_its_id() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "mentions.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if sets_a_mention(node)
    ]
    assert found == []


SPANS = st.lists(
    st.tuples(st.integers(0, 50), st.integers(1, 8), st.sampled_from(["text", "translation"])),
    max_size=12,
)
GIVEN = st.lists(st.sampled_from(["m0", "m2", "t1", None]), max_size=12)


@given(spans=SPANS, given_ids=GIVEN)
@settings(max_examples=60, deadline=None)
def test_ids_are_unique_in_order_and_keep_those_given(
    spans: list[tuple[int, int, str]], given_ids: list[str | None]
) -> None:
    record = Record(id="r", doc_id="d", source="s", seq=0, text="x" * 60, lang="fr")
    record.entities = [
        Entity("x" * n, "PERSON", start, start + n, field)  # type: ignore[arg-type]
        for start, n, field in spans
    ]
    for entity, mention in zip(record.entities, given_ids, strict=False):
        entity.mention = mention
    before = [e.mention for e in record.entities]
    mentions.number(record, "text")
    mentions.number(record, "translation")
    ids = [e.mention for e in record.entities]
    assert all(i is not None for i in ids)
    assert all(b is None or b == i for b, i in zip(before, ids, strict=True))
    fresh = [e for e, b in zip(record.entities, before, strict=True) if b is None]
    assert len({e.mention for e in fresh}) == len(fresh)
    assert not {e.mention for e in fresh} & {b for b in before if b}
    for field, prefix in mentions.PREFIXES.items():
        mine = sorted((e for e in fresh if e.field == field), key=lambda e: (e.start, e.end))
        numbers = [int(str(e.mention)[1:]) for e in mine]
        assert all(str(e.mention).startswith(prefix) for e in mine)
        assert numbers == sorted(numbers)


def test_a_carried_name_is_one_mention_read_twice() -> None:
    record = Record(id="r", doc_id="d", source="s", seq=0, text="Rose dort.", lang="fr")
    source = Entity("Rose", "PERSON", 0, 4, "text")
    record.entities = [source]
    mentions.number(record, "text")
    record.entities.append(mentions.carried(source, "Rose", 0, 4))
    record.entities.append(Entity("Sleeps", "MISC", 5, 11, "translation"))
    mentions.number(record, "translation")
    groups = mentions.readings(record)
    assert sorted(len(g) for g in groups.values()) == [1, 2]
    carried = [e for e in record.entities if mentions.is_carried(e, mentions.of_text(record))]
    assert [e.text for e in carried] == ["Rose"]
    assert mentions.holding([source], 1, 3) is source
