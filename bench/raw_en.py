"""The English baseline: spaCy alone, as a user would write it in ten lines.

    python bench/raw_en.py INPUT.jsonl OUTPUT.jsonl

The same model and the same components as the pipeline (`models/ner.json`), `nlp.pipe` over
every text, the entities written as JSON lines. No language ID, no linking, no accounting.
"""

import importlib
import json
import sys
from pathlib import Path

import spacy


def model(name: str) -> object:
    """Where spaCy loads `name` from: its name, or the directory a package vendors."""
    return getattr(importlib.import_module(name), "model_path", lambda: name)()


config = json.loads((Path(__file__).parent.parent / "models" / "ner.json").read_text())
nlp = spacy.load(model(config["models"]["en"]), exclude=config["exclude"])
rows = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=256), strict=True):
        row["entities"] = [[e.text, e.label_, e.start_char, e.end_char] for e in doc.ents]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
