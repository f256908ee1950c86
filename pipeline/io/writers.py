"""Write records out: the corpus, the error report, the dropped lines and the warnings.

Each shard writes into a private folder and is committed by renaming it to the shard's folder
(with its completion marker; where each folder is: `pipeline.run.parts`). The final files are
the committed shards joined in order, written as a set into a staging folder and put in place
only once every one is written (`put_in_place`), so a reader never sees a half-written corpus,
a run that fails or is killed on any write (disk full, quota) leaves the previous run's outputs
whole and together, and `--resume` redoes only the shards that were not committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

from pipeline.errors import PART_TALLY, Warn, no_record
from pipeline.record import Record, dumps

CORPUS = "corpus.jsonl"
PARQUET = ("corpus.parquet", "entities.parquet")  # with --format parquet
ERRORS = "errors.jsonl"
DROPPED = "dropped.jsonl"
WARNINGS = "warnings.jsonl"
RUN = "run.json"
ENTITIES = "entities.jsonl"
REPORT = "report.html"
RUN_LOG = "run.log"  # written by the command line
OUTPUTS = (CORPUS, ERRORS, DROPPED, WARNINGS)
EVERY_OUTPUT = (*OUTPUTS, RUN, ENTITIES, REPORT, RUN_LOG, *PARQUET)  # every file a run may write
MARKER = "done.json"
IDS = "ids.bin"  # per shard: the 64-bit id digests of its corpus, errors and dropped lines
ID_FILES = (CORPUS, ERRORS, DROPPED)  # their order in IDS, after a header of three counts
# after them in IDS, the byte offset in its input of each corpus record (-1: none), so that a
# W002 about a corpus record locates it as every other warning does (the corpus keeps the line);
# then the file each record went to, in input order (a byte each, `ID_FILES`' index, padded to
# 8 bytes: `shard_order`), and each distinct (source, doc_id) the records were written with,
# in the order met: its 64-bit digests (`document_pair`) and the input-order index of its
# first record (`shard_documents`): which documents several files give, and where to read
# their names (`pipeline.run.ids`). One file, not three: a shard's files each take a block.


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over `path` only if the block succeeds (and
    made durable first), so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~process_umask())  # as `open` would: mkstemp makes it 0600
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[str]]:
    """Write text to `path` atomically (see `atomic_path`)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        yield f


def process_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: Any) -> None:
    with atomic_open(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


class ShardWriter:
    """Routes a shard's records to its corpus, errors and dropped files; collects warnings.
    Beside each file it keeps the 64-bit digests of the ids written, which file each record
    went to and the documents written (`IDS`), so that ids and documents are made unique in
    input order without reading the records twice."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stack = ExitStack()
        self._ids: dict[str, list[int]] = {name: [] for name in ID_FILES}
        self._bytes = array("q")
        self._order = bytearray()
        self._documents: dict[tuple[str, str], int] = {}  # → its first record's index

    def __enter__(self) -> ShardWriter:
        self.folder.mkdir(parents=True)
        opened = {
            name: self._stack.enter_context(
                (self.folder / name).open("w", encoding="utf-8", newline="\n")
            )
            for name in OUTPUTS
        }
        self._corpus, self._errors, self._dropped, self._warnings = (opened[n] for n in OUTPUTS)
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            rows = array("Q")
            for pair, first in self._documents.items():
                rows.extend((*document_pair(*pair), first))
            with (self.folder / IDS).open("wb") as ids:
                ids.write(array("Q", [len(self._ids[name]) for name in ID_FILES]).tobytes())
                for name in ID_FILES:
                    ids.write(array("Q", self._ids[name]).tobytes())
                ids.write(self._bytes.tobytes())
                ids.write(bytes(self._order) + bytes(-len(self._order) % 8))
                ids.write(rows.tobytes())
        self._stack.close()

    def write(self, record: Record) -> None:
        self._documents.setdefault((record.source, record.doc_id), len(self._order))
        if record.error is not None:
            self._errors.write(dumps(record.error_entry()) + "\n")
            self._ids[ERRORS].append(id_digest(record.id))
            self._order.append(ID_FILES.index(ERRORS))
        elif record.dropped is not None:
            self._dropped.write(dumps(record.dropped_entry()) + "\n")
            self._ids[DROPPED].append(id_digest(record.id))
            self._order.append(ID_FILES.index(DROPPED))
        else:
            self._order.append(ID_FILES.index(CORPUS))
            self._corpus.write(record.to_json() + "\n")
            self._ids[CORPUS].append(id_digest(record.id))
            at = record.location.byte if record.location is not None else None
            self._bytes.append(-1 if at is None else at)

    def warn(self, entry: dict[str, Any]) -> None:
        self._warnings.write(dumps(entry) + "\n")


def commit(tmp: Path, final: Path, marker: dict[str, Any]) -> None:
    """Make a shard's outputs count: marker written, then the folder renamed into place. If
    another attempt committed the shard first, this attempt's (identical) outputs are dropped.

    Nothing is forced to disk (`fsync`): a killed process loses nothing it wrote, and after an
    OS crash or a power cut, which can leave a renamed folder with empty or short files, the
    marker's size and digest of every file (`shard_files`) let `--resume` find the torn shard
    and redo it (`intact`). Forcing 7 files a shard to disk cost 448 waits of 2-8 ms in a run
    of 3,000 paragraphs, 5-20 % of its wall time; the final outputs are still forced."""
    marker = {**marker, "files": shard_files(tmp)}
    (tmp / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    try:
        os.rename(tmp, final)  # fails if `final` exists and is not empty: never overwrites
    except OSError:
        if not (final / MARKER).exists():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


def shard_files(folder: Path) -> dict[str, list[Any]]:
    """Each file of a shard's folder: its size and content digest, for the marker."""
    return {
        path.name: [path.stat().st_size, file_digest(path)]
        for path in sorted(folder.iterdir())
        if path.name != MARKER and path.is_file()
    }


def file_digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "blake2b").hexdigest()[:32]


