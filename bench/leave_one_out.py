"""Leave one set out (#31 item 5): a rule's setting chosen on the other dev sets, checked on
the one left out (`.venv/bin/python bench/leave_one_out.py`, after `bench/ablation.py` has
cached the models' readings).

Two kinds of setting:
- a threshold (`link.resolve.DOMINANCE`, `entities.FUNCTION_WORD_ZIPF`, `entities.LOWER_CASE_EVIDENCE`):
  each value of a small grid is measured on every set; for each set left out, the value the
  other sets score best (the sum of their measures' gains over the rule off; ties: the value
  shipped) is scored on it;
- a word list of `models/cues.json` (role nouns, organisation heads, titles, speech verbs,
  life events, work nouns): for each set left out, the words its text holds and no other
  set's text does are taken out (no tuner looking at the other sets could have justified
  them), and the rule with what is left is scored on it. A rule whose gain on a set comes
  only from such words only gains on the set it was found on: suspect of fitting.

Each set's score is what the rule earns there against the rule off, as `bench/ablation.py`
scores it (linking sets paired on the mentions both find: B-cubed F1 and label accuracy; NER
sets: F1 per sentence and as one document). Nothing here is shipped or tuned by it: it tells
which settings hold on a set they were not chosen on.
"""

from __future__ import annotations

import copy
import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline.entities as entities  # noqa: E402
import pipeline.evidence as evidence  # noqa: E402
import pipeline.resources as resources  # noqa: E402
import pipeline.stages.link.kinds as link_kinds  # noqa: E402
import pipeline.stages.link.resolve as link_resolve  # noqa: E402
from bench.ablation import (  # noqa: E402
    LOSSES,
    Data,
    Mentions,
    cache_models,
    data_arguments,
    load_data,
    measure,
    require_real_data,
    rule_deltas,
    short,
    table,
)
from pipeline.rules import Rules  # noqa: E402

Scores = dict[str, dict[str, float]]

# rule → (module, name, grid); the shipped value is the module's
THRESHOLDS: dict[str, tuple[Any, str, tuple[float, ...]]] = {
    "corpus_dominance": (link_resolve, "DOMINANCE", (1.5, 2.0, 3.0, 4.0)),
    "edges": (entities, "FUNCTION_WORD_ZIPF", (5.0, 5.5, 6.0, 6.5)),
    "lower_case": (entities, "LOWER_CASE_EVIDENCE", (2, 3, 4, 6)),
}

# rule → the word lists of cues.json it reads, as paths of keys (a list at each path's end,
# or a mapping whose values are lists)
LISTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "role_cue": (("fr",), ("en",)),
    "org_head": (("heads",),),
    "titles_alone": (("titles",),),
    "person_evidence": (("titles",), ("speech",)),
    "life_events": (("life",),),
    "work_title": (("fr", "MISC"), ("en", "MISC")),
}

CACHED = (  # what reads cues.json once per process
    entities.cues,
    entities.honorifics,
    entities.particles,
    entities.person_words,
    entities.heads,
    evidence.work_cues,
    evidence.speech_verbs,
    evidence.life_events,
    link_kinds.organisation_words,
)


def clear() -> None:
    for function in CACHED:
        function.cache_clear()


@contextmanager
def threshold(module: Any, name: str, value: float) -> Iterator[None]:
    """`module.name` set to `value` (and, for a default argument bound at import, there too)."""
    old = getattr(module, name)
    setattr(module, name, value)
    defaults = entities.lower_case_names.__defaults__
    if name == "LOWER_CASE_EVIDENCE":
        entities.lower_case_names.__defaults__ = (value,)
    try:
        yield
    finally:
        setattr(module, name, old)
        entities.lower_case_names.__defaults__ = defaults


@contextmanager
def cue_lists(without: set[str], paths: Sequence[tuple[str, ...]]) -> Iterator[None]:
    """`models/cues.json` as read by the pipeline, with the words of `without` taken out of
    the lists under `paths`."""
    real = resources.load_json
    cues = copy.deepcopy(real("cues.json"))
    for path in paths:
        for words in lists_at(cues, path):
            words[:] = [w for w in words if w not in without]

    def load(name: str) -> Any:
        return cues if name == "cues.json" else real(name)

    for module in (resources, entities, evidence, link_kinds):
        module.load_json = load
    clear()
    try:
        yield
    finally:
        for module in (resources, entities, evidence, link_kinds):
            module.load_json = real
        clear()


def lists_at(node: Any, path: tuple[str, ...]) -> Iterator[list[str]]:
    """Every list of words under `path` (a list, or the lists of a nested mapping)."""
    for key in path:
        node = node.get(key, {}) if isinstance(node, dict) else {}
    if isinstance(node, list):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from lists_at(value, ())


