"""Apertium, the offline default: rule-based, from Debian packages, no network, no weights.

Pairs are discovered from the installed `.mode` files; a language with no direct pair into the
target goes through one pivot (French → Spanish → English). Each chain runs as one long-lived
chain of processes in null-flush mode, so we pay the ~300 ms start-up once, not per record.

A long-lived stream protocol can put an answer on the wrong text. Two rules keep every answer
on its own request:
- the input is neutralised (`pipeline.text.neutralise`): a NUL inside a text would end its
  answer early and shift every later answer by one;
- each request opens with a numbered superblank (`[<q17>]`) that Apertium copies verbatim to
  the head of its answer. An answer that does not carry its own number, or a process that
  answers too much, too little or too late, fails the batch: the process is replaced and the
  texts are sent again one by one, so a misaligned answer is never returned (nor cached).

Each translation is independent of the texts before it: measured on 600 real sentences
(WMT newstest, Tatoeba), the Spanish chains give byte-identical answers alone, in order,
reversed and shuffled; the Catalan and Esperanto chains do not (their taggers carry state
between requests: 27 of 600 differ), so they are not pivots. `tests/test_apertium_protocol.py`
checks this on real text. One state every chain holds is undone here: a tagger that met an
ambiguity class its model lacks is restarted (`STATEFUL_TAGGER`, `ApertiumProcess.translate`;
`tests/test_apertium_stateless.py`).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import select
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import IO

from pipeline.engines.registry import translators
from pipeline.engines.translate import framed, tags
from pipeline.engines.translate import names as names_module
from pipeline.engines.translate.agreement import Agreement
from pipeline.engines.translate.articles import Articles
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.inversion import Inversion
from pipeline.engines.translate.partitive import Partitive
from pipeline.engines.translate.possessive import with_possessors
from pipeline.engines.translate.questions import Questions
from pipeline.engines.translate.subjects import Marked, Subjects
from pipeline.engines.translate.unknown_words import (
    UnknownWords,
    fill_in,
    lookup_routes,
    without_stateful_tagger,
)
from pipeline.entities import at_sentence_start
from pipeline.packages import debian_packages
from pipeline.text import neutralise

DEFAULT_MODES_DIR = Path("/usr/share/apertium/modes")
# Bump when this module changes what it outputs for the same input: it is part of the version
# that keys the translation cache, so cached answers of an older recipe are never served.
RECIPE = "20"
# Pivots in order of preference, for languages without a direct pair into the target. Only
# chains measured to be stateless (see the module doc) belong here.
PIVOTS = ("es",)
# Apertium names languages with ISO 639-1 or 639-3 codes; records use 639-1. A pair for a
# macrolanguage serves each of its members: Serbo-Croatian (hbs) reads Serbian, Croatian and
# Bosnian, which language ID tells apart.
MEMBERS = MappingProxyType({"hbs": ("sr", "hr", "bs")})
# The characters Apertium's stream format reserves, escaped with a backslash on the way in.
RESERVED = re.compile(r"([\\\[\]^$/@<>{}#*|+])")
UNESCAPE = re.compile(r"\\(.)|[\[\]]", re.DOTALL)
# A one-letter word: no letter, digit, apostrophe or hyphen next to it ("e", not "l'", "u_2").
LETTER = re.compile(r"(?<![\w'’-])[^\W\d_](?![\w'’-])")
DOUBLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \u00a0\u202f]+(?=[,.;:!?](?:\s|$))")
SENTINEL = re.compile(rb"\A\[<q(\d+)>\]")
BARE_MARK = re.compile(r"(?<!\\)[*#](?=\w)")  # unknown-word (*) and generation (#) marks
# Analysis tags a step writes for a word it has no form for ("y" alone → `<prn>`). The text's
# own angle brackets never reach the engine (`brackets_kept`), so every tag in an answer is one.
GENERATED_TAGS = re.compile(r"[#*@]?(?:<[A-Za-z0-9_-]+>)+")
UNKNOWN = "\x01"  # stands for a * mark in an answer (control characters never reach one)
START_SECONDS = 30.0  # a chain answers its first request within this, plus the per-char budget
PIPE_CHUNK = 1 << 16  # written at most per `select` round: a pipe's capacity
# Each measured mechanism's switch (an attribute of `ApertiumTranslator`), in its version.
SWITCHES = ("inversion", "quotes", "quote_comma", "frames", "tags", "articles", "partitive",
            "possessive", "agreement", "questions", "subjects", "subject_pivot")  # fmt: skip
CHARS_PER_SECOND = 2_000  # ~10× slower than measured (7,700 words/s): a deadline, not a rate


# the words inside « », without the blanks around them: each blank run is taken only when a
# word follows it (possessive), so a « and a long run of blanks with no » costs the run once
# (the lazy form, `«[ ]*([^«»]*?)[ ]*»`, was cubic in it: 3,200 blanks, 20 s); the same
# matches and groups as that form on every string of 8 characters
QUOTED = re.compile(
    r"«[ \u00a0\u202f]*+((?:[^«» \u00a0\u202f]|[ \u00a0\u202f]++(?=[^«» \u00a0\u202f]))*+)"
    r"[ \u00a0\u202f]*+»"
)
# A closing double quote (after a character that is neither a blank nor a quote) and the comma
# right after it, before a blank or the end: '"…", he said' → '"…," he said'.
COMMA_AFTER_QUOTE = re.compile(r'(?<=[^\s"“”«»])(["”]),(?=\s|$)')


def tidy(text: str, target: str, quotes: bool = False, quote_comma: bool = False) -> str:
    """Target-language typography: rule-based transfer keeps French spacing ("réglé : le")
    and, with `quotes`, French quotation marks (« … »), written "…" in English: dev MT chrF
    +0.14 news, +0.16 Tatoeba, ±0 UDHR (no quotes). A pair around a protected span (a title
    kept as a name, `translate/guard`) is written "…" too: the title inside stays byte for
    byte as the source writes it, its marks are the target's (it kept « » until 2026-12-05:
    news +0.04, Tatoeba ±0, UDHR ±0); a mark without its pair stays.

    With `quote_comma`, a comma after a closing double quote goes inside it in English
    ('"…", he said' → '"…," he said'), where English puts it and French does not: dev MT
    chrF +0.08 news (174 of 1,500 sentences), ±0 Tatoeba (3), ±0 UDHR (none). The period is
    left outside (Tatoeba −0.001: a sentence's end inside a quote is not always the
    quote's)."""
    if target == "fr":
        return text
    text = SPACE_BEFORE_PUNCTUATION.sub("", text)
    if quotes and target == "en" and "«" in text:
        text = QUOTED.sub(lambda m: f'"{m[1]}"', text)
    if quote_comma and target == "en" and ('",' in text or "”," in text):
        text = COMMA_AFTER_QUOTE.sub(r",\1", text)
    return text


def to_iso(code: str) -> str:
    """An Apertium language code as ISO 639-1 where there is one (`spa` → `es`, `isl` →
    `is`), else as it is."""
    import langcodes

    try:
        return str(langcodes.Language.get(code).language or code)
    except (ValueError, LookupError):
        return code


@dataclass(frozen=True)
class Mode:
    """One installed Apertium translation direction, e.g. `fr-es` (`fr` → `es`)."""

    name: str
    source: str
    target: str
    path: Path


def installed_modes(
    modes_dir: Path, chosen: Iterable[str] = frozenset()
) -> dict[tuple[str, str], Mode]:
    """Translation directions installed in `modes_dir`, keyed by (source, target) in ISO 639-1.

    Variants (`spa-eng_US`) and non-translation modes (`eco-fr-es`, analysers) are skipped.
    Where several modes serve one direction (an `es-en.mode` beside `spa-eng.mode`), the one
    is chosen, not the first found (issue 30, item 3): a mode `chosen` names (the routes of
    `models/languages.json`, `chosen_modes`), else one the packages installed (its file, or
    the file it links to, in `DEFAULT_MODES_DIR`), else the first by name.
    """
    chosen = frozenset(chosen)
    found: dict[tuple[str, str], list[Mode]] = {}
    for path in sorted(modes_dir.glob("*.mode")) if modes_dir.is_dir() else []:
        parts = path.stem.split("-")
        if len(parts) != 2 or not all(p.isalpha() and p.islower() for p in parts):
            continue  # variants (spa-eng_US), other modes, scripts (Cyrl-Latn)
        for source in MEMBERS.get(parts[0], (to_iso(parts[0]),)):
            for target in MEMBERS.get(parts[1], (to_iso(parts[1]),)):
                found.setdefault((source, target), []).append(Mode(path.stem, source, target, path))

    def rank(mode: Mode) -> tuple[bool, bool, str]:
        packaged = len(found[mode.source, mode.target]) > 1 and packaged_mode(mode.path)
        return mode.name not in chosen, not packaged, mode.name

    return {key: min(candidates, key=rank) for key, candidates in found.items()}


def packaged_mode(path: Path) -> bool:
    """Whether the mode file (or the one it links to) is in the packages' own modes folder."""
    try:
        return path.resolve().parent == DEFAULT_MODES_DIR.resolve()
    except OSError:
        return False


def chosen_modes() -> frozenset[str]:
    """The modes `models/languages.json` names in its routes (`fr-es|spa-eng`): each
    direction they serve is served by them, whatever other mode files say the same."""
    from pipeline.resources import load_json

    try:
        table = load_json("languages.json")["languages"]
    except FileNotFoundError:
        return frozenset()
    return frozenset(name for row in table.values() for name in row["route"].split("|"))


# What stands around a one-letter clitic ("y") that no clitic has: a sign, a figure or the
# text's end after it, another lone letter coordinated with it ("x et y", "x, y", "y ou z").
# Matched right after the letter; started only where a run of blanks starts (linear).
NOT_A_CLITIC_AFTER = re.compile(r"(?<![ \u00a0])[ \u00a0]*+(?:[.,;:!?)\]=+*/<>%]|\d|$)")
LETTER_AFTER = re.compile(r"(?<![ \u00a0])[ \u00a0]*+(?:,|et|ou)[ \u00a0]++[^\W\d_](?![\w'’-])")
LETTER_BEFORE = re.compile(
    r"(?<![\w'’-])[^\W\d_][ \u00a0]*(?:,|[ \u00a0]et|[ \u00a0]ou)[ \u00a0]+$"
)


def letter_used_as_name(text: str, match: re.Match[str]) -> bool:
    """Whether a one-letter word the language has only as a clitic pronoun (French "y",
    which stands right before a verb) is a name there (a variable's, a point's): written in
    capitals inside a sentence, followed by a sign, a figure or nothing, or coordinated with
    another lone letter. The engine drops or tags it ("The variable costs 3", "<prn>")."""
    start, end = match.span()
    if match[0].isupper() and not at_sentence_start(text, start):
        return True
    if NOT_A_CLITIC_AFTER.match(text, end) or LETTER_AFTER.match(text, end):
        return True
    return LETTER_BEFORE.search(text[max(0, start - 8) : start]) is not None


def brackets_kept(texts: Sequence[str]) -> tuple[list[str], list[dict[str, str]]]:
    """Each text with its own `<` and `>` replaced by private-use characters it does not hold
    (the engine passes them through as punctuation, as it does the brackets: "<chat>" →
    "<cat>"), and the table that puts them back. An answer then holds a `<` only where the
    chain wrote an analysis tag, removed by `without_tags`: told apart by construction, where
    keeping a `<word>` the text holds dropped the text's own "<chat>" once it came back
    "<cat>"."""
    out: list[str] = []
    tables: list[dict[str, str]] = []
    for text in texts:
        wanted = [c for c in "<>" if c in text]
        if not wanted:
            out.append(text)
            tables.append({})
            continue
        free = (chr(c) for c in range(0xF000, 0xF900) if chr(c) not in text)
        table = dict(zip(wanted, free, strict=False))
        out.append(replaced(text, table))
        tables.append({v: k for k, v in table.items()})
    return out, tables


def without_tags(text: str, answer: str) -> str:
    """`answer` without the analysis tags the chain wrote in it (`GENERATED_TAGS`: the text's
    own brackets are stood in for, `brackets_kept`, so every one is the chain's) and the
    marks it put before a word (`*` unknown, `@` not in the bilingual dictionary, `#` no
    form: `MARKED_WORD`) that `text` does not hold ("Il a un ticket." gave "Has a @ticket.").
    The text's own marks stay, as many of each as it writes before a word, in order, even on
    a word the engine translated ("*aliments" → "*nourishments")."""
    own = Counter(m[0] for m in OWN_MARK.finditer(text))

    def unmarked(match: re.Match[str]) -> str:
        marks = match[0][: len(match[0]) - len(match[0].lstrip("#*@"))]
        if all(own[m] > 0 for m in marks):
            own.subtract(marks)
            return match[0]
        return match[0].lstrip("#*@")

    answer = GENERATED_TAGS.sub("", answer)
    return DOUBLE_SPACES.sub(" ", MARKED_WORD.sub(unmarked, answer)).strip()


MARKED_WORD = re.compile(r"(?<![\\\w#*@])[#*@]+\w+")  # from a run's start only: linear
OWN_MARK = re.compile(r"[#*@](?=\w)")


def escape(text: str) -> str:
    """Plain text → Apertium stream: neutralise controls, escape reserved characters, protect
    newlines and `~`."""
    return RESERVED.sub(r"\\\1", neutralise(text)).replace("~", "[~]").replace("\n", "[\n]")


UNKNOWN_WORD = re.compile(UNKNOWN + r"(\w[\w'’-]*)")


@functools.lru_cache(maxsize=8192)
def word_pattern(word: str) -> re.Pattern[str]:
    """`word` alone (not inside a longer word), in any case; compiled once per word: compiling
    it at every call (`re`'s own cache holds 512) was ~0.4 s of a 1,000-sentence run."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def contains_word(text: str, word: str) -> bool:
    return word_pattern(word).search(text) is not None


class WordsOf:
    """`contains_word` for many words of one text: a word of letters and digits alone is
    looked up among the text's words (one pass over the text, not one per word: a text of
    thousands of names each unknown to the engine was quadratic); another goes by the
    pattern."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if not PLAIN_WORD.fullmatch(word):
            return contains_word(self.text, word)
        if self._words is None:
            self._words = {w.lower() for w in PLAIN_WORD.findall(self.text)}
        if word.lower() in self._words:
            return True  # a letter `re` matches across cases beyond `lower` (ς, ß): the pattern
        return word.casefold() != word.lower() and contains_word(self.text, word)


