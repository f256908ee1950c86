"""Language of name-only lines (`Detect`, `lang_reason: "names"`), measured on real text.

    PIPELINE_DATA=../shared/data .venv/bin/python bench/names_lang.py

Each real NER and linking set (one language each) is read as documents whose sentences are
lines of their own, as a press kit or a novel's dialogue writes them; the Detect stage runs
with and without the rule, and for each set on its own the table shows the lines the rule
makes right and the lines it makes wrong (gold: the set's language).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pipeline.stages.detect as detect
from bench.quality import DEFAULT_DATA, read_jsonl
from pipeline.record import Record

SETS = {"ner_fr_7romans_dev": "fr", "ner_en_wikigold_dev": "en", "el_en_msnbc": "en",
        "el_en_reuters128": "en", "el_en_oke2016": "en", "el_en_kore50": "en"}  # fmt: skip


def lines_of(name: str) -> list[Record]:
    kind = "input.jsonl" if name.startswith("el_") else "jsonl"
    out: list[Record] = []
    for i, row in enumerate(read_jsonl(DEFAULT_DATA / "real" / f"{name}.{kind}")):
        parts = [p for p in row["text"].replace(". ", ".\n").split("\n") if p.strip()]
        doc = str(row.get("doc_id", "one"))
        out += [Record(f"{i}.{j}", doc, name, len(out) + j, p) for j, p in enumerate(parts)]
    return out


def languages(stage: detect.Detect, records: list[Record]) -> dict[str, str | None]:
    stage.start_stream()
    out: dict[str, str | None] = {}
    for batch in stage.batched(records):
        stage.process(batch)
        out.update((r.id, r.lang) for r in batch)
    return out


def main() -> None:
    rule = detect.names_only
    stage = detect.Detect()
    stage.setup()
    print("| set | lines | by the rule | right without → with | made right | made wrong |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, gold in SETS.items():
        detect.names_only = lambda text, most: False  # type: ignore[assignment]
        before = languages(stage, lines_of(name))
        detect.names_only = rule
        records = lines_of(name)
        after = languages(stage, records)
        named = sum(1 for r in records if rule(r.text, stage.short_words))
        fixed = sum(1 for k in after if before[k] != gold and after[k] == gold)
        broke = sum(1 for k in after if before[k] == gold and after[k] != gold)
        right = (sum(v == gold for v in before.values()), sum(v == gold for v in after.values()))
        print(f"| {name} | {len(after)} | {named} | {right[0]} → {right[1]} | {fixed} | {broke} |")


if __name__ == "__main__":
    main()
