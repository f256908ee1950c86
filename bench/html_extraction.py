"""Which HTML main-content extractor to read pages with, measured on real saved pages.

Ground truth comes from the pages' own structure, so any saved site that marks it can be used:
its content is the text blocks (p, li, td, th, h1-h6, dd, dt, pre lines) inside `main`,
`article` or `[role=main]`; its furniture the blocks inside `nav`, `header`, `footer`, `aside`
or navigation/banner/contentinfo roles, outside the content. For each extractor: content
recall (share of content blocks whose text is in the output), furniture leak (share of
furniture blocks of 2+ words whose text is a line of the output) and milliseconds per page.

    PAGES="dir1 dir2 ..." .venv/bin/python bench/html_extraction.py

Each directory is one site; up to 25 pages of each (sorted) that have both content and
furniture are used. Without PAGES it measures the HTML documentation sites found on the
machine (Debian, Rust toolchains and Node.js ship several, each built by another generator).
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

CONTENT = "main, article, [role=main]"
FURNITURE = "nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo]"
BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, dd, dt"
PER_SITE = 25
MAX_BYTES = 1 << 20  # a page, not a whole manual on one page
DEFAULT_SITES = [
    "/usr/share/doc/nodejs/api",  # Node.js's own generator
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/book/second-edition",  # mdBook (old)
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/nomicon",  # mdBook
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/error_codes",  # mdBook
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/std/collections",  # rustdoc
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/rustc/platform-support",  # mdBook
]


def norm(text: str) -> str:
    return " ".join(text.split()).lower()


def truth(page: str) -> tuple[list[str], list[str]]:
    """(content blocks, furniture blocks) of a page, as normalised text."""
    tree = LexborHTMLParser(page)
    content: list[str] = []
    for root in tree.css(CONTENT):
        content.extend(norm(b.text(deep=True)) for b in root.css(BLOCKS))
    inside = set(content)
    furniture = [
        norm(b.text(deep=True))
        for root in tree.css(FURNITURE)
        for b in [*root.css(BLOCKS), *root.css("a")]
    ]
    content = [c for c in dict.fromkeys(content) if len(c.split()) >= 1]
    furniture = [f for f in dict.fromkeys(furniture) if len(f.split()) >= 2 and f not in inside]
    return content, furniture


def every_block(page: str) -> str:
    from pipeline.io.markup import html_blocks

    return "\n".join(block.text for block in html_blocks(page, main_content=False))


def pipeline_reader(page: str) -> str:
    from pipeline.io.markup import html_blocks

    return "\n".join(b.text for b in html_blocks(page) if b.role != "furniture")


def trafilatura_xml(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=True, include_tables=True) or ""


def resiliparse_main(page: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(page, main_content=True, list_bullets=False))


EXTRACTORS: dict[str, Callable[[str], str]] = {
    "every block (selectolax)": every_block,
    "trafilatura": trafilatura_xml,
    "resiliparse main_content": resiliparse_main,
    "pipeline reader (default)": pipeline_reader,
}


def sites() -> list[list[Path]]:
    given = os.environ.get("PAGES", "").split() or DEFAULT_SITES
    out = []
    for pattern in given:
        for folder in sorted(glob.glob(os.path.expanduser(pattern))):
            pages = sorted(Path(folder).glob("*.html"))
            chosen = []
            for path in pages:
                if path.stat().st_size > MAX_BYTES:
                    continue
                content, furniture = truth(path.read_text(encoding="utf-8", errors="replace"))
                if content and furniture:
                    chosen.append(path)
                if len(chosen) == PER_SITE:
                    break
            if chosen:
                out.append(chosen)
    return out


def main() -> int:
    found = sites()
    if not found:
        print("no pages found: set PAGES to folders of saved HTML pages")
        return 0
    pages = [p for site in found for p in site]
    print(f"{len(pages)} pages from {len(found)} sites:")
    for site in found:
        print(f"  {len(site):>3}  {site[0].parent}")
    header = f"{'extractor':<28} {'content recall':>15} {'furniture leak':>15} {'ms/page':>8}"
    print(header)
    for name, extract in EXTRACTORS.items():
        found_c = total_c = leaked = total_f = 0
        seconds = 0.0
        for path in pages:
            page = path.read_text(encoding="utf-8", errors="replace")
            content, furniture = truth(page)
            started = time.perf_counter()
            text = extract(page)
            seconds += time.perf_counter() - started
            body = norm(text)
            lines = {norm(line) for line in text.splitlines()}
            found_c += sum(1 for c in content if c in body)
            total_c += len(content)
            leaked += sum(1 for f in furniture if f in lines)
            total_f += len(furniture)
        print(
            f"{name:<28} {100 * found_c / total_c:>14.1f}% {100 * leaked / total_f:>14.1f}% "
            f"{1000 * seconds / len(pages):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