def intact(folder: Path, marker: dict[str, Any], consumed: Callable[[], bool]) -> bool:
    """Whether a committed shard's files are whole: each as the marker describes it, except a
    corpus the next pass has consumed (`consumed()`: that pass committed the shard, then
    removed it; asked only when the corpus is missing, since it reads that shard's files).
    A marker without `files` is an older run's: not trusted."""
    files = marker.get("files")
    if not isinstance(files, dict):
        return False
    for name, described in files.items():
        path = folder / name
        if not path.exists():
            if name == CORPUS and consumed():
                continue
            return False
        try:
            if [path.stat().st_size, file_digest(path)] != described:
                return False
        except OSError:
            return False
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a crash after it must not undo the commit)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SetNotReplaced(OSError):
    """Putting a run's outputs in place failed; the message says what the folder holds."""


def put_in_place(staged: Path, out: Path, aside: Path) -> None:
    """Replace the outputs in `out` by the set written in `staged`, as one: every file was
    written before this starts, and renames within a file system need no room. The old set
    is first moved to `aside` (run.json first), then the new one in (run.json last); when any
    step fails (EPERM, EBUSY, ...) every step done is undone, so the folder holds the whole
    old set or the whole new set, and `SetNotReplaced` says which (when undoing fails too,
    it says the folder is mixed and where each run's files are). An earlier run's file this
    run does not write (report.html with --no-report) is removed with the old set."""
    written = {p.name for p in staged.iterdir() if p.name in EVERY_OUTPUT}
    aside.mkdir(exist_ok=True)
    others = [name for name in EVERY_OUTPUT if name != RUN]
    moved_old: list[str] = []
    moved_new: list[str] = []
    try:
        for name in (RUN, *others):
            if (out / name).exists():
                os.replace(out / name, aside / name)
                moved_old.append(name)
        fsync_folder(out)
        for name in (*others, RUN):
            if name in written:
                os.replace(staged / name, out / name)
                moved_new.append(name)
        fsync_folder(out)
    except OSError as failure:
        try:
            for name in reversed(moved_new):
                os.replace(out / name, staged / name)
            for name in reversed(moved_old):
                os.replace(aside / name, out / name)
        except OSError as again:
            raise SetNotReplaced(
                failure.errno or 0,
                f"the outputs in {out} could not be replaced ({failure}) nor put back "
                f"({again}): the folder mixes two runs; the previous run's other files are "
                f"in {aside}, this run's in {staged}",
            ) from failure
        raise SetNotReplaced(
            failure.errno or 0,
            f"the outputs in {out} could not be replaced ({failure}): the folder holds the "
            f"previous run's outputs, unchanged; this run's are in {staged}",
        ) from failure
    shutil.rmtree(aside, ignore_errors=True)