PLAIN_WORD = re.compile(r"\w+")


def source_spelling(text: str, found: str, leftover: str) -> str:
    """The word of `found` (a back-translation: "Il fréquentait" for pro-drop "frecuentaba")
    that the source holds, as the source writes it (the longest, if several), else its longest
    word; with the leftover's capitalisation ("Sra" → "Mme" at a sentence start)."""
    words = re.findall(r"\w[\w'’-]*", found) or [found]
    held = [m[0] for w in words if (m := word_pattern(w).search(text))]
    word = max(held or words, key=len)
    if leftover[:1].isupper() and word[:1].islower():
        word = word[:1].upper() + word[1:]
    elif leftover[:1].islower() and word[:1].isupper() and not held:
        # the way back capitalises a word alone ("escalado" → "Escaladé"): a capital the
        # source does not write would pass the word off as a name, never looked up
        word = word[:1].lower() + word[1:]
    return word


STOOD_IN = "^*#"


def stand_ins_for(text: str) -> dict[str, str]:
    """Private-use characters the text does not hold, one for each of its `^`, `*` and `#`:
    they pass through every program as they are, while a `^` with nothing after it but blanks
    stops Apertium answering at all (found by a property test), and a `*` or `#` of the text
    would read as the generator's unknown-word marks (the escapes do not survive it)."""
    wanted = [c for c in STOOD_IN if c in text]
    if not wanted:
        return {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return dict(zip(wanted, free, strict=False))


def replaced(text: str, table: dict[str, str]) -> str:
    for old, new in table.items():
        text = text.replace(old, new)
    return text


def unescape(text: str) -> str:
    """Apertium stream → plain text, collapsing the double spaces dropped unknowns leave."""
    return DOUBLE_SPACES.sub(" ", UNESCAPE.sub(lambda m: m.group(1) or "", text))


def null_flush_command(mode: Mode, marks: bool = False) -> list[list[str]]:
    """The mode's programs, each with null-flush on and unknown-word marks off (on with
    `marks`: the generator then writes `*word` for a word it did not know)."""
    try:
        script = subprocess.run(
            ["apertium-wblank-mode", "-z", str(mode.path)],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):  # older Apertium: add -z ourselves
        script = mode.path.read_text().strip()
        script = re.sub(r"\b(lt-proc|apertium-\w+|lrx-proc|cg-proc)\b", r"\1 -z", script)
    # $1: generation option (-n = no unknown-word marks); $2: tagger option (none)
    script = script.replace("$1", "-g" if marks else "-n").replace("$2", "")
    return [shlex.split(stage) for stage in script.split(" | ")]


# What `apertium-tagger -d` says when a word's ambiguity class is not in its model: it then
# picks the closest class by writing it over its open class (the classes of unknown words),
# so every later text is read by a different tagger (`cat-eng`: 60 of 250 Tatoeba sentences
# do it, `pt-es` 5, `spa-eng` 1, `fr-es` 0). The tagger is restarted after such a text.
STATEFUL_TAGGER = re.compile(rb"new ambiguity class", re.IGNORECASE)


def is_tagger(argv: Sequence[str]) -> bool:
    return argv[0].rsplit("/", 1)[-1] == "apertium-tagger"


def tagger_groups(stages: list[list[str]]) -> list[list[list[str]]]:
    """`stages` cut into groups piped one into the next, each tagger a group of its own."""
    groups: list[list[list[str]]] = [[]]
    for argv in stages:
        if is_tagger(argv):
            groups += [[argv], []]
        else:
            groups[-1].append(argv)
    return [group for group in groups if group]


class Misaligned(TranslationError):
    """The chain's answers could not be paired with the requests: none of them is used."""


class ApertiumProcess:
    """A long-lived Apertium chain; `translate` streams requests in and answers out.

    The programs are started directly, piped one into the next (no shell holding the pipes
    open), so a program that dies ends the stream and the reader sees it at once.

    A chain of several steps (`joined`) runs its steps' own processes, each step's output
    passed byte for byte to the next by `_pump`: the same bytes a pipe would carry, so the
    same answers, while a text edited between the steps (`subjects.py`) uses the same
    processes one step at a time instead of a second copy of the route (24 programs, ~0.3
    CPU-seconds to start and 335 MB resident for French → English).
    """

    def __init__(self, stages: list[list[str]], marks: bool = False, stream: bool = False) -> None:
        self.stages = stages
        self.marks = marks  # the last generator marks unknown words: kept as UNKNOWN + word
        # The texts are Apertium's stream format already, sent unescaped (`articles.py` asks
        # the post-generator about "~a WORD": escaped, the "~" would be a blank)
        self.stream = stream
        self.steps: list[ApertiumProcess] = []  # a joined chain's steps (`joined`)
        # the stages run as groups piped one into the next by `_pump`, each tagger a group of
        # its own (`tagger_groups`), so it can be restarted alone (`_restart_taggers`)
        self.groups = tagger_groups(stages)
        self._procs: list[subprocess.Popen[bytes]] = []
        self._running: list[list[subprocess.Popen[bytes]]] = []  # per group
        self._errors: dict[int, IO[bytes]] = {}  # a tagger group's stderr, emptied when read
        self._lock = threading.Lock()
        self._numbers = itertools.count()  # each request's number, shared when joined

    @classmethod
    def joined(cls, steps: Sequence[ApertiumProcess]) -> ApertiumProcess:
        """One chain through `steps` in turn, running their processes (see the class doc);
        it marks unknown words as its last step does. The steps and the chain share one
        lock: one exchange at a time over the same processes."""
        chain = cls([argv for step in steps for argv in step.stages], steps[-1].marks)
        chain.steps = list(steps)
        for step in steps:  # one numbering too: a late answer never passes for another's
            step._lock, step._numbers = chain._lock, chain._numbers
        return chain

    def translate(self, texts: Sequence[str]) -> list[str]:
        """One answer per text, in order; on any misalignment, again one text at a time.

        Each answer is the one a freshly started chain gives the text alone: a tagger that met
        an ambiguity class its model lacks has changed (`STATEFUL_TAGGER`), so it is restarted,
        and a batch it changed in is asked again one text at a time."""
        with self._lock:
            try:
                out = self._exchange(texts)
                if not self._tagger_changed():
                    return out
                self._restart_taggers()
                if len(texts) == 1:
                    return out
            except TranslationError:
                self.close()
                if len(texts) == 1:
                    raise
            out = []
            for text in texts:
                try:
                    out.extend(self._exchange([text]))
                except TranslationError:
                    self.close()
                    raise
                if self._tagger_changed():
                    self._restart_taggers()
            return out

    def _tagger_changed(self) -> bool:
        """Whether a tagger of the chain (of its steps, when joined) reported, since the last
        call, an ambiguity class its model lacks: from then on it reads words differently."""
        changed = False
        for step in self.steps or [self]:
            for file in step._errors.values():  # the tagger is idle: every answer is in
                file.seek(0)
                said = file.read()
                file.truncate(0)  # it appends (O_APPEND): its next message starts the file
                changed |= STATEFUL_TAGGER.search(said) is not None
        return changed

    def _restart_taggers(self) -> None:
        """Each tagger group (of each step, when joined) started again, the rest kept."""
        for step in self.steps or [self]:
            for group in list(step._errors):
                step._stop(step._running[group])
                step._errors.pop(group).close()
                step._running[group] = step._spawn(step.groups[group], group)
            step._procs = [p for procs in step._running for p in procs]

    def start(self) -> None:
        """Start the programs now rather than on the first request (see
        `ApertiumTranslator.warm`)."""
        with self._lock:
            self._ensure_running()

    def _exchange(self, texts: Sequence[str]) -> list[str]:
        segments = self._segments()
        numbers = [next(self._numbers) for _ in texts]
        stand_ins = [stand_ins_for(t) for t in texts]
        payload = b"".join(
            f"[<q{n}>]{t if self.stream else escape(replaced(t, s))}[]\0".encode()
            for n, t, s in zip(numbers, texts, stand_ins, strict=True)
        )
        answers = self._pump(segments, payload, len(texts), deadline(payload))
        out = []
        for number, answer, stand_in in zip(numbers, answers, stand_ins, strict=True):
            sentinel = SENTINEL.match(answer)
            if sentinel is None or int(sentinel[1]) != number:
                raise Misaligned(f"apertium answered request {number} out of turn")
            raw = answer[sentinel.end() :].decode("utf-8", errors="replace")
            if self.marks:  # a bare * (not \*) before a word: the generator did not know it
                raw = BARE_MARK.sub(lambda m: UNKNOWN if m[0] == "*" else "", raw)
            text = unescape(raw).strip()
            out.append(replaced(text, {v: k for k, v in stand_in.items()}))
        return out

    def programs(self) -> list[subprocess.Popen[bytes]]:
        """The chain's running programs (its steps', when joined)."""
        return [p for step in self.steps for p in step.programs()] if self.steps else self._procs

    def _segments(self) -> list[tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]]:
        """The first and last program of each group of each step (of the chain itself when
        not joined), started if they are not running."""
        if self.steps:
            return [segment for step in self.steps for segment in step._ensure_running()]
        return self._ensure_running()

    def _ensure_running(self) -> list[tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]]:
        if self.steps:
            return self._segments()
        if not self._procs or any(p.poll() is not None for p in self._procs):
            self.close()
            self._running = [self._spawn(argvs, i) for i, argvs in enumerate(self.groups)]
            self._procs = [p for procs in self._running for p in procs]
        return [(procs[0], procs[-1]) for procs in self._running]

    def _spawn(self, argvs: list[list[str]], group: int) -> list[subprocess.Popen[bytes]]:
        """One group's programs, piped one into the next; a tagger with `-d`, its messages
        kept in a file of its own (`_tagger_changed` reads them)."""
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        stdin: int | IO[bytes] | None = subprocess.PIPE
        procs: list[subprocess.Popen[bytes]] = []
        for argv in argvs:
            errors: int | IO[bytes] = subprocess.DEVNULL
            if is_tagger(argv):
                argv = [argv[0], "-d", *argv[1:]]
                file = tempfile.TemporaryFile("a+b")  # noqa: SIM115 (closed with its program)
                self._errors[group] = file
                errors = file
            proc = subprocess.Popen(
                argv, stdin=stdin, stdout=subprocess.PIPE, stderr=errors, env=env
            )
            if procs:
                assert procs[-1].stdout is not None
                procs[-1].stdout.close()  # only the next program holds this pipe
            else:
                assert proc.stdin is not None  # written by `_pump`, never blocking
                os.set_blocking(proc.stdin.fileno(), False)
            stdin = proc.stdout
            procs.append(proc)
        return procs

    @staticmethod
    def _stop(procs: Sequence[subprocess.Popen[bytes]]) -> None:
        for proc in procs:
            if proc.stdin:
                proc.stdin.close()
            proc.kill()
        for proc in procs:
            proc.wait()
            if proc.stdout:
                proc.stdout.close()

    @staticmethod
    def _pump(
        segments: Sequence[tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]],
        payload: bytes,
        count: int,
        until: float,
    ) -> list[bytes]:
        """`payload` written to the first segment while exactly `count` NUL-terminated
        answers are read from the last before `until`, and nothing more, in this thread: one
        `select` over every pipe (the inputs are non-blocking, `_ensure_running`). What a
        segment writes goes, as it comes, to the next one's input. A writer thread per
        exchange was 1,300 thread starts in a 1,000-sentence run, each waiting for the GIL
        that NER holds in the main thread."""
        writes = [first.stdin.fileno() for first, _ in segments if first.stdin is not None]
        reads = [last.stdout.fileno() for _, last in segments if last.stdout is not None]
        assert len(writes) == len(reads) == len(segments)
        pending = [bytearray(payload)] + [bytearray() for _ in segments[1:]]  # to each input
        answers: list[bytes] = []
        buffer = b""
        while len(answers) < count:
            left = until - time.monotonic()
            writing = [fd for fd, data in zip(writes, pending, strict=True) if data]
            if left <= 0:
                raise TranslationError("apertium did not answer in time")
            readable, writable, _ = select.select(reads, writing, [], left)
            if not readable and not writable:
                raise TranslationError("apertium did not answer in time")
            for fd, data in zip(writes, pending, strict=True):
                if fd not in writable:
                    continue
                try:
                    del data[: os.write(fd, data[:PIPE_CHUNK])]
                except BlockingIOError:
                    pass
                except OSError:  # a dead process: its output ends, and the read says so
                    data.clear()
            for i, fd in enumerate(reads):
                if fd not in readable:
                    continue
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise TranslationError("apertium exited before answering every request")
                if i + 1 < len(reads):
                    pending[i + 1] += chunk  # the next step reads what this one wrote
                    continue
                *done, buffer = (buffer + chunk).split(b"\0")
                answers.extend(done)
        if len(answers) > count or buffer or any(pending):
            raise Misaligned(f"apertium gave {len(answers)} answers to {count} requests")
        return answers

    def close(self) -> None:
        for step in self.steps:
            step.close()
        self._stop(self._procs)
        for file in self._errors.values():
            file.close()
        self._procs, self._running, self._errors = [], [], {}


