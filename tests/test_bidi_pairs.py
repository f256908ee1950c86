"""Every bidi embedding, override or isolate opened in a source is closed in its translation as
in the source (h49 finding T14): "\\u202eLe chat\\u202c dort…" put the RIGHT-TO-LEFT OVERRIDE back
at the start and dropped its POP DIRECTIONAL FORMATTING (inside the text, where the
translation has no place for it): the whole English translation displayed reversed.

Now the run of format characters at the text's start keeps an opener only with its closer in
the run at the end (or with none in the source, where the paragraph's end closes it in both),
and the run at the end keeps a closer only with its opener at the start
(`invisible.paired_edges`); the others are dropped with the ones inside, and
`meta.format_removed` says so.

Generated: bidi controls (openers of each kind, PDF, PDI) drawn at the start, inside and at
the end of sentences written for this test (hypothesis); what the engine gets put back between
the kept edges must leave open exactly what the source leaves open, and pair every closer it
holds. On main 53 of 500 generated texts failed; 0 of 5,000 now.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.invisible import (
    EMBEDDINGS,
    FORMAT_CHARS,
    ISOLATES,
    partners,
    stripped,
)
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

OWN = ["Le chat dort sur le lit.", "Nous partons demain matin.", "Il pleut encore."]
CONTROLS = st.sampled_from(["\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                            "\u202c", "\u2069", "\u200f"])  # fmt: skip
run = st.lists(CONTROLS, max_size=3).map("".join)


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.sampled_from(OWN)).split(" ")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(words) - 1))
        words[at] = draw(run) + words[at] + draw(run)
    return draw(run) + " ".join(words) + draw(run)


def still_open(text: str, edges: range | None = None) -> list[str]:
    """The openers `text` leaves open at its end, in order (those outside `edges` only)."""
    pairs = partners(text)
    return [
        c
        for i, c in enumerate(text)
        if (c in EMBEDDINGS or c in ISOLATES)
        and i not in pairs
        and (edges is None or i not in edges)
    ]


def closers_unpaired(text: str) -> int:
    pairs = partners(text)
    return sum(1 for i, c in enumerate(text) if c in "\u202c\u2069" and i not in pairs)


@given(texts())
@settings(max_examples=500, deadline=None)
def test_the_translation_closes_what_the_source_closes(text: str) -> None:
    sent = stripped(text)
    out = sent.lead + sent.text + sent.trail  # the translation's words in the engine's place
    body = text.strip(FORMAT_CHARS)
    start = len(text) - len(text.lstrip(FORMAT_CHARS))
    inner = range(start, start + len(body))  # what lies between the runs at the edges
    assert still_open(out) == still_open(text, inner), (text, out)
    assert closers_unpaired(out) <= closers_unpaired(text), (text, out)
    assert not any(c in EMBEDDINGS or c in ISOLATES for c in sent.text)


@needs_fr_es
def test_an_override_closed_inside_is_dropped_with_its_closer() -> None:
    text = "\u202eLe chat\u202c dort \u2066sur\u2069 le lit de \u200fPierre\u200e."
    record = Record(id="s5", doc_id="d", source="t", seq=0, text=text, lang="fr")
    (out,) = Translate(cache=None)([record])
    assert out.translation is not None
    assert "\u202e" not in out.translation.text, out.translation.text
    assert "U+202E" in out.meta["format_removed"]
    wrapped = Record(
        id="s6", doc_id="d", source="t", seq=0, text=f"\u2067{OWN[0]}\u2069", lang="fr"
    )
    (kept,) = Translate(cache=None)([wrapped])
    assert kept.translation is not None
    assert kept.translation.text.startswith("\u2067") and kept.translation.text.endswith("\u2069")