def read_marker(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / MARKER).read_text(encoding="utf-8")))


Renames = Callable[[str, str], dict[str, str]]  # (file, shard) → position → the id it gets
# shard → (source, doc_id) → the doc_id its records get
Documents = Callable[[str], dict[tuple[str, str], str]]


def no_renames(name: str, shard: str) -> dict[str, str]:
    return {}


def no_documents(shard: str) -> dict[tuple[str, str], str]:
    return {}


def merge(
    shards: Sequence[Sequence[Path]],
    out_dir: Path,
    warnings: Sequence[dict[str, Any]] = (),
    renames: Renames = no_renames,
    documents: Documents = no_documents,
) -> int:
    """Join committed shards, in order, into the final outputs.

    Each shard is the list of its folders, one per pass (`pipeline.run.passes`): its errors,
    dropped lines and warnings come from every pass, its corpus from the last; its errors and
    its dropped lines each in input order, whatever pass set them aside (`passes_in_order`),
    so a shard of one record and a shard of all give the same bytes. Ids were made
    unique after the first pass, over the corpus, errors and dropped lines together, in input
    order (`pipeline.run.ids`): `renames(file, shard)` gives the first pass's records of that file
    their id by position (a later pass's records already carry theirs: the second pass read
    them renamed); `documents(shard)` the documents several files gave, by source and
    doc_id, their qualified names, in every pass's files (inside the run a document is its
    doc_id within its source: a step keyed by it finds it as it observed it). Every record
    is kept; lines are copied as they are unless an id or a doc_id changes. A file cut across
    shards warns W015 once, where its last part's tally is (`errors.PART_TALLY`), when its
    parts together gave nothing: the number of those warnings is returned.
    """
    parts: dict[str, list[int]] = {}  # a file cut across shards → kept, failed, dropped so far
    warned = 0
    with ExitStack() as stack:
        out = {name: stack.enter_context(atomic_open(out_dir / name)) for name in OUTPUTS}
        out[WARNINGS].writelines(dumps(entry) + "\n" for entry in warnings)
        for passes in shards:
            docs = documents(passes[0].name)
            order = passes_in_order(passes)
            for name in (ERRORS, DROPPED):
                renamed = renames(name, passes[0].name)
                copy_in_order(passes, name, order.get(name), renamed, docs, out[name])
            for folder in passes:
                warned += copy_warnings(folder / WARNINGS, parts, out[WARNINGS])
            last = passes[-1]
            renamed = renames(CORPUS, last.name) if len(passes) == 1 else {}
            copy_renamed(last / CORPUS, renamed, docs, out[CORPUS])
    return warned


TALLY_MARK = f'"code":"{PART_TALLY}"'


def copy_warnings(path: Path, parts: dict[str, list[int]], out: IO[str]) -> int:
    """A shard's warnings copied, each part's tally added to its file's (`parts`) and, at a
    file's last part, replaced by the file's W015 if its parts gave no record and no error;
    return how many W015 were written."""
    with path.open(encoding="utf-8") as f:
        text = f.read()
    if TALLY_MARK not in text:
        out.write(text)
        return 0
    warned = 0
    for line in text.splitlines(keepends=True):
        if TALLY_MARK not in line:
            out.write(line)
            continue
        tally = json.loads(line)
        counts = parts.setdefault(tally["source"], [0, 0, 0])
        for i, name in enumerate(("kept", "failed", "dropped")):
            counts[i] += tally[name]
        if tally["last"]:
            kept, failed, dropped = parts.pop(tally["source"])
            if not kept and not failed:
                out.write(dumps(no_record(tally["source"], dropped)) + "\n")
                warned += 1
    return warned


def passes_in_order(passes: Sequence[Path]) -> dict[str, Any]:
    """For errors and dropped lines, the pass (0 the first) that wrote each of the shard's
    lines of that file, in input order: each pass reads the corpus of the one before in order,
    so following each record through the passes' `shard_order` places every line. {} when the
    lines are already in order (one pass, or one pass wrote lines of each file) or a pass was
    committed without its order (its lines then go pass after pass)."""
    import numpy as np

    if len(passes) == 1:
        return {}
    fate = np.array(shard_order(passes[0]), dtype=np.uint8)  # each input record's file
    writer = np.zeros(len(fate), dtype=np.uint8)  # and the pass that wrote it there
    corpus = ID_FILES.index(CORPUS)
    for number, folder in enumerate(passes[1:], 1):
        going_on = np.flatnonzero(fate == corpus)
        later = shard_order(folder)
        if len(later) != len(going_on):
            return {}
        fate[going_on] = later
        writer[going_on] = number
    order = {}
    for name in (ERRORS, DROPPED):
        writers = writer[fate == ID_FILES.index(name)]
        if writers.size and np.any(writers[1:] < writers[:-1]):
            order[name] = writers
    return order


