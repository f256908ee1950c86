"""A quotation kept as written (another language than its record's, `meta.quotes`) gets the
target's quotation marks without the French spaces inside them (hostile finding T10):
'« Could you wrap it? »' → '"Could you wrap it?"', never '" Could you wrap it? "'."""

from __future__ import annotations

from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

QUOTES = ["Could you please wrap it?", "I will be back soon", "Not today, thank you"]
FRAMES = ["Elle répétait {} toute la soirée.", "Il a dit {} puis il est parti."]
SPACES = [" ", "\u00a0", "\u202f"]


@needs_fr_es
def test_a_kept_quotation_takes_the_target_marks_without_inner_spaces() -> None:
    records, wanted = [], []
    for i, (quote, frame, space) in enumerate(
        (q, f, s) for q in QUOTES for f in FRAMES for s in SPACES
    ):
        text = frame.format(f"«{space}{quote}{space}»")
        start = text.index("«") + 1  # as Detect notes it: inside the marks, spaces included
        end = text.index("»")
        records.append(Record(id=str(i), doc_id=str(i), source="t", seq=0, text=text, lang="fr",
                              meta={"quotes": [[start, end, "en"]]}))  # fmt: skip
        wanted.append(f'"{quote}"')
    stage = Translate(cache=None)
    out = list(stage(records))
    stage.close()
    bad = [(r.text, r.translation.text if r.translation else None)
           for r, w in zip(out, wanted, strict=True)
           if r.translation is None or w not in r.translation.text]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(out)}: {bad[:3]}"
