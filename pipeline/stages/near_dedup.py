"""Near duplicates across the corpus (`--dedup near`): a record whose text is, as word
n-grams, about as similar as the threshold to an earlier record's, directly or through others.

A syndicated review reposted with another header, a press release with a few words changed, a
truncated or re-wrapped copy, other quotes: MinHash over word n-grams with LSH banding
(datasketch, `pipeline.minhash`), as a corpus-wide step (`pipeline.stages.corpus_step`):

- observe, on the workers: each record's band keys and 16-bit sketch (no text), per shard;
- resolve, once: clusters from the candidate pairs whose estimated Jaccard reaches the
  threshold, the values a block of furniture shared by many records decides weighed down
  (`pipeline.near_clusters`), the first record of each in corpus order;
- apply, in the next pass: `meta.near_duplicate_of` is that first record's id; with
  `mode="drop"` the record goes to dropped.jsonl instead (reason `near duplicate of ID`).

A translation is not a duplicate: its words are others, and two records whose detected
languages (`Record.lang`, written by `Detect` before the step; "und" one of them, none
joins any) differ are never joined, so a list of names and its translation ("Cast: A B, C D" /
"Distribution : A B, C D"), which share most 3-grams, are apart too when `Detect` tells their
languages apart; when it reads both in the names' language (hostile47 k172), their words that
are not names, none shared, tell them (`pipeline.frame_words`: 163 of 200 generated lists and
their translations joined before, 0 after). Measured: 40 of 100
generated name lists and their translations were joined on their 3-grams, every one of the
100 had two detected languages ("und" one of them in 4); of the 1,769 copies of `make eval`,
1 has another detected language than its original. The default threshold 0.5 with word
3-grams was chosen on `make eval` (bench/near_quality.py): see its table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from pipeline.frame_words import FRAMES, frame_hashes
from pipeline.minhash import SKETCH_DTYPE, Scheme, sketch
from pipeline.near_clusters import encode, resolve_clusters
from pipeline.record import Record
from pipeline.stages.base import NOT_A_SETTING, SettingError, Stage
from pipeline.stages.corpus_step import CorpusStep, StepApplier

Mode = Literal["mark", "drop"]
# The thresholds `--near-threshold` and `NearDedup.check` accept, the same: below the lowest,
# any two texts sharing a word 3-gram would be one cluster; at 1, copies whose every
# shingle is equal (one band of all the values).
LOWEST_THRESHOLD, HIGHEST_THRESHOLD = 0.05, 1.0


@dataclass(eq=False, kw_only=True)
class NearDedup(CorpusStep):
    """Marks (or drops) records in a near-duplicate cluster whose first record is earlier."""

    name = "near_dedup"
    reads = ("text",)
    writes = ("meta.near_duplicate_of",)
    counters = ("near_duplicates",)

    mode: Mode = field(default="mark", kw_only=False)
    # The estimated Jaccard similarity of word 3-grams at which two texts are near
    # duplicates: chosen on `make eval` (bench/near_quality.py).
    threshold: float = 0.5
    num_perm: int = 128
    ngram: int = 3
    scheme: Scheme = field(init=False, metadata=NOT_A_SETTING)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.drops = self.mode == "drop"
        self.scheme = Scheme(threshold=self.threshold, num_perm=self.num_perm, ngram=self.ngram)

    def check(self) -> None:
        if self.mode not in ("mark", "drop"):
            raise SettingError(f"near dedup mode {self.mode!r}: use 'mark' or 'drop'")
        if not LOWEST_THRESHOLD <= self.threshold <= HIGHEST_THRESHOLD:
            raise SettingError(
                f"near dedup threshold {self.threshold!r}: give a number from "
                f"{LOWEST_THRESHOLD} to {HIGHEST_THRESHOLD}"
            )
        if self.ngram < 1 or self.num_perm < 2:
            raise SettingError("near dedup: ngram must be at least 1 and num_perm at least 2")

    def config(self) -> dict[str, Any]:
        # and what the scheme derives, and the frame words a partial holds (a run resumes
        # only with its own format)
        return {**super().config(), **self.scheme.config(), "frames": FRAMES}

    def observer(self, shard: str) -> NearObserver:
        return NearObserver(shard, self.scheme)

    def resolve(self, partials: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return resolve_clusters(partials, self.scheme)

    def final_ids(
        self, resolved: dict[str, Any], final_id: Callable[[str, int], str | None]
    ) -> dict[str, Any]:
        """Each cluster's first record named by the id the corpus gives it (`pipeline.run.ids`)."""
        marks = {
            shard: [
                [position, final_id(first_shard, first_position) or first_id, first_shard,
                 first_position]
                for position, first_id, first_shard, first_position in rows
            ]
            for shard, rows in resolved["marks"].items()
        }  # fmt: skip
        return {**resolved, "marks": marks}

    def applier(self, resolved: dict[str, Any], shard: str) -> Stage:
        return NearMarking(self, resolved["marks"].get(shard, []))

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        if "near_duplicate_of" in record.meta:
            yield "near_duplicates", self.mode


class NearObserver:
    """One shard's band keys and sketches, one row per record with a word, with its position
    among the records the shard wrote, its id and its detected language (if a stage before
    wrote one: the step does not need it, so it is no field it `reads`)."""

    def __init__(self, shard: str, scheme: Scheme) -> None:
        self.shard, self.scheme = shard, scheme
        self.position = 0
        self.positions: list[int] = []
        self.ids: list[str] = []
        self.langs: list[str | None] = []
        self.bands: list[np.ndarray] = []
        self.sketches: list[np.ndarray] = []
        self.frames: list[np.ndarray] = []

    def observe(self, record: Record) -> None:
        signature = self.scheme.signature(record.text)
        if signature is not None:
            self.positions.append(self.position)
            self.ids.append(record.id)
            self.langs.append(record.lang)
            self.bands.append(self.scheme.band_keys(signature))
            self.sketches.append(sketch(signature))
            self.frames.append(frame_hashes(record.text))
        self.position += 1

    def partial(self) -> dict[str, Any]:
        bands, _ = self.scheme.bands_rows
        empty = np.zeros((0, bands), dtype=np.uint64)
        return {
            "shard": self.shard,
            "count": len(self.ids),
            "ids": self.ids,
            "langs": self.langs,
            "positions": encode(np.asarray(self.positions, dtype="<u4")),
            "bands": encode(np.stack(self.bands).astype("<u8") if self.bands else empty),
            "sketches": encode(
                np.stack(self.sketches) if self.sketches else np.zeros(0, SKETCH_DTYPE)
            ),
            "frames": encode(
                np.stack(self.frames).astype("<u4") if self.frames else np.zeros(0, "<u4")
            ),
        }


class NearMarking(StepApplier):
    """The apply pass of `NearDedup` on one shard: records named by their position among the
    shard's records (the pass before wrote them in this order)."""

    def __init__(self, step: NearDedup, rows: list[list[Any]]) -> None:
        super().__init__(step)
        self.first = {int(row[0]): str(row[1]) for row in rows}
        self.position = 0

    def process(self, batch: Sequence[Record]) -> None:
        for record in batch:
            first_id = self.first.get(self.position)
            self.position += 1
            if first_id is None:
                continue
            record.meta["near_duplicate_of"] = first_id
            if self.step.drops:
                record.dropped = f"near duplicate of {first_id}"
