"""A text's frozen spans (links, numbers, codes: `guard.frozen_spans`) are found once per text,
though the name guard reads them for each name, for the engine's questions and for the mask:
they were found 4 times a text (~0.5 CPU-s per 1,000 news sentences) once a merge dropped
`name_guard.frozen_of`'s cache."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.engines.translate import name_guard
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es


def record(n: int) -> Record:
    name = f"Maréval Tousquet{n}"
    text = f"{name} a publié la version 2.{n} sur https://exemple.org/Page{n} hier soir."
    return Record(str(n), str(n), "<memory>", 0, text, lang="fr",
                  entities=[Entity(name, "PERSON", 0, len(name))])  # fmt: skip


@needs_fr_es
def test_a_texts_frozen_spans_are_found_once(
    translate_stage: Translate, monkeypatch: pytest.MonkeyPatch
) -> None:
    found: Counter[str] = Counter()
    real = name_guard.frozen_spans

    def counted(text: str) -> list[tuple[int, int]]:
        found[text] += 1
        return real(text)

    monkeypatch.setattr(name_guard, "frozen_spans", counted)
    records = [record(n) for n in range(900, 912)]
    out = list(translate_stage(records))
    assert all(r.translation is not None for r in out)
    assert found and max(found.values()) == 1, found.most_common(3)
