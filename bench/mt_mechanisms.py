"""Each translation mechanism of the Apertium engine alone and together, chrF per dev MT set.

    python bench/mt_mechanisms.py [--data DIR] [--sets news,tatoeba,udhr]

The engine (`ApertiumTranslator.translate`, French → English, no NER, no cache) on each dev
MT set, for: every switchable mechanism off, each one alone on top of that, the defaults, and
everything on; with the seconds each run took (the machine's load moves them: compare
within a run). A mechanism is on by default only if it gains on each set and costs no time
that item 6 of issue 30 does not allow. The stage's numbers, with names protected and beside
the raw chain, are `make eval`'s (`bench/quality.py`).
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.engines.translate.apertium import SWITCHES, ApertiumTranslator  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data"))
SETS = {"news": "mt_fr_en_newstest2014_dev", "tatoeba": "mt_fr_en_tatoeba_dev",
        "udhr": "mt_fr_en_udhr"}  # fmt: skip


def configurations() -> dict[str, dict[str, bool]]:
    parameters = inspect.signature(ApertiumTranslator).parameters
    default = {name: parameters[name].default for name in SWITCHES}
    off = dict.fromkeys(SWITCHES, False)
    out = {"all off": off}
    out |= {f"{name} alone": {**off, name: True} for name in SWITCHES}
    out["defaults"] = {name: bool(default.get(name)) for name in SWITCHES}
    out["all on"] = dict.fromkeys(SWITCHES, True)
    return out


def main() -> None:
    import sacrebleu

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", default=",".join(SETS))
    args = parser.parse_args()
    sets = {}
    for name in args.sets.split(","):
        with (args.data / "real" / f"{SETS[name]}.jsonl").open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        sets[name] = ([r["fr"] for r in rows], [r["en"] for r in rows])
    print("| configuration | " + " | ".join(f"{n} chrF (s)" for n in sets) + " |")
    print("| --- |" + " --- |" * len(sets))
    for label, switches in configurations().items():
        cells = []
        for sources, refs in sets.values():
            engine = ApertiumTranslator(**switches)
            started = time.perf_counter()
            outputs = engine.translate(sources, "fr", "en")
            seconds = time.perf_counter() - started
            engine.close()
            chrf = sacrebleu.corpus_chrf(outputs, [refs]).score
            cells.append(f"{chrf:.2f} ({seconds:.1f})")
        on = ", ".join(n for n, v in switches.items() if v) or "none"
        print(f"| {label} ({on}) | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
