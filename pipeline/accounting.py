"""Counts that must add up: records read = written + dropped + failed.

Counting happens once, on the records as they leave the last stage, so a stage that retries a
batch record by record cannot count anything twice. Each shard keeps its own `Accounting`;
they add up into the run's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Any

from pipeline.record import Record


class AccountingError(RuntimeError):
    """The counts do not add up: a record was lost or duplicated. Always a bug."""


@dataclass
class Accounting:
    read: int = 0
    written: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    translated: Counter[str] = field(default_factory=Counter)
    untranslated: Counter[str] = field(default_factory=Counter)
    fell_back: Counter[str] = field(default_factory=Counter)
    no_entities: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)

    def count_read(self, record: Record) -> Record:
        self.read += 1
        return record

    def count_out(self, record: Record) -> None:
        if record.error is not None:
            self.failed[f"{record.error.stage}:{record.error.code}"] += 1
            return
        if record.dropped is not None:
            self.dropped[record.dropped] += 1
            return
        self.written += 1
        self.languages[record.lang or "und"] += 1
        self.kinds[str(record.meta.get("kind", "record"))] += 1
        if record.translation is not None:
            self.translated[
                f"{record.lang}→{record.translation.lang} {record.translation.engine}"
            ] += 1
            if "fell_back" in record.meta:
                self.fell_back[f"{record.translation.engine} after {record.meta['fell_back']}"] += 1
        elif "untranslated" in record.meta:
            self.untranslated[str(record.meta["untranslated"])] += 1
        if "entities_skipped" in record.meta:
            self.no_entities[str(record.meta["entities_skipped"])] += 1
        for entity in record.entities:
            self.entities[f"{entity.field}:{entity.label}"] += 1

    def count_warning(self, entry: dict[str, Any]) -> None:
        self.warnings[str(entry["code"])] += 1

    def check(self) -> None:
        dropped, failed = sum(self.dropped.values()), sum(self.failed.values())
        if self.read != self.written + dropped + failed:
            raise AccountingError(
                f"records read ({self.read}) != written ({self.written}) + dropped ({dropped}) "
                f"+ failed ({failed}): a record was lost or duplicated"
            )

    def __add__(self, other: Accounting) -> Accounting:
        total = Accounting()
        for f in fields(self):
            setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    def state(self) -> dict[str, Any]:
        """Everything, losslessly (for a shard's completion marker)."""
        return {
            f.name: getattr(self, f.name) if f.type == "int" else dict(getattr(self, f.name))
            for f in fields(self)
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Accounting:
        made = cls()
        for key, value in state.items():
            setattr(made, key, value if isinstance(value, int) else Counter(value))
        return made

    def to_dict(self) -> dict[str, Any]:
        """The `counts` section of run.json."""
        return {
            "read": self.read,
            "written": self.written,
            "dropped": sum(self.dropped.values()),
            "failed": sum(self.failed.values()),
            "dropped_by_reason": dict(sorted(self.dropped.items())),
            "failed_by_stage": dict(sorted(self.failed.items())),
            "warnings": dict(sorted(self.warnings.items())),
            "by_language": dict(sorted(self.languages.items())),
            "by_kind": dict(sorted(self.kinds.items())),
            "translated": dict(sorted(self.translated.items())),
            "untranslated": dict(sorted(self.untranslated.items())),
            "fell_back": dict(sorted(self.fell_back.items())),
            "no_entities": dict(sorted(self.no_entities.items())),
            "entities": dict(sorted(self.entities.items())),
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
