"""What each rule earns, per development set on its own (`make ablation`, #31 item 5).

For every rule of `pipeline.rules` that is on by default, the default stages run on each dev
set with and without it (and for every rule off by default, with it turned on), and the table
shows, per set:
- linking (`el_en_*`): B-cubed P / R / F1 of the entity ids against the gold Wikidata ids,
  and label accuracy of the gold mentions found (as `bench/linking.py`);
- NER (`ner_en_wikigold_dev`, `ner_fr_7romans_dev`): exact-span F1, each sentence its own
  document and the set as one document (as `bench/quality.py`);
- the index of the French novels as one document: top-30 labels right.

A rule earns its keep when, on each set on its own, it gains or loses at most 0.2 (turning it
on loses no more than 0.2 on any set): a decision that holds on every set also holds with any
one set left out, which the per-set columns show directly. A rule's threshold or word list is
checked on the set left out by `bench/leave_one_out.py` (`make ablation` runs both).

On a linking set a rule is scored paired: B-cubed F1 and label accuracy of the two
configurations on the gold mentions BOTH find with the exact span, and, apart, the gold
mentions found (percent of the set's gold mentions). B-cubed over each configuration's own
hits compares two different mention sets: a span rule that finds more gold mentions ("the
Institute for Supply Management" → "Institute for Supply Management") adds the mentions that
are harder to cluster, and read as a linking loss where linking did not change (#31: `edges`
showed msnbc -0.6 and oke2016 -0.5 B-cubed F1 with 30 and 77 more gold mentions found, and
0.0 on the 501 and 454 mentions both configurations find). The unpaired delta stays in the
JSON output (`F1 own hits`).

The models' readings and the translations are cached on disk (`--cache`), so a configuration
costs the rules' own time: the rules run on exactly what the models gave.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.linking import EL_SETS, RAW_MODELS, b_cubed, gold_type, index_check  # noqa: E402
from bench.quality import DEFAULT_DATA, GOLD_LABEL, NER_SETS, prf, read_jsonl, spans_of, table  # noqa: E402
from pipeline import Pipeline  # noqa: E402
from pipeline.record import Record  # noqa: E402
from pipeline.rules import RULES, Rules  # noqa: E402
from pipeline.run.pipeline import default_stages  # noqa: E402

TOLERANCE = 0.2  # points a rule may lose on one set


# -- the models' readings, cached --------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start_char: int
    end_char: int
    label_: str


@dataclass(frozen=True)
class Doc:
    ents: tuple[Span, ...]


class CachedModel:
    """A spaCy pipeline's entities by text, read once and kept on disk. What the extract stage
    asks of a model besides `pipe` (its vocabulary's size and zone, to decide when to warm
    the tokenizer's cache) is answered as for a model that keeps nothing."""

    vocab = SimpleNamespace(strings=(), in_memory_zone=False)

    def __init__(self, name: str, folder: Path) -> None:
        self.name, self.path = name, folder / f"ner-{name}.pkl"
        self.store: dict[str, tuple[tuple[int, int, str], ...]] = (
            pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        )
        self.dirty = False

    def memory_zone(self) -> Any:
        return nullcontext()

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[Doc]:
        texts = list(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in self.store]
        if missing:
            from pipeline.stages.extract import real_load_model  # type: ignore[attr-defined]

            nlp = real_load_model(self.name)
            for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
                self.store[text] = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
            self.dirty = True
        for text in texts:
            yield Doc(tuple(Span(*e) for e in self.store[text]))

    def save(self) -> None:
        if self.dirty:
            self.path.write_bytes(pickle.dumps(self.store))
            self.dirty = False


def cache_models(folder: Path) -> dict[str, CachedModel]:
    """Route the pipeline's (and the bench's) model loading through the cache."""
    import pipeline.stages.extract as extract

    folder.mkdir(parents=True, exist_ok=True)
    models: dict[str, CachedModel] = {}
    if not hasattr(extract, "real_load_model"):
        extract.real_load_model = extract.load_model  # type: ignore[attr-defined]

    def load(name: str) -> CachedModel:
        if name not in models:
            models[name] = CachedModel(name, folder)
        return models[name]

    extract.load_model = load  # type: ignore[assignment]
    return models


# -- one configuration on every set -------------------------------------------------------------


def run(
    rows: Sequence[dict[str, Any]], rules: Rules, cache: Path
) -> tuple[list[Record], list[dict[str, Any]]]:
    """The default stages with `rules` over the rows; the records and the entity index."""
    records = [
        Record(id=str(r["id"]), doc_id=str(r["doc_id"]), source="eval", seq=i, text=r["text"])
        for i, r in enumerate(rows)
    ]
    stages = default_stages(cache=cache / "translations.sqlite", rules=rules)
    known = all(r.text in LANGS for r in records)
    if known:  # language ID does not depend on the rules: read once
        for r in records:
            r.lang = LANGS[r.text]
        stages = stages[1:]
    out = list(Pipeline(stages=stages, given=("lang",) if known else ())(records))
    failed = [r.error for r in out if r.error is not None]
    if failed:  # a measure of records the stages failed on measures nothing
        raise RuntimeError(f"{len(failed)} records failed, the first: {failed[0]}")
    LANGS.update((r.text, r.lang) for r in out)
    return out, stages[-1].index()  # type: ignore[attr-defined]


LANGS: dict[str, str | None] = {}


@dataclass
class Data:
    el: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]]
    ner: dict[str, list[dict[str, Any]]]


