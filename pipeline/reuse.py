"""Each distinct text processed once: a bounded memory of what an engine answered for a text.

A corpus repeats itself (a syndicated review, a boilerplate paragraph, the same caption on
every page), and the costly part of language ID and NER depends on the text alone: the
engine's distributions for a text, the spans `nlp.pipe` finds in it. A stage asks through a
`Remembered`: a text answered before in this process (in this shard or an earlier one, a
worker running shard after shard) is not asked again, and a batch's repeats are asked once.

What depends on more than the text is never remembered, only recomputed from the remembered
answers: the document's language prior (`stages.detect`), evidence across a document and the
mention numbers (`stages.extract`). So the output is byte-identical with the memory on or off,
for any shard size and number of workers (tests/test_reuse.py); only the work is less. The
translation's answers are remembered by its own cache, across runs (`engines/translate/cache`).

Bounded: the `capacity` texts answered last (an LRU), keyed by a 16-byte BLAKE2 digest of the
text, never the text itself. Measured with tracemalloc on 1,000 English paragraphs: a language
distribution costs about 1 kB an entry (10-20 languages), NER's spans about 0.3 kB (1.4
entities a paragraph), so at the default 20,000 texts a memory stays near 20 MB and 6 MB,
whatever the corpus's size.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")
DEFAULT_TEXTS = 20_000


def digest(text: str) -> bytes:
    """The key of a text: 16 bytes, whatever its length (a lone surrogate is a character too)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Remembered(Generic[V]):
    """The answers to the last `capacity` distinct texts; 0 remembers nothing (every text is
    asked, repeats included: the reference the memory is tested against)."""

    def __init__(self, capacity: int = DEFAULT_TEXTS) -> None:
        self.capacity = max(0, capacity)
        self._answers: OrderedDict[bytes, V] = OrderedDict()
        self.asked = 0  # texts the engine was asked about
        self.reused = 0  # texts answered from memory (or by a repeat in the same call)

    def __len__(self) -> int:
        return len(self._answers)

    def answers(self, texts: Sequence[str], ask: Callable[[list[str]], Sequence[V]]) -> list[V]:
        """One answer per text, in order: remembered ones from memory, the others from one
        call of `ask` with each distinct text once, in order of first appearance. Answers are
        shared between repeats: callers must not change them."""
        if not self.capacity:
            self.asked += len(texts)
            return list(ask(list(texts))) if texts else []
        keys = [digest(text) for text in texts]
        found: dict[bytes, V] = {}
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key in found or key in missing:
                continue
            if key in self._answers:
                self._answers.move_to_end(key)
                found[key] = self._answers[key]
            else:
                missing[key] = text
        if missing:
            fresh = ask(list(missing.values()))
            for key, answer in zip(missing, fresh, strict=True):
                found[key] = answer
                self._answers[key] = answer
            while len(self._answers) > self.capacity:
                self._answers.popitem(last=False)
        self.asked += len(missing)
        self.reused += len(texts) - len(missing)
        return [found[key] for key in keys]
