"""Frozen tokens opening a sentence, held apart from it: the engine gets the sentence alone.

A reply opens with a handle ("@marie je peux vérifier votre température ?"), a post with a
hashtag, a note with a clock time, a version, inline code, a link or an emoji. Masked
(`guard.py`), the token becomes the sentence's first word, and what reads a sentence from
its first word reads it as a word: `spa-eng` writes the subject the Spanish pivot dropped
only for a verb opening its sentence ("Puedo verificar" → "I can verify", "XNAMEAX puedo
verificar" → "XNAMEAX can verify": the token taken for the subject); `subjects.py` takes a
capitalised unknown word before "il" for a subject already written; `questions.py` finds
no subject pronoun opening the question. Measured (`tests/test_frozen_openers.py`, and dev
sentences opening with a subject pronoun or a question, each after a token of every class):
183 of 320 lost their subject or question form.

So a run of such tokens (and of emoji, masked as tokens where they open a sentence:
`symbol_openers`) opening a sentence, followed by a blank and a word, is carried as written
and the rest of the text goes to the engine as a text of its own, its first letter in upper
case as a sentence's: the translation is the bare sentence's, the tokens put back. The
word after them gets the source's case back as after any token (`protect.unmask`: "can I
verify", "Tom and Mary": the target's capitals stay).

Not when the token is the sentence's subject: the words after it, the first in lower case
(at most a clitic and a negation, then a verb), read by the route's analyser as a verb of the
third person ("@marie est malade", "#JO2024 commence demain", "`ls` affiche les fichiers":
cut off, `spa-eng` would write "It is ailing"), the reading `names.opens_as_subject` gives a
name opening a sentence. A capital on the word after the tokens is the writer's own mark of
a sentence's start: cut without asking ("ABC-123 Ahora es tarde" reads "Now it is late", as
alone; h49 T1/T19). An engine without an analyser gives no such evidence, and its texts go
whole: nothing is cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.chain import Outcome
from pipeline.engines.translate.guard import ORDINAL
from pipeline.engines.translate.inversion import SUBJECTS, agree, agreements
from pipeline.engines.translate.names import UNIT, opens_as_subject, opens_as_verb
from pipeline.engines.translate.protect import SEPARATORS
from pipeline.entities import at_sentence_start

CHUNK = re.compile(r"\S+")
INTERROGATIVE = "<itg>"
# The words after a token the analyser reads to say whether the token is their subject: a
# clitic, a negation, then the verb ("@x ne lui parle").
CONTEXT_WORDS = 3
WORDS = re.compile(
    rf"[^\W\d_][\w'’-]*(?:[ \u00a0\u202f]+[^\W\d_][\w'’-]*){{0,{CONTEXT_WORDS - 1}}}"
)
# What stands for the token when the analyser reads the words after it: a word it does not
# know, as a token is ("*XNAMEAX").
STAND_IN = "XNAMEAX"
# Characters of an emoji or a symbol: a symbol, and what joins or modifies one (ZWJ,
# variation selectors, skin tones, keycaps, tag characters).
SYMBOLIC = frozenset({"So", "Sk", "Mn", "Me", "Cf"})
# Any symbol (category So) of the Basic Multilingual Plane, and the planes' emoji blocks: a
# text without one holds no emoji chunk (one scan, in C).
SYMBOL = re.compile(
    "["
    + re.escape("".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "So"))
    + "\U0001f000-\U0001faff]"
)


def symbolic(chunk: str) -> bool:
    """Whether a whitespace-separated chunk is emoji or symbols only ("😀", "👍🏽", "★")."""
    categories = [unicodedata.category(c) for c in chunk]
    return "So" in categories and all(c in SYMBOLIC for c in categories)


def opens(text: str, start: int) -> bool:
    """Whether the chunk at `start` opens a sentence: the text's start, a line's, or after a
    sentence's end (`entities.at_sentence_start`)."""
    return start == 0 or at_sentence_start(text, start) or "\n" in text[start - 1 : start]


def symbol_openers(text: str, frozen: Collection[tuple[int, int]]) -> list[tuple[int, int]]:
    """The emoji chunks of `text` in a run of emoji and `frozen` chunks (blanks between) that
    opens a sentence: frozen as tokens too, so the sentence after them is held apart like
    the one after a handle. One pass over the chunks."""
    out: list[tuple[int, int]] = []
    if SYMBOL.search(text) is None:
        return out
    run = False  # the chunk before is in a run opening a sentence (only blanks between)
    for match in CHUNK.finditer(text):
        chunk = match[0].rstrip(SEPARATORS)  # "😀, je peux": a separator after it
        span = (match.start(), match.start() + len(chunk))
        emoji = bool(chunk) and symbolic(chunk)
        if emoji or span in frozen:
            run = run or opens(text, match.start())
            if run and emoji:
                out.append(span)
        elif chunk or not run:
            run = False
    return out


