"""Find the input files: each read once, none read back from an output, none taken by surprise.

- A file is known by its real path: the same file reached twice (`a/x.jsonl a/`) is read once.
  Two different files that would share a `source` (`a/data.jsonl b/data.jsonl`) are both read,
  each `source` qualified by the input as given.
- A file's `source` and `doc_id` depend on no other input but those it clashes with: files
  whose paths relative to their inputs are the same text (both qualified), or whose stems are
  (both documents named by their whole source). A file named by its own path never yields to
  a qualified one: a qualified source (`a/x.txt`) that is another file's own path takes `~N`,
  and a qualified file's document never takes one an unqualified file's names decide. Adding
  an input changed the names of files no new file clashed with (`c/a/x.txt`, source `a/x.txt`,
  became `a/x.txt~2` beside `a/x.txt` and `b/x.txt`; `x.md`'s document became `x` once its
  stem-mate `x.txt` was qualified away).
- A folder holding a run's outputs (`run.json` beside `corpus.jsonl`, or a run's parts folder)
  is skipped when walking a folder: the next run must not read its own corpus back.
- A symlink that leads outside its input folder is not followed unless asked; a FIFO, socket or
  device is not read (it can block for ever). Both become errors with the file's name.
- Hidden files and folders (named `.x`) met walking a folder are skipped, as git and most tools
  do, each with a warning naming it; one named as an input is read. Broken links are kept, so
  that they are reported.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import Code
from pipeline.io.compression import compression
from pipeline.io.stdin import is_spooled

OUTPUT_MARKERS = (("run.json", "corpus.jsonl"), (".parts",))


def shown(path: str | Path) -> str:
    """A path as text any output can hold: bytes of a name that are not UTF-8 (the file
    system allows any) are shown escaped, `caf\\xe9.txt`, instead of failing the run."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(frozen=True, order=True)
class InputFile:
    """One input file and its path relative to the input root (the record's `source`).

    `refused` says why the file is not read (its code and the fields of its message), for
    the error report."""

    source: str
    path: Path = field(compare=False)
    refused: tuple[Code, dict[str, Any]] | None = field(default=None, compare=False)
    document: str | None = field(default=None, compare=False)  # set by `discover`
    # every input file's doc_id in NFC (set by `discover`, one set shared by all): a document
    # a record names (a JSONL `doc_id` or id) must not be another file's
    documents: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # the file's path relative to its input when `source` is qualified (set by `discover`)
    own: str | None = field(default=None, compare=False)

    @property
    def doc_id(self) -> str:
        """The document every record of the file belongs to: its source without suffixes
        (`notes.txt` is `notes`), unless another input file has that stem too (`notes.md`,
        `notes.txt.gz`): then the whole source, so two files are never one document
        (`unique_documents`)."""
        return self.document if self.document is not None else stem(self.source)


