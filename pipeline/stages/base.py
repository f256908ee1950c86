"""What every stage is: a lazily set-up generator over records, batched internally.

datatrove's `PipelineStep.run()` contract plus NeMo Curator's `setup()` once per worker: models
load on first use, records stream through in batches, and a failure on one record marks that
record (it goes to `errors.jsonl`) instead of stopping the run.
"""

from __future__ import annotations

import dataclasses
import errno
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from pipeline.errors import Code
from pipeline.record import Record

DEFAULT_BATCH_SIZE = 256
# Batches a waiting stage (`Stage.waits`) may hold in flight: enough that the stages before it
# work through one of their own batches (256 records) while it waits on four or more of its own.
AHEAD = 8


def batched_by_document(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Batches of about `size` records that end at a document boundary when they can.

    A batch closes at the first document change after `size` records, or inside a document
    longer than `4 * size` records at every `4 * size` records of it, counted from the
    document's own first record (not from the batch's: where a stream, a shard, begins must not
    move the cut, and a stage reads a document's evidence per batch), so memory stays bounded
    whatever the corpus holds.
    """
    batch: list[Record] = []
    run = 0  # records of the current document so far
    for record in records:
        same = bool(batch) and record.doc_id == batch[-1].doc_id
        run = run + 1 if same else 1
        if batch and (
            (len(batch) >= size and not same) or (same and run > 1 and (run - 1) % (4 * size) == 0)
        ):
            yield batch
            batch = []
        batch.append(record)
    if batch:
        yield batch


def by_document(batch: Sequence[Record]) -> list[list[Record]]:
    """The batch's records by document: runs of adjacent records with one doc_id and one
    source, as Detect's document prior reads them. Records of one doc_id that are not adjacent
    are separate runs: whether they share a batch depends on where shards and batches begin,
    and the evidence one gave the other ("d'Europe" trims "l’Europe") changed with
    `--shard-size`. A run is never cut by a shard, nor by a batch but past `4 * size`
    records counted from its own start (`batched_by_document`)."""
    runs: list[list[Record]] = []
    for record in batch:
        if runs and (runs[-1][-1].source, runs[-1][-1].doc_id) == (record.source, record.doc_id):
            runs[-1].append(record)
        else:
            runs.append([record])
    return runs


def batched_in_turn(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Batches of `size` records, for a stream whose every record is a document of its own
    (`Stage.documents_of_one`): the batches `batched_by_document` makes of it, each given as
    soon as its last record is, not once the next record is there (a stage's next record is
    its upstream stage's next batch: with three stages, translation started only after NER
    had done three batches instead of one). A record of the same document as the one
    before it is an error of the caller: it would be cut from its document."""
    batch: list[Record] = []
    last: str | None = None
    for record in records:
        if record.doc_id == last:
            raise ValueError(f"record {record.id!r} is not a document of its own")
        last = record.doc_id
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class SettingError(ValueError):
    """A stage's setting that cannot work here (`Stage.check`): its message names the option
    and the fix, as the command line shows it."""


def chain(stages: Iterable[Stage], records: Iterable[Record]) -> Iterator[Record]:
    """The records through every stage, lazily: each stage is a generator over the last."""
    stream: Iterable[Record] = records
    for stage in stages:
        stream = stage(stream)
    return iter(stream)


# Failures of the machine a run is on, not of a record: they stop the run.
ENVIRONMENT_ERRNOS = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.ENOSPC, errno.EDQUOT, errno.EIO}
)


