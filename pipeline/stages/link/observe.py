"""The first half of linking, per shard: what each name's mentions say (`LinkObserver`), and
the evidence only a document gives (its names written both short and long, in order)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from pipeline.entities import cue_before
from pipeline.evidence import (
    article_title,
    emphasised_titles,
    in_capitals_title,
    organisation_signs,
    person_signs,
    quoted,
    role_in_clause,
    seat_cue,
)
from pipeline.mentions import readings as readings_of
from pipeline.record import Entity, Record
from pipeline.rules import active
from pipeline.stages.link.names import MAX_SPELLED, key_parts, spellings, surface_of
from pipeline.stages.link.readings import document_of, linked_form, mention_key
from pipeline.stages.link.surface import Surface


class LinkObserver:
    """The first half of linking, on one shard: every name's votes (labels, forms, mentions),
    and, per document, the mentions of the names it writes both short and long ("Varda" and
    "Agnès Varda", "SEC" and "Securities and Exchange Commission"): evidence only that
    document gives. The partial is sized by the shard's distinct names and those pairs."""

    def __init__(self) -> None:
        self.surfaces: dict[str, Surface] = defaultdict(Surface)
        self.docs: dict[str, Counter[str]] = defaultdict(Counter)  # doc → key → mentions
        # doc → its mentions in order: [where ("record id:start"), key, the mention's label,
        # the role noun's label before it, its sentence, what its sentence shows it to be
        # (`sentence_sign`)]
        self.sequences: dict[str, list[list[str]]] = defaultdict(list)
        # doc → key → its mentions there that show a person (`person_signs`), and those that
        # show an organisation (`organisation_signs`): the evidence a document gives for and
        # against a short form's link to a person it does not name (`person_across`)
        self.signed: dict[str, Counter[str]] = defaultdict(Counter)
        self.companies: dict[str, Counter[str]] = defaultdict(Counter)
        # key → its mentions given as a work's title (quoted, "le film X"): a title its own
        # document names is not a person because another document's person holds the word
        self.titled: Counter[str] = Counter()

    def observe(self, record: Record) -> None:
        """Count each mention once: a name carried into the translation shares its `mention`
        id with the original, and its two readings (the source model's and the target
        model's) split one vote; then the document's mentions in order."""
        readings = readings_of(record)
        self._vote(record, readings)
        self._in_order(record, readings)

    def _vote(self, record: Record, readings: dict[str, list[Entity]]) -> None:
        """Each mention's votes for its name's label and forms."""
        rules = active()
        for mention in sorted(readings):
            share = 1 / len(readings[mention])
            key = mention_key(readings[mention])
            stats = self.surfaces[key]
            cue = role_cue(record, readings[mention]) if rules.on("cue_outranks") else None
            if (
                cue is None
                and rules.on("company_label")
                and shows_company(record, readings[mention])
            ):
                cue = "ORG"  # "le PDG de X", "X's shares fell": what only a company is
            if cue is not None:  # "la société X": the role noun's word, whatever a model read
                stats.labels[cue] += 1
            for entity in readings[mention]:
                if cue is None:
                    stats.labels[entity.label] += share
                if entity.field == "text":  # each original mention a whole vote for its form
                    stats.written[linked_form(entity)] += 1
                else:
                    stats.translated[surface_of(entity.text)] += share
            stats.mentions += 1
            self.docs[document_of(record)][key] += 1

    def _in_order(self, record: Record, readings: dict[str, list[Entity]]) -> None:
        """The record's original mentions in order, with what each one's place shows (a role
        noun's word, its sentence's signs, a title), and the document's signs per name."""
        rules = active()
        ends = sentence_ends(record.text)
        signs = rules.on("person_across")
        emphasised = set(emphasised_titles(record)) if rules.on("emphasis_titled") else set()
        founders = rules.on("founder_apart")
        titles = rules.on("title_apart")
        cued = rules.on("cued_apart")  # a role noun's ORG is its document's company sign
        for mention in sorted(readings, key=lambda m: min(e.start for e in readings[m])):
            original = next((e for e in readings[mention] if e.field == "text"), None)
            if original is None:
                continue
            where = f"{record.id}:{original.start}"
            key = mention_key(readings[mention])
            cue = cue_before(record.text, original.start, record.lang) or ""
            titled = (
                quoted(record.text, original.start, original.end)
                or original.text in emphasised  # set in italics by its page (h47 G18)
            )
            if not cue and titles and titled and original.label == "MISC":
                cue = "MISC"  # read as a work where its page quotes it: a title (`title_apart`)
            sentence = f"{record.id}:{bisect_right(ends, original.start)}"
            sign = sentence_sign(record, original) if signs or founders else ""
            self.sequences[document_of(record)].append(
                [where, key, original.label, cue, sentence, sign]
            )
            if signs and (
                sign == "PERSON"
                or (
                    not sign
                    and rules.on("across_evidence")
                    and pronoun_follows(record.text, original.end, record.lang)
                )
            ):
                self.signed[document_of(record)][key] += 1
            elif signs and (sign == "ORG" or (cue == "ORG" and cued)):
                self.companies[document_of(record)][key] += 1  # "the studio X": a company
            if cue == "MISC" or titled:
                self.titled[key] += 1

    def partial(self) -> dict[str, Any]:
        """Every document's names and mentions in order, paired here or not: a document whose
        records are not adjacent in the input is seen by several shards, and a short form in
        one may stand for a full name in another (h47 V12). `resolve` pairs them on the whole
        document's names (`documents_paired`) and keeps only those: its memory holds the
        paired names, the partials on disk each shard's mentions."""
        return {
            "surfaces": {k: s.to_dict() for k, s in sorted(self.surfaces.items())},
            "documents": {d: dict(sorted(c.items())) for d, c in sorted(self.docs.items())},
            "sequences": {d: self.sequences[d] for d in sorted(self.docs) if self.sequences[d]},
            "signed": {d: dict(sorted(c.items())) for d, c in sorted(self.signed.items())},
            "titled": dict(sorted(self.titled.items())),
            "companies": {d: dict(sorted(c.items())) for d, c in sorted(self.companies.items())},
        }


