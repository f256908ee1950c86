"""Counts that must add up: records read = written + dropped + failed.

Counting happens once, on the records as they leave the last stage, so a stage that retries a
batch record by record cannot count anything twice. The invariant counts are kept here; each
stage adds its own groups (`Stage.counters`, `Stage.tally`: languages, translations,
entities), as datatrove's steps do with `stat_update`. Each shard keeps its own
`Accounting`; they add up into the run's (`across_passes`: a corpus-wide step makes a run
two passes or more, and the last one counts the records as written, in every stage's
groups: the entities `Extract` counts carry the labels linking gave them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.errors import PART_TALLY
from pipeline.record import Record

if TYPE_CHECKING:
    from pipeline.stages.base import Stage


class AccountingError(RuntimeError):
    """The counts do not add up: a record was lost or duplicated. Always a bug."""


@dataclass
class Accounting:
    read: int = 0
    written: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    stats: dict[str, Counter[str]] = field(default_factory=dict)  # the stages' groups

    @classmethod
    def of(cls, stages: Iterable[Stage]) -> Accounting:
        """Empty counts with every group the stages declare (an empty group is reported)."""
        return cls(stats={name: Counter() for stage in stages for name in stage.counters})

    @classmethod
    def across_passes(cls, passes: Sequence[Accounting]) -> Accounting:
        """The run's counts from each pass's: records read by the first, written (and their
        groups) by the last, dropped, failed and warned about by any."""
        first, last = passes[0], passes[-1]
        return cls(
            read=first.read,
            written=last.written,
            dropped=sum((p.dropped for p in passes), Counter()),
            failed=sum((p.failed for p in passes), Counter()),
            kinds=last.kinds,
            warnings=sum((p.warnings for p in passes), Counter()),
            stats=last.stats,
        )

    def count_read(self, record: Record) -> Record:
        self.read += 1
        return record

    def count_out(self, record: Record, stages: Iterable[Stage] = ()) -> None:
        if record.error is not None:
            self.failed[f"{record.error.stage}:{record.error.code}"] += 1
            return
        if record.dropped is not None:  # a reason is a word, maybe with details after it
            self.dropped[record.dropped.split(" ", 1)[0]] += 1
            return
        self.written += 1
        self.kinds[str(record.meta.get("kind", "record"))] += 1
        self.tally(record, stages)

    def tally(self, record: Record, stages: Iterable[Stage]) -> None:
        for stage in stages:
            for group, key in stage.tally(record):
                self.stats.setdefault(group, Counter())[key] += 1

    def count_warning(self, entry: dict[str, Any]) -> None:
        if entry["code"] != PART_TALLY:  # (a part's tally: the merge makes it a W015 or nothing)
            self.warnings[str(entry["code"])] += 1

    def check(self) -> None:
        dropped, failed = sum(self.dropped.values()), sum(self.failed.values())
        if self.read != self.written + dropped + failed:
            raise AccountingError(
                f"records read ({self.read}) != written ({self.written}) + dropped ({dropped}) "
                f"+ failed ({failed}): a record was lost or duplicated"
            )

    def __add__(self, other: Accounting) -> Accounting:
        stats = {name: Counter(c) for name, c in self.stats.items()}
        for name, counter in other.stats.items():
            stats.setdefault(name, Counter()).update(counter)
        return Accounting(
            read=self.read + other.read,
            written=self.written + other.written,
            dropped=self.dropped + other.dropped,
            failed=self.failed + other.failed,
            kinds=self.kinds + other.kinds,
            warnings=self.warnings + other.warnings,
            stats=stats,
        )

    def state(self) -> dict[str, Any]:
        """Everything, losslessly (for a shard's completion marker)."""
        return {
            "read": self.read,
            "written": self.written,
            "dropped": dict(self.dropped),
            "failed": dict(self.failed),
            "kinds": dict(self.kinds),
            "warnings": dict(self.warnings),
            "stats": {name: dict(counter) for name, counter in self.stats.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Accounting:
        return cls(
            read=state["read"],
            written=state["written"],
            dropped=Counter(state["dropped"]),
            failed=Counter(state["failed"]),
            kinds=Counter(state["kinds"]),
            warnings=Counter(state["warnings"]),
            stats={name: Counter(c) for name, c in state["stats"].items()},
        )

    def to_dict(self) -> dict[str, Any]:
        """The `counts` section of run.json: the invariant counts, then the stages' groups."""
        return {
            "read": self.read,
            "written": self.written,
            "dropped": sum(self.dropped.values()),
            "failed": sum(self.failed.values()),
            "dropped_by_reason": dict(sorted(self.dropped.items())),
            "failed_by_stage": dict(sorted(self.failed.items())),
            "warnings": dict(sorted(self.warnings.items())),
            "by_kind": dict(sorted(self.kinds.items())),
            **{name: dict(sorted(c.items())) for name, c in sorted(self.stats.items())},
        }


def explained(counts: dict[str, Any]) -> list[str]:
    """What happened to translation and entities, in words: one line per outcome that
    occurred, each reason with its count (the end-of-run summary and the report)."""
    lines = []
    for key, title in (
        ("translated", "translated"),
        ("fell_back", "translated by the fallback"),
        ("untranslated", "not translated"),
        ("no_entities", "no entities looked for"),
    ):
        reasons: dict[str, int] = counts.get(key, {})
        if reasons:
            ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
            detail = "; ".join(f"{reason} ({n})" for reason, n in ranked)
            lines.append(f"{title} {sum(reasons.values())}: {detail}")
    return lines
