"""What a run will do, decided before anything runs: the input files, the shards, and an
identity of the inputs and settings that `--resume` compares.

The identity holds every file's digest and every stage's and the reader's `config()`, so a
resumed run never joins shards made from other inputs or with other settings, whoever
changed them (a CLI option or a library user's stage argument).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.io.discover import Discovery, InputFile, discover, shown
from pipeline.io.lock import OutputInUse
from pipeline.io.readers import Reader
from pipeline.io.stdin import STDIN, is_spooled
from pipeline.io.writers import MARKER, file_digest, intact, read_marker, write_json
from pipeline.passes import Pass
from pipeline.record import dumps
from pipeline.shards import Part, Shard, plan_shards
from pipeline.stages.base import Stage
from pipeline.version import __version__

PARTS = ".parts"
PASS_FOLDER = re.compile(r"pass-([0-9]+)")
PLAN = "plan.json"


class ResumeError(RuntimeError):
    """`--resume` was asked for a run whose inputs or settings have changed."""


@dataclass(frozen=True)
class Plan:
    out: Path
    found: Discovery
    shards: list[Shard]
    todo: list[Shard]  # the shards not committed yet
    identity: dict[str, Any]

    @property
    def parts_dir(self) -> Path:
        return self.out / PARTS

    def folders(self, step: Pass) -> list[Path]:
        """Each shard's folder in a pass, in input order."""
        return [step.folder(self.parts_dir) / shard.name for shard in self.shards]

    def markers(self, step: Pass) -> list[dict[str, Any]]:
        """Every shard's completion marker in a pass; all must be this plan's."""
        folders = self.folders(step)
        markers = [read_marker(f) for f in folders]
        plan_id = self.shards[0].plan if self.shards else None
        foreign = [
            f.name for f, m in zip(folders, markers, strict=True) if m.get("plan") != plan_id
        ]
        if foreign:
            raise RuntimeError(
                f"shards {foreign} in {step.folder(self.parts_dir)} belong to another run"
            )
        return markers

    def uncommitted(self, step: Pass) -> list[Shard]:
        """The shards `step` has not committed for this plan (all of them in a new run)."""
        folders = zip(self.shards, self.folders(step), strict=True)
        return [s for s, folder in folders if not committed_for(folder, s.plan or "")]


def make_plan(
    inputs: Sequence[str | Path],
    out: Path,
    reader: Reader,
    stages: Sequence[Stage],
    settings: dict[str, Any],
    shard_bytes: int,
    resume: bool,
    limit: int | None = None,
) -> Plan:
    """Find the inputs, cut them into shards, and set up `out/.parts` (kept on `resume`).
    With `limit`, only the first `limit` records are planned (`first_records`)."""
    found = absolute(discover(inputs, reader.follow_links, exclude=out))
    shards = plan_shards(found.files, shard_bytes, reader.settings)
    if limit is not None:
        shards = first_records(shards, reader, limit)
    identity = {
        "pipeline": __version__,
        "settings": {"inputs": [placed(Path(p)) for p in inputs], **settings},
        "reader": reader.config(),
        "stages": [{"stage": s.name, "class": type(s).__name__, **s.config()} for s in stages],
        "files": [file_identity(f) for f in found.files],
        "setting_files": [
            file_identity(InputFile(shown(path), path))
            for stage in stages
            for path in stage.setting_files()
        ],
        "shards": [[placed_part(part) for part in shard.parts] for shard in shards],
        "limit": limit,
    }
    plan_id = hashlib.sha256(dumps(identity).encode()).hexdigest()[:16]
    shards = [replace(shard, plan=plan_id) for shard in shards]
    done = prepare_parts(out / PARTS, identity, plan_id, resume)
    todo = [shard for shard in shards if shard.name not in done]
    return Plan(out, found, shards, todo, identity)


def absolute(found: Discovery) -> Discovery:
    """Every file's path made absolute (not resolved: a link stays a link), so a shard
    names the same file in any working directory: a Dask worker's is its own, and a relative
    path there opens another file of the same name, or none."""
    return replace(
        found, files=[replace(f, path=Path(os.path.abspath(f.path))) for f in found.files]
    )


def first_records(shards: list[Shard], reader: Reader, limit: int) -> list[Shard]:
    """The shards that hold the first `limit` records of the input, the last one cut: the
    shards are read in order (reading only, no stage) until `limit` records are counted, so a
    trial run takes the same records whatever the shard size and workers."""
    kept: list[Shard] = []
    left = limit
    for shard in shards:
        if left <= 0:
            break
        count = sum(1 for _ in islice(reader.read_shard(shard), left))
        kept.append(replace(shard, limit=count) if count == left else shard)
        left -= count
    return kept


def prepare_parts(
    parts_dir: Path, identity: dict[str, Any], plan_id: str, resume: bool
) -> set[str]:
    """Set up the parts folder; return the names of shards already committed for this plan."""
    refuse_foreign(parts_dir)
    plan_file = parts_dir / PLAN
    if resume and plan_file.exists():
        before = json.loads(plan_file.read_text(encoding="utf-8"))
        now = json.loads(json.dumps(identity))
        if before != now:
            raise ResumeError(
                f"cannot resume: {differences(before, now)} differ from the interrupted run "
                f"in {parts_dir.parent}; run again without --resume"
            )
        return keep_committed(parts_dir, plan_id)
    shutil.rmtree(parts_dir, ignore_errors=True)
    parts_dir.mkdir(parents=True)
    write_json(plan_file, identity)
    return set()


