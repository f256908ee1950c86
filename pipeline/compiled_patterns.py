"""Large regular expressions compiled once per machine instead of once per process.

`import spacy.lang.fr` compiles one 1.45 MB expression (the hyphenated-word `token_match` of
its tokenizer exceptions): 3-5 s of every process that meets French text, nearly all of it in
Python's own regex compiler (measured: parse 0.8 s, turning it into the engine's code 2.5 s,
building the pattern object from that code 2 ms). Inside
`reusing_compiled_patterns()`, `re.compile` of an expression over `MIN_LENGTH` characters keeps
that code in the cache folder and builds the pattern object from it next time: the very same
code, so the pattern matches exactly as the one the compiler makes (a test compares spaCy's
French tokens both ways on real text). The cache is keyed by the pattern, its flags, the
Python version and the regex engine's magic number; anything unexpected (a missing, truncated or
foreign file, another Python) falls back to the ordinary compiler.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.resources import cache_dir

MIN_LENGTH = 100_000  # only expressions this long cost enough compile time to keep


def _compiler() -> tuple[Any, Any, Any]:
    """The regex engine and CPython's compiler and parser (internal modules, named as in
    3.11+ or in 3.10)."""
    sre = importlib.import_module("_sre")
    try:
        return sre, importlib.import_module("re._compiler"), importlib.import_module("re._parser")
    except ImportError:
        return sre, importlib.import_module("sre_compile"), importlib.import_module("sre_parse")


def cache_path(pattern: str, flags: int) -> Path:
    magic = importlib.import_module("_sre").MAGIC
    key = hashlib.blake2b(
        f"{sys.hexversion}\0{magic}\0{flags}\0{pattern}".encode("utf-8", "surrogatepass"),
        digest_size=16,
    ).hexdigest()
    return cache_dir() / "patterns" / f"{key}.bin"


def compile_reusing(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from what the cache keeps when it is there (the engine's
    code and the parse's flags and groups: neither parsing nor code generation is redone)."""
    _sre, compiler, parser = _compiler()
    path = cache_path(pattern, flags)
    kept = _load(path)
    if kept is None:
        parsed = parser.parse(pattern, flags)
        kept = Kept(compiler._code(parsed, flags), parsed.state.flags, parsed.state.groups,
                    dict(parsed.state.groupdict))  # fmt: skip
        _save(path, kept)
    indexgroup: list[str | None] = [None] * kept.groups
    for name, index in kept.groupdict.items():
        indexgroup[index] = name
    compiled: re.Pattern[str] = _sre.compile(
        pattern, flags | kept.flags, kept.code, kept.groups - 1, kept.groupdict,
        tuple(indexgroup),
    )  # fmt: skip
    return compiled


@dataclass
class Kept:
    """What `re.compile` makes of a pattern before the pattern object: all that is kept."""

    code: list[int]
    flags: int
    groups: int
    groupdict: dict[str, int]


def _load(path: Path) -> Kept | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, rest = data[:16], data[16:]
    if hashlib.blake2b(rest, digest_size=16).digest() != digest or b"\n" not in rest:
        return None  # truncated or foreign: compile as usual
    header, body = rest.split(b"\n", 1)
    if len(body) % 4:
        return None
    meta = json.loads(header)
    return Kept(array("I", body).tolist(), meta["flags"], meta["groups"], meta["groupdict"])


def _save(path: Path, kept: Kept) -> None:
    """Written whole, then renamed in place; a cache that cannot be written costs only time."""
    tmp = None
    try:
        header = json.dumps({"flags": kept.flags, "groups": kept.groups,
                             "groupdict": kept.groupdict}).encode()  # fmt: skip
        rest = header + b"\n" + array("I", kept.code).tobytes()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.blake2b(rest, digest_size=16).digest() + rest)
        os.replace(tmp, path)
    except (OSError, OverflowError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@contextlib.contextmanager
def reusing_compiled_patterns() -> Iterator[None]:
    """Within the block, `re.compile` of a long expression reuses its kept code (see the
    module doc); every other call is the ordinary one."""
    original = re.compile

    def compile(pattern: Any, flags: Any = 0) -> Any:
        if isinstance(pattern, str) and len(pattern) >= MIN_LENGTH:
            with contextlib.suppress(Exception):  # any surprise: the ordinary compiler
                return compile_reusing(pattern, int(flags))
        return original(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original
