"""A persistent translation cache (SQLite), safe to share between worker processes.

Keyed by engine, engine version, endpoint, languages and the exact text sent (names already
replaced by placeholders), so a re-run translates nothing it has translated before, and a new engine
version never serves an old answer. WAL mode lets readers and one writer work at once; a busy
timeout makes concurrent writers wait instead of failing.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pipeline.engines.translate.base import Translator, answer_problem
from pipeline.resources import cache_dir

T = TypeVar("T")
logger = logging.getLogger(__name__)


def default_cache_path() -> Path:
    return cache_dir() / "translations.sqlite"


class TranslationCache:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()  # one connection per thread and per process

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS translations (key BLOB PRIMARY KEY, text TEXT NOT NULL)"
            )
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def get(self, keys: Sequence[bytes]) -> dict[bytes, str]:
        found: dict[bytes, str] = {}
        conn = self._connection()
        for i in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                conn.execute(
                    f"SELECT key, text FROM translations WHERE key IN ({marks})", chunk
                ).fetchall()
            )
        return found

    def put(self, items: dict[bytes, str]) -> None:
        conn = self._connection()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?)", items.items())

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class CachedTranslator(Translator):
    """Any translator, answering from the cache first and remembering what it translates.

    Only answers that pass `answer_problem` are stored, so a bad answer is never served again.
    The key holds the engine's endpoint (a LibreTranslate URL): another server is another
    engine. A cache that cannot be read or written (corrupt, read-only, full) is set aside for
    the rest of the run with one warning; translation goes on without it. It declares what
    its engine declares and passes on what the engine can do besides translating.
    """

    def __init__(self, engine: Translator, cache: TranslationCache) -> None:
        self.engine = engine
        self.cache = cache
        self.name = engine.name
        self.version = engine.version
        self.max_chars = engine.max_chars
        self.analyses_names = engine.analyses_names
        self.endpoint = str(engine.endpoint or "")
        self.problem: str | None = None  # why the cache was set aside, if it was

    def key(self, text: str, source: str, target: str) -> bytes:
        version = self.engine.version_for(source, target)  # the pair's own modes
        material = "\0".join((self.engine.name, version, self.endpoint, source, target, text))
        return hashlib.sha256(material.encode()).digest()

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def writes(self, target: str) -> bool:
        return self.engine.writes(target)

    def why_not(self, source: str, target: str) -> str:
        return self.engine.why_not(source, target)

    def languages_into(self, target: str) -> list[str] | None:
        return self.engine.languages_into(target)

    def installed(self) -> bool:
        return self.engine.installed()

    def version_for(self, source: str, target: str) -> str:
        return self.engine.version_for(source, target)

    def unresolved(self) -> str | None:
        return self.engine.unresolved()

    def warm(self, source: str, target: str) -> None:
        self.engine.warm(source, target)

    def modes_record(self, target: str) -> dict[str, dict[str, str]] | None:
        return self.engine.modes_record(target)

    def name_readings(
        self, names: Sequence[str], source: str, target: str
    ) -> dict[str, tuple[int, str, str | None]]:
        return self.engine.name_readings(names, source, target)

    def determiners(self, words: Sequence[str], source: str, target: str) -> set[str]:
        return self.engine.determiners(words, source, target)

    def analyse(self, texts: Sequence[str], lang: str, route: tuple[str, str]) -> list[str] | None:
        return self.engine.analyse(texts, lang, route)

    def describe(self, source: str, target: str) -> str:
        return self.engine.describe(source, target)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        keys = [self.key(t, source, target) for t in texts]
        known = self._use(lambda: self.cache.get(sorted(set(keys)))) or {}
        missing = sorted({t for t, k in zip(texts, keys, strict=True) if k not in known})
        if missing:
            fresh = dict(zip(missing, self.engine.translate(missing, source, target), strict=True))
            good = {
                self.key(t, source, target): out
                for t, out in fresh.items()
                if answer_problem(t, out) is None
            }
            if good:
                self._use(lambda: self.cache.put(good))
            return [known[k] if k in known else fresh[t] for t, k in zip(texts, keys, strict=True)]
        return [known[k] for k in keys]

    def _use(self, operation: Callable[[], T]) -> T | None:
        """Run a cache operation; on a database error, warn once and stop using the cache."""
        if self.problem is not None:
            return None
        try:
            return operation()
        except (sqlite3.Error, OSError) as error:
            self.problem = f"translation cache {self.cache.path} set aside: {error}"
            logger.warning("%s; translating without it", self.problem)
            return None

    def close(self) -> None:
        self.engine.close()
        with contextlib.suppress(sqlite3.Error):
            self.cache.close()