def words_of(paths: Sequence[tuple[str, ...]]) -> set[str]:
    cues = resources.load_json("cues.json")
    return {w for path in paths for words in lists_at(cues, path) for w in words}


def texts_of(data: Data, name: str) -> str:
    rows = data.el[name][0] if name in data.el else data.ner[name]
    return "\n".join(r["text"] for r in rows)


def occurs(word: str, text: str) -> bool:
    """Whether `text` writes `word` (a phrase: its words apart by blanks) as a whole word, in
    any case but for abbreviations and capitalised entries."""
    flags = 0 if word.endswith(".") or word[:1].isupper() else re.IGNORECASE
    pattern = r"\s+".join(map(re.escape, word.split()))
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, flags) is not None


def earned(data: Data, rules: Rules, cache: Path, off: tuple[Scores, Mentions]) -> Scores:
    """What `rules` (the rule on, as configured now) earns against `off` on each set."""
    mentions: Mentions = {}
    scores = measure(data, rules, cache, mentions)
    return rule_deltas(data, (scores, mentions), off)


def total(d: dict[str, float]) -> float:
    return sum(d.get(m, 0.0) for m in LOSSES if m != "found")


def row_cells(d: dict[str, float]) -> str:
    return " / ".join(f"{d[m]:+.1f}" for m in LOSSES if m in d and m != "found")


def main() -> None:
    args = data_arguments(__doc__.splitlines()[0]).parse_args()
    require_real_data(args.data)
    cache_models(args.cache)
    data = load_data(args.data, args.sets)
    sets = [*data.el, *data.ner]
    default = Rules.default()
    chosen = args.rules or [*THRESHOLDS, *LISTS]
    results: dict[str, Any] = {}

    def off_of(rule: str, only: Sequence[str] | None = None) -> tuple[Scores, Mentions]:
        part = subset(data, only) if only else data
        mentions: Mentions = {}
        return measure(part, default.with_(rule, False), args.cache, mentions), mentions

    rows = []
    for rule in (r for r in chosen if r in THRESHOLDS):
        module, name, grid = THRESHOLDS[rule]
        shipped = getattr(module, name)
        off = off_of(rule)
        by_value: dict[float, Scores] = {}
        for value in grid:
            with threshold(module, name, value):
                by_value[value] = earned(data, default, args.cache, off)
        results[rule] = {str(v): d for v, d in by_value.items()}
        for left in sets:
            others = [s for s in sets if s != left]
            best = max(grid, key=lambda v: (sum(total(by_value[v][s]) for s in others), v == shipped))  # fmt: skip
            rows.append((rule, f"{name} {shipped}", short(left), best,
                         row_cells(by_value[best][left]), row_cells(by_value[shipped][left])))  # fmt: skip
        print(f"{rule}: done", file=sys.stderr, flush=True)
    print("\n## thresholds: the value the other sets choose, scored on the set left out\n")
    print(table(("rule", "shipped", "left out", "chosen on the others",
                 "its gain there (F1 / label or F1 sent / doc)", "shipped value's gain there"), rows))  # fmt: skip

    rows = []
    for rule in (r for r in chosen if r in LISTS):
        paths = LISTS[rule]
        words = words_of(paths)
        where = {s: {w for w in words if occurs(w, texts_of(data, s))} for s in sets}
        results[rule] = {}
        for left in sets:
            seen_elsewhere = set().union(*(where[s] for s in sets if s != left))
            only_here = sorted(where[left] - seen_elsewhere)
            part = subset(data, [left])
            off = off_of(rule, [left])
            full = earned(part, default, args.cache, off)[left]
            if only_here:
                with cue_lists(set(only_here), paths):
                    kept = earned(part, default, args.cache, off)[left]
            else:
                kept = full
            results[rule][left] = {"only here": only_here, "full": full, "without them": kept}
            verdict = (
                "holds"
                if total(kept) > 0 or total(full) <= 0
                else ("suspect: gains only through words only this set holds")
            )
            rows.append((rule, short(left), len(where[left]), len(only_here),
                         row_cells(full), row_cells(kept), verdict))  # fmt: skip
        print(f"{rule}: done", file=sys.stderr, flush=True)
    print("\n## word lists: the words only the set left out holds taken out\n")
    print(table(("rule", "left out", "list words its text holds", "held by no other set",
                 "gain, whole list", "gain without them", "verdict"), rows))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))


def subset(data: Data, names: Sequence[str]) -> Data:
    return Data(
        {k: v for k, v in data.el.items() if k in names},
        {k: v for k, v in data.ner.items() if k in names},
    )


if __name__ == "__main__":
    main()
