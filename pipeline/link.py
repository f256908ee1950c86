"""Link mentions to canonical entities across languages and documents.

Runs over the whole corpus, twice: `observe` every record (which names occur, how they are
written, with which labels, in which documents), `resolve`, then `apply` to every record.
`run` does this while joining the shards, reading them back from disk, so memory grows with
the number of distinct names, not with the corpus.

- Names are compared by `name_key`: case folded ("ATLANTA" in a dateline is "Atlanta"), a
  leading "the" and hyphens aside ("The Home Depot" = "Home Depot", "West-Germany").
- A knowledge-base alias (`--kb FILE`, opt-in) links to its entity, with its label, id and
  Wikidata id.
- A short form links to a full name it begins or ends ("Varda" → "Agnès Varda", "Gaumont" →
  "Gaumont Pictures") when both are read as people or organisations: the full name seen in
  the same document first, else the one the corpus uses most if it clearly dominates (twice
  as many mentions as any other); an ambiguous short form stays its own entity. A place is
  never a part of a longer name ("Atlanta" is not the "Atlanta Falcons", "England" not "New
  England"), nor a nationality ("British" is not "British Columbia").
- An acronym is a whole name ("NBC" is not "NBC News"); read as an organisation, it links to
  the organisation named in the same document whose capitalised words it spells ("SEC" →
  "Securities and Exchange Commission"). Places are not: "S.D." is not "San Diego".
- The label of an entity is decided by all its mentions, in every language, by vote, each
  mention once (the knowledge base's label wins). A mention's label already holds the evidence
  its sentence gives (a role noun before it: "la revue X" → ORG), and a name carried into the
  translation adds the target model's reading of it.
- The canonical name is the form the original texts write most (a translation names only
  what no original names); `entity_id` is the knowledge-base id, else `ent:` and the name
  transliterated to ASCII (`anyascii`), with a digest of the name when two names of the
  corpus would share it: the same name always gets the same id, in any script.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from anyascii import anyascii

from pipeline.entities import KnownEntity
from pipeline.record import UNDETERMINED, Entity, Record
from pipeline.resources import load_json

POSSESSIVE = re.compile(r"['’]s?$")
LEADING_THE = re.compile(r"^the\s+(?=\S+\s)", re.IGNORECASE)  # "The Home Depot", not "The Who"
HYPHENS = re.compile(r"[-‐‑–]")
LABEL_ORDER = {"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3}
DOMINANCE = 2.0
SAMPLE_RECORDS = 20  # record ids an index entry keeps, the first in corpus order
PARTS_NAME = frozenset({"PERSON", "ORG"})  # kinds a part of the name can stand for
COMPLEMENT = re.compile(r"\s(?:of|for|de|du|des|del|della|di|da|von)(?: the| la| le| les)?\s\Z")
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


def surface_of(text: str) -> str:
    """The name as it is linked: whitespace folded, an English possessive removed."""
    folded = " ".join(text.split())
    stripped = POSSESSIVE.sub("", folded) if " " in folded or len(folded) > 3 else folded
    return stripped or folded


def name_key(surface: str) -> str:
    """The name as linking compares it: case folded, a leading "the" of a longer name and
    hyphens aside."""
    return " ".join(HYPHENS.sub(" ", LEADING_THE.sub("", surface)).casefold().split())


def slug(name: str) -> str:
    """The name in lower-case ASCII words joined by hyphens, transliterated from any script."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


def initials(name: str) -> str:
    """The capital letters that open the words of a name ("Securities and Exchange
    Commission" → "SEC")."""
    return "".join(w[0] for w in re.findall(r"\w+", LEADING_THE.sub("", name)) if w[0].isupper())


@dataclass
class Surface:
    """Votes for one name (a `name_key`): labels, mentions per document (a mention is 1), and
    how it is written, in original texts and in translations."""

    labels: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    docs: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    written: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    translated: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def label(self) -> str:
        """The label most of its mentions carry."""
        return majority(self.labels)

    def form(self) -> str:
        """How the name is written: the form the original texts use most, else the
        translations; a form with lower-case letters before an all-capitals one."""
        forms = self.written or self.translated
        return min(forms, key=lambda f: (-forms[f], f.isupper(), f))


@dataclass
class Entry:
    """One canonical entity in the index: counts and a bounded sample, so the index grows with
    the number of distinct names, not with the corpus (every mention, with its entity, is in
    `corpus.jsonl`)."""

    entity_id: str
    canonical: str
    label: str
    wikidata: str | None = None
    documents: int = 0
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0  # in original texts
    translated_mentions: int = 0  # in translations: what the translator repeated
    records: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # original-text mentions
    sample: list[str] = field(default_factory=list)  # the first record ids, in corpus order

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "canonical": self.canonical,
            "label": self.label,
            "wikidata": self.wikidata,
            "aliases": sorted(self.aliases),
            "mentions": self.mentions,
            "translated_mentions": self.translated_mentions,
            "records": self.records,
            "documents": self.documents,
            "languages": dict(sorted(self.languages.items())),
            "sample_records": self.sample,
        }


