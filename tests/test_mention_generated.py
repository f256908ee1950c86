"""A mention is one name (#31 item 2), on documents generated here and read by the real spaCy
models (English and French): cast lists and credits one per line, table rows (pipes, tabs),
bulleted items; prepositions and elided articles before a name the document also writes
bare; strings without a letter beside names; work titles given as titles once (quoted, in
italics, after "the film", "le long métrage") and written bare elsewhere; a company a role
noun types once and named bare elsewhere. Each document's
checks are counted by class. Names are invented syllables."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.record import Record
from pipeline.stages.extract import Extract

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el",
             "no", "gra", "tis", "van", "quen", "zo", "bru", "fen", "hal", "jo", "ste"]  # fmt: skip


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def person(rng: random.Random) -> str:
    return f"{word(rng)} {word(rng)}"


@dataclass
class Doc:
    lang: str
    texts: list[str]
    check: Callable[[list[tuple[int, str, str]]], str | None]  # (record, mention, label) → fault


SEPARATED = {  # one name per cell, line or item: never one mention across them
    "lines": lambda names, rng: "\n".join(names),
    "credits": lambda names, rng: "\n".join(f"{rng.choice(ROLES)} : {n}" for n in names),
    "pipes": lambda names, rng: " | ".join(names),
    "tight pipes": lambda names, rng: "|".join(names),
    "tabs": lambda names, rng: "\t".join(names),
    "bullets": lambda names, rng: "\n".join(f"- {n}" for n in names),
    "dots": lambda names, rng: " • ".join(names),
    "row": lambda names, rng: "| " + " | ".join(f"{rng.choice(ROLES)} | {n}" for n in names) + " |",
    "tabbed credits": lambda names, rng: "\n".join(f"{rng.choice(ROLES)}\t{n}" for n in names),
    "slashes": lambda names, rng: " / ".join(names),
    "numbered": lambda names, rng: "\n".join(f"{i}. {n}" for i, n in enumerate(names, 1)),
    "stars": lambda names, rng: "\n".join(f"* {n}" for n in names),
    "CRLF": lambda names, rng: "\r\n".join(names),
    "line separator": lambda names, rng: "\u2028".join(names),
    "dashes": lambda names, rng: " – ".join(names),
    "inline numbers": lambda names, rng: " ".join(f"{i}. {n}" for i, n in enumerate(names, 1)),
}
ROLES = ["Director", "Music", "Editor", "Réalisation", "Musique", "Montage", "Image", "Cast"]


def separated(rng: random.Random) -> Doc:
    lang = rng.choice(["en", "fr"])
    shape = rng.choice(sorted(SEPARATED))
    names = [person(rng) for _ in range(rng.randint(2, 5))]
    text = SEPARATED[shape](names, rng)

    def check(found: list[tuple[int, str, str]]) -> str | None:
        for _, mention, _ in found:
            if re.search(r"[\n\r\t|•\u2028]|(?:^|\s)[-–*/]\s|^\d+\. ", mention):
                return f"{shape}: {mention!r} spans a separator"
            if not any(mention in n for n in names) and not any(r in mention for r in ROLES):
                return f"{shape}: {mention!r} is not one name"
        return None

    return Doc(lang, [text], check)


PREPOSED = {  # a name after a preposition or an elided article; the document writes it bare too
    "fr": ["Les films d'{n} ressortent en salle.", "On parle beaucoup de {n} cette année.",
           "Le dernier scénario d'{n} est prêt.", "Une rétrospective du cinéaste {n} commence.",
           "Les lettres de {n} sont publiées.", "Le public attend l'arrivée d'{n} à Cannes."],
    "en": ["The films of {n} return to cinemas.", "A portrait of {n} opens the festival.",
           "Everyone talks of {n} this year.", "The letters of {n} are published."],
}  # fmt: skip
BARE = {"fr": ["{n} tourne un nouveau film.", "Selon {n}, le tournage fut long."],
        "en": ["{n} is shooting a new film.", "According to {n}, the shoot was long."]}  # fmt: skip
LEADING = re.compile(r"^(?:d['’]|l['’]|de |du |des |of |von |di |del |la |le |les |the )", re.I)


def preposed(rng: random.Random) -> Doc:
    lang = rng.choice(["en", "fr"])
    # a given name opening with a vowel makes "d'" elide before it
    name = rng.choice(["A", "E", "I", "O", "U", ""]) + word(rng).lower()
    name = f"{name.capitalize()} {word(rng)}"
    texts = [rng.choice(BARE[lang]).format(n=name)]
    texts += [t.format(n=name) for t in rng.sample(PREPOSED[lang], 2)]
    rng.shuffle(texts)

    def check(found: list[tuple[int, str, str]]) -> str | None:
        for _, mention, _ in found:
            if LEADING.match(mention) and name in mention:
                return f"{mention!r}: the document writes {name!r} bare"
        return None

    return Doc(lang, texts, check)


JUNK = ["+15,2", "👍👍", "🍿", "★★★★☆", "4/5", "12 345", "#1", "—", "+3 %", "💯", "№ 7", "(!)",
        "🎬🎬", "2023–2024", "•••", "½", "9,5/10", "€12", "👏", "🔥🔥🔥"]  # fmt: skip
JUNK_TEXTS = {
    "fr": ["{j} pour {n} !", "{n} : {j}", "{j}", "Note {j} — {n} {j}", "{j} {j} {n}"],
    "en": ["{j} for {n}!", "{n}: {j}", "{j}", "Rating {j} - {n} {j}", "{j} {j} {n}"],
}


def letterless(rng: random.Random) -> Doc:
    lang = rng.choice(["en", "fr"])
    name = person(rng)
    texts = [t.format(j=rng.choice(JUNK), n=name) for t in rng.sample(JUNK_TEXTS[lang], 3)]

    def check(found: list[tuple[int, str, str]]) -> str | None:
        for _, mention, _ in found:
            if not any(c.isalpha() for c in mention):
                return f"{mention!r} has no letter"
        return None

    return Doc(lang, texts, check)


TITLED = {
    "fr": ['le film « {t} »', 'le film "{t}"', "*{t}*", "_{t}_", "le film {t}",
           "le long métrage {t}", "le documentaire {t}", "“{t}”"],
    "en": ['the film "{t}"', "the movie {t}", "*{t}*", "_{t}_", "the film {t}",
           "the documentary {t}", "“{t}”", "'{t}'"],
}  # fmt: skip
TITLE_TEXTS = {
    "fr": ["{n} présente {s} au festival.", "On a revu {s} hier soir avec {n}."],
    "en": ["{n} presents {s} at the festival.", "We saw {s} last night with {n}."],
}
TITLE_BARE = {
    "fr": ["{t} a remporté le prix du jury.", "Le public a adoré {t}.", "{n} a réalisé {t}.",
           "Avec {t}, {n} signe son meilleur travail."],
    "en": ["{t} won the jury prize.", "The audience loved {t}.", "{n} directed {t}.",
           "With {t}, {n} does her best work."],
}  # fmt: skip


def titled(rng: random.Random) -> Doc:
    lang = rng.choice(["en", "fr"])
    title = word(rng) if rng.random() < 0.5 else f"{word(rng)} {word(rng)}"
    name = person(rng)
    shown = rng.choice(TITLED[lang]).format(t=title)
    texts = [rng.choice(TITLE_TEXTS[lang]).format(n=name, s=shown)]
    texts += [t.format(t=title, n=name) for t in rng.sample(TITLE_BARE[lang], 2)]
    rng.shuffle(texts)

    def check(found: list[tuple[int, str, str]]) -> str | None:
        for _, mention, label in found:
            if mention == title and label == "PERSON":
                return f"{title!r}, a title in {shown!r}, read as a person"
        return None

    return Doc(lang, texts, check)


CUED = {
    "fr": ["La société {c} annonce un nouveau film.", "Le distributeur {c} sort le film en mai.",
           "Le studio {c} a racheté les droits.", "La maison de production {c} recrute."],
    "en": ["The company {c} announced a new film.", "The distributor {c} releases it in May.",
           "The studio {c} bought the rights.", "The label {c} signed the band."],
}  # fmt: skip
CUED_BARE = {
    "fr": ["{c} a signé avec {n}.", "Selon {c}, le tournage commence en juin.",
           "{c} annonce une hausse de ses recettes."],
    "en": ["{c} signed {n}.", "According to {c}, the shoot starts in June.",
           "{c} reported higher revenue."],
}  # fmt: skip


def cued(rng: random.Random) -> Doc:
    """A company a role noun types once ("la société X Y"), named bare elsewhere in the
    document: never a person there (the role noun outranks the model's guess)."""
    lang = rng.choice(["en", "fr"])
    company, name = person(rng), person(rng)  # a company's name shaped like a person's
    texts = [rng.choice(CUED[lang]).format(c=company)]
    texts += [t.format(c=company, n=name) for t in rng.sample(CUED_BARE[lang], 2)]

    def check(found: list[tuple[int, str, str]]) -> str | None:
        for _, mention, label in found:
            if mention == company and label == "PERSON":
                return f"{company!r}, typed by a role noun in {texts[0]!r}, read as a person"
        return None

    return Doc(lang, texts, check)


CLASSES = {"separators": separated, "prepositions": preposed, "letters": letterless,
           "titles": titled, "cued": cued}  # fmt: skip
PER_CLASS = 80
STAGE = Extract(fields=["text"])


def failures() -> dict[str, list[str]]:
    """Each class's faults, over `PER_CLASS` generated documents of it (seeded)."""
    docs: list[tuple[str, Doc]] = []
    for name, make in CLASSES.items():
        rng = random.Random(f"{name}-31")
        docs += [(name, make(rng)) for _ in range(PER_CLASS)]
    records = [
        Record(f"{i}:{j}", str(i), "<gen>", j, text, lang=doc.lang)
        for i, (_, doc) in enumerate(docs)
        for j, text in enumerate(doc.texts)
    ]
    records = list(STAGE(records))
    found: dict[str, list[tuple[int, str, str]]] = {}
    for r in records:
        found.setdefault(r.doc_id, []).extend(
            (r.seq, e.text, e.label) for e in r.entities if e.field == "text"
        )
    out: dict[str, list[str]] = {name: [] for name in CLASSES}
    for i, (name, doc) in enumerate(docs):
        fault = doc.check(found.get(str(i), []))
        if fault:
            out[name].append(fault)
    return out


def test_generated_mentions_are_one_name_each() -> None:
    found = failures()
    counts = Counter({name: len(faults) for name, faults in found.items()})
    assert not +counts, (counts, {n: f[:3] for n, f in found.items() if f})
