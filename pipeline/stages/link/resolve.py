"""The second half of linking, once for the corpus: every partial merged, each name's link
decided for the corpus and, where a document gives its own evidence, for that document; each
entity's label, name and id (`Resolution`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from pipeline.entities import KnownEntity
from pipeline.rules import active
from pipeline.stages.link.apart import named_apart
from pipeline.stages.link.countries import country_groups, spells_another
from pipeline.stages.link.document import Candidates, DocumentLinks
from pipeline.stages.link.kinds import (
    first_name_of,
    name_titles,
    organisation_words,
    read_apart,
    same_kind,
)
from pipeline.stages.link.labels import entity_entries, label_votes
from pipeline.stages.link.names import (
    HYPHENS,
    acronym_letters,
    initials,
    key_parts,
    name_key,
    name_parts,
)
from pipeline.stages.link.observe import documents_paired
from pipeline.stages.link.surface import Surface
from pipeline.stages.link.twins import translated_twins

SPLIT_KINDS = ("PERSON", "LOC")  # a character named like a place (`person_or_place`)
SPLIT_SHARE = 0.2  # each kind read at this share of the name's mentions at least
SPLIT_MENTIONS = 2.0  # and at this many
DOMINANCE = 2.0  # an acronym's organisation across documents (`acronym_corpus`, off)
ACRONYM_KINDS = frozenset({"ORG"})  # an acronym across documents: "S.D." is not "San Diego"
# a name → the entity some of its mentions went to, mention by mention → their own readings
Moved = dict[str, dict[str, dict[str, float]]]


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
        # doc → short form → its mentions there showing a person, and an organisation
        # (`person_across`)
        self.signed: dict[str, Counter[str]] = defaultdict(Counter)
        self.companies: dict[str, Counter[str]] = defaultdict(Counter)
        titled = self._merge(partials)  # names some document gives as a work's title
        # the names some document's business wording shows as organisations (`org_shown_across`)
        self._shown_companies: set[str] = set()
        self.links: dict[str, str] = {}
        # a short form → the person of another document it stands for, but where its own
        # document shows an organisation and no person (`person_across`)
        self.across: dict[str, str] = {}
        # a surname read as a place → the people ending with it: its own document's only
        # (`surname_read_as_place`), never across documents
        self.placed: dict[str, list[str]] = {}
        # a short form → the people and organisations it may be a part of, when there are
        # both (`founder_apart`: a founder and the company named after them)
        self.shared: dict[str, list[str]] = {}
        self.apart: dict[tuple[str, str], set[str]] = {}  # `named_apart`
        # the same by mention: (short form, where) → the longer names it is not
        self.apart_at: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.local: dict[str, dict[str, str]] = {}
        self.mentions: dict[str, dict[str, str]] = {}  # doc → "record id:start" → canonical
        # key → the entity some of its mentions went to, mention by mention → their own
        # readings (rule `mention_labels`)
        self.moved: Moved = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        self.entries: dict[str, list[Any]] = {}
        # a name read as a person and a place → the other kind's entity (`person_or_place`)
        self.split: dict[str, dict[str, str]] = {}
        # a bare first name → the person the corpus names in full with it, not linked across
        # documents (`first_name_in_doc`): the label it would have had linked
        self.first_of: dict[str, str] = {}
        twins = translated_twins(self.surfaces) if active().on("translated_twin") else {}
        self._fold(twins)
        # a country's names and codes → the one it goes by (rule `country_codes`)
        self.countries = country_groups(self.surfaces) if active().on("country_codes") else {}
        self._resolve(titled)
        for twin, key in sorted(twins.items()):  # a twin's mentions go where its name's go
            self.links[twin] = self.links.get(key, key)
            for local in self.local.values():
                if key in local:
                    local[twin] = local[key]

    def _merge(self, partials: Iterable[dict[str, Any]]) -> set[str]:
        """Every shard's partial added up; returns the names some document gives as a work's
        title."""
        titled: set[str] = set()
        if iter(partials) is partials:  # read twice (`documents_paired`): hold a one-shot one
            partials = list(partials)
        paired, self.sequences = documents_paired(partials)
        self.documents.update(paired)
        for partial in partials:
            for key, stats in partial["surfaces"].items():
                self.surfaces[key].add(stats)
            for doc, signed in partial.get("signed", {}).items():
                self.signed[doc].update(signed)
            for doc, companies in partial.get("companies", {}).items():
                self.companies[doc].update(companies)
            titled.update(partial.get("titled", ()))
        return titled

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
            for signs in (*self.signed.values(), *self.companies.values()):
                if twin in signs:
                    signs[key] += signs.pop(twin)

    def _resolve(self, titled: set[str]) -> None:
        """Each name's link across the corpus, then each document's own decisions, then each
        entity's label, name and id from the mentions that went to it. A name some document
        gives as a work's title does not take the label of a person another document names
        with it (hostile45 E5: "le film « X »" was PERSON beside another document's "X Y")."""
        candidates = self._corpus_links()
        share = self._document_links(candidates)
        for key in titled:
            self.first_of.pop(key, None)
        self.entries = entity_entries(
            label_votes(self.surfaces, self.links, share, self.moved),
            self.surfaces,
            self._kb,
            self.first_of,
            self.links,
        )
        if active().on("person_or_place"):
            self._split_kinds(share)

    def _split_kinds(self, share: dict[str, dict[str, float]]) -> None:
        """A name read as a person and as a place, each by a good part of its mentions
        (`SPLIT_SHARE`, `SPLIT_MENTIONS`): a character named like a place in one document,
        the place in another (h47 G16: "Valence" speaks in a novel, a train leaves for it in
        a news item). Two entities, each mention going to the one of its own reading (the
        document's evidence set it: `relabel_people`), each labelled by its kind, where the
        corpus vote gave both one label (rule `person_or_place`). A name linked to another
        entity, or one a document linked elsewhere, is left as decided."""
        for key, stats in sorted(self.surfaces.items()):
            entry = self.entries.get(key)
            if entry is None or key in self._kb or self.links.get(key, key) != key or share[key]:
                continue
            votes = {k: stats.labels.get(k, 0.0) for k in SPLIT_KINDS}
            if min(votes.values()) < max(SPLIT_MENTIONS, SPLIT_SHARE * stats.mentions):
                continue
            main = entry[2] if entry[2] in SPLIT_KINDS else max(votes, key=lambda k: votes[k])
            entry[2] = main
            other = next(k for k in SPLIT_KINDS if k != main)
            apart = f"{key}\x1f{other}"
            self.entries[apart] = [f"{entry[0]}:{other.lower()}", entry[1], other, None]
            self.split[key] = {other: apart}

    def _corpus_links(self) -> Candidates:
        """Each name's link on the corpus's evidence alone (`links`), followed to its end (rule
        `chain`); returns each name's candidates (the longer names it may be part of, the
        names its letters spell) for the documents' decisions."""
        by_part, by_initials = self._longer_names()
        self._shown_companies = {k for c in self.companies.values() for k in c}
        candidates: Candidates = {}
        together = self._written_together()
        self._find_named_apart()
        for key, stats in sorted(self.surfaces.items()):
            candidates[key] = self._candidates(key, stats, by_part, by_initials)
            self._corpus_link(key, stats, *candidates[key], together)
            if stats.label() == "LOC" and active().on("surname_read_as_place"):
                people = [
                    n
                    for n in by_part.get(tuple(key.split()), [])
                    if n.endswith(" " + key) and self.surfaces[n].label() == "PERSON"
                ]
                if people:
                    self.placed[key] = people
        if active().on("chain"):  # "Harvard" → "Harvard University" → where that one goes
            for key in sorted(self.links):
                self.links[key] = self._follow(key)
        return candidates

    def _longer_names(self) -> tuple[dict[tuple[str, ...], list[str]], dict[str, list[str]]]:
        """The names of several words each beginning or end is a part of, and each set of
        initials (two letters or more) spells, in key order."""
        by_part: dict[tuple[str, ...], list[str]] = defaultdict(list)
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key in sorted(k for k in self.surfaces if " " in k):
            for part in name_parts(key.split()):
                by_part[part].append(key)
            if len(letters := initials(self.surfaces[key].form())) >= 2:
                by_initials[letters].append(key)
        return by_part, by_initials

    def _written_together(self) -> set[tuple[str, str]]:
        """(short form, longer name) some document writes both: the short form is used for
        it."""
        return {
            (part, key)
            for counts in self.documents.values()
            for key in counts
            if " " in key
            for part in key_parts(key)
            if part in counts
        }

    def _find_named_apart(self) -> None:
        """The short forms named apart from a longer name (rule `named_apart`), by pair and by
        mention."""
        self.apart = named_apart(self.sequences) if active().on("named_apart") else {}
        for (short, full), wheres in self.apart.items():
            for where in wheres:
                self.apart_at[short, where].add(full)

    def _candidates(
        self,
        key: str,
        stats: Surface,
        by_part: dict[tuple[str, ...], list[str]],
        by_initials: dict[str, list[str]],
    ) -> tuple[list[str], list[str]]:
        """The longer names of its kind `key` may be a short form of, and the names an
        acronym spells (rule `acronym`)."""
        rules = active()
        letters = acronym_letters(stats.form())
        # an acronym is a whole name: "NBC" is not "NBC News"
        longer = (
            [] if letters or not rules.on("short_form") else by_part.get(tuple(key.split()), [])
        )
        if rules.on("founder_apart"):
            self._founders(key, longer)
        longer = [n for n in longer if same_kind(self.surfaces, key, n)]
        spelled = by_initials.get(letters, []) if letters and rules.on("acronym") else []
        return longer, spelled

    def _founders(self, key: str, longer: list[str]) -> None:
        """A person whose name ends with `key` ("Maëlys Treornès") and an organisation whose
        name opens with it ("Treornès Films"): a founder and the company named after them,
        both candidates `key` may stand for (`founder_apart`); a name holding `key`
        elsewhere ("Hoechst Celanese Corp") is no such pair."""
        people = [
            n for n in longer if n.endswith(" " + key) and self.surfaces[n].label() == "PERSON"
        ]
        companies = [
            n for n in longer if n.startswith(key + " ") and self.surfaces[n].label() == "ORG"
        ]
        if people and companies:
            self.shared[key] = sorted([*people, *companies])

    def _corpus_link(
        self,
        key: str,
        stats: Surface,
        longer: list[str],
        spelled: list[str],
        together: set[tuple[str, str]],
    ) -> None:
        """`key`'s link across the corpus, where no document's evidence is read: a candidate
        of its own kind (rule `kinds_apart_across`, unless a document writes both), not a
        person it is a bare first name of (`first_of` keeps that person for its label), not
        one it was named apart from."""
        rules = active()
        corpus = longer
        if rules.on("kinds_apart_across"):  # no document's evidence: of its own kind only
            corpus = [
                n
                for n in longer
                if (key, n) in together or not read_apart(stats, self.surfaces[n].label())
            ]
        self.links[key] = self.canonical_of(key, {}, corpus, spelled)
        if rules.on("first_name_in_doc") and self.links[key] == key:
            people = [n for n in corpus if first_name_of(self.surfaces, key, n)]
            if people:  # not linked across documents; still a person's first name
                self.first_of[key] = min(people, key=lambda n: (-self.surfaces[n].mentions, n))
        if (key, self.links[key]) in self.apart:  # the corpus's choice is someone else
            self.links[key] = key
        if rules.on("person_across") and self._needs_evidence(key, self.links[key]):
            self.across[key] = self.links[key]  # not where its own document says a company
            if rules.on("across_evidence"):  # only where its own document says a person
                self.links[key] = key
                # not linked, still read as the person's name is (as a bare first name)
                self.first_of.setdefault(key, self.across[key])

    def _needs_evidence(self, key: str, target: str) -> bool:
        """Whether linking `key`, a bare name (one word, or particles and one: "al X", "van
        X"; not a full name "X Y"), to `target` across documents is refused where its own
        document shows an organisation and no person (`person_across`): `target` is a person
        no knowledge base names (hostile45 E8: a company's bare name, "X a annoncé une hausse
        de son chiffre d'affaires", went to its founder "Y X" of another document). The
        model's reading of the bare name is no such word: it reads an unknown surname as a
        person. Requiring a person's sign instead cost news sets their bare surnames (msnbc
        -0.3, oke2016 -0.8 B-cubed F1)."""
        return (
            target != key
            and all(w in name_titles() for w in key.split(" ")[:-1])  # a bare name, "de X"
            and key not in self.known
            and target not in self._kb
            and self.surfaces[target].label() == "PERSON"
            and not only_titles(key, target)
        )

    def across_link(self, doc: str, key: str) -> str:
        """`key`'s link in `doc`, where its document names none of its candidates: the
        corpus's, but itself where `doc` shows it is a company (`across`); with rule
        `across_evidence`, the person of other documents only where `doc` shows a person
        (`_person_in`)."""
        if self._company_in(doc, key):
            return key
        if key in self.across and active().on("across_evidence"):
            return self.across[key] if self._person_in(doc, key) else key
        return self.links[key]

    def _person_in(self, doc: str, key: str) -> bool:
        """Whether `doc` gives evidence FOR `key` being a person (#31 item 3, hostile47 G10):
        a mention of it there with a person's signs (`person_signs`, or a personal pronoun
        after it: `observe.pronoun_follows`) and none showing a company."""
        signed, companies = self.signed.get(doc), self.companies.get(doc)
        return bool(signed and signed[key]) and not (companies and companies[key])

    def _company_in(self, doc: str, key: str) -> bool:
        """Whether `doc` shows `key`, linked to a person of other documents, is an
        organisation: a mention of it there shows one, none shows a person."""
        return (
            key in self.across
            and doc in self.companies
            and self.companies[doc][key] > 0
            and not (doc in self.signed and self.signed[doc][key])
        )

    def _document_links(self, candidates: Candidates) -> dict[str, dict[str, float]]:
        """Each document's decisions where they differ from the corpus's: mention by mention
        where its sequence is known (rule `doc_evidence`), else name by name (`local`).
        Returns, per name, the mentions that went to each other entity."""
        share: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for doc, counts in sorted(self.documents.items()):
            if active().on("doc_evidence") and doc in self.sequences:
                DocumentLinks(self, doc, counts, candidates).link(share)
                continue
            for key in sorted(counts):
                canonical = self.followed(key, self.canonical_of(key, counts, *candidates[key]))
                if canonical == self.followed(key, self.links[key]) and self._company_in(doc, key):
                    canonical = key
                if canonical != self.links[key]:
                    self.local.setdefault(doc, {})[key] = canonical
                    share[key][canonical] += counts[key]
        self._company_links(share)
        if active().on("across_evidence"):
            self._person_links(share)
        return share

    def _company_links(self, share: dict[str, dict[str, float]]) -> None:
        """Each document's short forms it shows are companies, kept apart from the person of
        other documents the corpus links them to (`across`), where its mentions in order did
        not decide them already; each mention showing a company votes for the name itself (the
        count every shard adds up, whatever the shards)."""
        for doc, companies in sorted(self.companies.items()):
            decided = {m[1] for m in self.sequences.get(doc, ())}
            decided |= set(self.local.get(doc, ()))
            for key, n in sorted(companies.items()):
                if key not in decided and self._company_in(doc, key):
                    self.local.setdefault(doc, {})[key] = key
                    share[key][key] += n
                    if active().on("mention_labels"):  # its document's reading goes with it
                        self.moved[key][key]["ORG"] += n

    def _person_links(self, share: dict[str, dict[str, float]]) -> None:
        """Each document's bare names it shows are people, linked to the person of other
        documents the corpus would have given them (`across`, rule `across_evidence`), where
        its mentions in order did not decide them already: the rest of the corpus's mentions
        stay their own entity. Each mention showing a person votes for that person."""
        for doc, signed in sorted(self.signed.items()):
            decided = {m[1] for m in self.sequences.get(doc, ())}
            decided |= set(self.local.get(doc, ()))
            for key, n in sorted(signed.items()):
                if key in self.across and key not in decided and self._person_in(doc, key):
                    target = self.followed(key, self.across[key])
                    self.local.setdefault(doc, {})[key] = target
                    share[key][target] += n

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

    def followed(self, key: str, canonical: str) -> str:
        """A document's decision for `key`, followed to where its target goes; a name that
        stays itself (ambiguous, or of another kind than its candidates) stays."""
        if canonical == key or not active().on("chain"):
            return canonical
        return self._follow(canonical)

    def to_dict(self) -> dict[str, Any]:
        return {
            "links": {k: c for k, c in sorted(self.links.items()) if k != c},
            "local": self.local,
            "mentions": self.mentions,
            "entries": self.entries,
            "split": self.split,
        }

    def kind_of(self, canonical: str) -> str:
        """The label of the entity `canonical` names: the knowledge base's for one of its
        names (the corpus may never write it, so no mention votes), else its mentions'."""
        known = self._kb.get(canonical)
        return known.label if known else self.surfaces[canonical].label()

    def canonical_of(
        self, key: str, here: Counter[str] | dict[str, int], longer: list[str], spelled: list[str]
    ) -> str:
        """The canonical key `key` stands for in a document whose paired names are `here`
        (empty: the corpus's decision): itself, a knowledge-base entity, a longer name it is
        part of, or the name its letters spell."""
        if key in self.known:
            return name_key(self.known[key].canonical)
        country = self.countries.get(key)
        if country is not None and not spells_another(key, country, here, self.surfaces):
            return country
        rules = active()
        in_doc = [n for n in longer if n in here] if rules.on("doc_evidence") else []
        ranked = sorted(longer, key=lambda n: (-self.surfaces[n].mentions, n))
        if in_doc:
            rank = {n: r for r, n in enumerate(ranked)}
            return min(in_doc, key=lambda n: (-here[n], rank[n]))
        if (  # a bare first name: not across documents, nor to another name that holds it
            not here
            and rules.on("first_name_in_doc")
            and any(first_name_of(self.surfaces, key, n) for n in ranked)
        ):
            return key
        # the corpus's one candidate; of several, the most named is no evidence which one a
        # document that names none of them means (hostile45 E12: 2 documents against 1 won)
        if ranked and rules.on("corpus_dominance") and len(one_each(ranked)) == 1:
            whole = one_each(ranked)[0]  # the longest: what the others are parts of
            return key if self._unshown_organisation(key, whole) else ranked[0]
        if self.surfaces[key].label() == "ORG":
            spelled_here = [n for n in spelled if n in here and self.surfaces[n].label() == "ORG"]
            if spelled_here:
                return spelled_here[0] if len(spelled_here) == 1 else key
        if not spelled or not rules.on("acronym_corpus"):
            return key
        if here:  # its document spells nothing: the corpus's decision
            return self.links.get(key, key)
        return self._spelled_in_corpus(key, spelled)

    def _unshown_organisation(self, key: str, target: str) -> bool:
        """Whether `target`, a longer name of other documents, is a person's name the model
        read as an organisation, which a short form not read as a person does not go to
        across documents (rule `org_shown_across`, hostile49 E9 / E17: "Gorvaud" of "la boîte
        de production Gorvaud" became "Orla Gorvaud" of another document, "Nantes" of "Né à
        Nantes" the glued "Nantes Noémie X"): read ORG by the model alone (no head or legal
        form among its words, no document's business wording at it, no knowledge base), and
        the words it adds to `key` written as given names and surnames are ("Orla", not
        "U.S." nor "LTd"). `person_across` does the same for a target read as a person."""
        if (
            not active().on("org_shown_across")
            or key in self.known
            or target in self._kb
            or self.surfaces[key].label() == "PERSON"
            or self.surfaces[target].label() != "ORG"
            or target in self._shown_companies
        ):
            return False
        heads, legal = organisation_words()
        words = target.split(" ")
        if any(w in heads or w in legal for w in words):
            return False
        short = key.split(" ")
        rest = words[len(short) :] if words[: len(short)] == short else words[: -len(short)]
        written = HYPHENS.sub(" ", self.surfaces[target].form()).split()
        added = [w for w in written if w.casefold() in rest]
        return bool(added) and all(cased_word(w) for w in added)

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


def one_each(names: list[str]) -> list[str]:
    """The candidates that are no part of another candidate: "Burlington Industries" and
    "Burlington Industries Inc" are one candidate for "Burlington" (the shorter links to the
    longer), "Mario X" and "Luciano X" two. Linear: each name's parts looked up once."""
    among = set(names)
    parts = {part for n in names for part in key_parts(n) if part in among}
    return [n for n in names if n not in parts]


def cased_word(word: str) -> bool:
    """A word written as a given name or surname is: a capital, then lower-case letters."""
    return len(word) > 1 and word.isalpha() and word[0].isupper() and word[1:].islower()


def only_titles(short: str, full: str) -> bool:
    """Whether `full` is `short` with titles or particles only ("M. X", "madame de X",
    "le comte X"): no other name, so no one else it may be."""
    rest = full[: -len(short)] if full.endswith(" " + short) else full[len(short) :]
    return all(w in name_titles() for w in rest.split())