def role_cue(record: Record, readings: list[Entity]) -> str | None:
    """The label a role noun right before a mention's original gives it ("la société X" →
    ORG), if any: it outranks both models' readings (a vote split between the original's
    ORG and the translation's PERSON went to PERSON, #31)."""
    original = next((e for e in readings if e.field == "text"), None)
    if original is None:
        return None
    if active().on("caps_title") and in_capitals_title(record, original):
        return "MISC"  # a title line in capitals: a work's title, whatever the models read
    if active().on("article_title") and article_title(record, original):
        return "MISC"  # a title line opening on an article: "La Galerne"
    cue = cue_before(record.text, original.start, record.lang)
    if (
        cue is None
        and active().on("seat_apposition")
        and seat_cue(record.text, original.start, original.end, record.lang)
    ):
        return "ORG"  # "the outfit X, based in Dublin": a company's seat, whatever the noun
    return cue


def documents_paired(
    partials: Iterable[dict[str, Any]],
) -> tuple[dict[str, Counter[str]], dict[str, list[list[str]]]]:
    """Each document's paired names (`paired_names`) and their mentions in order, decided on
    the whole document, whichever shards saw it (h47 V12: "Olivier" in one shard, "Olivier
    X" in another). Two reads of the partials: the shards holding each document, then a
    document one shard holds is paired on that shard's names, one several hold on their names
    together (in shard order, which is input order); only the paired are kept."""
    shards: Counter[str] = Counter()
    for partial in partials:
        shards.update(partial["documents"].keys())
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    sequences: dict[str, list[list[str]]] = defaultdict(list)
    for partial in partials:
        for doc, names in partial["documents"].items():
            counts[doc].update(names)
            sequences[doc].extend(partial.get("sequences", {}).get(doc, ()))
            shards[doc] -= 1
            if shards[doc] == 0:  # the document's last shard: keep what pairs
                involved = paired_names(counts[doc])
                if involved:
                    counts[doc] = Counter({k: counts[doc][k] for k in sorted(involved)})
                    sequences[doc] = [m for m in sequences[doc] if m[1] in involved]
                else:
                    del counts[doc], sequences[doc]
    return dict(counts), {d: s for d, s in sequences.items() if s}


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


SENTENCE_END = re.compile(r"(?<![.!?…;])[.!?…;]++[\"'»”’)\]]*+\s+|\n")  # a semicolon ends a clause


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends, in order; the number of the sentence a mention is
    in is the count of ends at or before its start (`bisect_right`), found once per record so
    that a record of many mentions costs one pass. A cut at every full stop too, abbreviations
    included, and at a semicolon (it joins two clauses: "Carder's own oncologist was not
    contacted; he … for Angela Carder"), so two mentions are in one sentence only when nothing
    that may end one stands between them."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def sentence_sign(record: Record, original: Entity) -> str:
    """What a mention's own sentence shows it to be: "PERSON" (a title, speech, a life event:
    `person_signs`), else "ORG" (figures of business, business nouns, officers:
    `organisation_signs`), else nothing ("")."""
    text, lang = record.text, record.lang
    if person_signs(text, original.start, original.end, lang):
        return "PERSON"
    return "ORG" if organisation_signs(text, original.start, original.end, lang) else ""


# a person's pronoun, in the languages whose pronouns tell a person from a company ("it")
PERSONAL = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)  # en
PRONOUN_REACH = 200  # characters after the mention: its sentence and the next, about


def pronoun_follows(text: str, end: int, lang: str | None) -> bool:
    """Whether a personal pronoun ("he", "her") follows the mention ending at `end` within
    `PRONOUN_REACH` characters, or a person's role noun stands in the clause it opens ("X was
    appointed as a Senator", "X, the former minister"): what a document says of a person,
    not of a company ("its"), evidence FOR a bare name's link to a person of other documents
    (rule `across_evidence`). Pronouns in English only: French "il"/"elle" stand for
    companies too."""
    if lang == "en" and PERSONAL.search(text, end, end + PRONOUN_REACH) is not None:
        return True
    return role_in_clause(text, end, lang)


def shows_company(record: Record, readings: list[Entity]) -> bool:
    """Whether a bare name's sentence in the original shows a company and not a person
    (`organisation_signs`, `person_signs`): its label vote is ORG, whatever a model read
    (rule `company_label`, h46 F9)."""
    original = next((e for e in readings if e.field == "text"), None)
    if original is None or " " in original.text:
        return False
    text, lang = record.text, record.lang
    return not person_signs(text, original.start, original.end, lang) and organisation_signs(
        text, original.start, original.end, lang
    )
