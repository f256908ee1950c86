"""Link mentions to canonical entities across languages and documents.

The step (`step.Link`) runs over the whole corpus in three parts (`pipeline.stages.corpus_step`): a
`LinkObserver` per shard counts the names (`observe`: which names occur, how they are written,
with which labels, in which documents), `resolve` decides every link once
(`resolve.Resolution`, sized by distinct names), and a `LinkApplier` per shard sets them on the
records of the next pass and counts them for `entities.jsonl` (`apply`, `index`). The modules
split what each part decides: `names` (keys, parts, ids), `readings` (a record's mentions),
`surface` (a name's votes), `kinds` (which names may stand for one another), `apart` (a short
form that is someone else), `twins` (one entity across languages).

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

from pipeline.stages.link.step import Link

__all__ = ["Link"]
