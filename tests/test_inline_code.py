"""Inline code between backticks comes out of translation byte-identical, whatever words it
holds (hostile finding T2): '`SELECT * FROM pan`' is no 'SELECT * FROM Bread'."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.engines.translate.guard import frozen_spans
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

PIECES = ["SELECT", "*", "FROM", "pan", "git", "commit", "-m", '"fix"', "le", "chat", "rouge",
          "maison", "x", "=", "1", "ls", "-la", "print(x)", "porte", "cd", "..", "Pierre"]  # fmt: skip
FRAMES = ["Tape {} puis attends.", "{} affiche la liste.", "Il faut écrire {} et {} ensuite.",
          "Lance {}, puis {}."]  # fmt: skip
codes = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map(lambda w: f"`{' '.join(w)}`")


def sentence(frame: str, draw: list[str]) -> str:
    return frame.format(*draw[: frame.count("{}")])


@given(frame=st.sampled_from(FRAMES), code=st.lists(codes, min_size=2, max_size=2))
def test_inline_code_is_frozen(frame: str, code: list[str]) -> None:
    text = sentence(frame, code)
    spans = frozen_spans(text)
    for piece in code[: frame.count("{}")]:
        at = text.index(piece)
        assert any(s <= at and at + len(piece) <= e for s, e in spans), (text, spans)


def test_a_lone_backtick_freezes_nothing() -> None:
    assert frozen_spans("Le signe ` est un accent grave.") == []


@needs_fr_es
def test_through_apertium() -> None:
    pieces = [p for p in PIECES if p[0].islower()]
    cases = [(f, [f"`{pieces[(i + k) % len(pieces)]} {pieces[(3 * i + k) % len(pieces)]}`"
                  for k in (0, 1)]) for i, f in enumerate(FRAMES * 8)]  # fmt: skip
    texts = [sentence(f, c) for f, c in cases]
    records = [Record(id=str(i), doc_id=str(i), source="t", seq=0, text=t, lang="fr")
               for i, t in enumerate(texts)]  # fmt: skip
    stage = Translate(cache=None)
    out = list(stage(records))
    stage.close()
    bad = [(r.text, r.translation.text if r.translation else None)
           for r, (f, c) in zip(out, cases, strict=True)
           if r.translation is None or any(p not in r.translation.text
                                           for p in c[: f.count("{}")])]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(out)}: {bad[:3]}"
