"""A short form its sentence names before a longer name of its own: someone else
(rule `named_apart`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pipeline.stages.link.names import key_parts


def named_apart(sequences: dict[str, list[list[str]]]) -> dict[tuple[str, str], set[str]]:
    """(short form, longer name) → the mentions of the short form that name someone else
    (rule `named_apart`): a short form written before a longer name of its own sentence that
    its document has not named before ("Pauli was born in Vienna to a chemist Wolfgang Joseph
    Pauli", "Neruda took his pen name from the poet Jan Neruda"): a writer names a person in
    full first, so the short form is another person (a son, a namesake). It links to that
    name neither there nor across documents, where it would be the corpus's dominant
    candidate on no evidence; another candidate does not become dominant for it. Unless
    another document names the person in full and then by the short form: the evidence
    conflicts ("Carder's own oncologist … for Angela Carder", wikigold -0.6 F1 per
    sentence when the corpus link was cut on it), and the corpus decides. People
    only: a company is often named short first ("Bache Securities Inc, 80 pct owned by
    Prudential Bache Securities Inc": one entity for reuters128's gold)."""
    apart: dict[tuple[str, str], set[str]] = defaultdict(set)
    together: set[tuple[str, str]] = set()  # a document names the person in full, then short
    for sequence in sequences.values():
        first: dict[str, int] = {}  # each name → where its document first names it
        for i, item in enumerate(sequence):
            first.setdefault(item[1], i)
        together.update(named_after(sequence, first))
        for run in sentences_of(sequence):
            holders: dict[str, set[str]] = defaultdict(set)  # a part → later people holding it
            for i in reversed(run):
                where, key, label = sequence[i][:3]
                for full in holders.get(key, ()):
                    if first[full] > i:  # the longer name is new to the document here
                        apart[key, full].add(where)
                if label == "PERSON":  # an organisation's short name may come first
                    for part in key_parts(key):
                        holders[part].add(key)
    return {pair: wheres for pair, wheres in apart.items() if pair not in together}


def named_after(sequence: list[list[str]], first: dict[str, int]) -> Iterator[tuple[str, str]]:
    """(short form, longer name) for each short form its document writes after the longer
    name: each pair once, each name's parts indexed once (linear in the mentions)."""
    holders: dict[str, list[str]] = defaultdict(list)  # a part → the names seen that hold it
    paired: Counter[str] = Counter()  # a short form → how many of its holders it was paired with
    for i, item in enumerate(sequence):
        key = item[1]
        found = holders.get(key, [])
        yield from ((key, full) for full in found[paired[key] :])
        paired[key] = len(found)
        if first[key] == i:
            for part in key_parts(key):
                holders[part].append(key)


def sentences_of(sequence: list[list[str]]) -> Iterator[range]:
    """The runs of consecutive mentions of one sentence (a mention without one is alone)."""
    start = 0
    for i in range(1, len(sequence) + 1):
        if i == len(sequence) or len(sequence[i]) < 5 or sequence[i][4:5] != sequence[start][4:5]:
            if len(sequence[start]) >= 5:
                yield range(start, i)
            start = i
