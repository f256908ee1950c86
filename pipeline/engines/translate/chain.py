"""The engines a run translates with, in order: each text goes to the first engine that
supports its pair and is up, then to the next for what that one did not translate.

- A text longer than an engine takes (`Translator.max_chars`) is cut at sentence boundaries
  and the answers joined back (`pipeline.text.pieces`); edges of blanks stay as written.
- A batch is sent whole; a text whose batch answer is missing or fails `answer_problem`
  (empty, far too long, a protected name token lost, doubled or invented) is sent again alone.
- An engine's failure counts towards marking it down for the run (`max_failures` in a row);
  a bad token in one answer does not (the engine is up; that text goes on to the next engine).
- What no engine translated comes back with the reason, never with a half answer.

Each text's result is an `Outcome` (dolma's tagger result, `predict(doc) -> DocResult`): the
stage reads it, the chain knows nothing of records.
"""

from __future__ import annotations

import contextlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.engines.translate.base import (
    TOKEN_PROBLEM,
    TranslationError,
    Translator,
    answer_problem,
)
from pipeline.redact import redact
from pipeline.text import pieces, strip_edges


@dataclass(frozen=True)
class Outcome:
    """What became of one text: its translation and the engine's label, or why it has none."""

    text: str | None  # None: no engine translated it
    engine: str = ""  # `translation.engine`: the label of the engine that translated it
    reason: str | None = None  # why it stays untranslated (`meta.untranslated`)
    fell_back: str | None = None  # why the engine before failed, when a later one translated
    translator: Translator | None = None  # the engine that translated it: what it can do


class EngineChain:
    """The engines in order, with what the run has learnt of them (failures, engines down)."""

    def __init__(self, engines: Sequence[Translator], max_failures: int) -> None:
        self.engines = list(engines)
        self.max_failures = max_failures
        self.failures: dict[str, int] = defaultdict(int)  # in a row, per engine name
        self.down: set[str] = set()

    def supports(self, source: str, target: str) -> bool:
        return any(e.supports(source, target) for e in self.engines)

    def why_not(self, source: str, target: str) -> str:
        """Why no engine translates `source`: each engine's own words."""
        return "; ".join(e.why_not(source, target) for e in self.engines)

    def usable(self, source: str, target: str) -> Translator | None:
        """The first engine that is up and supports the pair: the one a text goes to first."""
        up = (e for e in self.engines if e.name not in self.down)
        return next((e for e in up if e.supports(source, target)), None)

    def first(self) -> Translator | None:
        return self.engines[0] if self.engines else None

    def analyser(self) -> Translator | None:
        """The engine that reads names with its own dictionaries, if the chain has one."""
        return next((e for e in self.engines if e.analyses_names), None)

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Outcome]:
        """One `Outcome` per text, in order."""
        results: dict[int, Outcome] = {}
        why_not: dict[int, str] = {}  # why the last engine tried did not translate text i
        todo = list(range(len(texts)))
        for engine in self.engines:
            if not todo:
                break
            if not engine.supports(source, target):
                continue
            if engine.name in self.down:
                why_not.update(dict.fromkeys(todo, self.down_reason(engine.name)))
                continue
            failed = []
            attempts = self._attempt(engine, [texts[i] for i in todo], source, target)
            for i, (text, label) in zip(todo, attempts, strict=True):
                if text is None:
                    prefix = "" if label.startswith(engine.name) else f"{engine.name}: "
                    why_not[i] = prefix + label
                    failed.append(i)
                else:
                    results[i] = Outcome(text, label, None, why_not.get(i), engine)
            todo = failed
        for i in todo:
            results[i] = Outcome(None, reason=why_not.get(i, "no engine translated it"))
        return [results[i] for i in range(len(texts))]

    def down_reason(self, name: str) -> str:
        return f"{name} is down after {self.max_failures} failures in a row"

    def _attempt(
        self, engine: Translator, texts: list[str], source: str, target: str
    ) -> list[tuple[str | None, str]]:
        """Translate with one engine: the whole batch, then alone each text whose batch answer
        is missing or unusable. Per text: (answer, label), or (None, why not)."""
        label = engine.describe(source, target)
        answers: list[str] | None = None
        if len(texts) > 1:
            with contextlib.suppress(TranslationError):  # else find the culprit below
                answers = in_pieces(engine, texts, source, target)
        out: list[tuple[str | None, str]] = []
        for i, text in enumerate(texts):
            answer = answers[i] if answers is not None else None
            if answer is None or answer_problem(text, answer) is not None:
                if engine.name in self.down:
                    out.append((None, self.down_reason(engine.name)))
                    continue
                try:
                    (answer,) = in_pieces(engine, [text], source, target)
                except TranslationError as error:
                    self._failed(engine.name)
                    out.append((None, redact(str(error))))
                    continue
            problem = answer_problem(text, answer)
            if problem is None:
                self.failures[engine.name] = 0
                out.append((answer, label))
            else:
                if problem != TOKEN_PROBLEM:
                    self._failed(engine.name)
                out.append((None, f"{engine.name}: {problem}"))
        return out

    def _failed(self, name: str) -> None:
        self.failures[name] += 1
        if self.failures[name] >= self.max_failures:
            self.down.add(name)

    def warming(self, sources: Iterable[str], target: str) -> threading.Thread | None:
        """A started thread that starts each engine's processes for each of `sources`
        (`Translator.warm`), or None when there is nothing to start."""
        warm = [
            (e, lang) for lang in sources if lang != target
            for e in self.engines if e.supports(lang, target)
        ]  # fmt: skip
        if not warm:
            return None
        thread = threading.Thread(
            target=warm_engines, args=(warm, target), daemon=True, name="stage-translate-warm"
        )
        thread.start()
        return thread

    def close(self) -> None:
        for engine in self.engines:
            engine.close()


def in_pieces(engine: Translator, texts: list[str], source: str, target: str) -> list[str]:
    """Send texts cut to the engine's length limit, then join the answers back."""
    layout: list[list[tuple[str, int | None, str]]] = []  # per text: (lead, core index, trail)
    cores: list[str] = []
    for text in texts:
        parts = []
        for _, piece in pieces(text, engine.max_chars):
            lead, core, trail = strip_edges(piece)
            parts.append((lead, len(cores) if core else None, trail))
            if core:
                cores.append(core)
        layout.append(parts)
    answers = engine.translate(cores, source, target) if cores else []
    return [
        "".join(lead + (answers[i] if i is not None else "") + trail for lead, i, trail in parts)
        for parts in layout
    ]


def warm_engines(engines: Sequence[tuple[Translator, str]], target: str) -> None:
    """Start each engine's processes for its language (`ApertiumTranslator.warm`); a failure
    here is met again, and reported, on first use."""
    for engine, lang in engines:
        with contextlib.suppress(Exception):
            engine.warm(lang, target)