def load_data(data: Path, sets: Sequence[str]) -> Data:
    el = {
        name: (
            read_jsonl(data / "real" / f"{name}.input.jsonl"),
            read_jsonl(data / "real" / f"{name}.gold.jsonl"),
        )
        for name in EL_SETS
        if name in sets
    }
    ner = {
        name: read_jsonl(data / "real" / f"{name}.jsonl")
        for name in NER_SETS.values()
        if name in sets
    }
    return Data(el, ner)


Mentions = dict[str, dict[tuple[str, int, int], tuple[str, str]]]  # set → span → (entity, label)


def measure(
    data: Data, rules: Rules, cache: Path, mentions: Mentions | None = None
) -> dict[str, dict[str, float]]:
    """Per set: the measures of one configuration (percent); with `mentions`, each linking
    set's gold mentions found, with their entity id and label, are put there."""
    out: dict[str, dict[str, float]] = {}
    for name, (inputs, gold) in data.el.items():
        records, _ = run(inputs, rules, cache)
        found = {
            (r.doc_id, e.start, e.end): e for r in records for e in r.entities if e.field == "text"
        }
        if mentions is not None:
            mentions[name] = {
                (g["doc"], g["start"], g["end"]): (e.entity_id or "", e.label)
                for g in gold
                if (e := found.get((g["doc"], g["start"], g["end"]))) is not None
            }
        hits = [(g, found[g["doc"], g["start"], g["end"]]) for g in gold if (g["doc"], g["start"], g["end"]) in found]  # fmt: skip
        p, r, f = b_cubed([e.entity_id or "" for _, e in hits], [g["qid"] for g, _ in hits])
        typed = [(gold_type(g["type"]), e.label) for g, e in hits if gold_type(g["type"])]
        accuracy = sum(label in want for want, label in typed) / max(1, len(typed))
        sp, sr, sf = b_cubed(
            [g["surface"].casefold() for g, _ in hits], [g["qid"] for g, _ in hits]
        )
        out[name] = {"P": 100 * p, "R": 100 * r, "F1": 100 * f, "label": 100 * accuracy,
                     "found": len(hits), "surface P": 100 * sp, "surface R": 100 * sr,
                     "surface F1": 100 * sf}  # fmt: skip
    for name, gold_rows in data.ner.items():
        texts = [r["text"] for r in gold_rows]
        gold = [spans_of(r) for r in gold_rows]
        scores: dict[str, float] = {}
        for mode, document in (("sent", str), ("doc", lambda i: "doc")):
            rows = [{"id": i, "doc_id": document(i), "text": t} for i, t in enumerate(texts)]
            records, index = run(rows, rules, cache)
            found = [
                {(e.start, e.end, GOLD_LABEL[e.label]) for e in r.entities if e.field == "text"}
                for r in records
            ]
            scores[f"F1 {mode}"] = 100 * prf(gold, found)["all"][2]
            if mode == "doc":
                check = index_check(records, index, gold_rows)
                scores["top30"] = float(check[1].split("/")[0])
                scores["not original"] = float(check[2])
        out[name] = scores
    return out


