"""Apertium, the offline default: rule-based, from Debian packages, no network, no weights.

Pairs are discovered from the installed `.mode` files; a language with no direct pair into the
target goes through one pivot (French → Spanish → English). Each chain runs as one long-lived
process in null-flush mode: every request ends in `[]\\0` and every answer ends in `\\0`, so
records map one-to-one to answers and we pay the ~300 ms start-up once, not per record.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.engines.translate.base import TranslationError
from pipeline.engines.translate.consensus import consensus
from pipeline.engines.translate.protect import PLACEHOLDER
from pipeline.registry import translators

DEFAULT_MODES_DIR = Path("/usr/share/apertium/modes")
# Bump when this module changes what it outputs for the same input: it is part of the version
# that keys the translation cache, so cached answers of an older recipe are never served.
RECIPE = "4"
DEBIAN_PACKAGES = (
    "apertium", "apertium-fr-es", "apertium-eng-spa", "apertium-fra-cat", "apertium-eng-cat",
    "apertium-eo-fr", "apertium-eo-en",
)  # fmt: skip
# Apertium names languages with ISO 639-1 or 639-3 codes; records use 639-1.
ISO639_3_TO_1 = {
    "eng": "en", "spa": "es", "fra": "fr", "cat": "ca", "por": "pt", "ita": "it", "epo": "eo",
    "glg": "gl", "oci": "oc", "ron": "ro", "deu": "de", "nld": "nl", "eus": "eu", "arg": "an",
}  # fmt: skip
# The characters Apertium's stream format reserves, escaped with a backslash on the way in.
RESERVED = re.compile(r"([\\\[\]^$/@<>{}#*|+])")
UNESCAPE = re.compile(r"\\(.)|[\[\]]", re.DOTALL)
DOUBLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \u00a0\u202f]+(?=[,.;:!?](?:\s|$))")


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
COMMON = 1e-5  # a word this frequent in the target language is not a leftover of the source


@cache
def target_vocabulary(lang: str) -> dict[str, float] | None:
    """wordfreq's large word list for the target language (word → frequency), if it has one."""
    import wordfreq

    if lang not in wordfreq.available_languages(wordlist="large"):
        return None
    return dict(wordfreq.get_frequency_dict(lang, wordlist="large"))


def tidy(text: str, target: str) -> str:
    """Target-language typography: rule-based transfer keeps French spacing ("réglé : le")."""
    return text if target == "fr" else SPACE_BEFORE_PUNCTUATION.sub("", text)


def to_iso(code: str) -> str:
    return ISO639_3_TO_1.get(code, code)


@dataclass(frozen=True)
class Mode:
    """One installed Apertium translation direction, e.g. `fr-es` (`fr` → `es`)."""

    name: str
    source: str
    target: str
    path: Path


def installed_modes(modes_dir: Path) -> dict[tuple[str, str], Mode]:
    """Translation directions installed in `modes_dir`, keyed by (source, target) in ISO 639-1.

    Variants (`spa-eng_US`) and non-translation modes (`eco-fr-es`, analysers) are skipped.
    """
    modes: dict[tuple[str, str], Mode] = {}
    for path in sorted(modes_dir.glob("*.mode")) if modes_dir.is_dir() else []:
        parts = path.stem.split("-")
        if len(parts) != 2 or not all(p.isalpha() for p in parts):
            continue
        source, target = map(to_iso, parts)
        modes.setdefault((source, target), Mode(path.stem, source, target, path))
    return modes


def escape(text: str) -> str:
    """Plain text → Apertium stream: escape reserved characters, protect newlines and `~`."""
    return RESERVED.sub(r"\\\1", text).replace("~", "[~]").replace("\n", "[\n]")


def unescape(text: str) -> str:
    """Apertium stream → plain text, collapsing the double spaces dropped unknowns leave."""
    return DOUBLE_SPACES.sub(" ", UNESCAPE.sub(lambda m: m.group(1) or "", text))


def null_flush_command(mode: Mode) -> str:
    """The mode's shell pipeline with null-flush on every stage and unknown-word marks off."""
    try:
        script = subprocess.run(
            ["apertium-wblank-mode", "-z", str(mode.path)],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):  # older Apertium: add -z ourselves
        script = mode.path.read_text().strip()
        script = re.sub(r"\b(lt-proc|apertium-\w+|lrx-proc|cg-proc)\b", r"\1 -z", script)
    # $1: generation option (-n = no unknown-word marks); $2: tagger option (none)
    return script.replace("$1", "-n").replace("$2", "")