def opened_words(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Where a word starts right after a run of `spans` (frozen tokens and emoji, sorted,
    not overlapping) that opens a sentence, each perhaps followed by a separator
    (`protect.SEPARATORS`): that word is the sentence's first, as it is when the sentence
    is sent alone (`cuts`), and a name there needs the evidence a sentence's first word
    needs ("ISO-9001 Un chat", "👍 Todo ocurrió": no "Un", no "Todo"). A word opened by
    "¿" or "¡" counts from that mark. One pass over the chunks and the spans."""
    out: set[int] = set()
    if not spans:
        return frozenset()
    at = 0  # the first span not ending before the chunk
    run = False  # the chunks before, back to a sentence's start, are all tokens
    for match in CHUNK.finditer(text):
        core = match[0].rstrip(SEPARATORS)
        start, end = match.start(), match.start() + len(core)
        while at < len(spans) and spans[at][1] < end:
            at += 1
        token = bool(core) and at < len(spans) and spans[at][0] <= start
        if token:
            run = run or opens(text, start)
            continue
        if run and not core:
            continue  # a separator standing apart: "@marie : je peux"
        if run and core.lstrip("¿¡")[:1].isalpha():
            out.add(start)
        run = False
    return frozenset(out)


def numbered(text: str) -> list[tuple[int, int, int]]:
    """Where a sentence opens on an ordinal the engine translates ("2e", "4ème", "1st": not
    frozen, `guard.ORDINAL`) and a capitalised word after a blank: (the ordinal's start, its
    end, the word's start). One pass over the chunks."""
    out: list[tuple[int, int, int]] = []
    before: tuple[int, int] | None = None  # an ordinal opening a sentence, the chunk before
    for match in CHUNK.finditer(text):
        if before is not None and match[0][:1].isupper():
            out.append((*before, match.start()))
        before = None
        if ORDINAL.fullmatch(match[0]) and opens(text, match.start()):
            before = match.span()
    return out


@dataclass(frozen=True)
class Piece:
    text: str
    sent: bool  # the engine's to translate; else carried as written


def cuts(text: str, held: Collection[str]) -> list[tuple[int, int]]:
    """Where `text` holds a run of `held` tokens opening a sentence (each perhaps followed by
    a comma, a colon, a semicolon or a dash: `protect.SEPARATORS`), then blanks and a word:
    (the run's start, the word's start). One pass over the chunks."""
    out: list[tuple[int, int]] = []
    start = -1
    for match in CHUNK.finditer(text):
        chunk = match[0].rstrip(SEPARATORS)
        if chunk in held and (start >= 0 or opens(text, match.start())):
            if start < 0:
                start = match.start()
            continue
        if start >= 0 and not chunk:
            continue  # a separator standing apart: "@marie : je peux"
        if start >= 0 and match[0][:1].isalpha():
            out.append((start, match.start()))
        start = -1
    return out


class Openers:
    """Whether the words after an opening token make it their subject, asked of the engine
    once per context (see the module doc)."""

    def __init__(self) -> None:
        self._subject: dict[tuple[str, str], bool] = {}
        # (lang, the words after an ordinal opening a sentence): whether the first is the
        # sentence's verb (`names.opens_as_verb`)
        self._verb: dict[tuple[str, str], bool] = {}

    def pieces(
        self,
        texts: Sequence[str],
        held: Sequence[Collection[str]],
        engine: Translator | None,
        lang: str,
        target: str,
    ) -> list[list[Piece]]:
        """Each text as the pieces it goes in: a run of held tokens opening a sentence (not its
        subject) carried as written, the text after it sent alone, its first letter raised."""
        if engine is None or not engine.analyses_names:
            return [[Piece(t, True)] for t in texts]
        found = [cuts(t, h) if h else [] for t, h in zip(texts, held, strict=True)]
        # a word written with a capital after the tokens opens the sentence by the writer's
        # own mark ("ABC-123 Ahora es tarde", "@Marie Attrape-les"): cut without asking
        contexts = [
            [None if t[word].isupper() else context(t, word) for _, word in c]
            for t, c in zip(texts, found, strict=True)
        ]
        self._ask(engine, {c for cs in contexts for c in cs if c is not None}, lang, target)
        ordinals = [numbered(t) for t in texts]
        verbs = [
            [context(t, word) for _, _, word in n] for t, n in zip(texts, ordinals, strict=True)
        ]
        self._ask_verbs(engine, {v for vs in verbs for v in vs}, lang, target)
        out = []
        for text, spots, words, numbers, after in zip(
            texts, found, contexts, ordinals, verbs, strict=True
        ):
            chosen: list[tuple[int, int, int | None]] = [
                (start, word, None)
                for (start, word), key in zip(spots, words, strict=True)
                # the token is the sentence's subject, or nothing was said
                if key is None or not self._subject.get((lang, key), True)
            ]
            chosen += [
                (start, word, end)
                for (start, end, word), key in zip(numbers, after, strict=True)
                if self._verb.get((lang, key), False)
            ]
            out.append(cut_pieces(text, sorted(chosen)))
        return out

    def _ask_verbs(self, engine: Translator, keys: set[str], lang: str, target: str) -> None:
        """Whether the words after an ordinal opening a sentence open on its verb ("2e
        Savez-vous ce…": the engine reads "2e Savez-vous" as "2nd you Know"; alone, the
        sentence reads "Do you know", the ordinal "2nd"); "2e Régiment" is no verb."""
        todo = sorted(k for k in keys if (lang, k) not in self._verb)
        if not todo:
            return
        try:
            found = engine.analyse(todo, lang, (lang, target))
        except TranslationError:
            return  # not asked: nothing cut, as before
        for key, analysis in zip(todo, found or [], strict=True):
            self._verb[lang, key] = opens_as_verb(analysis)

    def _ask(self, engine: Translator, keys: set[str], lang: str, target: str) -> None:
        todo = sorted(k for k in keys if (lang, k) not in self._subject)
        if not todo:
            return
        try:
            found = engine.analyse([f"{STAND_IN} {k}" for k in todo], lang, (lang, target))
        except TranslationError:
            return  # not asked: nothing cut, as before
        if found is None:
            return
        for key, analysis in zip(todo, found, strict=True):
            self._subject[lang, key] = token_is_subject(analysis)


def cut_pieces(text: str, chosen: Sequence[tuple[int, int, int | None]]) -> list[Piece]:
    """`text` cut at each chosen run (its start, the start of the word after it, and for an
    ordinal its end: the ordinal sent alone), sorted: the runs of tokens carried as written,
    the text between sent, its first letter raised after a cut."""
    pieces: list[Piece] = []
    at = 0
    for start, word, end in chosen:
        if start < at:
            continue
        if text[at:start].strip():
            pieces.append(Piece(raised(text[at:start]) if at else text[at:start], True))
            at = start
        if end is None:
            pieces.append(Piece(text[at:word], False))
        else:
            if at < start:
                pieces.append(Piece(text[at:start], False))
            pieces += [Piece(text[start:end], True), Piece(text[end:word], False)]
        at = word
    return [*pieces, Piece(raised(text[at:]) if at else text[at:], True)]


def token_is_subject(analysis: str) -> bool:
    """Whether the analysis of the stand-in and the words after it reads the stand-in as
    their subject (`names.opens_as_subject`: a verb of the third person after clitics), unless
    the first of them is a subject clitic (`inversion.SUBJECTS`, a closed class of the
    grammar) that agrees with that verb ("on lui a fait" has its subject, which the analyser
    tags as it tags the clitic "se"; "vous a écrit", 2nd person and 3rd, has not), or an
    interrogative ("comment évoluent", "où est": a question opens there)."""
    if not opens_as_subject(analysis):
        return False
    units = [f"^{surface}/{found}$" for surface, found in UNIT.findall(analysis)]
    if len(units) > 1 and INTERROGATIVE in units[1]:
        return False
    if len(units) < 3 or units[1][1:].split("/", 1)[0].lower() not in SUBJECTS:
        return True
    pronoun = agreements(units[1], finite=False)
    return not any(agree(agreements(unit, finite=True), pronoun) for unit in units[2:])


def raised(text: str) -> str:
    """A sentence's text after the tokens cut off it, its first letter in upper case, as the
    engine reads a sentence's start."""
    return text[:1].upper() + text[1:]


def context(text: str, start: int) -> str:
    """The words (at most `CONTEXT_WORDS`) from `start`, the first in lower case: what the
    analyser reads after the token."""
    match = WORDS.match(text, start)
    words = match[0] if match else text[start : start + 1]
    return words[:1].lower() + words[1:]


def joined(pieces: Sequence[Sequence[Piece]], outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Each text's outcome from its sent pieces' (in order, one per sent piece): the pieces
    carried put back between; no translation when one piece has none."""
    answers = iter(outcomes)
    out = []
    for text in pieces:
        if len(text) == 1:
            out.append(next(answers))
            continue
        parts: list[str] = []
        first: Outcome | None = None
        failed: Outcome | None = None
        fell_back: str | None = None
        for piece in text:
            if not piece.sent:
                parts.append(piece.text)
                continue
            outcome = next(answers)
            first = first or outcome
            fell_back = fell_back or outcome.fell_back
            if outcome.text is None:
                failed = failed or outcome
            else:
                parts.append(outcome.text)
        if failed is not None:
            out.append(failed)
        else:
            assert first is not None
            out.append(Outcome("".join(parts), first.engine, None, fell_back, first.translator))
    return out