def paired(
    gold: Sequence[dict[str, Any]],
    with_rule: dict[tuple[str, int, int], tuple[str, str]],
    without: dict[tuple[str, int, int], tuple[str, str]],
) -> dict[str, float]:
    """What a rule earns on one linking set, scored on the gold mentions both configurations
    find (B-cubed F1, label accuracy), and in gold mentions found (percent of the gold)."""
    both = [
        g for g in gold if (k := (g["doc"], g["start"], g["end"])) in with_rule and k in without
    ]
    qids = [g["qid"] for g in both]
    typed = [(g, gold_type(g["type"])) for g in both if gold_type(g["type"])]
    out: dict[str, float] = {}
    for sign, found in ((1, with_rule), (-1, without)):
        keys = [(g["doc"], g["start"], g["end"]) for g in both]
        f = b_cubed([found[k][0] for k in keys], qids)[2]
        right = sum(found[g["doc"], g["start"], g["end"]][1] in want for g, want in typed)
        out["F1"] = out.get("F1", 0.0) + sign * 100 * f
        out["label"] = out.get("label", 0.0) + sign * 100 * right / max(1, len(typed))
    out["found"] = 100 * (len(with_rule) - len(without)) / max(1, len(gold))
    return out


def raw_label_accuracy(data: Data) -> dict[str, dict[str, float]]:
    """Per linking set, each raw model's label accuracy on the gold mentions it finds."""
    from bench.linking import raw_labels

    out: dict[str, dict[str, float]] = {}
    for name, (inputs, gold) in data.el.items():
        texts = [r["text"] for r in inputs]
        doc_index = {r["doc_id"]: i for i, r in enumerate(inputs)}
        out[name] = {}
        for short, model in RAW_MODELS.items():
            spans = raw_labels(model, texts)
            if spans is None:
                continue
            pairs = [(gold_type(g["type"]), spans[doc_index[g["doc"]]].get((g["start"], g["end"])))
                     for g in gold if gold_type(g["type"])]  # fmt: skip
            labelled = [(w, lb) for w, lb in pairs if lb is not None]
            out[name][short] = 100 * sum(lb in w for w, lb in labelled) / max(1, len(labelled))
    return out


# -- the table ----------------------------------------------------------------------------------

MEASURES = {"el": ("F1", "label", "found"), "ner": ("F1 sent", "F1 doc", "top30")}
LOSSES = ("F1", "label", "found", "F1 sent", "F1 doc")  # the measures a rule may not lose


def kind(name: str) -> str:
    return "el" if name.startswith("el_") else "ner"


def short(name: str) -> str:
    return name.removeprefix("el_en_").removeprefix("ner_").removesuffix("_dev")


def deltas(
    base: dict[str, dict[str, float]], other: dict[str, dict[str, float]]
) -> dict[str, dict[str, float]]:
    """`base` minus `other` on each set (linking sets: the unpaired B-cubed F1 only, as
    `F1 own hits`; `paired` gives the rest)."""
    return {
        s: {m: base[s][m] - other[s][m] for m in MEASURES[kind(s)] if m in base[s]}
        if kind(s) == "ner"
        else {"F1 own hits": base[s]["F1"] - other[s]["F1"]}
        for s in base
    }


def rule_deltas(
    data: Data,
    with_rule: tuple[dict[str, dict[str, float]], Mentions],
    without: tuple[dict[str, dict[str, float]], Mentions],
) -> dict[str, dict[str, float]]:
    """What a rule earns on each set: linking sets paired (`paired`), NER sets as `deltas`."""
    d = deltas(with_rule[0], without[0])
    for name, (_, gold) in data.el.items():
        d[name] |= paired(gold, with_rule[1][name], without[1][name])
    return d


def worst(d: dict[str, dict[str, float]], sets: Iterable[str]) -> float:
    """The largest loss of a rule over `sets` (its main measures: linking F1 and label
    accuracy, NER F1 per sentence and as one document, index labels /30 scaled to points)."""
    losses = [0.0]
    for s in sets:
        for m in LOSSES:
            if m in d[s]:
                losses.append(-d[s][m])
    return max(losses)


