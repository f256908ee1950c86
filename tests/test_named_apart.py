"""`named_apart` indexes each name's parts once instead of comparing every pair of mentions:
the same pairs, on generated documents, as the pairwise definition it replaced (kept here as
the oracle). Names of up to MAX_PART + 1 words, where the two definitions are meant to agree."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.link.apart import named_apart


def is_part_of(short: str, full: str) -> bool:
    return full.startswith(short + " ") or full.endswith(" " + short)


def pairwise(sequences: dict[str, list[list[str]]]) -> dict[tuple[str, str], set[str]]:
    """The definition, mention against every later mention of its sentence."""
    apart: dict[tuple[str, str], set[str]] = defaultdict(set)
    together: set[tuple[str, str]] = set()
    for sequence in sequences.values():
        seen: set[str] = set()
        for i, (where, key, *rest) in enumerate(sequence):
            together.update((key, full) for full in seen if is_part_of(key, full))
            seen.add(key)
            sentence = rest[2] if len(rest) > 2 else None
            for later in sequence[i + 1 :]:
                if sentence is None or later[4:5] != [sentence]:
                    break
                full = later[1]
                if later[2] == "PERSON" and full not in seen and is_part_of(key, full):
                    apart[key, full].add(where)
    return {pair: wheres for pair, wheres in apart.items() if pair not in together}


KEYS = st.lists(st.sampled_from("abcd"), min_size=1, max_size=5).map(" ".join)
MENTION = st.tuples(KEYS, st.sampled_from(["PERSON", "ORG"]), st.none() | st.integers(0, 2))


def as_sequence(mentions: list[tuple[str, str, int | None]]) -> list[list[str]]:
    out = []
    for i, (key, label, sentence) in enumerate(mentions):
        item = [f"r:{i}", key, label, ""]
        if sentence is not None:  # partials without sentences are still read
            item.append(f"r:{sentence}")
        out.append(item)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(MENTION, max_size=10), min_size=1, max_size=3))
def test_the_same_pairs_as_the_pairwise_definition(documents) -> None:  # type: ignore[no-untyped-def]
    sequences = {f"d{n}": as_sequence(mentions) for n, mentions in enumerate(documents)}
    assert named_apart(sequences) == pairwise(sequences)


def test_a_surname_before_the_full_name_in_its_sentence_is_apart() -> None:
    sequence = as_sequence([("b", "PERSON", 0), ("a b", "PERSON", 0), ("c", "PERSON", 1)])
    assert named_apart({"d": sequence}) == {("b", "a b"): {"r:0"}}
