"""Names written in capitals inside a mixed-case sentence ("Le maire PIERRE GRAND a signé"):
NER, trained on names in title case, finds none of them whole, and the engine reads them as
words ("PIERRE BIG"). A run of two or more words in capitals is a candidate; it is carried when
something says it is a name (never a list of names):

- the knowledge base holds it, in any case;
- the document writes it another way: an NER mention or a capitalised run of one of its
  records, compared case-folded ("Marché Lebois ... MARCHÉ LEBOIS");
- the engine's analyser reads a word of it, written in title case, as a proper noun or does
  not know it (`Pierre` `<np><ant>`, `Roux` `*Roux`); capitals over common words only
  ("SORTIE DE SECOURS") are translated.

Without an analyser (an online engine) a candidate is carried: capitalisation is then the
only evidence, as for a language without NER.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from pipeline.engines.translate.names import PROPER, UNIT

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
SENTENCE = re.compile(r"[^.!?\n]+")
# Blanks a name's words may stand apart by (one each): a space, a no-break space.
BETWEEN = frozenset({" ", "\u00a0"})


def capital_runs(text: str) -> list[tuple[int, int]]:
    """Runs of two or more words written in capitals (two letters or more each), or of one
    or more and a word in title case after them ("X Rose", `surname_first`), one blank apart,
    in a sentence that holds a lower-case word (a headline in capitals is no name). One pass
    over the words and one over the sentences."""
    sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(text)]
    mixed = [any(w.islower() for w in WORD.findall(text, s, e)) for s, e in sentences]
    starts = [s for s, _ in sentences]
    runs: list[tuple[int, int]] = []
    start = end = -1
    count = 0

    def close() -> None:
        if count >= 2:
            at = bisect.bisect_right(starts, start) - 1
            if at >= 0 and mixed[at] and sentences[at][1] >= end:
                runs.append((start, end))

    for match in WORD.finditer(text):
        word = match[0]
        if word.isupper() and sum(c.isalpha() for c in word) >= 2:
            if start >= 0 and match.start() - end == 1 and text[end] in BETWEEN:
                end = match.end()
                count += 1
                continue
            close()
            start, end, count = match.start(), match.end(), 1
        else:
            if start >= 0 and first_name_after(text, end, match):
                end, count = match.end(), count + 1  # "X Rose": a surname, then its first name
            close()
            start, end, count = -1, -1, 0
    close()
    return runs


def first_name_after(text: str, end: int, word: re.Match[str]) -> bool:
    """Whether `word`, one blank after a run in capitals ending at `end`, is a word in title
    case: the first name after a surname written in capitals, as forms write a name
    ("BONHEUR Violette a reçu le prix")."""
    return (
        word.start() - end == 1
        and text[end] in BETWEEN
        and word[0][:1].isupper()
        and any(c.islower() for c in word[0])
    )


def surname_first(run: str) -> bool:
    """Whether a run is words in capitals, then one in title case (`first_name_after`): a
    name by its writing, whatever words it is made of ("RIVIÈRE Modeste")."""
    *surnames, first = run.split()
    return bool(surnames) and all(w.isupper() for w in surnames) and not first.isupper()


def title_cased(run: str) -> str:
    """ "PIERRE GRAND" → "Pierre Grand", "JEAN-LUC D'ARC" → "Jean-Luc D'arc": how the
    analyser's dictionaries write a name."""
    return re.sub(r"[^\W\d_]+", lambda m: m[0][0] + m[0][1:].lower(), run)


def read_as_name(analysis: str) -> bool:
    """Whether a word of the analysis is a proper noun or unknown to the analyser."""
    return any(PROPER.search(found) or found.startswith("*") for _, found in UNIT.findall(analysis))


def plural_last(analysis: str) -> bool:
    """Whether the analysis reads its last word as a plural noun or adjective and never as a
    proper noun or a singular one: no first name ("Forces" of "FARDC Forces", an acronym
    before a noun; "Violette", unknown, and "Modeste", a singular adjective, may be)."""
    units = UNIT.findall(analysis)
    if not units:
        return False
    nominal = [r for r in units[-1][1].split("/") if "<n>" in r or "<adj>" in r or "<np>" in r]
    return bool(nominal) and all("<pl>" in r and "<np>" not in r for r in nominal)


def written_elsewhere(forms: Iterable[str]) -> frozenset[str]:
    """The case-folded forms of a document's other writings of names (its NER mentions and
    capitalised runs that are not in capitals): a run in capitals among them is a name."""
    return frozenset(f.casefold() for f in forms if not f.isupper())


def holds_capitals(form: str) -> bool:
    """Whether a form writes a word of two letters or more in capitals: a run of the same
    shape as the candidates ("X Violette"), no writing of them another way."""
    return any(w.isupper() and len(w) > 1 for w in form.split())
