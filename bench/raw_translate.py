"""The translation baselines: the raw engines doing the work of `pipeline translate -s fr`.

    python bench/raw_translate.py chain INPUT.txt OUTPUT.txt   # apertium -u fr-es | spa-eng
    python bench/raw_translate.py floor INPUT.txt OUTPUT.txt   # the same, and French NER

`chain` is the stock `apertium` command over the whole text (one line per sentence), both
hops in one shell pipe. `floor` adds the French NER that name protection needs (the
pipeline's model and components, `models/ner.json`, loaded the pipeline's way: its French
tokenizer pattern compiled once per machine, not per process), run while the chain translates, so the
two share the machine's cores as well as they can: no language ID, no protection, no checks
that an answer belongs to its request, no cache.
"""

import json
import subprocess
import sys
from pathlib import Path

mode, source, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
with source.open("rb") as text, target.open("wb") as out:
    chain = subprocess.Popen("apertium -u fr-es | apertium -u spa-eng", shell=True,
                             stdin=text, stdout=out)  # fmt: skip
    if mode == "floor":
        from pipeline.stages.extract import load_model

        config = json.loads((Path(__file__).parent.parent / "models" / "ner.json").read_text())
        nlp = load_model(config["models"]["fr"])
        lines = source.read_text(encoding="utf-8").splitlines()
        names = sum(len(doc.ents) for doc in nlp.pipe(lines, batch_size=256))
        print(f"{names} names", file=sys.stderr)
    if chain.wait() != 0:
        raise SystemExit(f"apertium failed ({chain.returncode})")
