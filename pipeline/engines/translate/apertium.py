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
from dataclasses import dataclass
from pathlib import Path

from pipeline.engines.translate.base import TranslationError
from pipeline.registry import translators

DEFAULT_MODES_DIR = Path("/usr/share/apertium/modes")
DEBIAN_PACKAGES = ("apertium", "apertium-fr-es", "apertium-eng-spa")
# Apertium names languages with ISO 639-1 or 639-3 codes; records use 639-1.
ISO639_3_TO_1 = {
    "eng": "en", "spa": "es", "fra": "fr", "cat": "ca", "por": "pt", "ita": "it", "epo": "eo",
    "glg": "gl", "oci": "oc", "ron": "ro", "deu": "de", "nld": "nl", "eus": "eu", "arg": "an",
}  # fmt: skip
# The characters Apertium's stream format reserves, escaped with a backslash on the way in.
RESERVED = re.compile(r"([\\\[\]^$/@<>{}#*|+])")
UNESCAPE = re.compile(r"\\(.)|[\[\]]", re.DOTALL)
DOUBLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


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
    """Offline rule-based translation through installed Apertium pairs (with one pivot)."""

    name = "apertium"

    def __init__(self, modes_dir: str | Path | None = None) -> None:
        self.modes_dir = Path(
            modes_dir or os.environ.get("APERTIUM_MODES_DIR") or DEFAULT_MODES_DIR
        )
        self.modes = installed_modes(self.modes_dir)
        self.version = apertium_version()
        self._processes: dict[tuple[str, str], ApertiumProcess] = {}

    def route(self, source: str, target: str) -> list[Mode] | None:
        """The modes to chain for source → target: direct, else through one pivot language."""
        if (source, target) in self.modes:
            return [self.modes[source, target]]
        for (src, pivot), first in self.modes.items():
            if src == source and (pivot, target) in self.modes:
                return [first, self.modes[pivot, target]]
        return None

    def supports(self, source: str, target: str) -> bool:
        return (
            shutil.which("apertium-pretransfer") is not None
            and self.route(source, target) is not None
        )

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        key = (source, target)
        if key not in self._processes:
            route = self.route(source, target)
            if route is None:
                raise TranslationError(f"no Apertium pair {source}→{target} in {self.modes_dir}")
            command = " | ".join(null_flush_command(m) for m in route)
            self._processes[key] = ApertiumProcess(command)
        return self._processes[key].translate(texts)

    def describe(self, source: str, target: str) -> str:
        route = self.route(source, target)
        return f"apertium:{'|'.join(m.name for m in route)}" if route else "apertium"

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
