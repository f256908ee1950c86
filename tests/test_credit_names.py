"""A credit line's names, whole, after its label (hostile47 G2, G3; rule `credit_names`).

Generated from one table: a person's credit label in each language the project translates
("Réalisation", "Cinematography", "Guion", "Montagem", "Guió") or a director's credit words
("A film by", "Un film d'"), every separator the credit grammar knows (colon, thin-space
colon, tab, tab and no-break space, dash, leader dots, cell border), a list's mark or number
at times, then one to three invented names with particles ("de la", "van", "von", "du", "d'",
"Le", "O'"), initials ("B. J.", "M. C.", "J.-P.") or hyphens, joined by commas and the
language's coordinator. Whatever span the model drew (none, the first name alone, the name
cut at its particle with a place after, the whole name a place or a company, the label and
the name together), each name is one PERSON mention, whole. In a translation, whose label
the engine renders as no role ("Montagem" → "Setting"), the original's label decides."""

from __future__ import annotations

import random

from pipeline.credit_names import credit_line_names, credit_spans, credited_runs
from pipeline.record import Entity, Record, Translation
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job

SYLLABLES = ["ker", "lan", "vau", "ros", "bel", "gou", "tre", "mor", "sal", "quin", "dar", "pel"]
ENDINGS = ["ec", "oz", "ière", "and", "ès", "ot", "el", "ac"]
FIRST = ["Ysolde", "Fergus", "Maëlys", "Iñaki", "Orla", "Gaspard", "Nuria", "Anne-Sophie"]
PARTICLES = ["", "", "de ", "de la ", "du ", "van ", "von ", "d'", "Le ", "O'"]
INITIALS = ["", "", "", "B. J. ", "M. C. ", "J.-P. "]
# language → (person labels, coordinator, the label its translation may render as no role)
LABELS: dict[str, tuple[list[str], str, str]] = {
    "fr": (["Réalisation", "Scénario", "Image", "Montage", "Son", "Musique originale"], "et", ""),
    "en": (["Director", "Cinematography", "Screenplay", "Original Score", "Editor"], "and", ""),
    "es": (["Dirección", "Guion", "Fotografía", "Montaje"], "y", "Setting"),
    "ca": (["Direcció", "Guió", "Fotografia", "Muntatge"], "i", "Address"),
    "pt": (["Realização", "Argumento", "Fotografia", "Montagem"], "e", "Setting"),
}
OPENERS = {"fr": "Un film de ", "en": "A film by ", "es": "Una película de ",
           "ca": "Una pel·lícula de ", "pt": "Um filme de "}  # fmt: skip
SEPARATORS = [" : ", ": ", "\u202f: ", "\t", "\t\u00a0", " — ", " .......... ", " | "]
LEADS = ["", "", "• ", "– ", "1. ", "•\u00a0", "▸\t"]


