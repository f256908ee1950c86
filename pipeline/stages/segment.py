"""Segment a raw text document into records: one per title, tagline, facts line, paragraph, review.

Web pages and notes mix content with furniture (ads, navigation, section headings). The rules
here are generic and driven by `models/segment.json` (boilerplate patterns, section names):

- a line matching a boilerplate pattern is dropped (reason `boilerplate`);
- the first line, if short and not a sentence, is the document's `title`;
- a short line that is not a sentence is a heading: it is dropped as a record (reason `heading`)
  but kept as `meta.section` of the records under it, and a known section name ("Reviews",
  "Synopsis", ...) sets the `kind` of the records that follow;
- a year followed by a quotation is a `tagline` (`meta.year`), a line of `|`-separated short
  fields is `facts` (`meta.fields`);
- under a reviews section each line is a `review` whose leading username goes to `meta.author`;
- anything else is a `paragraph` (or `synopsis` under a synopsis section). Hard-wrapped lines
  (a long line without final punctuation followed by one starting in lower case) are joined,
  except under a reviews heading.

Nothing is lost: dropped lines come out as records with `dropped` set, for the accounting.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.record import Location, Record
from pipeline.resources import load_json

SENTENCE_END = tuple('.!?;…"»”)')
TAGLINE = re.compile(r'^(?:(?P<year>\d{4})\s+)?["“«„](?P<quote>.+)["”»“]$')
FACT_SEPARATOR = re.compile(r"\s*[|•·]\s*")
AUTHOR_MAX_TOKENS = 2


@dataclass(frozen=True)
class SegmentRules:
    """The data-driven rules of `models/segment.json`, compiled once."""

    boilerplate: re.Pattern[str]
    section_kinds: dict[str, str]
    heading_max_words: int
    title_max_words: int

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> SegmentRules:
        alternatives = "|".join(f"(?:{p})" for p in config["boilerplate"])
        kinds = {name: kind for kind, names in config["sections"].items() for name in names}
        return cls(
            boilerplate=re.compile(rf"(?:{alternatives})", re.IGNORECASE),
            section_kinds=kinds,
            heading_max_words=int(config["heading_max_words"]),
            title_max_words=int(config["title_max_words"]),
        )


@cache
def default_rules() -> SegmentRules:
    return SegmentRules.from_config(load_json("segment.json"))


@cache
def sentence_openers() -> frozenset[str]:
    """Function words that open sentences in the languages we expect (spaCy's stop lists).

    A review line is `USERNAME TEXT`; the text starts where such a word follows one or two
    name tokens ("Jane Doe There are ..."), so usernames need no list of their own.
    """
    return frozenset().union(*(stop_words(lang) for lang in OPENER_LANGUAGES))


OPENER_LANGUAGES = ("en", "fr", "es", "de", "it")


def stop_words(lang: str) -> set[str]:
    """spaCy's stop list for `lang`, read from its own module file: importing it the usual way
    runs the language package first, and `spacy.lang.fr` compiles its tokenizer patterns there
    (3 s), which a run without French text should not pay."""
    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.origin is not None
    path = Path(spec.origin).parent / "lang" / lang / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_stop_words_{lang}", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return set(module.STOP_WORDS)


def split_author(line: str) -> tuple[str | None, str]:
    """Split `USERNAME review text` into (author, text); (None, line) when there is no text."""
    tokens = line.split(" ")
    if len(tokens) < 2:
        return None, line
    openers = sentence_openers()
    chosen = 1
    for k in range(1, min(AUTHOR_MAX_TOKENS, len(tokens) - 1) + 1):
        word = re.split(r"['’]", tokens[k].strip('"“«(').lower(), maxsplit=1)[0]
        if word in openers:
            chosen = k
            break
    author = " ".join(tokens[:chosen])
    return author, " ".join(tokens[chosen:]).strip()


def normalise(line: str) -> str:
    """NFC-normalise and trim a line (byte-order marks too); inner whitespace is kept."""
    return unicodedata.normalize("NFC", line).strip().strip("\ufeff").strip()


def is_sentence(line: str) -> bool:
    return line.endswith(SENTENCE_END)


def unwrap(
    lines: Iterable[tuple[int, str]],
    joinable: Callable[[str, str], bool],
    max_chars: int | None = None,
) -> Iterator[tuple[int, str]]:
    """Join hard-wrapped lines; yield (first line number, paragraph). Blank lines are skipped.
    A paragraph stops growing at `max_chars` (memory stays bounded whatever the input)."""
    start, parts, size = 0, list[str](), 0
    for number, raw in lines:
        line = normalise(raw)
        if not line:
            if parts:
                yield start, " ".join(parts)
                parts = []
            continue
        fits = max_chars is None or size + 1 + len(line) <= max_chars
        if parts and fits and joinable(parts[-1], line):
            parts.append(line)
            size += 1 + len(line)
            continue
        size = len(line)
        if parts:
            yield start, " ".join(parts)
        start, parts = number, [line]
    if parts:
        yield start, " ".join(parts)


@dataclass
class Segmenter:
    """Turns one document's lines into records. Usable alone: `Segmenter().segment(...)`."""

    rules: SegmentRules = field(default_factory=default_rules)

    def segment(
        self,
        lines: Iterable[tuple[int, str]],
        doc_id: str,
        source: str,
        max_chars: int | None = None,
    ) -> Iterator[Record]:
        """Yield the records of one document, given its numbered lines (1-based)."""
        seq = 0
        first = True
        kind = "paragraph"
        section: str | None = None

        def joinable(previous: str, line: str) -> bool:
            """A wrapped prose line: long, unfinished, followed by a lower-case start. Never
            under a reviews heading, where each line is `username text` (often lower case)."""
            return (
                kind != "review"
                and line[0].islower()
                and not is_sentence(previous)
                and len(previous.split()) > self.rules.heading_max_words
            )

        for number, line in unwrap(lines, joinable, max_chars):
            location = Location(source, number)
            words = line.split()
            drop = None
            meta: dict[str, Any] = {}
            if self.rules.boilerplate.fullmatch(line):
                drop = "boilerplate"
            elif first and len(words) <= self.rules.title_max_words and not is_sentence(line):
                meta["kind"] = "title"
            elif self._is_heading(line, words, kind):
                drop = "heading"
                section = line.rstrip(":").strip()
                kind = self.rules.section_kinds.get(section.lower(), "paragraph")
            if drop:
                yield Record(
                    id=f"{doc_id}:L{number}",
                    doc_id=doc_id,
                    source=source,
                    seq=-1,
                    text=line,
                    meta={"kind": drop},
                    location=location,
                    dropped=drop,
                )
                continue
            first = False
            text = line
            if "kind" not in meta:
                text = self._classify(line, kind, meta)
            if section is not None:
                meta["section"] = section
            meta["line"] = number
            yield Record(
                id=f"{doc_id}:{seq}",
                doc_id=doc_id,
                source=source,
                seq=seq,
                text=text,
                meta=meta,
                location=location,
            )
            seq += 1

    def _is_heading(self, line: str, words: list[str], kind: str) -> bool:
        name = line.rstrip(":").strip().lower()
        if name in self.rules.section_kinds:
            return True
        if kind == "review":  # short reviews ("Loved it") are content, not headings
            return False
        return (
            len(words) <= self.rules.heading_max_words
            and not is_sentence(line)
            and line[0].isupper()
            and not TAGLINE.match(line)
            and not FACT_SEPARATOR.search(line)
        )

    @staticmethod
    def _classify(line: str, kind: str, meta: dict[str, Any]) -> str:
        """Set `meta.kind` (and kind-specific fields) for a content line; return its text."""
        if tagline := TAGLINE.match(line):
            meta["kind"] = "tagline"
            if tagline["year"]:
                meta["year"] = int(tagline["year"])
            return tagline["quote"].strip()
        fields = [f for f in FACT_SEPARATOR.split(line) if f]
        if len(fields) >= 3 and all(len(f.split()) <= 3 for f in fields):
            meta["kind"] = "facts"
            meta["fields"] = fields
            return line
        meta["kind"] = kind
        if kind == "review":
            author, text = split_author(line)
            if author is not None:
                meta["author"] = author
                return text
        return line