def environment_failure(error: BaseException) -> bool:
    """Whether `error`, or an error it was raised from, is the machine's (`ENVIRONMENT_ERRNOS`):
    libraries wrap an OSError in their own exceptions."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError) and current.errno in ENVIRONMENT_ERRNOS:
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


# A field's metadata (`field(..., metadata=...)`): `NOT_A_SETTING` for a constructor argument
# that does not shape the output (how much to remember, what to start early): left out of
# `config()`. `LIVE`, with `init=False`, for what the stage makes while it runs (engines,
# models, caches, per-stream state): not a setting, never pickled, made again where it runs.
# A field with `init=False` and neither is a setting the stage derives in `__post_init__` (the
# models of each language): in `config()` where it stands. `{"key": NAME}`: a field `config()`
# records under another name (the one run.json has always used).
NOT_A_SETTING = MappingProxyType({"setting": False})
LIVE = MappingProxyType({"setting": False, "live": True})
BASE_FIELDS = frozenset({"batch_size"})  # `Stage`'s own settings: last in `config()`


def default_of(stage: type[Any], name: str) -> Any:
    """The default of a stage's field, for those that show or pass it on (the CLI's options
    and help): each default is written once, on the stage."""
    for each in dataclasses.fields(stage):
        if each.name == name:
            if each.default is not dataclasses.MISSING:
                return each.default
            if each.default_factory is not dataclasses.MISSING:
                return each.default_factory()
    raise LookupError(f"{stage.__name__} has no field {name!r} with a default")


def as_json(value: Any) -> Any:
    """A field's value as `config()` records it (JSON: a tuple is a list, a path a string)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    return value


class Declared:
    """What a stage declares about itself (class attributes a stage may set per instance, as
    `Extract` does): kept out of the dataclass fields, which are the settings."""

    name: ClassVar[str] = "stage"
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()
    # Set by a caller whose every record is a document of its own (`pipeline translate`'s
    # lines): batches close at `batch_size` without waiting for the next record
    # (`batched_in_turn`); the same batches, so the same output.
    documents_of_one: bool = False