class ApertiumProcess:
    """A long-lived Apertium chain; `translate` streams requests in and answers out."""

    def __init__(self, command: str) -> None:
        self.command = command
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def translate(self, texts: Sequence[str]) -> list[str]:
        with self._lock:
            proc = self._ensure_running()
            payload = b"".join(f"{escape(t)}[]\0".encode() for t in texts)
            writer = threading.Thread(target=self._write, args=(proc, payload), daemon=True)
            writer.start()
            try:
                answers = list(self._read_answers(proc, len(texts)))
            except TranslationError:
                self.close()
                raise
            finally:
                writer.join()
            return [unescape(a.decode("utf-8", errors="replace")).strip() for a in answers]

    def _ensure_running(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                ["bash", "-c", self.command],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
        return self._proc

    @staticmethod
    def _write(proc: subprocess.Popen[bytes], payload: bytes) -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(payload)
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the reader notices the dead process

    @staticmethod
    def _read_answers(proc: subprocess.Popen[bytes], count: int) -> Iterator[bytes]:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        pending: deque[bytes] = deque()
        buffer = b""
        while count:
            while not pending:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise TranslationError("apertium exited before answering every request")
                *done, buffer = (buffer + chunk).split(b"\0")
                pending.extend(done)
            yield pending.popleft()
            count -= 1

    def close(self) -> None:
        if self._proc is not None:
            if self._proc.stdin:
                self._proc.stdin.close()
            self._proc.kill()
            self._proc.wait()
            self._proc = None


@translators.register("apertium")
class ApertiumTranslator:
    """Offline rule-based translation through installed Apertium pairs.

    A direct pair is used alone. Without one, every installed one-pivot route is run (French →
    Spanish / Catalan / Esperanto → English) and the answers are combined by consensus
    (`pipeline.engines.translate.consensus`): measured on the French notes, chrF 57.8 for the
    best single pivot, 59+ combined.
    """

    name = "apertium"

    def __init__(self, modes_dir: str | Path | None = None, pivots: bool = True) -> None:
        self.modes_dir = Path(
            modes_dir or os.environ.get("APERTIUM_MODES_DIR") or DEFAULT_MODES_DIR
        )
        self.modes = installed_modes(self.modes_dir)
        self.pivots = pivots
        self.version = f"{apertium_version()} recipe={RECIPE}{'' if pivots else ' single-route'}"
        self._processes: dict[tuple[str, ...], ApertiumProcess] = {}

    def routes(self, source: str, target: str) -> list[list[Mode]]:
        """Chains of modes for source → target: the direct pair, else every one-pivot route."""
        if (source, target) in self.modes:
            return [[self.modes[source, target]]]
        found = [
            [first, self.modes[pivot, target]]
            for (src, pivot), first in sorted(self.modes.items())
            if src == source and pivot != target and (pivot, target) in self.modes
        ]
        return found if self.pivots else found[:1]

    def supports(self, source: str, target: str) -> bool:
        return shutil.which("apertium-pretransfer") is not None and bool(
            self.routes(source, target)
        )

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        routes = self.routes(source, target)
        if not routes:
            raise TranslationError(f"no Apertium pair {source}→{target} in {self.modes_dir}")
        with ThreadPoolExecutor(len(routes)) as pool:  # the chains run side by side
            answers = list(pool.map(lambda route: self._process(route).translate(texts), routes))
        combined = [consensus(candidates) for candidates in zip(*answers, strict=True)]
        repaired = self._repair_unknown_words(combined, texts, routes, target)
        return [tidy(text, target) for text in repaired]

    def _repair_unknown_words(
        self, outputs: list[str], sources: Sequence[str], routes: list[list[Mode]], target: str
    ) -> list[str]:
        """Words a pivot left untranslated ("différend", "orageuses") get another pivot's answer.

        A word is left untranslated when it is unknown to the target language's lexicon, or
        copied from the source and not a common target word. Each such word is sent alone
        through the routes in order; the first answer made of known words replaces it.
        """
        vocabulary = target_vocabulary(target)
        if vocabulary is None or len(routes) < 2:
            return outputs
        suspects: set[str] = set()
        for output, source in zip(outputs, sources, strict=True):
            copied = {w.lower() for w in WORD.findall(source)}
            for word in WORD.findall(PLACEHOLDER.sub(" ", output)):
                lower = word.lower()
                if word[0].islower() and (
                    lower not in vocabulary or (lower in copied and vocabulary[lower] < COMMON)
                ):
                    suspects.add(word)
        fixes: dict[str, str] = {}
        for route in routes:
            todo = sorted(suspects - fixes.keys())
            if not todo:
                break
            for word, answer in zip(todo, self._process(route).translate(todo), strict=True):
                if (
                    answer
                    and answer != word
                    and all(w.lower() in vocabulary for w in WORD.findall(answer))
                ):
                    fixes[word] = answer
        return (
            [WORD.sub(lambda m: fixes.get(m[0], m[0]), output) for output in outputs]
            if fixes
            else outputs
        )

    def _process(self, route: list[Mode]) -> ApertiumProcess:
        key = tuple(m.name for m in route)
        if key not in self._processes:
            self._processes[key] = ApertiumProcess(" | ".join(null_flush_command(m) for m in route))
        return self._processes[key]

    def describe(self, source: str, target: str) -> str:
        routes = self.routes(source, target)
        return "apertium:" + "+".join("|".join(m.name for m in route) for route in routes)

    def close(self) -> None:
        for process in self._processes.values():
            process.close()
        self._processes.clear()

    def __del__(self) -> None:
        self.close()


def apertium_version() -> str:
    """Versions of the engine and installed language data, for run.json and cache keys."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}=${Version} ", *DEBIAN_PACKAGES],
            capture_output=True, text=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.strip() or "unknown"