def surname(rng: random.Random) -> str:
    """An invented surname, hyphenated at times."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() + rng.choice(ENDINGS)
    if rng.random() < 0.2:
        word += "-" + rng.choice(SYLLABLES).capitalize() + rng.choice(ENDINGS)
    return word


def name(rng: random.Random) -> str:
    """An invented name: initials or a first name, a particle at times, a surname."""
    given = rng.choice(INITIALS) or rng.choice(FIRST) + " "
    return f"{given}{rng.choice(PARTICLES)}{surname(rng)}"


def credit_line(lang: str, rng: random.Random) -> tuple[str, list[str]]:
    """A credit line of `lang` and the names it gives."""
    labels, joiner, _ = LABELS[lang]
    names = [name(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}"
    if rng.random() < 0.15:
        return OPENERS[lang] + listed, names
    return rng.choice(LEADS) + rng.choice(labels) + rng.choice(SEPARATORS) + listed, names


def drawn(text: str, line: str, names: list[str], rng: random.Random) -> list[tuple[int, int, str]]:
    """What a model drew over the line: nothing, first names alone, each name cut at its
    particle (a place after), each name whole as a place or company, the line as one."""
    at = text.index(line)
    spans = []
    reading = rng.randrange(5)
    if reading == 4:
        return [(at, at + len(line), "PER")]
    for n in names:
        start = at + line.index(n)
        words = n.split()
        if reading == 1:
            spans.append((start, start + len(words[0]), "PER"))
        elif reading == 2 and len(words) > 2:
            spans.append((start, start + len(words[0]), "PER"))
            last = n.rindex(words[-1])
            spans.append((start + last, start + len(n), "LOC"))
        elif reading == 3:
            spans.append((start, start + len(n), rng.choice(["LOC", "ORG", "MISC"])))
    return spans


PROSE = {"fr": "Le film sort le 3 mai.", "en": "The film opens on 3 May."}


def faults(rules: Rules, count: int = 60) -> tuple[int, list[tuple[str, object]]]:
    """Generated credit lines of each language read from the text (fr, en: the languages
    with NER) and every name looked for, one PERSON mention, whole."""
    rng = random.Random("h48-credit-names")
    out: list[tuple[str, object]] = []
    cases = 0
    for n in range(count):
        lang = ("fr", "en")[n % 2]
        line, names = credit_line(lang, rng)
        text = f"{PROSE[lang]}\n{line}\n{PROSE[lang]}"
        record = Record("r", "d", "<gen>", 0, text, lang=lang)
        with using(rules):
            got = Extract(fields=["text"])._entities(
                drawn(text, line, names, rng), Job(text, record, "text")
            )
        for wanted in names:
            cases += 1
            if (wanted, "PERSON") not in [(e.text, e.label) for e in got]:
                out.append((line, [(e.text, e.label) for e in got]))
    return cases, out


def test_a_credit_lines_names_are_whole_people() -> None:
    """hostile47 G3: 60 generated lines, 101 names; on main 95 faults (a name cut at its
    particle, initials or "O'" read as no name, a first name alone, a place), none after."""
    cases, found = faults(Rules.default())
    assert cases == 101
    assert not found, (len(found), found[:4])


def translated_faults(rules: Rules) -> tuple[int, list[tuple[str, object]]]:
    """es, ca, pt credit lines whose translation renders the label as no role, the names
    carried as written and read as a company or place: the original's label decides."""
    rng = random.Random("h48-credit-translated")
    out: list[tuple[str, object]] = []
    cases = 0
    for lang in ("es", "ca", "pt") * 8:
        line, names = credit_line(lang, rng)
        label = line.split(":")[0].split("\t")[0].split(" — ")[0]
        rendered = line.replace(label, LABELS[lang][2], 1) if ":" in line else line
        rendered = rendered.replace(f" {LABELS[lang][1]} ", " and ")
        record = Record("r", "d", "<gen>", 0, line, lang=lang)
        record.translation = Translation(rendered, "en", "test")
        spans = [(rendered.index(n), rendered.index(n) + len(n), "ORG") for n in names]
        with using(rules):
            got = Extract(fields=["translation"])._entities(
                spans, Job(rendered, record, "translation")
            )
        for wanted in names:
            cases += 1
            if (wanted, "PERSON") not in [(e.text, e.label) for e in got]:
                out.append((line, [(e.text, e.label) for e in got]))
    return cases, out


def test_a_credit_lines_names_are_people_in_its_translation() -> None:
    """hostile47 G3 (es/ca/pt names ORG or cut in the translation): 24 lines, 35 names; on
    main 35 faults, none after."""
    cases, found = translated_faults(Rules.default())
    assert cases >= 24
    assert not found, (len(found), found[:4])


def test_a_language_without_ner_guesses_a_credits_names_whole() -> None:
    """The name guard's runs in a language without NER: "Jordi du Braarrard" whole, so
    the engine does not translate its particle ("du" → "takes")."""
    text = "Guió : Jordi du Braarrard i Zoé O'Verouzel"
    guessed = [Entity("Jordi", "MISC", 7, 12), Entity("Braarrard", "MISC", 16, 25)]
    got = [e.text for e in credited_runs(text, "ca", guessed)]
    assert got == ["Jordi du Braarrard", "Zoé O'Verouzel"]


def test_the_name_guard_reads_credit_lines_as_the_mentions_do() -> None:
    """One reader of credit lines (h49, issue 31 item 2): the name guard's (`credit_spans`,
    the names it carries in a language with NER) is the mentions' (`credit_line_names`), and
    reads a line of several credits too. 1,000 generated credit lines (1,628 names): the
    guard's own reader (`cast_lines.credit_names`, main) read 311 names whole (a list's mark,
    a director's credit words, a label of another language, a tab and a no-break space, the
    Catalan "i" escaped it), the one reader 1,628."""
    rng = random.Random("h49-readers")
    missed = []
    for lang in LABELS:
        for _ in range(200):
            line, names = credit_line(lang, rng)
            got = [line[s:e] for s, e in credit_spans(line, lang)]
            assert got == [line[s:e] for s, e, _ in credit_line_names(line, lang)]
            missed += [(line, n) for n in names if n not in got]
    assert not missed, (len(missed), missed[:4])
    for line in ["Image : Orla Kerlanec · Son : Fergus Belvauot",
                 "MUSIQUE : ORLA KERLANEC ET FERGUS BELVAUOT"]:  # fmt: skip
        assert [line[s:e] for s, e in credit_spans(line, "fr")] == (
            ["Orla Kerlanec", "Fergus Belvauot"] if line[1].islower()
            else ["ORLA KERLANEC", "FERGUS BELVAUOT"]
        )  # fmt: skip


