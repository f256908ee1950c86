"""The word after a quoted title that opens a sentence keeps the case the source gives it
('« La Nuit Longue » a reçu un prix.' → '"La Nuit Longue" has received…', never 'Has'): the
repair applied after a protected name applies after the closing quotation mark of a title
(hostile finding T5). `protect.mask`/`unmask` alone, and through Apertium."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import title_spans
from pipeline.engines.translate.protect import followers, mask, unmask
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

TITLES = ["La Nuit Longue", "Femme Noire", "Le Jardin Secret", "Les Oiseaux Bleus", "Ciel Rouge"]
QUOTES = [("« ", " »"), ("«\u00a0", "\u00a0»"), ("«\u202f", "\u202f»"), ('"', '"'), ("“", "”"),
          ("‹ ", " ›")]  # fmt: skip
PREDICATES = ["a reçu un prix.", "sort demain.", "raconte une histoire.", "est un film."]


def sentence(title: str, quotes: tuple[str, str], predicate: str) -> str:
    return f"{quotes[0]}{title}{quotes[1]} {predicate}"


@given(
    title=st.sampled_from(TITLES),
    quotes=st.sampled_from(QUOTES),
    predicate=st.sampled_from(PREDICATES),
    answer=st.sampled_from(["Has", "Exits", "Counts", "Is"]),
)
def test_unmask_lowers_the_word_after_a_title(
    title: str, quotes: tuple[str, str], predicate: str, answer: str
) -> None:
    """An engine that capitalises the word after the title's closing mark, as after a
    sentence's first word: the word comes back lower case; "January" (kept) keeps its capital."""
    text = sentence(title, quotes, predicate)
    masked = mask(text, title_spans(text))
    close = quotes[1].strip()
    end = masked.text.index("X", 1 + masked.text.index("XNAME")) + 1  # the token's end
    engine = masked.text[:end] + f"{quotes[1]} {answer} something."
    assert followers(engine, masked) == [answer]
    assert f"{close} {answer.lower()} something." in unmask(engine, masked).text
    assert f"{close} {answer} something." in unmask(engine, masked, keep={answer}).text


@needs_fr_es
@settings(max_examples=1, deadline=None)
@given(st.just(0))
def test_through_apertium(_: int) -> None:
    texts = [sentence(t, q, p) for t in TITLES[:2] for q in QUOTES for p in PREDICATES]
    records = [Record(id=str(i), doc_id=str(i), source="t", seq=0, text=t, lang="fr")
               for i, t in enumerate(texts)]  # fmt: skip
    stage = Translate(cache=None)
    bad = []
    for record in stage(records):
        assert record.translation is not None
        answer = record.translation.text
        title = next(t for t in TITLES if t in answer)
        rest = answer[answer.index(title) + len(title) :].lstrip(' \u00a0\u202f»”"›')
        if rest[:1].isupper():
            bad.append((record.text, answer))
    stage.close()
    assert not bad, f"{len(bad)} of {len(records)}: {bad[:3]}"