def nfc(name: str) -> str:
    """A name as it is compared: in NFC, so that two names that differ only by Unicode
    normalisation (`café.txt` composed and decomposed, as macOS writes it), one text on
    screen and to every tool that normalises, clash as the same name would. Compatibility
    forms (`ﬁ`, fullwidth letters) are other text."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def stem(source: str) -> str:
    """A source without its format and compression suffixes: `a/notes.txt.gz` → `a/notes`."""
    path = PurePosixPath(source)
    if compression(Path(path)):
        path = path.with_suffix("")
    return str(path.with_suffix(""))


def unique_documents(files: list[InputFile]) -> list[InputFile]:
    """Each file with a `doc_id` no other file has, decided from the files' own names (their
    paths relative to their inputs, `own`, else `source`), so that it depends only on the
    files it clashes with: its stem when no other file's own stem or own path is that text,
    else its source. A qualified file (its own path is another's) comes second: its stem, or
    else its source, or `SOURCE~N`, whatever the unqualified files took."""
    names = [f.own or f.source for f in files]
    stems = Counter(nfc(stem(n)) for n in names)
    owns = {nfc(n) for n in names}
    docs: dict[int, str] = {}
    for i, (file, name) in enumerate(zip(files, names, strict=True)):
        if file.own is None:
            own = stem(name)
            clash = stems[nfc(own)] > 1 or (nfc(own) in owns and nfc(own) != nfc(name))
            docs[i] = name if clash else own
    taken = {nfc(doc) for doc in docs.values()}
    qualified = Counter(nfc(stem(f.source)) for f in files if f.own is not None)
    sources = {nfc(f.source) for f in files}
    for i, file in enumerate(files):
        if file.own is None:
            continue
        own, source = stem(file.source), nfc(file.source)
        key = nfc(own)
        clash = qualified[key] > 1 or key in taken or (key in sources and key != source)
        doc, n = (file.source if clash else own), 2
        while nfc(doc) in taken:
            doc, n = f"{file.source}~{n}", n + 1
        docs[i] = doc
        taken.add(nfc(doc))
    return [replace(file, document=docs[i]) for i, file in enumerate(files)]


@dataclass
class Discovery:
    """The input files in reading order, and what was skipped on the way: folders holding a
    run's outputs, and hidden files and folders."""

    files: list[InputFile]
    skipped_outputs: list[Path]
    skipped_hidden: list[Path] = field(default_factory=list)


@dataclass
class Skipped:
    """What a walk skipped, to be reported: output folders and hidden entries."""

    outputs: list[Path] = field(default_factory=list)
    hidden: list[Path] = field(default_factory=list)


def is_output_folder(folder: Path) -> bool:
    return any(all((folder / name).exists() for name in names) for names in OUTPUT_MARKERS)


def inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def discover(
    inputs: Iterable[str | Path], follow_links: bool = False, exclude: Path | None = None
) -> Discovery:
    """List input files: files as given, folders walked recursively, sorted for determinism.

    `exclude` (the run's own output folder) is skipped like any output folder."""
    found: dict[Path, InputFile] = {}
    given_as: dict[Path, str] = {}  # real path → the input it was found under, as given
    skipped = Skipped()
    for given in map(Path, inputs):
        prefix = PurePosixPath(given.as_posix()).as_posix().lstrip("/")
        if given.is_dir():
            for path, source in walk(given, follow_links, exclude, skipped):
                real = real_path(path)
                if real not in found or by_link(found[real].path, path):
                    found[real] = refuse_if_needed(
                        InputFile(shown(source), path), resolved(given), follow_links
                    )
                    given_as[real] = shown(f"{prefix}/{source}" if prefix != "." else source)
        else:
            real = real_path(given)
            if real not in found or by_link(found[real].path, given):
                found[real] = refuse_if_needed(
                    InputFile(shown(given.name), given), None, follow_links
                )
                # standard input's spool lives in a random folder: it is never named by it
                given_as[real] = f"<stdin>/{given.name}" if is_spooled(given) else shown(prefix)
    by_source: dict[str, list[Path]] = defaultdict(list)
    for real, file in found.items():
        by_source[nfc(file.source)].append(real)
    for reals in by_source.values():
        if len(reals) > 1:
            for real in reals:
                file = found[real]
                found[real] = replace(file, source=given_as[real], own=file.source)
    files = unique_documents(sorted(distinct_sources(found).values()))
    documents = frozenset(nfc(f.doc_id) for f in files)
    return Discovery(
        [replace(f, documents=documents) for f in files],
        sorted(skipped.outputs),
        sorted({p for p in skipped.hidden if real_path(p) not in found}),  # named: read
    )


def distinct_sources(found: dict[Path, InputFile]) -> dict[Path, InputFile]:
    """Files whose sources are still one text once qualified (a name whose bytes are not
    UTF-8, shown escaped as `caf\\xe9.txt`, and a file literally named so; a qualified
    `a/x.txt` and a file whose own path is `a/x.txt`): the file named by its own path keeps
    it, the others (in the order of their real paths' bytes) get `~N`, the smallest N free, so
    two files are never one source or one document."""
    by_source: dict[str, list[Path]] = defaultdict(list)
    for real in sorted(found, key=lambda r: (found[r].own is not None, os.fsencode(r))):
        by_source[nfc(found[real].source)].append(real)
    taken = set(by_source)
    for reals in by_source.values():
        n, source = 2, found[reals[0]].source
        for real in reals[1:]:
            source = found[real].source
            while nfc(f"{source}~{n}") in taken:
                n += 1
            taken.add(nfc(f"{source}~{n}"))
            found[real] = replace(found[real], source=f"{source}~{n}")
    return found


def walk(
    root: Path, follow_links: bool, exclude: Path | None, skipped: Skipped
) -> Iterable[tuple[Path, str]]:
    """(path, source) of the files under `root`, pruning output folders.

    Each real folder is walked once (known by device and inode), so links that lead back up
    the tree (`a/up -> ..`, two folders linking to each other, a link to itself) end: the
    real tree is walked first, without following links, then (with `follow_links`) each
    linked folder met that leads to a folder not walked yet, in sorted order. A file in the
    real tree is named by its own path; one reached only through links, by the first path
    in that order, the same at every run."""
    excluded = resolved(exclude) if exclude is not None else None
    if resolved(root) == excluded or is_output_folder(root):
        skipped.outputs.append(root)
        return
    seen: set[tuple[int, int]] = set()
    linked: list[Path] = []  # linked folders met, walked once the trees before are done
    yield from walk_tree(root, root, follow_links, excluded, skipped, seen, linked)
    while linked:
        folder = linked.pop(0)
        if folder_key(folder) not in seen:
            found: list[Path] = []
            yield from walk_tree(folder, root, follow_links, excluded, skipped, seen, found)
            linked = sorted([*linked, *found])


def folder_key(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def walk_tree(
    top: Path,
    root: Path,
    follow_links: bool,
    excluded: Path | None,
    skipped: Skipped,
    seen: set[tuple[int, int]],
    linked: list[Path],
) -> Iterable[tuple[Path, str]]:
    """The files of `top` (a folder of `root`, or a link to one), in sorted order, without
    following links: the folders it links to go to `linked`; those already walked are not
    walked again."""
    root_real = resolved(root)
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        try:
            key = folder_key(here)
        except OSError:
            dirs[:] = []
            continue
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                skipped.hidden.append(sub)
                continue
            if resolved(sub) == excluded or is_output_folder(sub):
                skipped.outputs.append(sub)
            elif sub.is_symlink():
                if follow_links:
                    linked.append(sub)
                elif not inside(resolved(sub), root_real):
                    files.append(name)  # reported as a refused file below
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                skipped.hidden.append(path)
            else:
                yield path, path.relative_to(root).as_posix()


def by_link(known: Path, path: Path) -> bool:
    """Whether a file first met through a link (`0.txt -> notes.txt`) is now met by its own
    name: then that name is the one it is known by, whatever sorts first (the link named
    the file's document before)."""
    return known.is_symlink() and not path.is_symlink()


def resolved(path: Path) -> Path:
    """The path with every link followed, as far as they lead: a ring of links (`a -> b -> a`,
    a link to itself) stops where the ring starts instead of raising (pathlib's `resolve`
    raises RuntimeError on Python 3.11, and one stray link lost the whole run)."""
    return Path(os.path.realpath(path))


def real_path(path: Path) -> Path:
    """What a file is known by, so that one reached twice is read once: its real path; a
    broken link's own (two broken links to one missing path are two errors, each named; a
    ring of links is broken too)."""
    real = resolved(path)
    return real if real.exists() or not path.is_symlink() else path.absolute()


def broken_link(path: Path) -> str | None:
    """Why `path` is a link that leads nowhere (E001 naming it, whatever its name: a
    suffix-less one was 'unsupported file type'), or None."""
    if not path.is_symlink():
        return None
    try:
        path.stat()
        return None
    except OSError as e:
        target = os.readlink(path)
        return f"broken link to {shown(target)} ({e.strerror or type(e).__name__})"


def refuse_if_needed(file: InputFile, root: Path | None, follow_links: bool) -> InputFile:
    """The file, with `refused` set if it must not be read (see the module doc)."""
    path = file.path
    broken = broken_link(path)
    if broken is not None:
        return replace(file, refused=(Code.UNREADABLE_FILE, {"reason": broken}))
    if path.is_symlink() and root is not None and not follow_links:
        target = resolved(path)
        if not inside(target, root):
            return replace(
                file,
                refused=(
                    Code.LINK_OUTSIDE,
                    {"target": shown(target), "hint": " (--follow-links reads it)"},
                ),
            )
    try:
        mode = path.stat().st_mode
    except OSError:
        return file  # a broken link or a vanished file: reported when read
    if stat.S_ISDIR(mode):
        return replace(
            file, refused=(Code.LINK_OUTSIDE, {"target": shown(resolved(path)), "hint": ""})
        )
    if not stat.S_ISREG(mode):
        return replace(file, refused=(Code.NOT_A_FILE, {}))
    return file
