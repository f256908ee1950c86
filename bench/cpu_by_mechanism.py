"""Where a run's CPU seconds go, by mechanism: `pipeline run` in this process, each part timed.

    .venv/bin/python bench/cpu_by_mechanism.py [--json OUT.json] -- run INPUT -o OUT -q -w 1

The command after `--` is the `pipeline` command line, run in this process (`-w 1`: the
shards too). Each part named below is wrapped in a timer of its thread's CPU time
(`time.thread_time`), exclusive of the parts it calls that are timed too: NER's reading per
model (the `nlp.pipe` calls) and the models' loading, each language-ID expert, the stages'
own work around them, reading the input and the pass before's corpus, writing, committing,
the observers, the accounting, planning and finalizing; what no timer holds is the shard
task's own ("shard task (rest)": the stages' generators, batching, the reporter). A
generator's part counts each step it takes. Under a load above the machine's cores CPU
seconds inflate too (shared caches), so compare runs taken together. (#34 item 3, row 9.)
"""

from __future__ import annotations

import functools
import inspect
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

spent: Counter[str] = Counter()
calls: Counter[str] = Counter()
frames = threading.local()


def _stack() -> list[list[Any]]:
    if not hasattr(frames, "stack"):
        frames.stack = [["untimed", time.thread_time(), 0.0]]
    return frames.stack  # type: ignore[no-any-return]


def _enter(name: str) -> None:
    _stack().append([name, time.thread_time(), 0.0])


def _leave() -> None:
    stack = _stack()
    name, started, inner = stack.pop()
    elapsed = time.thread_time() - started
    spent[name] += elapsed - inner
    calls[name] += 1
    stack[-1][2] += elapsed


def timed(owner: Any, attr: str, name: str | None = None, namer: Callable[..., str] | None = None) -> None:  # fmt: skip
    """Wrap `owner.attr` so that its CPU time (its own, not its timed callees') counts under
    `name` (or `namer(*args)`)."""
    f = getattr(owner, attr)
    label = name or attr
    if inspect.isgeneratorfunction(f):

        @functools.wraps(f)
        def steps(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = f(*args, **kwargs)
            while True:
                _enter(label)
                try:
                    item = next(it)
                except StopIteration:
                    _leave()
                    return
                _leave()
                yield item

        setattr(owner, attr, steps)
        return

    @functools.wraps(f)
    def call(*args: Any, **kwargs: Any) -> Any:
        _enter(namer(*args, **kwargs) if namer else label)
        try:
            return f(*args, **kwargs)
        finally:
            _leave()

    setattr(owner, attr, call)


def instrument() -> None:
    import pipeline.io.readers.reader as reader
    import pipeline.io.writers as writers
    import pipeline.run.accounting as accounting
    import pipeline.run.pipeline as run
    import pipeline.run.shard_task as shard_task
    import pipeline.stages.base as base
    import pipeline.stages.detect as detect
    import pipeline.stages.extract as extract
    import pipeline.stages.link.apply as link_apply
    import pipeline.stages.link.observe as link_observe
    from pipeline.engines.langid import combined, fasttext_engine, lexicon_engine, py3langid_engine

    for step in ("plan", "execute", "finalize", "_resolve", "_resolve_ids", "_merge", "_write_own_outputs"):  # fmt: skip
        timed(run.Pipeline, step, f"run: {step.strip('_')}")
    timed(base.Stage, "_run", namer=lambda stage, batch: f"stage {stage.name} (own work)")
    timed(extract.Extract, "_read", namer=lambda stage, lang, model, texts: f"NER: nlp.pipe, {model}")  # fmt: skip
    timed(extract, "load_model", "NER: models' loading (spaCy's import the first time)")
    timed(extract.Extract, "_settle_records", "stage extract: settling")
    for module, cls in ((fasttext_engine, "FastTextDetector"), (py3langid_engine, "Py3langidDetector"),
                        (lexicon_engine, "LexiconDetector"), (combined, "CombinedDetector")):  # fmt: skip
        timed(getattr(module, cls), "distributions", f"language ID: {cls} (its loading included)")
    timed(detect, "note_foreign_quotations", "language ID: quotations")
    timed(shard_task.ShardTask, "__call__", "shard task (rest)")
    timed(reader.Reader, "read_shard", "reading the input")
    timed(shard_task, "records_of", "reading the pass before's corpus")
    timed(writers.ShardWriter, "write", "writing records")
    timed(writers.ShardWriter, "__exit__", "closing a shard's files")
    timed(shard_task, "commit", "committing shards")
    timed(accounting.Accounting, "count_out", "accounting")
    timed(link_observe.LinkObserver, "observe", "linking: observing")
    timed(link_apply.LinkApplier, "observe", "linking: the applier's counts")


def main() -> None:
    args = sys.argv[1:]
    out = None
    if args[:1] == ["--json"]:
        out, args = Path(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    instrument()
    import pipeline.entry

    sys.argv = ["pipeline", *args]
    try:
        pipeline.entry.main()
    except SystemExit as e:
        if e.code:
            raise
    total = time.process_time()
    rows = {"process (CPU s)": round(total, 3)}
    rows |= {name: round(seconds, 3) for name, seconds in spent.most_common()}
    rows["untimed: interpreter, imports, command line, the rest"] = round(total - sum(spent.values()), 3)  # fmt: skip
    for name, seconds in rows.items():
        print(f"{seconds:8.3f}  {name}" + (f"  ({calls[name]} calls)" if name in calls else ""))
    if out is not None:
        out.write_text(json.dumps({"seconds": rows, "calls": dict(calls)}, indent=1))


if __name__ == "__main__":
    main()
