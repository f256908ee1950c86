"""Quotations inside a record: what they are, the text around them, and which of them are in
another language than the record (`meta.quotes`: `[start, end, lang]`, offsets into the text),
so that language ID judges a record by its own words and translation keeps a foreign quotation
as written. So are the paragraphs, lines and sentences of a record of several (`paragraphs`,
`sentences`): each is in its own language.

Quotation marks of the languages the pipeline reads: « » and ‹ › (French), “ ” and ‘ ’
(English), „ “ / „ ” and ‚ ‘ (German, Polish...), » « (German, Danish), ” ” (Swedish,
Finnish), 「 」 and 『 』 (Japanese, Chinese), and straight " " and ' '. A single quote is also
an apostrophe (l'homme, don't, the actors' union), so a single-quoted passage opens on a quote
that no letter or figure precedes, closes on one that no letter or figure follows, and holds
apostrophes only between two letters. Every pattern stops at the next mark of its kind, so a
scan from each opening is bounded by the distance to the next mark: linear on any text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import regex

from pipeline.engines.langid.base import LanguageDetector, best
from pipeline.engines.langid.lexicon_engine import zipf
from pipeline.engines.translate.guard import title_spans
from pipeline.engines.translate.name_guard import CONNECTIVES, name_particles
from pipeline.record import UNDETERMINED, Record
from pipeline.words import count_words

QUOTE_WORDS = 3  # a quotation this long is judged on its own
PARAGRAPH_WORDS = 5  # a paragraph of a text of several, this long, is judged on its own
# A line or a sentence of a text of several is judged on its own when this long, and noted only
# when language ID is this sure of it (issue 30, item 4: an English sentence after a French one,
# on the next line or in a list, came out "Venue channel ABC … has stretcher"). Measured on
# mixed records made from the news and Tatoeba dev pairs and on French records of 2-3 dev
# sentences (tests/test_sentence_languages.py).
SENTENCE_WORDS = 3
SENTENCE_SCORE = 0.9
OWN_MARGIN = 1.0  # Zipf: ten times more frequent in the record's language (`holds_words_of`)
SENTENCE_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+")
# A blank line between two paragraphs: started only at a line break (linear under finditer)
BLANK_LINE = regex.compile(r"\n(?:[^\S\n]*+\n)+")
# A sentence's end inside a line: its mark (and a closing quote or bracket), blanks, and a next
# sentence that does not open in lower case ("… en 2012. Local channel …"). An abbreviation
# ("M. Dupont") cuts a piece too short to be judged. Possessive: linear on any run.
SENTENCE_CUT = regex.compile(r"[.!?…]['\"»”’)]*+[^\S\n]++(?=[^\p{Ll}\s])")
QUOTATION = regex.compile(
    r"«(?P<q>[^«»]+)»|»(?P<q>[^«»]+)«|“(?P<q>[^“”]+)”|”(?P<q>[^“”]+)”|„(?P<q>[^„“”]+)[“”]"
    r'|"(?P<q>[^"]+)"|‹(?P<q>[^‹›]+)›|「(?P<q>[^「」]+)」|『(?P<q>[^『』]+)』'
    r"|(?<![\p{L}\p{N}])‘(?P<q>(?:[^‘’]|(?<=\p{L})’(?=\p{L}))+)(?<=\S)’(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}])‚(?P<q>(?:[^‚‘’]|(?<=\p{L})’(?=\p{L}))+)(?<=\S)‘(?![\p{L}\p{N}])"
    r"|(?<![\p{L}\p{N}'])'(?=\S)(?P<q>(?:[^'\n]|(?<=\p{L})'(?=\p{L}))+)(?<=\S)'(?![\p{L}\p{N}])"
)


def outside_quotations(text: str) -> str | None:
    """The text with its quotations blanked out, or None when it has none."""
    if not QUOTATION.search(text):
        return None
    return QUOTATION.sub(" ", text)


def says_something(frame: str) -> bool:
    """Whether the words around quotations can tell a language: not when they are only
    names (a capitalised word says who speaks, not in which language: `Godard : « … »`)."""
    return any(
        word[:1].isalpha() and not word[:1].isupper()
        for word in (token.strip("“”«»‘’„…–—¿¡.,;:!?()[]'\"-") for token in frame.split())
    )


# A title's words: a capitalised word or a figure, and the lower-case words a name may hold
# between them (`name_guard.name_particles`: "Le Bonheur des Dames", "Cléo de 5 à 7", "The
# Lord of the Rings"), but a conjunction, which joins two names ("X and Y"): the frame's.
TITLE_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*+|\d++")
CONJUNCTIONS = frozenset({"and", "et", "y", "e"}) & CONNECTIVES
# Where a title run may start: a capitalised word, short lower-case words, then a capital or a
# figure one space apart (started at a word's start only, possessive: linear).
TITLE_PAIR = regex.compile(
    r"(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}'’-]*+(?: \p{Ll}{1,5}+)*+ [\p{Lu}\d]"
)
SENTENCE_END = regex.compile(r"[.!?…][\"'”»)\]]*+\s*+$")


def title_runs(text: str) -> list[tuple[int, int]]:
    """Runs of a title's or a name's words one space apart, from a capitalised word to a
    capitalised word or a figure, holding two capitalised words ("Les Misérables", "Marcel
    Carné") or one and a figure ("Cléo de 5 à 7", "Windows 10"). A word in capitals is an
    abbreviation ("XPM", "DNS"), no title's; in a sentence (the text ends as one does), the
    first word is capitalised by its place and does not count ("Este Tom un actor?"). One
    pass over the words."""
    inside = name_particles() - CONJUNCTIONS
    sentence = SENTENCE_END.search(text) is not None
    runs: list[tuple[int, int]] = []
    start = end = last = -1  # the run's start, its last title word's end, the last word's end
    capitals = figures = 0

    def close() -> None:
        if start >= 0 and (capitals >= 2 or (capitals and figures)):
            runs.append((start, end))

    for index, match in enumerate(TITLE_WORD.finditer(text)):
        word = match[0]
        joined = start >= 0 and text[last : match.start()] == " "
        capital = word[0].isupper() and (len(word) == 1 or not word.isupper())
        if capital or word[0].isdigit():
            if not joined:
                close()
                start, capitals, figures = (match.start(), 0, 0) if capital else (-1, 0, 0)
            if start >= 0:
                end = match.end()
                capitals += capital and not (index == 0 and sentence)
                figures += word[0].isdigit()
        elif not (joined and word in inside):
            close()
            start = -1
        last = match.end()
    close()
    return runs


def outside_titles(text: str) -> str | None:
    """The text with its titles blanked out, those in quotation marks (`guard.title_spans`)
    and those written in capitals (`title_runs`), and its tokens without a letter ("(1959)"),
    or None when it has no title: a title is no evidence of the language of the record that
    carries it."""
    runs = title_runs(text) if TITLE_PAIR.search(text) is not None else []
    spans = [*title_spans(text), *runs]
    if not spans:
        return None
    pieces, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            pieces += [text[at:start], " "]
            at = end
    around = "".join(pieces) + text[at:]
    # a year or a number beside a title ("(1959)") is no word either
    return " ".join(t for t in around.split() if any(c.isalpha() for c in t))


def passages(text: str) -> list[tuple[int, int]]:
    """The quotations long enough (`QUOTE_WORDS`) to be judged on their own, then the
    paragraphs (`paragraphs`): (start, end). Lines and sentences: `sentences`."""
    quoted = [m.span("q") for m in QUOTATION.finditer(text) if count_words(m["q"]) >= QUOTE_WORDS]
    return quoted + paragraphs(text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of a text of several (blocks apart by a blank line) long enough
    (`PARAGRAPH_WORDS`) to be judged on their own: each is in its own language (issue 30,
    item 4), so one in another language than the record is kept as a foreign quotation is
    (a French record's English paragraph is not English read as French)."""
    starts = [0, *(m.end() for m in BLANK_LINE.finditer(text))]
    ends = [m.start() for m in BLANK_LINE.finditer(text)] + [len(text)]
    if len(starts) < 2:
        return []
    return [
        (start, end) for start, end in zip(starts, ends, strict=True)
        if count_words(text[start:end]) >= PARAGRAPH_WORDS
    ]  # fmt: skip


def sentences(text: str) -> list[tuple[int, int]]:
    """The lines, and the sentences of each line, of a text of several, each long enough
    (`SENTENCE_WORDS`) to be judged on its own: a French record's English sentence, in the same
    paragraph or on the next line, is in its own language as an English paragraph is. A piece
    that is the whole text, or the whole of the line it stands in, is given once."""
    out: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        cuts = [m.end() for m in SENTENCE_CUT.finditer(line)]
        pieces = [(start, end)] if (start, end) != (0, len(text)) else []
        if cuts:
            bounds = [0, *cuts, len(line)]
            pieces += [(start + a, start + b) for a, b in pairwise(bounds) if a < b]
        out += [(a, b) for a, b in pieces if count_words(text[a:b]) >= SENTENCE_WORDS]
        start = end + 1
    return out


# A record, one of its passages, and whether that passage is a line or a sentence (`sentences`).
Asked = list[tuple[Record, tuple[int, int], bool]]


def quoted_passages(records: Sequence[Record]) -> Asked:
    """The passages of records with a language that language ID must judge: a batch without
    one needs no language-ID model at all (`stages/quotes.py` loads it only then)."""
    asked: Asked = []
    for record in (r for r in records if r.lang):
        spans = passages(record.text)
        asked += ((record, span, False) for span in spans)
        seen = set(spans)
        asked += ((record, s, True) for s in sentences(record.text) if s not in seen)
    return asked


def note_foreign_quotations(
    records: Sequence[Record], detector: LanguageDetector, threshold: float
) -> None:
    """Note in `meta.quotes` each quotation confidently in another language than its record's."""
    note_foreign(quoted_passages(records), detector, threshold)


def note_foreign(asked: Asked, detector: LanguageDetector, threshold: float) -> None:
    """`note_foreign_quotations` for passages already found (`quoted_passages`). A line or a
    sentence needs more: `SENTENCE_SCORE`, and no word of its record's language
    (`holds_words_of`)."""
    if not asked:
        return
    answers = detector.distributions([record.text[a:b] for record, (a, b), _ in asked])
    found: dict[int, tuple[Record, list[list[int | str]]]] = {}
    for (record, (start, end), sentence), dist in zip(asked, answers, strict=True):
        lang, score = best(dist)
        if lang in (UNDETERMINED, record.lang) or score < threshold:
            continue
        own = record.lang or UNDETERMINED
        if sentence and (
            score < SENTENCE_SCORE or holds_words_of(record.text[start:end], own, lang)
        ):
            continue
        found.setdefault(id(record), (record, []))[1].append([start, end, lang])
    for record, spans in found.values():  # a quotation inside a foreign paragraph goes with it
        record.meta.setdefault("quotes", []).extend(outermost(spans))


def holds_words_of(text: str, own: str, other: str) -> bool:
    """Whether a sentence holds a word written in lower case (a capitalised one may be a name
    or a term) that is far more frequent in `own` than in `other` (`OWN_MARGIN`, wordfreq's
    Zipf scale): language ID reads "Sortir d'une boucle for, while, until ou select." or "Mode
    inondation (flood ping)." as English, yet "une", "boucle", "ou", "inondation" are French
    words; "Are you awake yet?" holds none."""
    return any(
        zipf(word, own) >= zipf(word, other) + OWN_MARGIN
        for word in SENTENCE_WORD.findall(text)
        if word.islower()
    )


def outermost(spans: list[list[int | str]]) -> list[list[int | str]]:
    """The spans (`[start, end, lang]`) inside no other one (two equal ones are each
    inside the other), in text order. One sweep by start, the longest first, keeping the
    furthest end so far: a span is inside an earlier one exactly when that end reaches its
    own (a record of thousands of sentences compared them pairwise: h49 E16, quadratic)."""
    ordered = sorted(spans, key=lambda q: (int(q[0]), -int(q[1])))
    twice = Counter((int(q[0]), int(q[1])) for q in spans)
    out: list[list[int | str]] = []
    reach = -1
    for span in ordered:
        start, end = int(span[0]), int(span[1])
        if reach < end and twice[start, end] == 1:
            out.append(span)
        reach = max(reach, end)
    return out
