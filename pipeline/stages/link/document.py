"""A document's own evidence, mention by mention: the longer name each mention of a short form
stands for there, from the names its document writes and the order it writes them in."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

from pipeline.rules import active
from pipeline.stages.link.kinds import PARTS_NAME, are_rivals, name_titles, opposed
from pipeline.stages.link.names import key_parts

if TYPE_CHECKING:
    from pipeline.stages.link.resolve import Resolution

LABELS = frozenset({"PERSON", "ORG", "LOC", "MISC"})  # a role noun's word, for `mention_labels`
# name → (the longer names it may be part of, the names its letters spell)
Candidates = dict[str, tuple[list[str], list[str]]]


class DocumentLinks:
    """Each mention of a document's short forms, on that document's evidence: the one longer
    name of the document it may stand for; of two or more, the nearest full mention before
    it; none before it: the short form stays its own entity (#31: a later bare "Renoir" after
    two Renoirs went to the alphabetically first). A mention read as an organisation does not
    stand for a person, nor the reverse. What holds for every mention of a name read as one
    label is decided once per document (`present`, `rivals_of`, `most_named`, `tied_of`)."""

    def __init__(
        self, resolution: Resolution, doc: str, counts: Counter[str], candidates: Candidates
    ) -> None:
        self.resolution = resolution
        self.surfaces = resolution.surfaces
        self.doc = doc
        self.counts = counts
        self.candidates = candidates
        rules = active()
        self.nearest = rules.on("nearest_full_name")
        self.on_tie = rules.on("nearest_on_tie")
        self.none_before = rules.on("ambiguous_before")
        self.by_label = rules.on("person_org_apart")
        self.by_cue = rules.on("cued_apart")
        self.founders = rules.on("founder_apart")
        self.any_kind = rules.on("ambiguous_any_kind")
        self.across_evidence = rules.on("across_evidence")
        self.mention_labels = rules.on("mention_labels")
        self.titles_apart = rules.on("title_apart")
        self.holders: dict[str, set[str]] = {}  # last word → its document's names ending so
        self.givens: dict[str, dict[str, set[str]]] = {}  # last word → those, by given name
        # key → the person and the company of its document it may stand for (or none)
        self.mixed: dict[str, list[str]] = {}
        self.present: dict[tuple[str, str], list[str]] = {}  # (key, label) → its document's names
        self.eligible: dict[tuple[str, str], set[str]] = {}  # the same, as a set
        self.rank: dict[str, dict[str, int]] = {}  # key → its longer names by corpus mentions
        self.most_named: dict[tuple[str, str], str] = {}  # (key, label) → its choice here
        self.rivals_of: dict[tuple[str, str], bool] = {}  # (key, label) → two people may be meant
        self.tied_of: dict[tuple[str, str], frozenset[str]] = {}  # → its most named, if tied
        self.alone: dict[str, str] = {}  # key with no longer name → its choice here
        # part → names holding it, by use
        self.recent: dict[str, dict[str, int]] = defaultdict(dict)
        self.placed_here: dict[str, set[str]] = {}  # a surname read as a place → its people

    def link(self, share: dict[str, dict[str, float]]) -> None:
        """Each mention in document order: the entity it stands for, kept where it is not the
        corpus's link (`Resolution.mentions`, and one mention of `share`)."""
        resolution = self.resolution
        for i, (where, key, label, cue, *rest) in enumerate(resolution.sequences[self.doc]):
            shown = cue if cue in PARTS_NAME else (rest[1] if len(rest) > 1 else "")
            if cue == "MISC" and self.titles_apart:  # a work's title ("le film « X »")
                chosen = key  # stands for no person of its document holding the word
            else:
                chosen = self._choose(where, key, self._kind(label, cue), shown)
            canonical = resolution.followed(key, chosen)
            if canonical != key and self.across_evidence:
                canonical = self._through(canonical)
            if canonical != resolution.links[key]:
                resolution.mentions.setdefault(self.doc, {})[where] = canonical
                share[key][canonical] += 1
                if self.mention_labels:  # its own reading goes with it (a role noun's first)
                    resolution.moved[key][canonical][cue if cue in LABELS else label] += 1
            self._named(key, i)

    def _through(self, canonical: str) -> str:
        """Where a chain from another name ending on a bare name kept apart across documents
        (rule `across_evidence`: "al-Maliki") goes in this document: on to the person it
        would have gone to, when this document names them ("Mr. Maliki" → "al-Maliki" →
        "Nouri al-Maliki", msnbc). A name its document leaves itself (ambiguous) stays."""
        across, seen = self.resolution.across, {canonical}
        while canonical in across and across[canonical] in self.counts:
            canonical = self.resolution.followed(canonical, across[canonical])
            if canonical in seen:
                break
            seen.add(canonical)
        return canonical

    def _kind(self, label: str, cue: str) -> str:
        """The kind a mention is read as here: its label (rule `person_org_apart`), else a role
        noun's word only (rule `cued_apart`), else none."""
        if not self.by_label:
            return cue if self.by_cue else ""  # a role noun's word only
        return label

    def _choose(self, where: str, key: str, label: str, shown: str = "") -> str:
        """The entity the mention of `key` at `where`, read as `label`, stands for; `shown`:
        what its own sentence or a role noun before it shows it to be (PERSON, ORG or "")."""
        longer, spelled = self.candidates.get(key, ([], []))
        in_doc = self._in_document(key, label, longer)
        others = self.resolution.apart_at.get((key, where), set())
        if others:
            in_doc = [n for n in in_doc if n not in others]
        if self.founders and self._founder_and_company(key):
            return self._by_sentence(key, others, shown)
        if self.any_kind and self._before_every_holder(key, others):
            return key  # "X surprend … Agathe X … Graça X" (read as a place): nothing says which
        many = len(in_doc) > 1
        rivals = many and self._rivals(key, label, in_doc, others)
        if rivals and self.none_before and self._latest(key, label, others) is None:
            return key  # two candidates, none named before it: nothing singles one out
        if rivals and self.nearest:  # the latest named before it
            return self._latest(key, label, others) or key
        if many:  # the one its document names most (the same for each mention)
            return self._most_named(key, label, longer, in_doc, others, rivals)
        if in_doc:
            return in_doc[0]
        if longer:  # no candidate in its document: the corpus's, if of its kind
            canonical = self.resolution.across_link(self.doc, key)
            return key if opposed(label, self.resolution.kind_of(canonical)) else canonical
        if key in self.resolution.placed:  # a surname read as a place: its document's person
            return self._placed(key, others)
        if key not in self.alone:  # the same for each of its mentions: decided once
            self.alone[key] = self.resolution.canonical_of(key, self.counts, [], spelled)
        return self.alone[key]

    def _before_every_holder(self, key: str, others: set[str]) -> bool:
        """Whether its document writes two people's names or more ending with `key` ("Agathe
        X", "Graça X": two given names), whatever the model read each as (a person's name read
        as a place is still a rival), and names none of them before this mention (rule
        `ambiguous_any_kind`, hostile47 G11): a bare surname before both stays its own entity.
        The holders by last word, found in one pass over the document's names."""
        if not self.holders:  # each name of several words under its last: one pass
            self.holders[""] = set()
            for name in self.counts:
                if " " in name:
                    self.holders.setdefault(name.rsplit(" ", 1)[1], set()).add(name)
        holders = self.holders.get(key, set())
        return (
            two_people(self._by_given(key, holders), others)
            and latest_named(self.recent[key], holders, others) is None
        )

    def _by_given(self, key: str, holders: set[str]) -> dict[str, set[str]]:
        """The names ending with `key` by their given name (two people, not two forms of one),
        grouped once per key: a mention costs what `two_people` reads, not every holder."""
        if key not in self.givens:
            groups: dict[str, set[str]] = {}
            for name in holders:
                if given := given_name(name):
                    groups.setdefault(given, set()).add(name)
            self.givens[key] = groups
        return self.givens[key]

    def _founder_and_company(self, key: str) -> bool:
        """Whether its document names both a person and an organisation `key` may stand for
        (a founder and the company named after them: "X Treornès", "Treornès Films"),
        whatever `key` was read as; the same for each mention, decided once."""
        if key not in self.mixed:
            resolution = self.resolution
            names = [
                n
                for n in resolution.shared.get(key, ())
                if n in self.counts  # of its own kind where it goes ("Hoechst Celanese" a
                and resolution.kind_of(resolution.links.get(n, n)) == self.surfaces[n].label()
            ]  # person's votes, but the company "Hoechst Celanese Corp"'s short form)
            kinds = {self.surfaces[n].label() for n in names}
            self.mixed[key] = names if kinds >= PARTS_NAME else []
        return bool(self.mixed[key])

    def _by_sentence(self, key: str, others: set[str], shown: str) -> str:
        """A bare name its document's founder and company share goes by its own sentence's
        evidence (rule `founder_apart`, hostile47 G24): a person's signs to the person,
        business wording to the company (of several, the latest named before it, else the
        most named); none either way, itself (#31 item 3: an ambiguous form stays its own
        entity), whatever the model read it as."""
        kind = [n for n in self.mixed[key] if n not in others and self.surfaces[n].label() == shown]
        if len(kind) <= 1:
            return kind[0] if kind else key
        latest = latest_named(self.recent[key], set(kind), others)
        return latest or min(kind, key=lambda n: (-self.counts[n], n))

    def _placed(self, key: str, others: set[str]) -> str:
        """A surname the model reads as a place, after a person of its document who carries
        it ("Le peintre X Y a vécu ici. Y est mort en 1919."): the nearest such person named
        before it, none before it: itself (hostile45 E9). Its document's people only."""
        if key not in self.placed_here:
            self.placed_here[key] = {n for n in self.resolution.placed[key] if n in self.counts}
        return latest_named(self.recent[key], self.placed_here[key], others) or key

    def _in_document(self, key: str, label: str, longer: list[str]) -> list[str]:
        """The longer names of `key` its document writes, not of the kind opposed to `label`
        (the same for each mention of `key` read as `label`)."""
        if (key, label) not in self.present:
            self.present[key, label] = [
                n
                for n in longer
                if n in self.counts and not opposed(label, self.surfaces[n].label())
            ]
            self.eligible[key, label] = set(self.present[key, label])
        return self.present[key, label]

    def _rivals(self, key: str, label: str, in_doc: list[str], others: set[str]) -> bool:
        """Whether the candidates are two people of one surname (`are_rivals`): decided at the
        first mention with several, and again for a mention named apart from some."""
        if (key, label) not in self.rivals_of:  # two people of one surname
            self.rivals_of[key, label] = are_rivals(self.surfaces, key, in_doc)
        return self.rivals_of[key, label] if not others else are_rivals(self.surfaces, key, in_doc)

    def _latest(
        self, key: str, label: str, others: set[str], among: Collection[str] | None = None
    ) -> str | None:
        return latest_named(self.recent[key], self.eligible[key, label], others, among)

    def _most_named(
        self,
        key: str,
        label: str,
        longer: list[str],
        in_doc: list[str],
        others: set[str],
        rivals: bool,
    ) -> str:
        """Of several candidates, the one its document names most (then the corpus); of
        rivals named as often (rule `nearest_on_tie`), the latest of them before it."""
        canonical = self.most_named.get((key, label), "") if not others else ""
        if not canonical:
            rank = self._corpus_rank(key, longer)
            canonical = min(in_doc, key=lambda n: (-self.counts[n], rank[n]))
            if not others:
                self.most_named[key, label] = canonical
        if self.on_tie and rivals:  # named as often as another: the latest of them before it
            tied = self._tied(key, label, in_doc, others, self.counts[canonical])
            if len(tied) > 1:
                canonical = self._latest(key, label, others, tied) or key
        return canonical

    def _corpus_rank(self, key: str, longer: list[str]) -> dict[str, int]:
        """`key`'s longer names ranked by their mentions in the corpus (then by key)."""
        if key not in self.rank:
            ranked = sorted(longer, key=lambda n: (-self.surfaces[n].mentions, n))
            self.rank[key] = {n: r for r, n in enumerate(ranked)}
        return self.rank[key]

    def _tied(
        self, key: str, label: str, in_doc: list[str], others: set[str], top: int
    ) -> frozenset[str]:
        """The candidates its document names `top` times: decided at the first mention, and
        again for a mention named apart from some."""
        if others or (key, label) not in self.tied_of:
            tied = frozenset(n for n in in_doc if self.counts[n] == top)
            if not others:
                self.tied_of[key, label] = tied
            return tied
        return self.tied_of[key, label]

    def _named(self, key: str, i: int) -> None:
        """`key` named at mention `i`: the latest to hold each of its parts, for the rules
        that look back (`nearest_full_name`, `nearest_on_tie`, `ambiguous_before`)."""
        if not (
            self.nearest
            or self.on_tie
            or self.none_before
            or self.any_kind
            or self.resolution.placed
        ):
            return
        for part in key_parts(key):  # the latest to hold each part
            self.recent[part].pop(key, None)
            self.recent[part][key] = i


def given_name(name: str) -> str:
    """The first word of `name` that is no title ("Gerald" of "President Gerald R. Ford"),
    "" for a title and a surname alone ("M. Varenne"): what tells two people of one surname
    apart, as `kinds.are_rivals` reads them."""
    words = [w for w in name.split(" ")[:-1] if w not in name_titles()]
    return words[0] if words else ""


def two_people(by_given: dict[str, set[str]], others: set[str]) -> bool:
    """Whether two given names or more keep a name that is not someone else's here: stops at
    the second (a set bigger than `others` is never inside it: one look)."""
    found = 0
    for names in by_given.values():
        if not names <= others:
            found += 1
            if found > 1:
                return True
    return False


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
