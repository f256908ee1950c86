"""Translation started while the stages before `Translate` still load their models.

`pipeline translate -s fr` must wait for NER's names before it sends a text (a name is
masked), and NER's first batch waits for spaCy's load (1.5-4 s), while the raw chain the
floor is measured against translates from its first second. A text that holds no capital
but its first letter and no quotation mark (38 % of 1,000 news sentences) most likely gives
NER nothing to protect: its request is then the text itself (with what `translate/guard`
freezes by shape alone). Those requests are sent during the load, in input order, and their
outcomes kept by the exact request text; when the real batch comes, a request whose text is
kept takes its outcome, any other goes to the engines as before. An answer depends on its
request alone (`engines/translate/apertium`: stateless chains, one-word lookups), so a kept
outcome is the one the engines would give then: the output is byte-identical whatever was
foreseen, and a wrong guess (NER does find a name) costs its work only.

`ReadAhead` lets the helper thread see the records before the first stage does: it reads
from the same input, under one lock, only the records it foresees (so a slow pipe is read no
sooner than the stages would read it), and hands them on in order.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence

from pipeline.engines.translate.chain import Outcome
from pipeline.record import Record

# Records read ahead per round: the round in progress when the first batch comes is waited
# for (a round of 16 news sentences is ~0.1 s of the chain's work).
ROUND = 16
# At most this many records are held ahead (the load ends long before, measured: ~150-400).
MOST = 2048
# Quotation marks: a quoted title is a name, a quoted passage may be foreign.
QUOTES = re.compile(r"[«»\"“”„‹›]")


def foreseeable(text: str) -> bool:
    """Whether NER most likely finds no name in `text`: no capital but its first letter, no
    quotation mark (see the module doc)."""
    return not any(c.isupper() for c in text[1:]) and not QUOTES.search(text)


class ReadAhead:
    """An iterator over `records` whose next records a helper thread may read first (`more`);
    every record is given once, in input order."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._source = iter(records)
        self._held: deque[Record] = deque()
        self._lock = threading.Lock()
        self._ended = False
        self.read = 0  # records read from the source, by either side

    def __iter__(self) -> Iterator[Record]:
        return self

    def __next__(self) -> Record:
        with self._lock:
            if self._held:
                return self._held.popleft()
            return self._pull()

    def more(self, count: int, stop: Callable[[], bool] = lambda: False) -> list[Record]:
        """Up to `count` records the stages have not read yet, read now and held for them
        (fewer at the input's end, past `MOST` held, or once `stop` says so). The lock is
        taken per record: the stages never wait for more than the record they need."""
        out: list[Record] = []
        while len(out) < count and not stop():
            with self._lock:
                if self._ended or len(self._held) >= MOST:
                    break
                try:
                    record = self._pull()
                except StopIteration:
                    break
                self._held.append(record)
            out.append(record)
        return out

    def _pull(self) -> Record:
        if self._ended:
            raise StopIteration
        try:
            record = next(self._source)
        except StopIteration:
            self._ended = True
            raise
        self.read += 1
        return record


class Foresight:
    """A helper thread that sends the foreseeable requests of the records read ahead, a
    round at a time, until `stop`; `take` gives the outcomes kept for a batch's requests."""

    def __init__(
        self,
        ahead: ReadAhead,
        requests: Callable[[Sequence[Record]], dict[str, list[str]]],
        translate: Callable[[list[str], str], list[Outcome]],
        kept: Callable[[Outcome], bool],
        first: threading.Thread | None,
    ) -> None:
        self._ahead = ahead
        self._requests = requests  # records → {lang: request texts}
        self._translate = translate  # (texts, lang) → outcomes
        self._kept = kept  # whether an outcome may be kept
        self._first = first  # what must finish before (the engines' start)
        self._stop = threading.Event()
        self._busy = threading.Lock()  # held while the thread translates
        self._outcomes: dict[tuple[str, str], Outcome] = {}
        self.sent = 0
        self._thread = threading.Thread(target=self._run, daemon=True, name="translate-ahead")
        self._thread.start()

    def _run(self) -> None:
        if self._first is not None:
            self._first.join()
        while not self._stop.is_set():
            records = self._ahead.more(ROUND, self._stop.is_set)
            if not records:
                return
            requests = self._requests(records)
            with self._busy:  # the engines are this thread's until `stop`
                if self._stop.is_set():
                    return
                for lang, texts in sorted(requests.items()):
                    texts = [t for t in dict.fromkeys(texts) if (lang, t) not in self._outcomes]
                    if not texts:
                        continue
                    try:
                        outcomes = self._translate(texts, lang)
                    except Exception:  # met again, and reported, when the batch is sent
                        return
                    self.sent += len(texts)
                    for text, outcome in zip(texts, outcomes, strict=True):
                        if self._kept(outcome):
                            self._outcomes[lang, text] = outcome

    def stop(self) -> None:
        """No more requests: wait for the round being translated, not for one being read
        (the input may be a pipe waiting for this command's answers)."""
        self._stop.set()
        with self._busy:
            pass

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end (it ends at the input's end or after `stop`)."""
        self._thread.join(timeout)

    def take(self, texts: Sequence[str], lang: str) -> dict[int, Outcome]:
        """The kept outcome of each request text that has one, by its index; given to one
        batch (a text repeated in a later batch is sent then, as without foresight)."""
        found = {t: o for t in set(texts) if (o := self._outcomes.pop((lang, t), None))}
        return {i: found[t] for i, t in enumerate(texts) if t in found}