def gain(d: dict[str, dict[str, float]], sets: Iterable[str]) -> float:
    return max([0.0] + [d[s][m] for s in sets for m in LOSSES if m in d[s]])


def data_arguments(description: str) -> argparse.ArgumentParser:
    """The options every per-set measure takes: where the data and the models' cache are,
    which sets; with `--rules` and `--json`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/pipeline-ablation"))
    parser.add_argument("--rules", nargs="*", help="only these rules (default: all)")
    parser.add_argument("--sets", nargs="*", default=[*EL_SETS, *NER_SETS.values()])
    parser.add_argument("--json", type=Path, help="also write the measures here")
    return parser


def require_real_data(data: Path) -> None:
    """Exit 2, saying where to put it, when the developer data is not there."""
    if not (data / "real").is_dir():
        print(
            f"no real data in {data}/real (developer data, not shipped): run "
            "`make ablation DATA=DIR` with DIR the folder holding real/",
            file=sys.stderr,
        )
        raise SystemExit(2)


def main() -> None:
    parser = data_arguments(__doc__.splitlines()[0])
    parser.add_argument("--baseline-only", action="store_true")
    args = parser.parse_args()
    require_real_data(args.data)
    models = cache_models(args.cache)
    data = load_data(args.data, args.sets)
    base_rules = Rules.default()
    base_mentions: Mentions = {}
    base = measure(data, base_rules, args.cache, base_mentions)
    for m in models.values():
        m.save()
    results: dict[str, Any] = {"default": base, "raw": raw_label_accuracy(data)}
    for m in models.values():
        m.save()
    sets = list(base)
    print("\n## default, per set\n")
    rows = []
    for s in sets:
        b = base[s]
        if kind(s) == "el":
            raw = results["raw"][s]
            sr, sf = b["surface R"], b["surface F1"]
            rows.append((short(s), f"{b['P']:.1f}", f"{b['R']:.1f}", f"**{b['F1']:.1f}**",
                         f"{sf:.1f} (R {sr:.1f})", f"{b['F1'] - sf:+.1f}", f"**{b['label']:.1f}**",
                         " / ".join(f"{k} {v:.1f}" for k, v in raw.items()),
                         f"{b['label'] - max(raw.values(), default=0):+.1f}", "", "", ""))  # fmt: skip
        else:
            rows.append((short(s), "", "", "", "", "", "", "", "", f"{b['F1 sent']:.1f}",
                         f"{b['F1 doc']:.1f}", f"{b['top30']:.0f}/30 ({b['not original']:.0f})"))  # fmt: skip
    print(table(("set", "P", "R", "B³ F1", "surface F1", "Δ", "label acc.", "raw label acc.",
                 "Δ best raw", "NER F1 sent", "NER F1 doc", "index top-30 (not original)"), rows))  # fmt: skip
    if args.baseline_only:
        if args.json:
            args.json.write_text(json.dumps(results, indent=1))
        return
    names = args.rules or list(RULES)
    print(
        "\n## each rule: the default minus the configuration without it (with it, for a rule off by default)\n"
    )
    header = ["rule", "default"] + [f"{short(s)} {m}" for s in sets for m in MEASURES[kind(s)]]
    header += ["worst", "verdict"]
    rows = []
    results["rules"] = {}
    for name in names:
        on = base_rules.on(name)
        other_mentions: Mentions = {}
        other = measure(data, base_rules.with_(name, not on), args.cache, other_mentions)
        ours, theirs = (base, base_mentions), (other, other_mentions)
        d = rule_deltas(data, *((ours, theirs) if on else (theirs, ours)))  # what the rule earns
        results["rules"][name] = d
        cells = [f"{d[s][m]:+.1f}" for s in sets for m in MEASURES[kind(s)]]
        loss = worst(d, sets)
        verdict = (
            "keep"
            if loss <= TOLERANCE and gain(d, sets) > 0
            else ("no effect" if loss == 0 else "off")
        )
        rows.append((name, "on" if on else "off", *cells, f"{-loss:+.1f}", verdict))
        print("|", " | ".join(map(str, rows[-1])), "|", flush=True, file=sys.stderr)
    print(table(header, rows))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
