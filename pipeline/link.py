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
- A surname written before a person's longer name in its own clause, which its document has
  not named before ("Pauli was born to the chemist Wolfgang Joseph Pauli"), is someone else:
  it links to that name neither there nor, as the corpus's candidate, elsewhere (`named_apart`).
- An acronym is a whole name ("NBC" is not "NBC News"); read as an organisation, it links to
  the organisation named in the same document whose capitalised words it spells ("SEC" →
  "Securities and Exchange Commission"). Places are not: "S.D." is not "San Diego".
- A name the engine translated as a name ("Italie" → "Italy", one mention in the original and
  its translation) is one entity with an original text's "Italy" and with another name the
  engine renders alike ("l'Italie"): `translated_twins`; never a person's name.
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
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import Any

from anyascii import anyascii

from pipeline.entities import KnownEntity, cue_before, particles, person_words
from pipeline.mentions import readings as readings_of
from pipeline.record import UNDETERMINED, Entity, Record
from pipeline.resources import load_json
from pipeline.rules import active


def rule_on(name: str) -> bool:
    return active().on(name)


POSSESSIVE = re.compile(r"['’]s?$")
LEADING_THE = re.compile(r"^the\s+(?=\S+\s)", re.IGNORECASE)  # "The Home Depot", not "The Who"
HYPHENS = re.compile(r"[-‐‑–]")
LABEL_ORDER = {"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3}
DOMINANCE = 2.0
SAMPLE_RECORDS = 20  # record ids an index entry keeps, the first in corpus order
PARTS_NAME = frozenset({"PERSON", "ORG"})  # kinds a part of the name can stand for
COMPLEMENT = re.compile(r"\s(?:of|for|de|du|des|del|della|di|da|von)(?: the| la| le| les)?\s\Z")
ACRONYM_KINDS = frozenset({"ORG"})  # an acronym across documents: "S.D." is not "San Diego"
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
# A short form is at most this many words of a longer name's beginning or end, and an acronym
# spells the first letters of a name of at most MAX_SPELLED words: beyond that a "name" is a
# model's run of capitalised words, and pairing every part of it cost time and memory square
# in its words (a 27,000-character span: 60 s and 1.5 GB). No dev set name comes near.
MAX_PART = 8
MAX_SPELLED = 10


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
    """Votes for one name (a `name_key`): labels, mentions (a mention is 1), and how it is
    written, in original texts and in translations."""

    labels: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    written: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    translated: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    mentions: float = 0.0

    def label(self) -> str:
        """The label most of its mentions carry."""
        return majority(self.labels)

    def form(self) -> str:
        """How the name is written: the form the original texts use most, else the
        translations; a form with lower-case letters before an all-capitals one."""
        forms = self.written or self.translated
        return min(forms, key=lambda f: (-forms[f], f.isupper(), f))

    def add(self, other: dict[str, Any]) -> None:
        for mine, theirs in ((self.labels, other["labels"]), (self.written, other["written"]),
                             (self.translated, other["translated"])):  # fmt: skip
            for k, v in theirs.items():
                mine[k] += v
        self.mentions += other["mentions"]

    def to_dict(self) -> dict[str, Any]:
        return {"labels": dict(self.labels), "written": dict(self.written),
                "translated": dict(self.translated), "mentions": self.mentions}  # fmt: skip


class LinkObserver:
    """The first half of linking, on one shard: every name's votes (labels, forms, mentions),
    and, per document, the mentions of the names it writes both short and long ("Varda" and
    "Agnès Varda", "SEC" and "Securities and Exchange Commission"): evidence only that
    document gives. The partial is sized by the shard's distinct names and those pairs."""

    def __init__(self) -> None:
        self.surfaces: dict[str, Surface] = defaultdict(Surface)
        self.docs: dict[str, Counter[str]] = defaultdict(Counter)  # doc → key → mentions
        # doc → its mentions in order: [where ("record id:start"), key, the mention's label]
        self.sequences: dict[str, list[list[str]]] = defaultdict(list)

    def observe(self, record: Record) -> None:
        """Count each mention once: a name carried into the translation shares its `mention`
        id with the original, and its two readings (the source model's and the target
        model's) split one vote."""
        readings = readings_of(record)
        rules = active()
        for mention in sorted(readings):
            share = 1 / len(readings[mention])
            key = mention_key(readings[mention])
            stats = self.surfaces[key]
            cue = role_cue(record, readings[mention]) if rules.on("cue_outranks") else None
            if cue is not None:  # "la société X": the role noun's word, whatever a model read
                stats.labels[cue] += 1
            for entity in readings[mention]:
                if cue is None:
                    stats.labels[entity.label] += share
                if entity.field == "text":  # each original mention a whole vote for its form
                    stats.written[surface_of(entity.text)] += 1
                else:
                    stats.translated[surface_of(entity.text)] += share
            stats.mentions += 1
            self.docs[document_of(record)][key] += 1
        ends = sentence_ends(record.text)
        for mention in sorted(readings, key=lambda m: min(e.start for e in readings[m])):
            original = next((e for e in readings[mention] if e.field == "text"), None)
            if original is not None:
                where = f"{record.id}:{original.start}"
                key = mention_key(readings[mention])
                cue = cue_before(record.text, original.start, record.lang) or ""
                sentence = f"{record.id}:{bisect_right(ends, original.start)}"
                self.sequences[document_of(record)].append(
                    [where, key, original.label, cue, sentence]
                )

    def partial(self) -> dict[str, Any]:
        local, sequences = {}, {}
        for doc, counts in self.docs.items():
            involved = paired_names(counts)
            if involved:
                local[doc] = {k: counts[k] for k in sorted(involved)}
                sequences[doc] = [m for m in self.sequences[doc] if m[1] in involved]
        return {
            "surfaces": {k: s.to_dict() for k, s in sorted(self.surfaces.items())},
            "documents": dict(sorted(local.items())),
            "sequences": dict(sorted(sequences.items())),
        }


def role_cue(record: Record, readings: list[Entity]) -> str | None:
    """The label a role noun right before a mention's original gives it ("la société X" →
    ORG), if any: it outranks both models' readings (a vote split between the original's
    ORG and the translation's PERSON went to PERSON, #31)."""
    original = next((e for e in readings if e.field == "text"), None)
    if original is None:
        return None
    return cue_before(record.text, original.start, record.lang)


def paired_names(counts: Counter[str]) -> set[str]:
    """The names of one document that may stand for one another: a name and a longer one it
    begins or ends, a short name and a longer one whose words' first letters hold its
    letters in order (a superset of what `resolve` links: it decides on the corpus's forms).
    Linear in the document's names: each name's parts and spellings are looked up."""
    acronyms: dict[str, list[str]] = defaultdict(list)
    for short in counts:
        letters = short.replace(".", "")
        if " " not in short and 2 <= len(letters) <= 6:
            acronyms[letters].append(short)
    out: set[str] = set()
    for long in (k for k in counts if " " in k):
        tokens = long.split()
        for part in key_parts(long):
            if part in counts:
                out.update((part, long))
        firsts = "".join(t[0] for t in tokens if t != "the")
        if acronyms and len(firsts) <= MAX_SPELLED:
            for letters in spellings(firsts):
                for short in acronyms.get(letters, ()):
                    out.update((short, long))
    return out


def name_parts(tokens: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Every beginning and end of a name of `tokens`, up to MAX_PART words, shorter than it."""
    for k in range(1, min(len(tokens), MAX_PART + 1)):
        yield tuple(tokens[:k])
        yield tuple(tokens[-k:])


def spellings(firsts: str) -> set[str]:
    """Every acronym (2 to 6 letters) the first letters `firsts` hold in order."""
    return {
        "".join(chosen)
        for size in range(2, min(6, len(firsts)) + 1)
        for chosen in combinations(firsts, size)
    }


class Resolution:
    """The second half: every partial merged, then each name's link decided for the corpus
    and, where a document gives its own evidence, for that document; each entity's label,
    name and id. `to_dict` is what the apply pass reads, sized by distinct names."""

    def __init__(self, partials: Iterable[dict[str, Any]], known: dict[str, KnownEntity]) -> None:
        self.known = {name_key(alias): entity for alias, entity in known.items()}
        self._kb = {name_key(entity.canonical): entity for entity in self.known.values()}
        self.surfaces: dict[str, Surface] = defaultdict(Surface)
        self.documents: dict[str, Counter[str]] = defaultdict(Counter)
        self.sequences: dict[str, list[list[str]]] = {}
        for partial in partials:
            for key, stats in partial["surfaces"].items():
                self.surfaces[key].add(stats)
            for doc, counts in partial["documents"].items():
                self.documents[doc].update(counts)
            for doc, sequence in partial.get("sequences", {}).items():
                self.sequences.setdefault(doc, []).extend(sequence)
        self.links: dict[str, str] = {}
        self.apart: dict[tuple[str, str], set[str]] = {}  # `named_apart`
        # the same by mention: (short form, where) → the longer names it is not
        self.apart_at: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.local: dict[str, dict[str, str]] = {}
        self.mentions: dict[str, dict[str, str]] = {}  # doc → "record id:start" → canonical
        self.entries: dict[str, list[Any]] = {}
        # a bare first name → the person the corpus names in full with it, not linked across
        # documents (`first_name_in_doc`): the label it would have had linked
        self.first_of: dict[str, str] = {}
        twins = translated_twins(self.surfaces) if active().on("translated_twin") else {}
        self._fold(twins)
        self._resolve()
        for twin, key in sorted(twins.items()):  # a twin's mentions go where its name's go
            self.links[twin] = self.links.get(key, key)
            for local in self.local.values():
                if key in local:
                    local[twin] = local[key]

    def _fold(self, twins: dict[str, str]) -> None:
        """Count each twin's mentions under the name it is one entity with."""
        for twin, key in sorted(twins.items()):
            self.surfaces[key].add(self.surfaces.pop(twin).to_dict())
            for counts in self.documents.values():
                if twin in counts:
                    counts[key] += counts.pop(twin)
            for sequence in self.sequences.values():
                for mention in sequence:
                    if mention[1] == twin:
                        mention[1] = key

    def _resolve(self) -> None:
        rules = active()
        by_part: dict[tuple[str, ...], list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key in sorted(k for k in self.surfaces if " " in k):
            for part in name_parts(key.split()):
                by_part[part].append(key)
            if len(letters := initials(self.surfaces[key].form())) >= 2:
                by_initials[letters].append(key)
        candidates: dict[str, tuple[list[str], list[str]]] = {}
        # (short form, longer name) some document writes both: the short form is used for it
        together = {
            (part, key)
            for counts in self.documents.values()
            for key in counts
            if " " in key
            for part in key_parts(key)
            if part in counts
        }
        self.apart = named_apart(self.sequences) if rules.on("named_apart") else {}
        for (short, full), wheres in self.apart.items():
            for where in wheres:
                self.apart_at[short, where].add(full)
        for key, stats in sorted(self.surfaces.items()):
            letters = acronym_letters(stats.form())
            # an acronym is a whole name: "NBC" is not "NBC News"
            longer = (
                [] if letters or not rules.on("short_form") else by_part.get(tuple(key.split()), [])
            )
            longer = [n for n in longer if self._same_kind(key, n)]
            spelled = by_initials.get(letters, []) if letters and rules.on("acronym") else []
            candidates[key] = (longer, spelled)
            corpus = longer
            if rules.on("kinds_apart_across"):  # no document's evidence: of its own kind only
                corpus = [
                    n
                    for n in longer
                    if (key, n) in together or not read_apart(stats, self.surfaces[n].label())
                ]
            self.links[key] = self._canonical(key, {}, corpus, spelled)
            if rules.on("first_name_in_doc") and self.links[key] == key:
                people = [n for n in corpus if self._first_name_of(key, n)]
                if people:  # not linked across documents; still a person's first name
                    self.first_of[key] = min(people, key=lambda n: (-self.surfaces[n].mentions, n))
            if (key, self.links[key]) in self.apart:  # the corpus's choice is someone else
                self.links[key] = key
        if rules.on("chain"):  # "Harvard" → "Harvard University" → where that one goes
            for key in sorted(self.links):
                self.links[key] = self._follow(key)
        share: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for doc, counts in sorted(self.documents.items()):
            if rules.on("doc_evidence") and doc in self.sequences:
                self._by_mention(doc, counts, candidates, share)
                continue
            for key in sorted(counts):
                canonical = self._followed(key, self._canonical(key, counts, *candidates[key]))
                if canonical != self.links[key]:
                    self.local.setdefault(doc, {})[key] = canonical
                    share[key][canonical] += counts[key]
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for key, stats in self.surfaces.items():
            parts = dict(share[key])
            rest = stats.mentions - sum(parts.values())  # a followed share may be the link
            parts[self.links[key]] = parts.get(self.links[key], 0.0) + rest
            for canonical, n in parts.items():
                for label, v in stats.labels.items():
                    votes[canonical][label] += v * n / max(1.0, stats.mentions)
        names = {c: self._name(c) for c in votes}
        slugs: dict[str, set[str]] = defaultdict(set)
        for canonical, name in names.items():
            if canonical not in self._kb:
                slugs[slug(name)].add(name)
        for canonical in sorted(votes):
            known = self._kb.get(canonical)
            if known:
                self.entries[canonical] = [known.id, known.canonical, known.label, known.wikidata]
                continue
            # its own reading decides, not its short forms'
            full_name = " " in canonical and rules.on("full_name_label")
            label = self.surfaces[canonical].label() if full_name else majority(votes[canonical])
            if canonical in self.first_of and self.surfaces[canonical].label() != "LOC":
                label = self.surfaces[self.first_of[canonical]].label()
            name = names[canonical]
            self.entries[canonical] = [entity_id(name, slugs), name, label, None]

    def _follow(self, key: str) -> str:
        """Where `key`'s corpus link leads in the end (rule `chain`): "Harvard" → "Harvard
        University" while "Harvard University" → a longer name of its own would otherwise
        split one entity in two (oke2016: 8 mentions of one university in two entities).
        Each step is a decision taken on its own evidence; they are only composed. A link
        goes to a longer name (or a knowledge-base one), so the walk ends; a name seen twice
        ends it anyway."""
        seen = {key}
        while (target := self.links.get(key, key)) not in seen:
            seen.add(target)
            key = target
        return key

    def _followed(self, key: str, canonical: str) -> str:
        """A document's decision for `key`, followed to where its target goes; a name that
        stays itself (ambiguous, or of another kind than its candidates) stays."""
        if canonical == key or not active().on("chain"):
            return canonical
        return self._follow(canonical)

    def _by_mention(
        self,
        doc: str,
        counts: Counter[str],
        candidates: dict[str, tuple[list[str], list[str]]],
        share: dict[str, dict[str, float]],
    ) -> None:
        """Each mention of a document's short forms, on that document's evidence: the one
        longer name of the document it may stand for; of two or more, the nearest full
        mention before it; none before it: the short form stays its own entity (#31: a
        later bare "Renoir" after two Renoirs went to the alphabetically first). A mention
        read as an organisation does not stand for a person, nor the reverse."""
        rules = active()
        nearest = rules.on("nearest_full_name")
        on_tie = rules.on("nearest_on_tie")
        none_before = rules.on("ambiguous_before")
        present: dict[tuple[str, str], list[str]] = {}  # (key, label) → its document's names
        eligible: dict[tuple[str, str], set[str]] = {}  # the same, as a set
        rank: dict[str, dict[str, int]] = {}  # key → its longer names by corpus mentions
        most_named: dict[tuple[str, str], str] = {}  # (key, label) → its choice here
        rivals_of: dict[tuple[str, str], bool] = {}  # (key, label) → two people may be meant
        tied_of: dict[tuple[str, str], frozenset[str]] = {}  # → its most named, if tied
        recent: dict[str, dict[str, int]] = defaultdict(dict)  # part → names holding it, by use
        for i, (where, key, label, cue, *_) in enumerate(self.sequences[doc]):
            longer, spelled = candidates.get(key, ([], []))
            if not rules.on("person_org_apart"):
                label = cue if rules.on("cued_apart") else ""  # a role noun's word only
            if (key, label) not in present:
                present[key, label] = [
                    n
                    for n in longer
                    if n in counts and not opposed(label, self.surfaces[n].label())
                ]
                eligible[key, label] = set(present[key, label])
            in_doc = present[key, label]
            others = self.apart_at.get((key, where), set())
            if others:
                in_doc = [n for n in in_doc if n not in others]
            many = len(in_doc) > 1
            if many and (key, label) not in rivals_of:  # two people of one surname
                rivals_of[key, label] = self._rivals(key, in_doc)
            rivals = many and (rivals_of[key, label] if not others else self._rivals(key, in_doc))

            def latest(among: Collection[str] | None = None) -> str | None:
                return latest_named(recent[key], eligible[key, label], others, among)  # noqa: B023

            if rivals and none_before and latest() is None:
                canonical = key  # two candidates, none named before it: nothing singles one out
            elif rivals and nearest:  # the latest named before it
                canonical = latest() or key
            elif many:  # the one its document names most (the same for each mention)
                canonical = most_named.get((key, label), "") if not others else ""
                if not canonical:
                    if key not in rank:
                        ranked = sorted(longer, key=lambda n: (-self.surfaces[n].mentions, n))
                        rank[key] = {n: r for r, n in enumerate(ranked)}
                    canonical = min(in_doc, key=lambda n: (-counts[n], rank[key][n]))
                    if not others:
                        most_named[key, label] = canonical
                if on_tie and rivals:  # named as often as another: the latest of them before it
                    top = counts[canonical]
                    if others or (key, label) not in tied_of:
                        tied = frozenset(n for n in in_doc if counts[n] == top)
                        if not others:
                            tied_of[key, label] = tied
                    else:
                        tied = tied_of[key, label]
                    if len(tied) > 1:
                        canonical = latest(tied) or key
            elif in_doc:
                canonical = in_doc[0]
            elif longer:  # no candidate in its document: the corpus's, if of its kind
                canonical = self.links[key]
                if opposed(label, self.surfaces[canonical].label()):
                    canonical = key
            else:
                canonical = self._canonical(key, counts, [], spelled)
            canonical = self._followed(key, canonical)
            if canonical != self.links[key]:
                self.mentions.setdefault(doc, {})[where] = canonical
                share[key][canonical] += 1
            track = nearest or on_tie or none_before
            for part in key_parts(key) if track else ():  # the latest to hold each part
                recent[part].pop(key, None)
                recent[part][key] = i

    def _rivals(self, key: str, names: list[str]) -> bool:
        """Whether `names` are two people or more a surname may stand for: each a person's
        name ending with it, not all beginning alike ("Auguste Renoir", "Jean Renoir"; not
        "Maren Holt", "Maren J. Holt", one woman; not "Tavi Orlen" beside an
        organisation ending with "Tavi"; not "M. Varenne" beside "Mme Varenne": a title
        is no given name, and which of the two a bare surname means the text says otherwise)."""
        given: set[str] = set()
        size = len(key.split(" "))
        for n in names:
            if not n.endswith(" " + key) or self.surfaces[n].label() != "PERSON":
                return False
            words = [w for w in n.split(" ")[:-size] if w not in name_titles()]
            if not words:  # "M. Varenne", "madame de La Brière": a title, not a given name
                return False
            given.add(words[0])
        return len(given) > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "links": {k: c for k, c in sorted(self.links.items()) if k != c},
            "local": self.local,
            "mentions": self.mentions,
            "entries": self.entries,
        }

    def _name(self, canonical: str) -> str:
        known = self._kb.get(canonical)
        return known.canonical if known else self.surfaces[canonical].form()

    def _canonical(
        self, key: str, here: Counter[str] | dict[str, int], longer: list[str], spelled: list[str]
    ) -> str:
        """The canonical key `key` stands for in a document whose paired names are `here`
        (empty: the corpus's decision): itself, a knowledge-base entity, a longer name it is
        part of, or the name its letters spell."""
        if key in self.known:
            return name_key(self.known[key].canonical)
        rules = active()
        in_doc = [n for n in longer if n in here] if rules.on("doc_evidence") else []
        ranked = sorted(longer, key=lambda n: (-self.surfaces[n].mentions, n))
        if in_doc:
            rank = {n: r for r, n in enumerate(ranked)}
            return min(in_doc, key=lambda n: (-here[n], rank[n]))
        if (  # a bare first name: not across documents, nor to another name that holds it
            not here
            and rules.on("first_name_in_doc")
            and any(self._first_name_of(key, n) for n in ranked)
        ):
            return key
        if (
            ranked
            and rules.on("corpus_dominance")
            and (
                len(ranked) == 1
                or self.surfaces[ranked[0]].mentions
                >= DOMINANCE * self.surfaces[ranked[1]].mentions
            )
        ):
            return ranked[0]
        if self.surfaces[key].label() == "ORG":
            spelled_here = [n for n in spelled if n in here and self.surfaces[n].label() == "ORG"]
            if spelled_here:
                return spelled_here[0] if len(spelled_here) == 1 else key
        if not spelled or not rules.on("acronym_corpus"):
            return key
        if here:  # its document spells nothing: the corpus's decision
            return self.links.get(key, key)
        return self._spelled_in_corpus(key, spelled)

    def _spelled_in_corpus(self, key: str, spelled: list[str]) -> str:
        """The one organisation of the corpus an acronym read as one spells (rule
        `acronym_corpus`): its document spells none, and the corpus spells one, or one that
        clearly dominates (`DOMINANCE`, as a short form); else it stays itself."""
        if self.surfaces[key].label() not in ACRONYM_KINDS:
            return key
        kind = self.surfaces[key].label()
        ranked = sorted(
            (n for n in spelled if self.surfaces[n].label() == kind),
            key=lambda n: (-self.surfaces[n].mentions, n),
        )
        if ranked and (
            len(ranked) == 1
            or self.surfaces[ranked[0]].mentions >= DOMINANCE * self.surfaces[ranked[1]].mentions
        ):
            return ranked[0]
        return key

    def _first_name_of(self, short: str, full: str) -> bool:
        """Whether `short` is a bare first name of the person `full` (one word: "Tom Brady"
        is no first name of "Tom Brady Jr.")."""
        return (
            " " not in short
            and full.startswith(short + " ")
            and self.surfaces[full].label() == "PERSON"
        )

    def _same_kind(self, short: str, full: str) -> bool:
        """Whether `short` may be a short form of `full`: people and organisations are named
        by part of their name ("Varda", "Universal"), places and nationalities are not, and
        the full name must be a person or organisation too ("Ohio", a place, is not "Ohio
        State University"; "Brokaw", read as an organisation, may be "Tom Brokaw"). A
        person's first name or surname stands for the person whatever the model read it as
        ("Duroy", read as MISC, is "Georges Duroy"), unless it was read as a place."""
        rules = active()
        short_kind, full_kind = self.surfaces[short].label(), self.surfaces[full].label()
        ends = full.endswith(" " + short) or full.startswith(short + " ")
        if rules.on("person_org_apart") and opposed(short_kind, full_kind):
            return False
        if rules.on("surname_any_label") and full_kind == "PERSON" and short_kind != "LOC" and ends:
            return True
        complement = COMPLEMENT.search(full[: -len(short)]) and full.endswith(" " + short)
        if rules.on("complement") and complement:
            return False  # "Ottawa" is not the "University of Ottawa"
        heads, legal = organisation_words()
        if (
            rules.on("whole_org_name")
            and any(w in heads for w in short.split())
            and not all(w in legal for w in full.replace(short, " ", 1).split())
        ):  # a whole organisation's name: "University of Chicago", "Communist Party"
            return False
        if (
            rules.on("org_unit")
            and " " in short  # a head alone ("Bank") is no name of its own
            and full.startswith(short + " ")
            and any(w in heads for w in short.split())
            and not all(w in legal for w in full[len(short) :].split())
        ):  # a unit of it: "University of Chicago Law School", "X State University System"
            return False
        return {short_kind, full_kind} <= PARTS_NAME


def translated_twins(surfaces: dict[str, Surface]) -> dict[str, str]:
    """Names that are one entity across languages: a name and the engine's rendering of it as
    a name ("Italie" → "Italy", carried as one mention: `stages.rendered`), when the corpus
    also names the rendering in an original text (an English review's "Italy") or renders
    another name alike ("l'Italie" → "Italy" in another document). Each twin → the name that
    stands for the group: the one the original texts write most (then the first by key).
    Never a person (the engine translates no person's name) nor a rendering that is a part of
    the name (the carried head of "M. Brown" is "Brown", not a translation of it)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for key in sorted(surfaces):
        stats = surfaces[key]
        if stats.label() == "PERSON":
            continue
        for form in sorted(stats.translated):
            other = name_key(surface_of(form))
            if other == key or f" {other} " in f" {key} ":
                continue
            if other in surfaces and person_outweighs(surfaces[other], stats):
                continue
            a, b = root(key), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(parent.keys() | set(parent.values())):
        if key in surfaces:
            groups[root(key)].append(key)
    twins: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        head = min(members, key=lambda k: (-sum(surfaces[k].written.values()), k))
        twins.update((k, head) for k in members if k != head)
    return twins


SENTENCE_END = re.compile(r"(?<![.!?…;])[.!?…;]++[\"'»”’)\]]*+\s+|\n")  # a semicolon ends a clause


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends, in order; the number of the sentence a mention is
    in is the count of ends at or before its start (`bisect_right`), found once per record so
    that a record of many mentions costs one pass. A cut at every full stop too, abbreviations
    included, and at a semicolon (it joins two clauses: "Carder's own oncologist was not
    contacted; he … for Angela Carder"), so two mentions are in one sentence only when nothing
    that may end one stands between them."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def named_apart(sequences: dict[str, list[list[str]]]) -> dict[tuple[str, str], set[str]]:
    """(short form, longer name) → the mentions of the short form that name someone else
    (rule `named_apart`): a short form written before a longer name of its own sentence that
    its document has not named before ("Pauli was born in Vienna to a chemist Wolfgang Joseph
    Pauli", "Neruda took his pen name from the poet Jan Neruda"): a writer names a person in
    full first, so the short form is another person (a son, a namesake). It links to that
    name neither there nor across documents, where it would be the corpus's dominant
    candidate on no evidence; another candidate does not become dominant for it. Unless
    another document names the person in full and then by the short form: the evidence
    conflicts ("Carder's own oncologist … for Angela Carder", wikigold -0.6 F1 per
    sentence when the corpus link was cut on it), and the corpus decides. People
    only: a company is often named short first ("Bache Securities Inc, 80 pct owned by
    Prudential Bache Securities Inc": one entity for reuters128's gold)."""
    apart: dict[tuple[str, str], set[str]] = defaultdict(set)
    together: set[tuple[str, str]] = set()  # a document names the person in full, then short
    for sequence in sequences.values():
        first: dict[str, int] = {}  # each name → where its document first names it
        for i, item in enumerate(sequence):
            first.setdefault(item[1], i)
        together.update(named_after(sequence, first))
        for run in sentences_of(sequence):
            holders: dict[str, set[str]] = defaultdict(set)  # a part → later people holding it
            for i in reversed(run):
                where, key, label = sequence[i][:3]
                for full in holders.get(key, ()):
                    if first[full] > i:  # the longer name is new to the document here
                        apart[key, full].add(where)
                if label == "PERSON":  # an organisation's short name may come first
                    for part in key_parts(key):
                        holders[part].add(key)
    return {pair: wheres for pair, wheres in apart.items() if pair not in together}


def named_after(sequence: list[list[str]], first: dict[str, int]) -> Iterator[tuple[str, str]]:
    """(short form, longer name) for each short form its document writes after the longer
    name: each pair once, each name's parts indexed once (linear in the mentions)."""
    holders: dict[str, list[str]] = defaultdict(list)  # a part → the names seen that hold it
    paired: Counter[str] = Counter()  # a short form → how many of its holders it was paired with
    for i, item in enumerate(sequence):
        key = item[1]
        found = holders.get(key, [])
        yield from ((key, full) for full in found[paired[key] :])
        paired[key] = len(found)
        if first[key] == i:
            for part in key_parts(key):
                holders[part].append(key)


def sentences_of(sequence: list[list[str]]) -> Iterator[range]:
    """The runs of consecutive mentions of one sentence (a mention without one is alone)."""
    start = 0
    for i in range(1, len(sequence) + 1):
        if i == len(sequence) or len(sequence[i]) < 5 or sequence[i][4:5] != sequence[start][4:5]:
            if len(sequence[start]) >= 5:
                yield range(start, i)
            start = i


def key_parts(key: str) -> Iterator[str]:
    """The shorter names a name key begins or ends with, as keys (up to MAX_PART words)."""
    for part in name_parts(key.split(" ")):
        yield " ".join(part)


def document_of(record: Record) -> str:
    """A record's document: its `doc_id` within its source file (two files never share one,
    whatever ids their records carry: a JSONL record without `doc_id` is its own document,
    named by its id)."""
    return f"{record.source}\x1f{record.doc_id}"


def document_digest(record: Record) -> str:
    return hashlib.blake2b(document_of(record).encode(), digest_size=8).hexdigest()


@dataclass
class Entry:
    """One canonical entity in the index: counts and a bounded sample, so the index grows with
    the number of distinct names, not with the corpus (every mention, with its entity, is in
    `corpus.jsonl`)."""

    entity_id: str
    canonical: str
    label: str
    wikidata: str | None = None
    # digests of the documents it is named in: a document's records need not be adjacent, nor
    # in one shard, so the index counts distinct digests over every shard (8 bytes each)
    documents: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0  # in original texts
    translated_mentions: int = 0  # in translations: what the translator repeated
    records: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # original-text mentions
    sample: list[str] = field(default_factory=list)  # the first record ids, in corpus order

    def partial(self) -> dict[str, Any]:
        return {
            "entity": [self.entity_id, self.canonical, self.label, self.wikidata],
            "documents": sorted(self.documents),
            "aliases": sorted(self.aliases),
            "mentions": self.mentions,
            "translated_mentions": self.translated_mentions,
            "records": self.records,
            "languages": dict(sorted(self.languages.items())),
            "sample": self.sample,
        }


class LinkApplier:
    """The apply pass, on one shard: sets `canonical`, `entity_id`, `wikidata` and the
    corpus-wide `label` on every mention (`apply`), and counts the records written for the
    entity index (`observe`, `partial`)."""

    def __init__(self, resolved: dict[str, Any]) -> None:
        self.links: dict[str, str] = resolved["links"]
        self.local: dict[str, dict[str, str]] = resolved["local"]
        self.mentions: dict[str, dict[str, str]] = resolved.get("mentions", {})
        self.entries: dict[str, list[Any]] = resolved["entries"]
        self._unseen: dict[str, list[Any]] = {}  # names no observed record had
        self._index: dict[str, Entry] = {}

    def apply(self, record: Record) -> Record:
        local = self.local.get(document_of(record), {})
        mentions = self.mentions.get(document_of(record), {})
        keys, where = {}, {}
        for group in readings_of(record).values():
            original = next((e for e in group if e.field == "text"), None)
            for e in group:
                keys[id(e)] = mention_key(group)
                if original is not None:
                    where[id(e)] = f"{record.id}:{original.start}"
        for entity in record.entities:
            key = keys[id(entity)]
            canonical = (
                mentions.get(where.get(id(entity), ""))
                or local.get(key)
                or self.links.get(key, key)
            )
            entry = self.entries.get(canonical)
            if entry is None:  # not observed (a record linked alone): it names itself
                surface = surface_of(entity.text)
                entry = self._unseen.setdefault(
                    canonical, [entity_id(surface, {}), surface, entity.label, None]
                )
            entity.entity_id, entity.canonical, entity.label, entity.wikidata = entry
        return record

    def observe(self, record: Record) -> None:
        """Count a written record's mentions for `entities.jsonl`."""
        seen: dict[str, Entry] = {}
        for entity in record.entities:
            assert entity.entity_id is not None and entity.canonical is not None
            entry = self._index.get(entity.entity_id)
            if entry is None:
                entry = self._index[entity.entity_id] = Entry(
                    entity.entity_id, entity.canonical, entity.label, entity.wikidata
                )
            entry.aliases.add(surface_of(entity.text))
            entry.documents.add(document_digest(record))
            if entity.field == "text":
                entry.mentions += 1
                entry.languages[record.lang or UNDETERMINED] += 1
            else:
                entry.translated_mentions += 1
            seen.setdefault(entry.entity_id, entry)
        for entry in seen.values():  # each record once per entity it names
            entry.records += 1
            if len(entry.sample) < SAMPLE_RECORDS:
                entry.sample.append(record.id)

    def partial(self) -> dict[str, Any]:
        return {"entities": [e.partial() for e in self._index.values()]}


def entity_index(partials: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entities.jsonl` from the apply pass's partials, in shard order: one line per entity
    mentioned, most mentioned in original texts first, then in translations, then by id."""
    merged: dict[str, dict[str, Any]] = {}
    for partial in partials:
        for row in partial["entities"]:
            entity_id_, canonical, label, wikidata = row["entity"]
            into = merged.setdefault(entity_id_, {
                "entity_id": entity_id_, "canonical": canonical, "label": label,
                "wikidata": wikidata, "aliases": set(), "mentions": 0, "translated_mentions": 0,
                "records": 0, "documents": set(), "languages": Counter(), "sample_records": [],
            })  # fmt: skip
            into["aliases"].update(row["aliases"])
            for count in ("mentions", "translated_mentions", "records"):
                into[count] += row[count]
            into["documents"].update(row["documents"])
            into["languages"].update(row["languages"])
            room = SAMPLE_RECORDS - len(into["sample_records"])
            into["sample_records"] += row["sample"][:room]
    order = lambda e: (-e["mentions"], -e["translated_mentions"], e["entity_id"])  # noqa: E731
    rows = sorted(merged.values(), key=order)
    for row in rows:
        row["documents"] = len(row["documents"])
        row["aliases"] = sorted(row["aliases"])
        row["languages"] = dict(sorted(row["languages"].items()))
    return rows


class Linker:
    """Linking in memory, the protocol's three parts in one object: `observe` every record,
    `resolve`, `apply` to every record, then `index()`."""

    def __init__(self, known: dict[str, KnownEntity] | None = None) -> None:
        self.known = known or {}
        self._observer = LinkObserver()
        self._applier = LinkApplier({"links": {}, "local": {}, "mentions": {}, "entries": {}})

    def observe(self, record: Record) -> None:
        self._observer.observe(record)

    def resolve(self) -> None:
        resolved = Resolution([self._observer.partial()], self.known).to_dict()
        self._applier = LinkApplier(json.loads(json.dumps(resolved)))  # as the apply pass reads it

    def apply(self, record: Record) -> Record:
        self._applier.observe(self._applier.apply(record))
        return record

    def index(self) -> list[dict[str, Any]]:
        return entity_index([self._applier.partial()])


@cache
def organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every language's organisation heads, and the legal forms (`heads`, `legal_forms` of
    `models/cues.json`), case folded as `name_key` compares names."""
    cues = load_json("cues.json")
    heads = frozenset(
        word.casefold() for table in cues["heads"].values() for word in table.get("ORG", [])
    )
    return heads, frozenset(word.casefold() for word in cues["legal_forms"])


@cache
def name_titles() -> frozenset[str]:
    """Titles, role nouns and particles of the languages with cues, case folded as
    `name_key` compares names: the words before a surname that are no given name."""
    words = {w for lang in ("en", "fr") for w in person_words(lang)} | set(particles())
    return frozenset(w.casefold() for w in words) | {"d'", "d’"}


def person_outweighs(rendering: Surface, name: Surface) -> bool:
    """Whether an original text's reading of a name's rendering as a person outweighs the
    name's own reading ("Troy" read as a person once in an English review, "Troie" read as a
    place five times: the engine's dictionary rendered a place, and the review names it;
    a person named "Troy" throughout a corpus that names "Troie" once stays a person)."""
    if rendering.label() != "PERSON" or not rule_on("twin_by_votes"):
        return rendering.label() == "PERSON"
    return rendering.labels["PERSON"] >= name.labels[name.label()]


def latest_named(
    recent: dict[str, int],
    eligible: Collection[str],
    others: Collection[str],
    among: Collection[str] | None = None,
) -> str | None:
    """The candidate named last (`recent`: names in the order last named) that is eligible,
    not someone else, and of `among` if given: the first found from the end, so a mention
    costs what it passes over."""
    return next(
        (
            n
            for n in reversed(recent)
            if n in eligible and n not in others and (among is None or n in among)
        ),
        None,
    )


def read_apart(short: Surface, kind: str) -> bool:
    """Whether every reading of a short form is a person and `kind` an organisation, or the
    reverse: one mention read as the other kind is enough doubt (a novel's surname the model
    reads as an organisation here and there, `kinds_apart_across`: 7romans -1.5 NER F1 when
    the majority decided)."""
    votes = {label for label, n in short.labels.items() if n > 0}
    return len(votes) == 1 and opposed(next(iter(votes)), kind)


def opposed(a: str, b: str) -> bool:
    """A person and an organisation: never one entity, whatever the name they share."""
    return {a, b} == {"PERSON", "ORG"}


def majority(votes: dict[str, float]) -> str:
    """The label with the most votes; a tie goes to the first in `LABEL_ORDER`."""
    return min(votes, key=lambda lb: (-votes[lb], LABEL_ORDER.get(lb, 9)))


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
