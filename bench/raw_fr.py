"""The French baseline: the raw engines doing the pipeline's work in sequence.

    python bench/raw_fr.py INPUT.jsonl OUTPUT.jsonl

The stock `apertium` command over the whole text, one call per hop of the default chain
(fr-es, then spa-eng), French NER on the originals and English NER on the translations with
the pipeline's models and components (`models/ner.json`). No language ID, no name protection,
no cache, no checks that an answer belongs to its request.
"""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import spacy


def model(name: str) -> object:
    """Where spaCy loads `name` from: its name, or the directory a package vendors."""
    return getattr(importlib.import_module(name), "model_path", lambda: name)()


config = json.loads((Path(__file__).parent.parent / "models" / "ner.json").read_text())
rows = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
text = "".join(" ".join(r["text"].split()) + "\n" for r in rows)
for mode in ("fr-es", "spa-eng"):
    text = subprocess.run(
        ["apertium", "-u", mode], input=text, capture_output=True, text=True, check=True
    ).stdout
translations = text.splitlines()
fr = spacy.load(model(config["models"]["fr"]), exclude=config["exclude"])
en = spacy.load(model(config["models"]["en"]), exclude=config["exclude"])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    texts = (r["text"] for r in rows)
    for row, translation, doc, translated in zip(
        rows,
        translations,
        fr.pipe(texts, batch_size=256),
        en.pipe(translations, batch_size=256),
        strict=True,
    ):
        row["translation"] = translation
        row["entities"] = [[e.text, e.label_, e.start_char, e.end_char] for e in doc.ents]
        row["translation_entities"] = [[e.text, e.label_] for e in translated.ents]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