def differences(before: dict[str, Any], now: dict[str, Any]) -> str:
    """What changed between two plan identities, in words: each setting and stage setting with
    its old and new value (`--target-lang: 'en' → 'fr'`), the files by name (at most five)."""
    said = []
    if before.get("pipeline") != now.get("pipeline"):
        said.append(f"the pipeline version ({before.get('pipeline')} → {now.get('pipeline')})")
    said += changed_values("", before.get("settings", {}), now.get("settings", {}))
    said += changed_values("reader ", before.get("reader", {}), now.get("reader", {}))
    old_stages = {s.get("stage"): s for s in before.get("stages", [])}
    new_stages = {s.get("stage"): s for s in now.get("stages", [])}
    if list(old_stages) != list(new_stages):
        said.append(
            f"the stages ({', '.join(map(str, old_stages))} → {', '.join(map(str, new_stages))})"
        )
    else:
        for name, stage in new_stages.items():
            said += changed_values(f"{name} ", old_stages[name], stage)
    for key, what in (("files", "input"), ("setting_files", "setting file")):
        old = {f["source"]: f for f in before.get(key, [])}
        new = {f["source"]: f for f in now.get(key, [])}
        changed = sorted(
            f"{s} (standard input: other bytes than the interrupted run's)"
            if new.get(s, {}).get("path") == STDIN
            else s
            for s in old.keys() | new.keys()
            if old.get(s) != new.get(s)
        )
        if changed:
            names = ", ".join(changed[:5]) + (
                f" and {len(changed) - 5} more" if len(changed) > 5 else ""
            )
            said.append(f"{what} {names}")
    if not said and before.get("shards") != now.get("shards"):
        said.append("the shards")
    return "; ".join(said) or "the plan"


def changed_values(prefix: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """`PREFIXkey: old → new` for each key whose value differs."""

    def shown(values: dict[str, Any], key: str) -> str:
        return repr(values[key]) if key in values else "unset"

    return [
        f"{prefix}{key}: {shown(old, key)} → {shown(new, key)}"
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key) or (key in old) != (key in new)
    ]


def keep_committed(folder: Path, plan_id: str) -> set[str]:
    """Remove from a pass's folder what is not a shard committed for this plan (attempts cut
    short, links); return the committed shards' names. A later pass's folder (`pass-N`) is
    cleaned the same way and kept."""
    done = set()
    for entry in folder.iterdir():
        if entry.is_symlink():
            entry.unlink()  # not made by a run: never followed, never joined
            continue
        if not entry.is_dir():
            continue
        if PASS_FOLDER.fullmatch(entry.name):
            keep_committed(entry, plan_id)
        elif ".tmp-" not in entry.name and committed_for(entry, plan_id):
            done.add(entry.name)
        else:
            shutil.rmtree(entry, ignore_errors=True)
    return done


def refuse_foreign(parts_dir: Path) -> None:
    """`OUT/.parts` must be a folder (a run's own); a symbolic link or a file there is refused
    in one line: removing or writing into it would act on what it points to."""
    if parts_dir.is_symlink() or (parts_dir.exists() and not parts_dir.is_dir()):
        kind = "a symbolic link" if parts_dir.is_symlink() else "not a folder"
        raise OutputInUse(
            f"{parts_dir} is {kind}, not the parts folder of a run: remove it, or choose "
            "another --out-dir"
        )


def file_identity(file: InputFile) -> dict[str, Any]:
    """What `--resume` compares: the file's place, size and content digest (an edit that keeps
    the size is still an edit)."""
    identity: dict[str, Any] = {"source": file.source, "path": placed(file.path)}
    if file.refused is None:
        try:
            identity["blake2b"] = file_digest(file.path)
            identity["size"] = file.path.stat().st_size
        except OSError as error:
            identity["error"] = error.strerror or str(error)
    return identity


def placed(path: Path) -> str:
    """A file's place in the identity: its path, or `-` for standard input (spooled to a
    random path: its bytes identify it, `pipeline.io.stdin`)."""
    return STDIN if is_spooled(path) else shown(path)


def placed_part(part: Part) -> dict[str, Any]:
    return {**part.to_dict(), "path": placed(part.file.path)}


def committed_for(folder: Path, plan_id: str) -> bool:
    """Whether the shard in `folder` was committed for this plan and its files are whole (a
    crash of the machine can leave a committed shard torn: `writers.commit`)."""
    try:
        marker = read_marker(folder)
    except (OSError, ValueError):
        return False
    if marker.get("plan") != plan_id:
        return False
    return intact(folder, marker, consumed=lambda: committed_for(next_pass(folder), plan_id))


def committed_shards(out_dir: Path) -> int:
    """How many shards the first pass of the run in `out_dir` committed (what an interrupted
    run kept for `--resume`)."""
    parts = out_dir / PARTS
    if not parts.is_dir():
        return 0
    return sum(1 for p in parts.iterdir() if p.is_dir() and (p / MARKER).exists())


def next_pass(folder: Path) -> Path:
    """Where the next pass commits the shard committed in `folder` (`passes.Pass.folder`)."""
    parent = folder.parent
    number = int(m[1]) if (m := PASS_FOLDER.fullmatch(parent.name)) else 1
    parts = parent.parent if number > 1 else parent
    return parts / f"pass-{number + 1}" / folder.name