def test_prose_after_a_colon_is_no_credit() -> None:
    """A sentence after a label-like opening is no list of names: nothing added."""
    text = "Le président : la France et Berlin signent."
    record = Record("r", "d", "<gen>", 0, text, lang="fr")
    with using(Rules.default()):
        got = Extract(fields=["text"])._entities(
            [(text.index("France"), text.index("France") + 6, "LOC")], Job(text, record, "text")
        )
    assert [(e.text, e.label) for e in got] == [("France", "LOC")]


# a press kit's sentences, each language's: the document's language
SENTENCES = {
    "en": "A lighthouse keeper takes in a child who came from the sea. The film opens in May.",
    "fr": "Une gardienne de phare recueille un enfant venu de la mer. Le film sort en mai.",
    "es": "Una guardiana de faro acoge a un niño venido del mar. La película se estrena en mayo.",
    "pt": "Uma guardiã de farol acolhe uma criança vinda do mar. O filme estreia em maio.",
    "ca": "Una guardiana de far acull un nen vingut del mar. La pel·lícula s'estrena al maig.",
}
JOBS = {"en": "screenplay", "fr": "montage", "es": "montaje", "pt": "fotografia",
        "ca": "muntatge"}  # fmt: skip
PARTICLED = ["de la ", "d'", "van ", "von ", "du "]


def language_faults() -> tuple[int, list[tuple[str, str, str]]]:
    """Credit lines whose names carry a particle (de la, d', van, von, du), in a document of
    each language: a label line, a name alone (a crawl), a name then a job after a comma."""
    rng = random.Random("h48-g2")
    from pipeline.stages.detect import Detect

    stage = Detect()
    out: list[tuple[str, str, str]] = []
    cases = 0
    for k, lang in enumerate(sorted(SENTENCES) * 2):
        labels = LABELS[lang][0]
        names = [f"{rng.choice(FIRST)} {rng.choice(PARTICLED)}{surname(rng)}" for _ in range(3)]
        credits = [f"{rng.choice(labels)} : {names[0]}", names[1], f"{names[2]}, {JOBS[lang]}"]
        texts = [SENTENCES[lang], *credits, SENTENCES[lang]]
        doc = [Record(f"d{k}:{i}", f"d{k}", f"d{k}.txt", i, t) for i, t in enumerate(texts)]
        for r in list(stage(doc))[1:-1]:
            cases += 1
            if r.lang != lang:
                out.append((r.text, r.lang, lang))
    return cases, out


def test_a_particle_is_no_evidence_of_a_language() -> None:
    """hostile47 G2: 30 generated credit lines in 10 documents of 5 languages; on main 6
    read in another language (a name alone "X de la Y" or "X d'Y" French or Catalan, "X von
    Y, fotografia" Catalan in a Portuguese kit, "Original Score : X de la Y" French), none
    after."""
    cases, found = language_faults()
    assert cases == 30
    assert not found, (len(found), found[:4])


def initials_faults() -> tuple[int, list[tuple[str, str]]]:
    """Names opening on two initials, the first one "M." ("M. C. X", "M.-A. K. X"): the name
    guard carries the whole name, no "M." read as "Monsieur" and translated "Mr."."""
    from pipeline.engines.translate.name_guard import NameGuard

    guard = NameGuard("en", True, None, frozenset({"en", "fr"}))
    rng = random.Random("h48-initials")
    out: list[tuple[str, str]] = []
    for first in ("M.", "M.-A.", "J.-P.", "A."):
        for second in ("C.", "K.", "B."):
            name = f"{first} {second} {surname(rng)}"
            text = f"Son\t{name}"
            entity = Entity(name, "PERSON", 4, 4 + len(name))
            carried = text[guard._head_start(entity, text, "fr") : entity.end]
            if carried != name:
                out.append((name, carried))
    return 12, out


def test_two_initials_are_no_title() -> None:
    """hostile47 G3 ("Son<TAB>M. C. X" → translation "Mr. C. X", mention "C. X"): 12
    generated names; on main 3 faults (those opening on "M. "), none after. "M. Dupont"
    keeps its title apart."""
    _, found = initials_faults()
    assert not found, found
    from pipeline.engines.translate.name_guard import NameGuard

    guard = NameGuard("en", True, None, frozenset({"en", "fr"}))
    text = "Musique : M. Dupont"
    entity = Entity("M. Dupont", "PERSON", 10, 19)
    assert text[guard._head_start(entity, text, "fr") : 19] == "Dupont"
