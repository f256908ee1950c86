"""A pivot route's chain as its steps' processes joined by `_pump`'s relay: the same answers as
the programs piped one into the next, for any text, and the same faults caught.

A stand-in step program (it echoes each NUL-terminated request, or answers twice) where a fault
must be provoked; real Apertium, when installed, for the answers themselves.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import (
    ApertiumProcess,
    ApertiumTranslator,
    null_flush_command,
)
from pipeline.engines.translate.base import TranslationError

# Echoes each NUL-terminated request with TAG after it; a request holding DOUBLE gets a second
# answer (an extra answer from the first step must be caught at the end of the chain).
ECHO = r"""
import sys
tag = sys.argv[1].encode()
buffer = b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        break
    *requests, buffer = (buffer + chunk).split(b"\0")
    for request in requests:
        sys.stdout.buffer.write(request + tag + b"\0" + (b"stray\0" if b"DOUBLE" in request else b""))
    sys.stdout.buffer.flush()
"""


def echo(tag: str) -> list[list[str]]:
    return [[sys.executable, "-c", ECHO, tag]]


TEXTS = st.lists(st.text(max_size=300), min_size=1, max_size=12)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=TEXTS, long=st.integers(0, 2))
def test_joined_steps_answer_as_the_piped_programs(texts: list[str], long: int) -> None:
    """Any texts (every character, a batch larger than a pipe holds): the relay carries
    what a pipe carries."""
    texts = [*texts, "x" * (70_000 * long)]
    piped = ApertiumProcess([*echo("a"), *echo("b")])
    joined = ApertiumProcess.joined([ApertiumProcess(echo("a")), ApertiumProcess(echo("b"))])
    try:
        assert joined.translate(texts) == piped.translate(texts)
    finally:
        piped.close()
        joined.close()


def test_an_extra_answer_of_the_first_step_is_caught_and_never_returned() -> None:
    first, last = ApertiumProcess(echo("a")), ApertiumProcess(echo("b"))
    joined = ApertiumProcess.joined([first, last])
    assert joined.translate(["one", "two"]) == ["oneab", "twoab"]
    with pytest.raises(TranslationError):
        joined.translate(["DOUBLE"])
    # both steps were replaced: nothing stray is left to land on the next texts
    assert joined.translate(["three", "four"]) == ["threeab", "fourab"]
    assert first.translate(["alone"]) == ["alonea"]  # a step used alone, between two
    assert joined.translate(["five"]) == ["fiveab"]
    joined.close()
    assert not joined.programs()


# Answers each request (TAG after it), but gives the request after one holding LATE the answer
# to LATE again: a late answer, which must never pass for the answer of the next request.
LATE = r"""
import sys
tag, late, buffer = sys.argv[1].encode(), None, b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        break
    *requests, buffer = (buffer + chunk).split(b"\0")
    for request in requests:
        answer = request + tag
        if late is not None:
            answer, late = late, None
        elif b"LATE" in request:
            late = answer
        sys.stdout.buffer.write(answer + b"\0")
    sys.stdout.buffer.flush()
"""


def test_a_late_answer_never_passes_for_a_step_alone() -> None:
    """The chain and its steps number their requests in one sequence: an answer the chain
    was owed, coming late, does not match the number of a request made to a step alone."""
    first = ApertiumProcess([[sys.executable, "-c", LATE, "a"]])
    joined = ApertiumProcess.joined([first, ApertiumProcess(echo("b"))])
    assert joined.translate(["LATE"]) == ["LATEab"]
    with pytest.raises(TranslationError):  # with a numbering of its own: ["LATEa"], silently
        first.translate(["alone"])
    assert first.translate(["again"]) == ["againa"]  # the process was replaced
    joined.close()


def test_a_dead_second_step_fails_at_once() -> None:
    dead = ApertiumProcess([[sys.executable, "-c", "import sys; sys.exit(3)"]])
    joined = ApertiumProcess.joined([ApertiumProcess([["cat"]]), dead])
    started = time.monotonic()
    with pytest.raises(TranslationError):
        joined.translate(["anything"])
    assert time.monotonic() - started < 5
    joined.close()


@pytest.fixture(scope="module")
def chains() -> Iterator[tuple[ApertiumProcess, ApertiumProcess]]:
    """French → English as the engine runs it (joined) and as one pipe of programs."""
    engine = ApertiumTranslator()
    route = engine.route("fr", "en")
    if len(route) < 2:  # a set-up fault, as for `conftest.apertium`
        pytest.fail("Apertium fr→es→en is not installed: run scripts/install-system-deps.sh")
    stages = [s for i, m in enumerate(route) for s in null_flush_command(m, i == len(route) - 1)]
    piped = ApertiumProcess(stages, marks=True)
    yield engine.process(route), piped
    piped.close()
    engine.close()


# Words and marks a French sentence holds (and Apertium's reserved characters); no line of
# any data set.
WORDS = (
    "le la les un une de des et à en est sont a été très grand petite maison ville Zorvan "
    "Kelmiste l' d' qu' ne pas plus , . ? ! « » ( ) [ ] ^ $ @ * # / \\ ~ 3 12,5 %"
)
PIECES = [*WORDS.split(" "), "\n"]
FRENCH = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(FRENCH, min_size=1, max_size=8))
def test_joined_route_answers_as_one_pipe(
    chains: tuple[ApertiumProcess, ApertiumProcess], texts: list[str]
) -> None:
    joined, piped = chains
    assert joined.translate(texts) == piped.translate(texts)


def test_joined_route_answers_as_one_pipe_on_real_text(
    shared: Path, chains: tuple[ApertiumProcess, ApertiumProcess]
) -> None:
    """300 real news sentences in one batch: byte-identical answers."""
    with (shared / "data" / "real" / "mt_fr_en_newstest2014_dev.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["fr"] for line, _ in zip(f, range(300), strict=False)]
    joined, piped = chains
    assert joined.translate(texts) == piped.translate(texts)
