"""The parts folder, `OUT/.parts`: what a run keeps until its outputs are in place. This is
the only module that knows its layout; every path under it comes from here, so a pass, the
plan, `--resume` and the merge cannot disagree on where a file is.

    .parts/plan.json                the plan's identity, which --resume compares (`plan`)
    .parts/shard-N/                 shard N as pass 1 committed it: its outputs, ids and
                                    marker (`io.writers`), each observed step's partial
                                    (`observed`)
    .parts/shard-N.tmp-PID-HEX/     an attempt at shard N, renamed to shard-N/ to commit it
    .parts/ids.resolved.json        the ids the corpus renames, decided after pass 1 (`ids`)
    .parts/STEP.resolved.json       a corpus-wide step, resolved after the pass observing it
    .parts/pass-P/shard-N/          shard N as pass P (2, 3, ...) committed it, with each
                                    applied step's partial (`applied`)
    .parts/outputs/                 the outputs, written as a set before they are put in place
    .parts/previous-outputs/        the outputs replaced, while the new set goes in

What a committed shard's folder holds is the writer's (`io.writers.ShardWriter`, `commit`);
this module only says where each folder and each file between passes is.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.io.writers import MARKER

PARTS = ".parts"
PLAN = "plan.json"
IDS_RESOLVED = "ids.resolved.json"
STAGING = "outputs"
ASIDE = "previous-outputs"
PASS_FOLDER = re.compile(r"pass-([0-9]+)")
ATTEMPT = ".tmp-"


@dataclass(frozen=True)
class Parts:
    """The parts folder of one output folder (`Parts.of(out)`)."""

    root: Path

    @classmethod
    def of(cls, out: str | Path) -> Parts:
        return cls(Path(out) / PARTS)

    def resolve(self) -> Parts:
        """The same folder by its absolute path (a worker's working directory is its own)."""
        return Parts(self.root.resolve())

    @property
    def plan(self) -> Path:
        return self.root / PLAN

    @property
    def ids(self) -> Path:
        """The ids the corpus renames (`pipeline.run.ids`), decided after the first pass."""
        return self.root / IDS_RESOLVED

    def resolved(self, step: str) -> Path:
        """The resolved state of the corpus-wide step named `step`."""
        return self.root / f"{step}.resolved.json"

    def pass_folder(self, number: int) -> Path:
        """Where pass `number` commits its shards."""
        return self.root if number == 1 else self.root / f"pass-{number}"

    def shard(self, number: int, shard: str) -> Path:
        """Where pass `number` commits the shard named `shard`."""
        return self.pass_folder(number) / shard

    def shards(self, number: int, shards: Iterable[str]) -> list[Path]:
        """Each shard's folder in pass `number`, in the order given."""
        return [self.shard(number, name) for name in shards]

    def attempt(self, number: int, shard: str) -> Path:
        """A private folder for one attempt at a shard in a pass, renamed to commit it: two
        attempts (a retried task, a straggler) never share one."""
        name = f"{shard}{ATTEMPT}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        return self.pass_folder(number) / name

    @property
    def staged(self) -> Path:
        """Where the run writes its outputs before they are put in place."""
        return self.root / STAGING

    def staging(self) -> Path:
        """The `staged` folder, made empty."""
        folder = self.staged
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    @property
    def aside(self) -> Path:
        """Where the outputs being replaced wait while the new set goes in."""
        return self.root / ASIDE

    def committed_shards(self) -> int:
        """How many shards the first pass has committed (none when there is no such folder)."""
        if not self.root.is_dir():
            return 0
        return sum(1 for p in self.root.iterdir() if p.is_dir() and (p / MARKER).exists())


def observed(step: str) -> str:
    """The file in a shard's folder holding what the step named `step` observed there."""
    return f"{step}.observed.json"


def applied(step: str) -> str:
    """The file in a shard's folder holding what the step's applier observed there."""
    return f"{step}.applied.json"


def pass_number(folder: Path) -> int | None:
    """The pass a `pass-N` folder holds (None for any other folder)."""
    return int(m[1]) if (m := PASS_FOLDER.fullmatch(folder.name)) else None


def is_attempt(name: str) -> bool:
    """Whether a folder in a pass's folder is an attempt, not a committed shard."""
    return ATTEMPT in name


def next_pass(folder: Path) -> Path:
    """Where the next pass commits the shard committed in `folder`."""
    number = pass_number(folder.parent) or 1
    root = folder.parent.parent if number > 1 else folder.parent
    return Parts(root).shard(number + 1, folder.name)