def copy_in_order(
    passes: Sequence[Path],
    name: str,
    order: Any,
    renamed: dict[str, str],
    docs: dict[tuple[str, str], str],
    out: IO[str],
) -> None:
    """A shard's file `name` from every pass copied (`copy_renamed`), its lines taken from the
    passes in `order` (`passes_in_order`), or pass after pass when it is None."""
    if order is None:
        for number, folder in enumerate(passes):
            copy_renamed(folder / name, renamed if number == 0 else {}, docs, out)
        return
    with ExitStack() as stack:
        files = [stack.enter_context((f / name).open(encoding="utf-8")) for f in passes]
        positions = iter(range(len(order)))  # the first pass's lines, counted
        write_renamed(
            ((next(positions) if number == 0 else None, next(files[number]))
             for number in order.tolist()),
            renamed, docs, out,
        )  # fmt: skip


def copy_renamed(
    path: Path, renamed: dict[str, str], docs: dict[tuple[str, str], str], out: IO[str]
) -> None:
    """A shard's file copied, each line at a position in `renamed` with its new id, each of a
    document in `docs` with its new doc_id."""
    with path.open(encoding="utf-8") as f:
        if not renamed and not docs:
            shutil.copyfileobj(f, out)
            return
        write_renamed(enumerate(f), renamed, docs, out)


def write_renamed(
    lines: Iterable[tuple[int | None, str]],
    renamed: dict[str, str],
    docs: dict[tuple[str, str], str],
    out: IO[str],
) -> None:
    """Lines written, each at a position (among the first pass's lines; None: a later pass's)
    in `renamed` with its new id, each of a document in `docs` with its new doc_id."""
    for position, line in lines:
        new_id = renamed.get(str(position)) if position is not None else None
        entry = json.loads(line) if docs or new_id is not None else None
        new_doc = docs.get((entry["source"], entry["doc_id"])) if entry and docs else None
        if entry is None or (new_id is None and new_doc is None):
            out.write(line)
            continue
        if new_id is not None:
            entry["id"] = new_id
        if new_doc is not None:
            entry["doc_id"] = new_doc
        out.write(dumps(entry) + "\n")


def shard_ids(folder: Path, name: str) -> Any:
    """The id digests of one of a committed shard's files (`IDS`), as a numpy array."""
    import numpy as np

    data = np.fromfile(folder / IDS, dtype=np.uint64)
    counts = [int(n) for n in data[: len(ID_FILES)]]
    start = len(ID_FILES) + sum(counts[: ID_FILES.index(name)])
    return data[start : start + counts[ID_FILES.index(name)]]


def shard_order(folder: Path) -> Any:
    """Which file (`ID_FILES`' index) each of a committed shard's records went to, in input
    order (`IDS`), as a numpy array; a shard an older version committed without it: its
    corpus, errors, dropped."""
    import numpy as np

    raw = (folder / IDS).read_bytes()
    counts = [int(n) for n in array("Q", raw[: 8 * len(ID_FILES)])]
    start = 8 * (len(ID_FILES) + sum(counts) + counts[0])
    if len(raw) > start:
        return np.frombuffer(raw, dtype=np.uint8, count=sum(counts), offset=start)
    return np.repeat(np.arange(len(ID_FILES), dtype=np.uint8), counts)


def shard_documents(folder: Path) -> Any:
    """A committed shard's documents (`IDS`): one row each, [source digest, doc_id digest,
    the input-order index of its first record]; none for a shard an older version committed."""
    import numpy as np

    raw = (folder / IDS).read_bytes()
    counts = [int(n) for n in array("Q", raw[: 8 * len(ID_FILES)])]
    start = 8 * (len(ID_FILES) + sum(counts) + counts[0])
    start += sum(counts) + (-sum(counts) % 8)
    if len(raw) <= start:
        return np.zeros((0, 3), dtype=np.uint64)
    return np.frombuffer(raw, dtype=np.uint64, offset=start).reshape(-1, 3)