@dataclass(eq=False)
class Stage(Declared):
    """Base class: subclasses implement `process(batch)` on active records and `setup()`.

    A stage is a dataclass: its settings are its fields, each default written there once;
    `config()`, pickling and the `--resume` identity derive from them. What it makes while it
    runs is an `init=False` field marked `LIVE`; a field that does not shape the output is
    marked `NOT_A_SETTING`.

    What a stage declares, checked or used by `Pipeline` (see docs/ARCHITECTURE.md):
    - `reads`: record fields it needs; a stage before it, or the input, must provide each
      (`pipeline.run.contract`). `writes`: fields it sets (`entities.label`: a part of one).
    - `counters`: the groups of `counts` in run.json it adds to, through `tally(record)` on
      every record written (counted once, after the last stage, so retries cannot double).
    - `config()`: the settings that shape its output: run.json and the `--resume` check.
    - `check()`: its settings validated once, when a `Pipeline` is built (engine names, keys,
      servers, files), so a mistake fails before any shard runs.
    - `corpus_wide`: it needs every record before deciding one (linking): a
      `pipeline.stages.corpus_step.CorpusStep`, run as passes over the shards.
    - `waits`: its time is mostly spent waiting on another process or a server (a translation
      engine); its batches then run in a helper thread while the stages before and after it
      go on with theirs (NER on the next batch), in the same order and with the same result.
    """

    batch_size: int = field(default=DEFAULT_BATCH_SIZE, kw_only=True)
    seconds: float = field(default=0.0, init=False, metadata=LIVE)
    _ready: bool = field(default=False, init=False, metadata=LIVE)

    corpus_wide: ClassVar[bool] = False
    waits: ClassVar[bool] = False
    error_code: ClassVar[Code] = Code.STAGE_FAILED  # a stage of its own kind declares its own
    kinds: ClassVar[list[type[Stage]]] = []  # every stage class, to name the fix for a gap

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Stage.kinds.append(cls)

    def __post_init__(self) -> None:
        """What the settings imply, derived once where the stage is built (and pickled with
        it: a worker gets the values the main process derived)."""

    def check(self) -> None:
        """Raise `SettingError` if a setting cannot work here (an unknown engine, a missing
        key, a server that does not answer, a file that does not read). Called once, by
        `Pipeline` when it is built, before any shard runs."""

    def setup(self) -> None:
        """Load models and engines. Called once, lazily, in the process that runs the stage."""

    def process(self, batch: Sequence[Record]) -> None:
        """Enrich the active records of `batch` in place."""
        raise NotImplementedError

    def start_stream(self) -> None:
        """Forget state carried between batches of one stream (each shard is its own stream)."""

    def config(self) -> dict[str, Any]:
        """The settings that shape this stage's output (JSON values): recorded in run.json and
        compared by `--resume`, so a changed setting is never mixed with shards made before.
        Its fields in order, those of `Stage` itself (the batch size) last; a stage overrides
        it only to show a value derived from a field (`rules.config()`)."""
        own = [f for f in dataclasses.fields(self) if f.metadata.get("setting", True)]
        own.sort(key=lambda f: f.name in BASE_FIELDS)  # stable: the stage's own first
        return {f.metadata.get("key", f.name): as_json(getattr(self, f.name)) for f in own}

    def setting_files(self) -> list[Path]:
        """Files a setting names whose content shapes the output (a knowledge base): their
        digests join the `--resume` identity, so an edit between a kill and a resume is seen."""
        return []

    def describe(self) -> dict[str, Any]:
        """`config()` and what the process that ran the stage found (versions), for run.json."""
        return self.config()

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        """(counter, key) pairs to count for a record written; counters in `counters`."""
        return iter(())

    def __getstate__(self) -> dict[str, Any]:
        """A stage goes to a worker as it was constructed: what `setup` made live here (models,
        engine processes, connections: its `LIVE` fields) is set up again there, never shared
        or pickled."""
        gone = {f.name for f in dataclasses.fields(self) if f.metadata.get("live")}
        return {k: v for k, v in self.__dict__.items() if k not in gone}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        for each in dataclasses.fields(self):
            if each.metadata.get("live"):
                fresh = each.default
                if each.default_factory is not dataclasses.MISSING:
                    fresh = each.default_factory()
                setattr(self, each.name, fresh)

    @property
    def started(self) -> bool:
        """Whether this process has set the stage up (its models and engines are live here)."""
        return self._ready

    def __call__(self, records: Iterable[Record | str | dict[str, Any]]) -> Iterator[Record]:
        """The records enriched, in order (a generator: chains stream). Plain strings and
        dicts with a `text` are taken as records (`Record.of`)."""
        given = (Record.of(r, n, type(self).__name__) for n, r in enumerate(records))
        if not self._ready:
            self.setup()
            self._ready = True
        self.start_stream()
        batches = self.batched(given)
        if self.waits:
            yield from self._overlapped(batches)
            return
        for batch in batches:
            self._run(batch)
            yield from batch

    def batched(self, records: Iterable[Record]) -> Iterator[list[Record]]:
        """How the stream is cut into batches for `process` (by document, by default)."""
        if self.documents_of_one:
            return batched_in_turn(records, self.batch_size)
        return batched_by_document(records, self.batch_size)

    def _overlapped(self, batches: Iterator[list[Record]]) -> Iterator[Record]:
        """Each batch processed in one helper thread, in order, while this thread fetches the
        next ones; records come out in input order once their batch is done."""
        pending: deque[tuple[list[Record], Future[None]]] = deque()
        with ThreadPoolExecutor(1, thread_name_prefix=f"stage-{self.name}") as helper:
            for batch in batches:
                pending.append((batch, helper.submit(self._run, batch)))
                while len(pending) > AHEAD or (pending and pending[0][1].done()):
                    done, future = pending.popleft()
                    future.result()
                    yield from done
            while pending:
                done, future = pending.popleft()
                future.result()
                yield from done

    def _run(self, batch: list[Record]) -> None:
        active = [r for r in batch if r.active]
        if active:
            started = time.perf_counter()
            self._process_isolating_failures(active)
            self.seconds += time.perf_counter() - started

    def _process_isolating_failures(self, batch: list[Record]) -> None:
        """Process the batch; if it fails, retry record by record so only the culprit fails.
        A failure of the machine (no file descriptors, memory or space left) is no record's:
        it stops the shard uncommitted, so the run says what to raise and `--resume` redoes it
        (as a record's failure it would fail every record and be kept by `--resume`)."""
        try:
            self.process(batch)
        except Exception as error:  # any library error must not stop the run
            if environment_failure(error):
                raise
            if len(batch) > 1:
                for record in batch:
                    self._process_isolating_failures([record])
            else:
                message = self.error_code.message(kind=type(error).__name__, error=error)
                if self.error_code is Code.STAGE_FAILED:
                    message = f"stage {self.name!r}: {message}"
                batch[0].fail(self.name, self.error_code.value, message)

    def close(self) -> None:
        """Release engines (processes, connections) once the run is over."""
