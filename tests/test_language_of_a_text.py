"""A record's language is its own: decided by its own main language, with a document prior
that depends only on the records around it in the input, never on how the input is cut."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.record import Record
from pipeline.stages.detect import Detect

# Written for these tests: whole sentences in each language, and short lines that only a
# document's language can place.
SENTENCES = {
    "en": [
        "The director spent three winters filming the harbour before the crew went home.",
        "Critics praised the quiet score and the long takes of the final act.",
        "A small distributor bought the rights after the festival screening in spring.",
    ],
    "fr": [
        "La réalisatrice a passé trois hivers à filmer le port avant le départ de l'équipe.",
        "Les critiques ont salué la musique discrète et les longs plans du dernier acte.",
        "Un petit distributeur a acheté les droits après la projection du festival.",
    ],
}
SHORT = ["Bravo", "Parfait", "Super film", "Top", "Excellent", "Merci", "Vu hier", "Culte"]


def corpus(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for n in range(draw(st.integers(6, 40))):
        doc = draw(st.sampled_from(["d1", "d2", "d3"]))
        lang = "fr" if doc != "d2" else "en"
        text = draw(st.sampled_from(SENTENCES[lang] + SHORT))
        rows.append({"id": f"r{n}", "doc_id": doc, "text": text})
    return rows


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.composite(corpus)(), sizes=st.lists(st.integers(120, 3000), min_size=2, max_size=3))
def test_languages_do_not_depend_on_shard_size(
    tmp_path_factory, rows: list[dict[str, str]], sizes: list[int]
) -> None:
    """Documents whose records are not adjacent in the input: the same languages for any
    `--shard-size` (and the default)."""
    tmp = tmp_path_factory.mktemp("shards")
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    outputs = []
    for i, size in enumerate([*sizes, None]):
        out = tmp / f"out{i}"
        options = {"shard_bytes": size} if size else {}
        Pipeline(stages=[Detect()]).run([src], out, **options)
        outputs.append((out / "corpus.jsonl").read_bytes())
    assert all(o == outputs[0] for o in outputs)


def detect(texts: list[str], doc: str = "d") -> list[Record]:
    records = [
        Record(id=str(i), doc_id=doc, source="t", seq=i, text=t) for i, t in enumerate(texts)
    ]
    return list(Detect()(records))


QUOTED = [
    ("en", "fr", "When the singer starts « Sans toi je suis seule, sans toi je suis perdue », "
     "the camera never leaves her face for four minutes."),
    ("en", "fr", "Her last line, “Je ne reviendrai jamais dans cette ville maudite”, closes "
     "the film on a long shot of the empty square."),
    ("fr", "en", "Quand il murmure \"I will never come back to this town again\", la caméra "
     "reste fixée sur son visage pendant de longues minutes."),
    ("en", "es", "The title card reads « Nunca volveré a esta ciudad maldita » before the credits "
     "roll over the black screen."),
]  # fmt: skip


def test_a_quoted_passage_does_not_decide_the_record() -> None:
    """The record's language is the language outside its quotations; each quotation in
    another language is noted where it is (`meta.quotes`), to be kept as written."""
    records = detect([text for _, _, text in QUOTED])
    for (main, quoted, text), record in zip(QUOTED, records, strict=True):
        assert record.lang == main, text
        (start, end, lang), *_ = record.meta["quotes"]
        assert lang == quoted and text[start:end].count(" ") >= 4


def test_a_quotation_in_another_language_is_kept_as_written(apertium) -> None:
    """A French record quoting a Spanish line: the record is translated, the quotation comes
    out as written (not read as French, nor carried into English by the pivot)."""
    from pipeline.stages.extract import Extract
    from pipeline.stages.translate import Translate

    text = (
        "Pendant la projection, il répète « nadie sale de esta habitación antes del amanecer » "
        "à voix basse et la salle entière retient son souffle."
    )
    records = list(Translate()(Extract()(detect([text]))))
    (record,) = records
    assert record.lang == "fr" and record.meta["quotes"][0][2] == "es"
    assert record.translation is not None
    assert "nadie sale de esta habitación antes del amanecer" in record.translation.text