def id_digest(record_id: str) -> int:
    """64 bits of an id in NFC: what is kept per record to find repeated ids (two ids that
    differ only by Unicode normalisation are one id on screen and to every tool that
    normalises: repeated)."""
    if not record_id.isascii():
        record_id = unicodedata.normalize("NFC", record_id)
    digest = hashlib.blake2b(record_id.encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "little")


def document_pair(source: str, doc_id: str) -> tuple[int, int]:
    """64 bits of a source and of a document's name in NFC (names equal in NFC are one name
    on screen and to every tool that normalises: they clash)."""
    return id_digest(source), id_digest(doc_id)


class UniqueIds:
    """Makes the ids of a run unique, streaming, in 8 bytes of memory per record.

    Given the digests of every id the run holds, in input order (`pipeline.run.ids`: the corpus,
    errors and dropped lines together), a renamed id can avoid every input id, including
    those further on: `a`, `a`, `a~2` become `a`, `a~3`, `a~2`. Only repeated digests are
    then followed one by one, each occurrence in input order through `rename`."""

    def __init__(self, digests: Any) -> None:
        import numpy as np

        own = np.asarray(digests, dtype=np.uint64)
        self._all = np.sort(own)
        repeated = self._all[1:][self._all[1:] == self._all[:-1]]
        self._repeated = {int(d) for d in np.unique(repeated)}
        self._times: dict[int, int] = {}
        self._next: dict[str, int] = {}  # a repeated id → the first `~n` not yet tried
        self._made: set[int] = set()

    def touches(self, digests: Any) -> bool:
        """Whether a shard holds any repeated id (if not, its lines are copied unread)."""

        if not self._repeated:
            return False
        return bool(self.repeated(digests).any())

    def repeated(self, digests: Any) -> Any:
        """Which of `digests` are ids the file holds more than once (a boolean array)."""
        import numpy as np

        return np.isin(digests, np.fromiter(self._repeated, dtype=np.uint64))

    def taken(self, digest: int) -> bool:
        import numpy as np

        at = int(np.searchsorted(self._all, np.uint64(digest)))
        return digest in self._made or (at < len(self._all) and int(self._all[at]) == digest)

    def rename(self, record_id: str) -> str | None:
        """The id this occurrence must have instead, or None to keep it."""
        digest = id_digest(record_id)
        if digest not in self._repeated:
            return None
        times = self._times.get(digest, 0) + 1
        self._times[digest] = times
        if times == 1:
            return None
        # every `~n` below the last one given is taken, and stays taken: resume after it (from
        # `~2` each time, an id repeated 4,000 times took 34 s: quadratic)
        n = self._next.get(record_id, 2)
        while True:
            candidate = f"{record_id}~{n}"
            made = id_digest(candidate)
            if not self.taken(made):
                self._made.add(made)
                self._next[record_id] = n + 1
                return candidate
            n += 1


def corpus_lines(folder: Path) -> Iterator[tuple[str, Record]]:
    """A committed shard's corpus: each line as written, and as a record."""
    with (folder / CORPUS).open(encoding="utf-8") as f:
        for line in f:
            yield line, Record.from_dict(json.loads(line))


def records_of(folders: Sequence[Path]) -> Iterator[Record]:
    """The committed corpus records, shard by shard, in order."""
    for folder in folders:
        for _, record in corpus_lines(folder):
            yield record


def corpus_bytes(folder: Path) -> Callable[[int], int | None]:
    """The byte offset in its input of a committed shard's corpus record, by its position
    (the end of `IDS`; None where the reader gave none, or for a shard an older version
    committed without them)."""
    data = array("q", (folder / IDS).read_bytes())
    counts = data[: len(ID_FILES)]
    start = len(ID_FILES) + sum(counts)
    data = data[start : start + counts[0]]

    def at(position: int) -> int | None:
        return data[position] if position < len(data) and data[position] >= 0 else None

    return at


def duplicate_warning(
    source: str, line: int | None, byte: int | None, original: str, renamed: str
) -> dict[str, Any]:
    """W002, located as every warning is: the renamed record's line and byte offset."""
    return Warn.DUPLICATE_ID.entry(source, line, byte, renamed, original=original, renamed=renamed)
