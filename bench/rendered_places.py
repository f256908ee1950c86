"""The place names of the installed French analyser the engine renders otherwise in English
(#31 item 4's generator): every `<np><loc>` form of Apertium's fr-es analyser
(`lt-paradigm -a`, from the `lttoolbox-dev` package), each translated alone by the pipeline's
engine; prints the names whose English differs, one a line with their rendering
(tests/test_rendered_places.py holds a seeded sample of them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.engines.translate.apertium import ApertiumTranslator  # noqa: E402

ANALYSER = Path("/usr/share/apertium/apertium-fr-es/fr-es.automorf.bin")


def places() -> list[str]:
    listed = subprocess.run(
        ["lt-paradigm", "-a", str(ANALYSER)],
        input="*<np><loc>\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return sorted({line.rsplit(":", 1)[-1] for line in listed.splitlines() if ":" in line})


def main() -> None:
    names = places()
    rendered = ApertiumTranslator().translate(names, "fr", "en")
    for name, english in zip(names, rendered, strict=True):
        english = english.strip().lstrip("*#@")
        if english and english != name:
            print(f"{name}\t{english}")


if __name__ == "__main__":
    main()
