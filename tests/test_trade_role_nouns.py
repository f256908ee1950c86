"""A company's role noun before its name types it ORG (rule `role_cue`, h46 F10), for the nouns of
every link of a film's trade chain (production, international sales, distribution, exhibition,
broadcast and streaming: the chain as the trade describes itself, e.g. the European
Audiovisual Observatory's yearbooks), in one word or several ("the sales agent X", "le vendeur
international X"). Generated: each noun × sentences × invented names, English and French.
Real NER."""

from __future__ import annotations

import random

from pipeline.entities import cues
from pipeline.record import Record
from pipeline.stages.extract import Extract

NOUNS = {
    "en": ["the streamer", "the platform", "the exhibitor", "the sales agent", "the sales company",
           "the broadcaster", "the distributor", "the studio"],
    "fr": ["l'exploitant", "la plateforme", "le diffuseur", "le vendeur international",
           "l'agent de ventes", "la boîte de prod", "le distributeur", "la société"],
}  # fmt: skip
SHAPES = {
    "en": ["The film was picked up by {n} {x} after its premiere.",
           "According to {n} {x}, the release is set for May."],
    "fr": ["Selon {n} {x}, le film sortira sur cent copies.",
           "Le film a été acheté par {n} {x} après sa première."],
}  # fmt: skip
SYLLABLES = ["sau", "sé", "rac", "ker", "gon", "nay", "lou", "vil", "lard", "mon", "bes", "zel"]


def cases() -> list[tuple[str, Record]]:
    rng = random.Random(46)
    out = []
    for lang, nouns in NOUNS.items():
        for noun in nouns:
            for shape in SHAPES[lang]:
                name = "".join(rng.sample(SYLLABLES, 3)).capitalize()
                text = shape.format(n=noun, x=name)
                out.append((name, Record(f"r{len(out)}", f"r{len(out)}", "<gen>", 0, text, lang)))
    return out


def test_a_trade_role_noun_types_the_company() -> None:
    given = cases()
    read = list(Extract(fields=["text"])([r for _, r in given]))
    wrong, found = [], 0
    for (name, _), record in zip(given, read, strict=True):
        labels = [e.label for e in record.entities if e.text == name]
        found += bool(labels)  # a name the model does not find at all is another class
        if labels and labels != ["ORG"]:
            wrong.append((record.text, labels))
    assert found >= len(given) * 9 // 10
    assert not wrong, f"{len(wrong)} of {len(given)}: {wrong}"


def test_every_listed_noun_is_one_label() -> None:
    for lang in NOUNS:
        table = cues(lang)
        assert table.get("sales agent" if lang == "en" else "vendeur international") == "ORG"