def start_all(processes: Sequence[ApertiumProcess]) -> None:
    """Start each chain in a thread of its own: a program's start is mostly waiting for its
    `exec` (the GIL is let go), so eight chains (94 programs) start in ~0.3 s instead of
    ~0.9 s one after the other (`warm`: the sooner they are up, the more the translation
    sent ahead does while spaCy loads, `stages/foresight`). The same processes either way."""
    threads = [
        threading.Thread(target=p.start, name="apertium-start", daemon=True) for p in processes
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@functools.cache
def installed(program: str) -> bool:
    """Whether `program` is on the PATH, asked once per process: `supports` is asked for every
    record, and each `shutil.which` walked the PATH (9,000 `stat` calls in a 1,000-sentence
    run, in the thread that translates)."""
    return shutil.which(program) is not None


def deadline(payload: bytes) -> float:
    return time.monotonic() + START_SECONDS + len(payload) / CHARS_PER_SECOND


@translators.register("apertium")
class ApertiumTranslator(Translator):
    """Offline rule-based translation through installed Apertium pairs: the direct pair, else
    the first installed pivot of `pivots` (French → Spanish → English)."""

    name = "apertium"
    analyses_names = True  # its dictionaries read names: `names`, `analyse`

    def __init__(
        self,
        modes_dir: str | Path | None = None,
        pivots: Sequence[str] = PIVOTS,
        languages: str = "measured",
        inversion: bool = True,
        quotes: bool = True,
        quote_comma: bool = True,
        frames: bool = True,
        tags: bool = True,
        articles: bool = True,
        partitive: bool = False,
        possessive: bool = True,
        agreement: bool = True,
        questions: bool = True,
        subjects: bool = True,
        subject_pivot: bool = True,
    ) -> None:
        self.modes_dir = Path(
            modes_dir or os.environ.get("APERTIUM_MODES_DIR") or DEFAULT_MODES_DIR
        )
        self.modes = installed_modes(self.modes_dir, chosen_modes())
        self.pivots = tuple(pivots)
        # Into English, only the source languages measured to beat copying the source
        # (models/languages.json, bench/languages.py); "all" offers every installed route.
        self.measured = measured_languages() if languages == "measured" else None
        # Each measured mechanism (`make eval`) can be switched off, to measure it alone.
        self.inversion = inversion  # French "Suis-je" → "Je suis" first (`inversion.py`)
        self.quotes = quotes  # « … » → "…" in English (`tidy`)
        self.quote_comma = quote_comma  # '"…", he said' → '"…," he said' in English (`tidy`)
        self.frames = frames  # quotation marks kept around what they framed (`framed.py`)
        self.tags = tags  # "n'est-ce pas ?" a tag, its sentence a statement (`tags.py`)
        self.articles = articles  # "a"/"an" before a word put in place (`articles.py`)
        self.partitive = partitive  # French indefinite "des" dropped (`partitive.py`)
        self.possessive = possessive  # "leur(s)" → "their", not the pivot's "his"
        self.agreement = agreement  # content words the lookup routes agree on (`agreement.py`)
        self.questions = questions  # English yes/no questions in question order
        self.subjects = subjects  # "il a dit" → "he said", not the pivot's "has said"
        # "elle aime" → "ella ama" written into the pivot: "she loves", not "master"
        self.subject_pivot = subject_pivot
        self.version = f"{apertium_version()} recipe={RECIPE} pivots={','.join(self.pivots)} "
        self.version += " ".join(f"{name}={int(getattr(self, name))}" for name in SWITCHES)
        self._processes: dict[tuple[str, ...], ApertiumProcess] = {}
        self._versions: dict[tuple[str, str], str] = {}
        self._lookups: dict[tuple[str, ...], UnknownWords] = {}
        self._inversions: dict[str, Inversion] = {}
        self._partitives: dict[str, Partitive] = {}
        # (first mode, letter): whether the first step does not know the one-letter word
        self._unknown_letters: dict[tuple[str, str], bool] = {}
        # (first mode, letter): whether the first step reads the one-letter word only as a
        # clitic pronoun (French "y")
        self._clitic_letters: dict[tuple[str, str], bool] = {}
        self._agreements: dict[tuple[str, ...], Agreement] = {}
        self._articles: dict[str, Articles] = {}
        self._questions: dict[str, Questions] = {}
        self._subjects: dict[str, Subjects] = {}
        if lookups := sorted({m.name for r in self._all_lookup_routes() for m in r}):
            self.version += f" lookups={','.join(lookups)}"  # the extra pairs change answers

    def route(self, source: str, target: str) -> list[Mode]:
        """The chain of modes for source → target: the direct pair, else the first pivot;
        none into English from a language measured not to beat copying the source."""
        if target == "en" and self.measured is not None and source not in self.measured:
            return []
        if (source, target) in self.modes:
            return [self.modes[source, target]]
        for pivot in self.pivots:
            if (source, pivot) in self.modes and (pivot, target) in self.modes:
                return [self.modes[source, pivot], self.modes[pivot, target]]
        return []

    def why_not(self, source: str, target: str) -> str:
        """Why there is no route source → target, in words for `meta.untranslated`."""
        if target == "en" and self.measured is not None and source not in self.measured:
            saved, self.measured = self.measured, None
            try:
                route = self.route(source, target)
            finally:
                self.measured = saved
            if route:
                names = "|".join(m.name for m in route)
                return (f"apertium's {names} route is off: measured not to beat copying the "
                        "source by 10 chrF points, or to depend on the texts before it "
                        "(models/languages.json)")  # fmt: skip
        from pipeline.hints import missing_pair

        return f"apertium: {missing_pair(source, target)}"

    def installed(self) -> bool:
        return bool(self.modes)  # no pair at all: Apertium is not installed

    def languages_into(self, target: str) -> list[str]:
        """The source languages this engine translates into `target` here, now."""
        sources = {s for s, _ in self.modes} | {t for _, t in self.modes}
        return sorted(s for s in sources if s != target and self.route(s, target))

    def supports(self, source: str, target: str) -> bool:
        return installed("apertium-pretransfer") and bool(self.route(source, target))

    def writes(self, target: str) -> bool:
        return any(t == target for _, t in self.modes)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        route = self.route(source, target)
        if not route:
            raise TranslationError(f"no Apertium pair {source}→{target} in {self.modes_dir}")
        if not self.tags or (source, target) != ("fr", "en"):
            return self._translate(route, texts, source, target)
        untagged = [tags.untagged(text) for text in texts]  # "n'est-ce pas ?" (`tags.py`)
        plain = self._translate(route, [t for t, _ in untagged], source, target)
        answers = [tags.retagged(a, n) for a, (_, n) in zip(plain, untagged, strict=True)]
        again = [i for i, a in enumerate(answers) if a is None]
        redone = iter(
            self._translate(route, [texts[i] for i in again], source, target) if again else []
        )
        return [a if a is not None else next(redone) for a in answers]  # a token lost: as it was

    def _translate(
        self, route: list[Mode], texts: Sequence[str], source: str, target: str
    ) -> list[str]:
        texts, brackets = brackets_kept(texts)
        variants = {i: v for i, t in enumerate(texts) if self.frames and (v := framed.variant(t))}
        quoted = [(i, inner) for i in sorted(variants) for inner in framed.inside(texts[i])]
        answers, letters = self._answers(
            route, [*texts, *(inner for _, inner in quoted)], source, target
        )
        alone: dict[int, list[str]] = {}
        for (i, _), answer in zip(quoted, answers[len(texts) :], strict=True):
            alone.setdefault(i, []).append(answer)
        # the marks where the text put them (`framed`): where the plain answer's may have moved
        order = [i for i in sorted(variants) if framed.suspect(answers[i], alone[i])]
        if order:
            framed_answers, _ = self._answers(
                route, [variants[i].text for i in order], source, target
            )
            for i, answer in zip(order, framed_answers, strict=True):
                answers[i] = framed.reconciled(answers[i], answer, variants[i])
        answers = [
            tidy(answer, target, self.quotes, self.quote_comma) for answer in answers[: len(texts)]
        ]
        answers = self.in_question_order(answers, source, target)
        return [
            replaced(replaced(a, table), kept)
            for a, table, kept in zip(answers, letters[: len(texts)], brackets, strict=True)
        ]

    def _answers(
        self, route: list[Mode], texts: Sequence[str], source: str, target: str
    ) -> tuple[list[str], list[dict[str, str]]]:
        """The route's answers before typography (`tidy`), and the tables putting their
        one-letter words back (`_letters_kept`)."""
        subjects = self.subjects_of(route) if (source, target) == ("fr", "en") else None
        if subjects is not None:
            texts = subjects.unelided(texts)  # "T'as raison": "Tu as raison"
        given, texts = texts, self.uninverted(texts, source, target)
        texts, letters = self._letters_kept(route, texts)
        if subjects is None:
            answers = self._through(route, texts)
        else:
            marked = subjects.mark(
                texts, [a != b for a, b in zip(given, texts, strict=True)], given
            )
            restored = [
                subjects.restore(m, a)
                for m, a in zip(marked, self._with_subjects(route, subjects, marked), strict=True)
            ]
            again = [t for t, a in zip(texts, restored, strict=True) if a is None]
            redone = iter(self._through(route, again) if again else [])
            answers = [a if a is not None else next(redone) for a in restored]
        if self.possessive and (source, target) == ("fr", "en") and len(route) > 1:
            answers = [with_possessors(t, a) for t, a in zip(texts, answers, strict=True)]
        answers = [without_tags(t, a) for t, a in zip(texts, answers, strict=True)]
        return answers, letters

    def _letters_kept(
        self, route: list[Mode], texts: Sequence[str]
    ) -> tuple[list[str], list[dict[str, str]]]:
        """Through a pivot, each one-letter word the first step does not know ("e", "u" in
        French: a variable's name) replaced by a private-use character that passes through
        every program as it is (`stand_ins_for`), and the table that puts it back: the
        steps after the first run without unknown-word marks, and the pivot's analyser
        would read the letter as its own word ("e" → Spanish "and"). So is a letter the first
        step reads only as a clitic pronoun (French "y") where no clitic stands
        (`letter_used_as_name`: "x et y", "calcule y.", "la variable Y"), and then wherever
        its text writes it ("Soit y = 2. La variable y vaut 3."): the engine dropped it."""
        if len(route) < 2:
            return list(texts), [{} for _ in texts]
        first = route[0]
        letters = sorted({m[0] for t in texts for m in LETTER.finditer(t)})
        todo = [c for c in letters if (first.name, c) not in self._unknown_letters]
        if todo:
            analyses = self._analyser_process(first).translate(todo)
            for letter, analysis in zip(todo, analyses, strict=True):
                self._unknown_letters[first.name, letter] = "/*" in analysis
                readings = analysis.strip("^$").split("/")[1:]
                self._clitic_letters[first.name, letter] = bool(readings) and all(
                    "<prn>" in r for r in readings
                )
        out, tables = [], []
        for text in texts:
            matches = list(LETTER.finditer(text))
            named = {
                m[0] for m in matches
                if self._clitic_letters[first.name, m[0]] and letter_used_as_name(text, m)
            }  # fmt: skip
            found = [
                m
                for m in matches
                if (self._unknown_letters[first.name, m[0]] or m[0] in named)
                and not at_sentence_start(text, m.start())
            ]  # a letter opening a sentence is left as it was ("E est...": measured on none)
            free = (chr(c) for c in range(0xF8FF, 0xE000, -1) if chr(c) not in text)
            table = dict(zip(sorted({m[0] for m in found}), free, strict=False))
            pieces, at = [], 0
            for m in found:
                pieces += [text[at : m.start()], table[m[0]]]
                at = m.end()
            out.append("".join([*pieces, text[at:]]))
            tables.append({v: k for k, v in table.items()})
        return out, tables

    def _through(self, route: list[Mode], texts: Sequence[str]) -> list[str]:
        """The chain's answers for `texts`, with the words the pivot's last step left
        unknown restored or looked up, and (with `agreement`) disputed content words."""
        answers = self.process(route).translate(texts)
        if len(route) > 1:
            answers = self._without_pivot_words(texts, answers, route)
            if self.agreement:
                answers = self.agreement_of(route).apply(texts, answers)
        return answers

    def _with_subjects(
        self, route: list[Mode], subjects: Subjects, marked: Sequence[Marked]
    ) -> list[str]:
        """The chain's answers for texts marked by `subjects`: one with pivot marks (a verb
        with an imperative reading, `subjects.py`) goes step by step, its Spanish pronouns
        written into the pivot; every other as one chain, as before. A text whose marks the
        first step loses or doubles goes as one chain without them."""
        split = [i for i, m in enumerate(marked) if m.pivots]
        answers = [""] * len(marked)
        whole = [i for i, m in enumerate(marked) if not m.pivots]
        if split:
            first, last = self._pivot_steps(route)
            spanish = first.translate([marked[i].text for i in split])
            nouns = subjects.pivot_nouns([marked[i] for i in split], spanish)
            pivot = [
                subjects.in_pivot(marked[i], s, nouns) for i, s in zip(split, spanish, strict=True)
            ]
            done = [(i, p) for i, p in zip(split, pivot, strict=True) if p is not None]
            whole += [i for i, p in zip(split, pivot, strict=True) if p is None]
            if done:
                sent = [subjects.without_pivot_marks(marked[i]).text for i, _ in done]
                english = last.translate([p for _, p in done])
                english = self._without_pivot_words(sent, english, route)
                if self.agreement:
                    english = self.agreement_of(route).apply(sent, english)
                for (i, _), answer in zip(done, english, strict=True):
                    answers[i] = answer
        whole.sort()
        if whole:
            sent = [subjects.without_pivot_marks(marked[i]).text for i in whole]
            for i, answer in zip(whole, self._through(route, sent), strict=True):
                answers[i] = answer
        return answers

    def _pivot_steps(self, route: list[Mode]) -> tuple[ApertiumProcess, ApertiumProcess]:
        """The route's first step and its last (marking the words it did not know, as the
        whole chain does), for a text edited at the pivot: the route's own processes."""
        self.process(route)
        steps = self._steps(route)
        return steps[0], steps[-1]

    def _steps(self, route: list[Mode]) -> list[ApertiumProcess]:
        """One chain per mode of `route`, the last marking the words it did not know."""
        out = []
        for i, mode in enumerate(route):
            key = ("step", mode.name)
            if key not in self._processes:
                last = i == len(route) - 1
                self._processes[key] = ApertiumProcess(null_flush_command(mode, last), last)
            out.append(self._processes[key])
        return out

    def subjects_of(self, route: list[Mode]) -> Subjects | None:
        """The subject pronouns to carry past the route's pivot (`subjects.py`): None without
        the switch, a pivot or an analyser of the source."""
        if not self.subjects or len(route) < 2:
            return None
        mode = self.analyser(route[0].source, (route[0].source, route[-1].target))
        if mode is None:
            return None
        if mode.name not in self._subjects:
            analyse = self._analyser_process(mode).translate
            pivot = self._analyser_process(route[-1]).translate  # the pivot read by its step
            self._subjects[mode.name] = Subjects(analyse, self.subject_pivot, pivot)
        return self._subjects[mode.name]

    def in_question_order(self, answers: list[str], source: str, target: str) -> list[str]:
        """English yes/no questions from French put in question order by the target's own
        analyser (`pipeline.engines.translate.questions`); others as they are."""
        if not self.questions or (source, target) != ("fr", "en"):
            return answers
        mode = self.analyser(target, (source, target))
        if mode is None:
            return answers
        if mode.name not in self._questions:
            self._questions[mode.name] = Questions(self._analyser_process(mode).translate)
        return self._questions[mode.name].rewrite(answers)

    def uninverted(self, texts: Sequence[str], source: str, target: str) -> Sequence[str]:
        """French texts with each subject–verb inversion the route's own analyser confirms
        put in declarative order (`pipeline.engines.translate.inversion`); others as they
        are."""
        if not (self.inversion or self.partitive) or source != "fr":
            return texts
        mode = self.analyser(source, (source, target))
        if mode is None:
            return texts
        if self.inversion:
            if mode.name not in self._inversions:
                self._inversions[mode.name] = Inversion(
                    self._analyser_process(mode).translate, mode.target
                )
            texts = self._inversions[mode.name].rewrite(texts)
        if self.partitive:
            if mode.name not in self._partitives:
                self._partitives[mode.name] = Partitive(self._analyser_process(mode).translate)
            texts = self._partitives[mode.name].rewrite(texts)
        return texts

    def process(self, route: list[Mode]) -> ApertiumProcess:
        """The chain for `route`; through a pivot, the last step marks the words it did not
        know (see `_without_pivot_words`), and the chain is its steps joined
        (`ApertiumProcess.joined`: the processes `_pivot_steps` uses too)."""
        key = tuple(m.name for m in route)
        if key not in self._processes:
            if len(route) > 1:
                self._processes[key] = ApertiumProcess.joined(self._steps(route))
            else:
                self._processes[key] = ApertiumProcess(null_flush_command(route[0]))
        return self._processes[key]

    def _without_pivot_words(
        self, texts: Sequence[str], answers: list[str], route: list[Mode]
    ) -> list[str]:
        """Answers with each word the last step did not know (marked) replaced: a word of the
        source passes as it is; a word of the pivot language ("realizadores", "Sra") becomes
        the source's own word, found by translating it back (pivot → source) and looking for
        that in the source text ("réalisateurs", "Mme"); without a way back it stays."""
        back = self.route(route[0].target, route[0].source)
        leftovers: dict[str, str] = {}
        sources = [WordsOf(text) for text in texts]
        for source, answer in zip(sources, answers, strict=True):
            for word in UNKNOWN_WORD.findall(answer):
                if word not in source:
                    leftovers[word] = word
        if leftovers and len(back) == 1:
            words = sorted(leftovers)
            for word, answer in zip(words, self.process(back).translate(words), strict=True):
                leftovers[word] = answer.replace(UNKNOWN, "").strip() or word
        out = []
        for text, source, answer in zip(texts, sources, answers, strict=True):

            def restore(match: re.Match[str], text: str = text, source: WordsOf = source) -> str:
                word = match[1]
                if word in source:
                    return word  # the source's own word, passed through both steps
                return source_spelling(text, leftovers.get(word, word), word)

            out.append(UNKNOWN_WORD.sub(lambda m: UNKNOWN + restore(m), answer))
        return fill_in(out, UNKNOWN_WORD, self.lookups(route), self.articles_of(route))

    def articles_of(self, route: list[Mode]) -> Articles | None:
        """ "a"/"an" decided again before words put in place (`articles.py`), by the route's
        last post-generator; None without the switch, into another language than English, or
        when the last mode has no post-generator."""
        if not self.articles or route[-1].target != "en":
            return None
        key = ("articles", route[-1].name)
        if key not in self._processes:
            last = null_flush_command(route[-1])[-1]
            if "-p" not in last:
                return None
            self._processes[key] = ApertiumProcess([last], stream=True)
            self._articles[route[-1].name] = Articles(self._processes[key])
        return self._articles[route[-1].name]

    def lookups(self, route: list[Mode]) -> UnknownWords:
        """The other installed routes that look up the words `route` leaves unknown
        (`pipeline.engines.translate.unknown_words`); none without the extra pairs."""
        key = tuple(m.name for m in route)
        if key not in self._lookups:
            chains = []
            for steps in lookup_routes(self.modes, route[0].source, route[-1].target, route):
                name = ("lookup", *(m.name for m in steps))
                stages = [stage for m in steps for stage in null_flush_command(m, marks=True)]
                stages = without_stateful_tagger(stages)
                self._processes[name] = ApertiumProcess(stages)  # the marks kept as written
                chains.append(self._processes[name])
            self._lookups[key] = UnknownWords(chains)
        return self._lookups[key]

    def agreement_of(self, route: list[Mode]) -> Agreement:
        """The content words the lookup routes of `route` agree on against it
        (`pipeline.engines.translate.agreement`); nothing without two lookup routes or an
        analyser of the source."""
        key = tuple(m.name for m in route)
        if key not in self._agreements:
            mode = self.analyser(route[0].source, (route[0].source, route[-1].target))
            lookups = self.lookups(route).chains if mode is not None else []
            analyse = self._analyser_process(mode).translate if mode is not None else list
            articles = self.articles_of(route)
            back = self.analyser(route[-1].target, (route[0].source, route[-1].target))
            target = self._analyser_process(back).translate if back is not None else None
            self._agreements[key] = Agreement(
                self.process(route), lookups, analyse, articles, target
            )
        return self._agreements[key]

    def _all_lookup_routes(self) -> list[tuple[Mode, Mode]]:
        return [
            steps
            for source, target in sorted({(s, t) for s, _ in self.modes for _, t in self.modes})
            if len(main := self.route(source, target)) > 1
            for steps in lookup_routes(self.modes, source, target, main)
        ]

    def describe(self, source: str, target: str) -> str:
        return "apertium:" + "|".join(m.name for m in self.route(source, target))

    def analyser(self, lang: str, route: tuple[str, str]) -> Mode | None:
        """The mode whose analyser reads `lang` for the route `route` (source, target), chosen
        from the route's own pairs, never "the first one installed" (another French pair,
        apertium-fra-cat, would change every French translation): the source is read by the
        route's first mode; the target by the reverse of its last mode (`spa-eng` → `eng-spa`,
        same package), None when that is not installed."""
        modes = self.route(*route)
        if not modes:
            return None
        if lang == route[0]:
            return modes[0]
        if lang == route[1]:
            last = modes[-1]
            source, target = last.name.split("-")
            reverse = self.modes_dir / f"{target}-{source}.mode"
            if reverse.is_file():
                return Mode(reverse.stem, last.target, last.source, reverse)
        return None

    def analyse(self, texts: Sequence[str], lang: str, route: tuple[str, str]) -> list[str] | None:
        """Apertium's morphological analysis of each text in `lang` (`^surface/lemma<tags>$`
        units) by the analyser of the route `route` (`analyser`), or None without one."""
        mode = self.analyser(lang, route)
        if mode is None or not texts:
            return None if mode is None else []
        return self._analyser_process(mode).translate(texts)

    def _analyser_process(self, mode: Mode) -> ApertiumProcess:
        key = ("analyse", mode.name)
        if key not in self._processes:
            self._processes[key] = ApertiumProcess([null_flush_command(mode)[0]])
        return self._processes[key]

    def warm(self, source: str, target: str) -> None:
        """Start every process a source → target translation runs (the route, the way back
        from the pivot, the lookup routes, both analysers) and work out the version that keys
        its cache entries, now rather than on first use: a caller that does this while it
        loads a model (`Translate.setup`) takes ~2 s of start-up (chains ~0.3 s each, the
        dpkg look-ups of `version_for` ~0.3-0.8 s) off its first batch. Nothing is
        translated: what the processes answer later is unchanged."""
        route = self.route(source, target)
        if not route:
            return
        self.version_for(source, target)
        processes = [self.process(route)]
        if len(route) > 1:
            back = self.route(route[0].target, route[0].source)
            if len(back) == 1:
                processes.append(self.process(back))
            processes += [c for c in self.lookups(route).chains if isinstance(c, ApertiumProcess)]
            if self.articles_of(route) is not None:
                processes.append(self._processes["articles", route[-1].name])
            if self.subjects and self.subject_pivot and (source, target) == ("fr", "en"):
                processes += self._pivot_steps(route)  # step by step: `_with_subjects`
                processes.append(self._analyser_process(route[-1]))  # `pivot_nouns`
        for lang in (source, target):
            mode = self.analyser(lang, (source, target))
            if mode is not None:
                processes.append(self._analyser_process(mode))
        start_all(processes)

    def modes_used(self, source: str, target: str) -> list[Mode]:
        """Every mode a source → target translation runs: the route and its analysers."""
        used = list(self.route(source, target))
        for lang in (source, target):
            mode = self.analyser(lang, (source, target))
            if mode is not None and mode not in used:
                used.append(mode)
        return used

    def modes_record(self, target: str) -> dict[str, dict[str, str]]:
        """For `run.json`: each mode used into `target`, its file and the package (with its
        version) that installed it, else a digest of the mode file and what it runs."""
        used = {m.name: m for s in self.languages_into(target) for m in self.modes_used(s, target)}
        origins = self.origins_into(target)
        return {name: {"path": str(m.path), "package": origins[m.path]}
                for name, m in sorted(used.items())}  # fmt: skip

    def origins_into(self, target: str, also: Sequence[Mode] = ()) -> dict[Path, str]:
        """`mode_origins` of every mode a translation into `target` runs (and of `also`): one
        set of modes per target, so dpkg is asked once for them all, and each pair's version
        (`version_for`) finds its own among them."""
        paths = {m.path for s in self.languages_into(target) for m in self.modes_used(s, target)}
        return mode_origins(paths | {m.path for m in also})

    def version_for(self, source: str, target: str) -> str:
        """The engine's version for one pair: the recipe and the origin of every mode used
        (part of the translation cache key: a changed or new pair is another engine)."""
        if (source, target) not in self._versions:
            used = self.modes_used(source, target)
            known = self.origins_into(target, used)  # dpkg asked twice, not twice per mode
            origins = ",".join(f"{m.name}={known[m.path]}" for m in used)
            self._versions[source, target] = f"{self.version} modes={origins}"
        return self._versions[source, target]

    def name_readings(
        self, names: Sequence[str], source: str, target: str
    ) -> dict[str, tuple[int, str, str | None]]:
        """How the engine reads each name (see `pipeline.engines.translate.names`)."""
        return names_module.readings(self, names, source, target)

    def determiners(self, words: Sequence[str], source: str, target: str) -> set[str]:
        """The words the route's analyser reads as determiners (`names.determiners`)."""
        return names_module.determiners(self, words, source, target)

    def close(self) -> None:
        for process in self._processes.values():
            process.close()
        self._processes.clear()
        self._lookups.clear()
        self._inversions.clear()
        self._partitives.clear()
        self._agreements.clear()
        self._articles.clear()
        self._questions.clear()
        self._subjects.clear()

    def __del__(self) -> None:
        self.close()


def measured_languages() -> frozenset[str] | None:
    """The source languages `models/languages.json` turns on into English, or None (every
    installed route) when the file is missing."""
    from pipeline.resources import load_json

    try:
        table = load_json("languages.json")["languages"]
    except FileNotFoundError:
        return None
    return frozenset(lang for lang, row in table.items() if row.get("on"))


def mode_origins(paths: Iterable[Path]) -> dict[Path, str]:
    """`package=version` of the Debian package that installed each mode file, else `sha256:` of
    the mode and the first 64 KiB of each file it names (a mode folder of one's own,
    `APERTIUM_MODES_DIR`), or "missing": what makes two runs comparable. Asked of dpkg in two
    calls for them all, not two per path (a run's record names 8 modes: 16 `dpkg-query`
    processes were 0.2-0.8 s of every run, English-only ones included), and once per process
    while the files are unchanged (`origins_of`)."""
    keys: dict[Path, tuple[Path, int, int] | None] = {}
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            keys[path] = None
            continue
        keys[path] = (path, status.st_mtime_ns, status.st_size)  # a mode rewritten: asked again
    known = origins_of(tuple(sorted(key for key in keys.values() if key is not None)))
    return {path: "missing" if key is None else known[path] for path, key in keys.items()}


@functools.cache
def origins_of(keys: tuple[tuple[Path, int, int], ...]) -> Mapping[Path, str]:
    """`mode_origins` of these mode files, as they are (path, time, size)."""
    packages = packages_of([path for path, _, _ in keys]) if keys else {}
    return MappingProxyType(
        {path: packages.get(path) or content_digest(path) for path, _, _ in keys}
    )


def packages_of(paths: Sequence[Path]) -> dict[Path, str]:
    """`package=version` of the Debian package that installed each path, as `package_of`."""
    try:
        found = subprocess.run(
            ["dpkg-query", "-S", *map(str, paths)], capture_output=True, text=True, timeout=20
        ).stdout
        owners: dict[Path, str] = {}
        for line in found.splitlines():
            owner, _, where = line.rpartition(": ")
            path = Path(where)
            name = owner.split(":", 1)[0].strip()
            if path in paths and path not in owners and name and "," not in name:
                owners[path] = name
        if not owners:
            return {}
        listed = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *sorted(set(owners.values()))],
            capture_output=True, text=True, timeout=20,
        ).stdout  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return {}
    versions = dict(line.split("\t", 1) for line in listed.splitlines() if "\t" in line)
    return {path: f"{name}={versions[name]}" for path, name in owners.items() if versions.get(name)}


def content_digest(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    try:
        script = path.read_bytes()
    except OSError:
        return "missing"
    digest.update(script)
    for word in shlex.split(script.decode("utf-8", "replace").replace("|", " ")):
        named = Path(word)
        if named.is_absolute() and named.is_file():
            with named.open("rb") as f:
                digest.update(f.read(1 << 16))
    return "sha256:" + digest.hexdigest()[:16]


@functools.cache
def apertium_version() -> str:
    """Versions of the engine and installed language data, for run.json and cache keys; asked
    of dpkg once per process (`pipeline translate` builds the engine twice: to check the
    command line, then to translate)."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}=${Version} ", *debian_packages()],
            capture_output=True, text=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip() or "unknown"
