"""Translation sent ahead while the stages before load (`pipeline/stages/foresight.py`): the
output is the same as without it, whatever NER then finds, and every record is given once,
in order, however the helper thread reads ahead."""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.base import Translator
from pipeline.engines.translate.chain import Outcome
from pipeline.record import Entity, Record
from pipeline.stages.foresight import ROUND, Foresight, ReadAhead, foreseeable
from pipeline.stages.translate import Translate


class Mirror(Translator):
    """Each lower-case run written backwards: an answer that depends on its text alone and
    keeps the name tokens (upper case) as they are; says what it was sent."""

    name = "mirror"
    version = "1"

    def __init__(self) -> None:
        self.sent: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def writes(self, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.sent += texts
        return [re.sub(r"[a-zé]+", lambda m: m[0][::-1], t) for t in texts]

    def describe(self, source: str, target: str) -> str:
        return self.name


def records(texts: Sequence[str]) -> Iterator[Record]:
    for i, text in enumerate(texts):
        yield Record(id=f"r{i}", doc_id=f"r{i}", source="<t>", seq=i, text=text, lang="fr")


def ner(given: Iterable[Record], first_is_name: set[int]) -> Iterator[Record]:
    """What NER would find: every capitalised word but the first, and the first of the texts
    in `first_is_name` (a name opening a sentence: what the shape cannot foresee)."""
    for record in given:
        for match in re.finditer(r"\w+", record.text):
            if match[0][:1].isupper() and (match.start() > 0 or record.seq in first_is_name):
                record.entities.append(Entity(match[0], "PER", match.start(), match.end()))
        yield record


def translated(texts: Sequence[str], first_is_name: set[int], ahead: bool) -> list[dict]:
    engine = Mirror()
    stage = Translate(engine=engine, cache=None, target_lang="en", batch_size=4)
    source: Iterable[Record] = records(texts)
    if ahead:
        reader = ReadAhead(source)
        stage.foresee(reader)
        source = reader

    def loaded(stream: Iterable[Record]) -> Iterator[Record]:
        # the helper thread reads every record ahead before the first one is given on (as
        # while spaCy loads), so that the batches meet the outcomes it kept
        if stage._foresight is not None:
            stage._foresight.join()
        yield from ner(stream, first_is_name)

    out = [r.to_dict() for r in stage(loaded(source))]
    stage.close()
    return out


WORDS = st.sampled_from(
    ["le", "chat", "dort", "Paris", "Marie", "à", "14h30", "3,5 km", "«", "»", "Été", "x_1"]
)
TEXTS = st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(TEXTS, st.data())
def test_same_output_with_translation_sent_ahead(texts: list[str], data: st.DataObject) -> None:
    first_is_name = set(data.draw(st.sets(st.integers(0, len(texts) - 1))))
    assert translated(texts, first_is_name, ahead=True) == translated(
        texts, first_is_name, ahead=False
    )


def test_foreseen_requests_are_not_sent_again() -> None:
    texts = ["le chat dort", "Marie dort", "le chat dort à 14h30", "Paris dort"]
    engine = Mirror()
    stage = Translate(engine=engine, cache=None, target_lang="en")
    reader = ReadAhead(records(texts))
    stage.foresee(reader)

    def loaded(stream: Iterable[Record]) -> Iterator[Record]:
        assert stage._foresight is not None
        stage._foresight.join()
        yield from ner(stream, {3})  # "Paris" opens its sentence and is a name

    out = list(stage(loaded(reader)))
    stage.close()
    # texts 0-3 are foreseeable; 0-2 are sent ahead and taken; 3's request then holds a token
    assert [foreseeable(t) for t in texts] == [True, True, True, True]
    sent_with_batch = engine.sent[4:]
    assert len(sent_with_batch) == 1 and "Paris" not in sent_with_batch[0]
    assert [r.to_dict() for r in out] == translated(texts, {3}, ahead=False)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.lists(st.integers(0, 7), max_size=20))
def test_read_ahead_gives_every_record_once_in_order(count: int, steps: list[int]) -> None:
    reader = ReadAhead(records([f"t{i}" for i in range(count)]))
    given_on: list[str] = []
    seen_ahead: list[str] = []
    for step in steps:  # interleave reading ahead and giving on
        if step % 2:
            seen_ahead += [r.text for r in reader.more(step)]
        else:
            given_on += [r.text for r in itertools.islice(reader, step)]
    given_on += [r.text for r in reader]
    assert given_on == [f"t{i}" for i in range(count)]
    assert all(t in given_on for t in seen_ahead) and len(set(seen_ahead)) == len(seen_ahead)


def test_stop_does_not_wait_for_input_being_read_ahead() -> None:
    """The batch takes the engines back at once, even while the helper thread waits for the
    next line of a pipe (whose writer may wait for this command's answers)."""
    go = threading.Event()

    first = [f"ligne {i}" for i in range(ROUND)]  # one round, then the pipe waits

    def source() -> Iterator[Record]:
        yield from records(first)
        go.wait(10)  # the writer waits for our answers
        yield Record(id="last", doc_id="last", source="<t>", seq=ROUND, text="fin", lang="fr")

    reader = ReadAhead(source())
    ahead = Foresight(
        reader,
        lambda rs: {"fr": [r.text for r in rs]},
        lambda texts, lang: [Outcome(t.upper()) for t in texts],
        lambda outcome: True,
        None,
    )
    deadline = time.monotonic() + 5
    while ahead.sent < ROUND and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    ahead.stop()
    waited = time.monotonic() - started
    go.set()
    assert waited < 2, f"stop waited {waited:.1f} s for a line being read"
    kept = ahead.take(first, "fr")
    assert [kept[i].text for i in range(ROUND)] == [t.upper() for t in first]
    assert [r.text for r in reader] == [*first, "fin"]
