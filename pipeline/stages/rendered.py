"""Names the engine translated as names ("Italie" → "Italy", "Londres" → "London"), found in
the translation and tied to their mention in the original (#31 item 4).

The translate stage carries most names through the engine untouched, and `kept_verbatim` ties
a name the engine left as written. A place, organisation or other name the engine's own
dictionaries translate as a name (`engines.translate.names`: "Algérie" `<np><loc>` →
"Algeria" `<np><loc>`) is left to the engine, and comes back written otherwise: without this
step it had no mention in the translation, and the target model's "Italy" there was thrown
away as a name the original does not write. What the translation must hold is known without
any list of names: the engine's translation of the name alone (`names.readings`), which the
translate stage already checks every answer for (`Translate._misread`: a name read as words
in its sentence is sent again frozen as that rendering)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

from pipeline import mentions
from pipeline.entities import occurrences
from pipeline.record import Entity, Record


def rendered_names(record: Record, renderings: Mapping[str, str]) -> list[Entity]:
    """The mentions of the original not yet in the translation whose name the engine renders
    as `renderings[name]`, each tied to an occurrence of that rendering no other mention of
    the translation holds: by order, the n-th such mention of a rendering is its n-th free
    occurrence ("Italie ... l'Italie" → "Italy ... Italy"; two names the engine renders alike
    share one order). A rendering the answer does not hold ties nothing: the mention stays
    the original's alone, never pinned on another word."""
    return tied_by_rendering(record, renderings.get)


def tied_by_rendering(record: Record, render: Callable[[str], str | None]) -> list[Entity]:
    """The original's mentions not yet in the translation, each tied, in order, to a free
    occurrence of `render(name)` in it (`kept_verbatim`: the name itself)."""
    assert record.translation is not None
    translation = record.translation.text
    taken = [(e.start, e.end) for e in record.entities if e.field == "translation"]
    tied = mentions.in_translation(record)
    by_rendering: dict[str, list[Entity]] = defaultdict(list)
    for entity in sorted(record.entities, key=lambda e: (e.start, e.end)):
        rendering = render(entity.text)
        if entity.field == "text" and entity.mention not in tied and rendering:
            by_rendering[rendering].append(entity)
    out = []
    for rendering, sources in sorted(by_rendering.items()):
        spots = [
            (start, end)
            for start, end in occurrences(translation, rendering)
            if not any(start < e and s < end for s, e in taken)
        ]
        for source, (start, end) in zip(sources, spots, strict=False):
            out.append(mentions.carried(source, rendering, start, end))
            taken.append((start, end))
    return out


def guessed_places(record: Record, guesses: list[Entity], renderings: Mapping[str, str]) -> None:
    """A language without NER (#31 item 4, es/ca/pt): the names guessed in its text that the
    engine rendered as other names (`NameGuard.rendered_guesses`: "Londres" → "London")
    become mentions of the original, each tied to its rendering in the translation with the
    same id, as NER's names are for French; a guess whose rendering the answer does not hold
    is no mention. The target model's reading decides later whether it stays a name
    (`extract_fields.keep_carried_over_names`)."""
    written = [(e.start, e.end) for e in record.entities if e.field == "text"]
    fresh = [g for g in guesses if not any(g.start < e and s < g.end for s, e in written)]
    if not fresh:
        return
    record.entities.extend(fresh)
    mentions.number(record, "text")
    ids = {g.mention for g in fresh}
    tied = [e for e in tied_by_rendering(record, renderings.get) if e.mention in ids]
    kept = {e.mention for e in tied}
    record.entities = [
        e for e in record.entities if not (e.mention in ids and e.mention not in kept)
    ]
    record.entities.extend(tied)