class Linker:
    def __init__(self, known: dict[str, KnownEntity] | None = None) -> None:
        self.known = {name_key(alias): entity for alias, entity in (known or {}).items()}
        self._kb = {name_key(entity.canonical): entity for entity in self.known.values()}
        self.surfaces: dict[str, Surface] = defaultdict(Surface)  # by name_key
        self._links: dict[tuple[str, str], str] = {}  # (key, doc_id) → canonical key
        self._entries: dict[str, Entry] = {}  # canonical key → entry

    def observe(self, record: Record) -> None:
        """Count each mention once: a name carried into the translation shares its `mention`
        id with the original, and its two readings (the source model's and the target
        model's) split one vote."""
        readings = readings_of(record)
        for mention in sorted(readings):
            share = 1 / len(readings[mention])
            stats = self.surfaces[mention_key(readings[mention])]
            for entity in readings[mention]:
                stats.labels[entity.label] += share
                stats.docs[record.doc_id] += share
                forms = stats.written if entity.field == "text" else stats.translated
                forms[surface_of(entity.text)] += share

    def resolve(self) -> None:
        """Decide every (name, document) link, then each entity's label, name and id."""
        by_part: dict[tuple[str, ...], list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key in sorted(k for k in self.surfaces if " " in k):
            tokens = tuple(key.split())
            for k in range(1, len(tokens)):
                by_part[tokens[:k]].append(key)
                by_part[tokens[-k:]].append(key)
            if len(letters := initials(self.surfaces[key].form())) >= 2:
                by_initials[letters].append(key)
        for key, stats in sorted(self.surfaces.items()):
            letters = acronym_letters(stats.form())
            # an acronym is a whole name: "NBC" is not "NBC News"
            longer = [] if letters else by_part.get(tuple(key.split()), [])
            spelled = by_initials.get(letters, []) if letters else []
            for doc in sorted(stats.docs):
                self._links[key, doc] = self._canonical(key, doc, longer, spelled)
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        documents: dict[str, set[str]] = defaultdict(set)
        for (key, doc), canonical in self._links.items():
            stats = self.surfaces[key]
            share = stats.docs[doc] / max(1, total(stats))
            for label, n in stats.labels.items():
                votes[canonical][label] += n * share
            documents[canonical].add(doc)
        names = {c: self._name(c) for c in votes}
        slugs: dict[str, set[str]] = defaultdict(set)
        for canonical, name in names.items():
            if canonical not in self._kb:
                slugs[slug(name)].add(name)
        for canonical in sorted(votes):
            known = self._kb.get(canonical)
            if known:
                count = len(documents[canonical])
                self._entries[canonical] = Entry(
                    known.id, known.canonical, known.label, known.wikidata, count
                )
                continue
            full_name = " " in canonical  # its own reading decides, not its short forms'
            label = self.surfaces[canonical].label() if full_name else majority(votes[canonical])
            name = names[canonical]
            self._entries[canonical] = Entry(
                entity_id(name, slugs), name, label, documents=len(documents[canonical])
            )

    def _name(self, canonical: str) -> str:
        known = self._kb.get(canonical)
        return known.canonical if known else self.surfaces[canonical].form()

    def _canonical(self, key: str, doc: str, longer: list[str], spelled: list[str]) -> str:
        """The canonical key `key` stands for in `doc`: itself, a knowledge-base entity, a
        longer name it is part of, or the name its letters spell."""
        if key in self.known:
            return name_key(self.known[key].canonical)
        longer = [n for n in longer if self._same_kind(key, n)]
        here = [n for n in longer if doc in self.surfaces[n].docs]
        ranked = sorted(longer, key=lambda n: (-total(self.surfaces[n]), n))
        if here:
            return min(here, key=lambda n: (-self.surfaces[n].docs[doc], ranked.index(n)))
        if ranked and (
            len(ranked) == 1
            or total(self.surfaces[ranked[0]]) >= DOMINANCE * total(self.surfaces[ranked[1]])
        ):
            return ranked[0]
        if self.surfaces[key].label() != "ORG":
            return key
        spelled_here = [
            n for n in spelled if doc in self.surfaces[n].docs and self.surfaces[n].label() == "ORG"
        ]
        return spelled_here[0] if len(spelled_here) == 1 else key

    def _same_kind(self, short: str, full: str) -> bool:
        """Whether `short` may be a short form of `full`: people and organisations are named
        by part of their name ("Varda", "Universal"), places and nationalities are not, and
        the full name must be a person or organisation too ("Ohio", a place, is not "Ohio
        State University"; "Brokaw", read as an organisation, may be "Tom Brokaw"). A
        person's first name or surname stands for the person whatever the model read it as
        ("Duroy", read as MISC, is "Georges Duroy"), unless it was read as a place."""
        short_kind, full_kind = self.surfaces[short].label(), self.surfaces[full].label()
        ends = full.endswith(" " + short) or full.startswith(short + " ")
        if full_kind == "PERSON" and short_kind != "LOC" and ends:
            return True
        if COMPLEMENT.search(full[: -len(short)]) and full.endswith(" " + short):
            return False  # "Ottawa" is not the "University of Ottawa"
        heads, legal = organisation_words()
        if any(w in heads for w in short.split()) and not all(
            w in legal for w in full.replace(short, " ", 1).split()
        ):  # a whole organisation's name: "University of Chicago", "Communist Party"
            return False
        return {short_kind, full_kind} <= PARTS_NAME

    def apply(self, record: Record) -> Record:
        """Set `canonical`, `entity_id`, `wikidata` and the corpus-wide `label` on every
        mention."""
        seen: dict[int, Entry] = {}
        keys = {id(e): mention_key(group) for group in readings_of(record).values() for e in group}
        for entity in record.entities:
            surface = surface_of(entity.text)
            key = keys[id(entity)]
            canonical = self._links.get((key, record.doc_id))
            if canonical is None:  # not observed (a record linked alone): it names itself
                canonical = key
                self._entries.setdefault(
                    canonical, Entry(entity_id(surface, {}), surface, entity.label, documents=1)
                )
            entry = self._entries[canonical]
            entity.canonical, entity.entity_id, entity.label = (
                entry.canonical,
                entry.entity_id,
                entry.label,
            )
            entity.wikidata = entry.wikidata
            entry.aliases.add(surface)
            if entity.field == "text":
                entry.mentions += 1
                entry.languages[language_of(record, entity)] += 1
            else:
                entry.translated_mentions += 1
            seen.setdefault(id(entry), entry)
        for entry in seen.values():  # each record once per entity it names
            entry.records += 1
            if len(entry.sample) < SAMPLE_RECORDS:
                entry.sample.append(record.id)
        return record

    def index(self) -> list[dict[str, Any]]:
        """`entities.jsonl`: one line per entity mentioned, most mentioned in original texts
        first, then in translations, then by id."""
        entries = [e for e in self._entries.values() if e.mentions or e.translated_mentions]
        order = sorted(entries, key=lambda e: (-e.mentions, -e.translated_mentions, e.entity_id))
        return [e.to_dict() for e in order]


@cache
def organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every language's organisation heads, and the legal forms (`heads`, `legal_forms` of
    `models/cues.json`), case folded as `name_key` compares names."""
    cues = load_json("cues.json")
    heads = frozenset(
        word.casefold() for table in cues["heads"].values() for word in table.get("ORG", [])
    )
    return heads, frozenset(word.casefold() for word in cues["legal_forms"])


def majority(votes: dict[str, float]) -> str:
    """The label with the most votes; a tie goes to the first in `LABEL_ORDER`."""
    return min(votes, key=lambda lb: (-votes[lb], LABEL_ORDER.get(lb, 9)))


def readings_of(record: Record) -> dict[str, list[Entity]]:
    """The record's mentions: a name carried into the translation is one mention with two
    readings (its `mention` id is the original's); a mention without an id is its own."""
    readings: dict[str, list[Entity]] = defaultdict(list)
    for i, entity in enumerate(record.entities):
        readings[entity.mention or f"#{i}"].append(entity)
    return readings


def mention_key(readings: list[Entity]) -> str:
    """The name a mention is linked by: as the original text writes it, for a name carried
    into the translation too ("Italie" and its translation "Italy" are one mention of one
    entity, named as the original names it)."""
    original = next((e for e in readings if e.field == "text"), readings[0])
    return name_key(surface_of(original.text))


def acronym_letters(form: str) -> str:
    """The letters of an acronym as written ("U.S." → "US", "SEC"), else ""."""
    return form.replace(".", "") if ACRONYM.match(form) else ""


def entity_id(name: str, slugs: dict[str, set[str]]) -> str:
    """`ent:` and the name's slug; with a digest of the name when another name of the corpus
    has the same slug ("Müller", "Muller") or the name has none (only symbols)."""
    base = slug(name)
    if base and len(slugs.get(base, ())) <= 1:
        return f"ent:{base}"
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"ent:{base}-{digest}" if base else f"ent:{digest}"


def language_of(record: Record, entity: Entity) -> str:
    """The language of the field the mention is in."""
    if entity.field == "translation" and record.translation is not None:
        return record.translation.lang
    return record.lang or UNDETERMINED


def total(stats: Surface) -> float:
    return sum(stats.docs.values())
