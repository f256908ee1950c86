"""The Apertium stream protocol: every answer on its own text, whatever the input and the order.

Real Apertium where the behaviour is Apertium's (NUL, state between requests); a small stand-in
chain program where a fault must be provoked that real Apertium only shows on rare input (an
extra answer, a stage that dies, a stage that never answers).
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import pytest

from pipeline.engines.translate import apertium as apertium_module
from pipeline.engines.translate.apertium import ApertiumProcess, ApertiumTranslator
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.cache import CachedTranslator, TranslationCache
from tests.conftest import FRENCH_NOTES, RAW

# Echoes each NUL-terminated request; a request holding DOUBLE gets a second, stray answer.
ECHO = r"""
import sys
buffer = b""
while True:
    chunk = sys.stdin.buffer.read1(65536)
    if not chunk:
        break
    *requests, buffer = (buffer + chunk).split(b"\0")
    for request in requests:
        sys.stdout.buffer.write(request + b"\0" + (b"stray\0" if b"DOUBLE" in request else b""))
    sys.stdout.buffer.flush()
"""


def alone(texts: list[str]) -> list[str]:
    """Each text in a fresh process: the answer that owes nothing to other texts."""
    out = []
    for text in texts:
        fresh = ApertiumTranslator()
        out.extend(fresh.translate([text], "fr", "en"))
        fresh.close()
    return out


def test_a_nul_inside_a_text_shifts_no_answer(apertium: ApertiumTranslator) -> None:
    texts = [
        "La maison est grande et\x00 très belle.",
        "Le chat est sur la table.",
        "Il pleut\x00\x00 depuis trois jours.",
        "Le train part à midi.",
    ]
    together = apertium.translate(texts, "fr", "en")
    assert len(together) == 4
    assert together == alone(texts)
    assert "cat" in together[1].lower() and "train" in together[3].lower()


def test_each_translation_is_independent_of_the_texts_before_it() -> None:
    lines = (RAW / f"{FRENCH_NOTES}.txt").read_text(encoding="utf-8").splitlines()
    texts = [line for line in lines if len(line.split()) > 3]
    engine = ApertiumTranslator()
    in_order = engine.translate(texts * 3, "fr", "en")
    engine.close()
    assert in_order[: len(texts)] == in_order[len(texts) : 2 * len(texts)]
    assert engine.translate(texts[::-1], "fr", "en")[::-1] == in_order[: len(texts)]
    assert alone(texts) == in_order[: len(texts)]


def test_independent_on_real_text(shared: Path) -> None:
    """600 real sentences (news, and everyday sentences stripped of their final punctuation):
    the same answer in order, shuffled, and alone in a fresh process."""
    texts = []
    for name, strip in (("mt_fr_en_newstest2014_dev", False), ("mt_fr_en_tatoeba_dev", True)):
        with (shared / "data" / "real" / f"{name}.jsonl").open(encoding="utf-8") as f:
            for line, _ in zip(f, range(300), strict=False):
                french = json.loads(line)["fr"]
                texts.append(french.rstrip(".!?") if strip else french)
    engine = ApertiumTranslator()
    in_order = engine.translate(texts, "fr", "en")
    order = list(range(len(texts)))
    random.Random(7).shuffle(order)
    shuffled = engine.translate([texts[i] for i in order], "fr", "en")
    engine.close()
    assert [shuffled[order.index(i)] for i in range(len(texts))] == in_order
    sample = list(range(0, len(texts), 40))
    assert alone([texts[i] for i in sample]) == [in_order[i] for i in sample]


def test_an_extra_answer_is_caught_and_never_returned() -> None:
    process = ApertiumProcess([[sys.executable, "-c", ECHO]])
    assert process.translate(["one", "two"]) == ["one", "two"]
    with pytest.raises(TranslationError):
        process.translate(["first", "DOUBLE", "third"])
    # the process was replaced: nothing stray is left to land on the next texts
    assert process.translate(["four", "five"]) == ["four", "five"]
    process.close()


def test_a_dead_stage_in_the_middle_fails_at_once() -> None:
    process = ApertiumProcess([["cat"], [sys.executable, "-c", "import sys; sys.exit(3)"], ["cat"]])
    started = time.monotonic()
    with pytest.raises(TranslationError):
        process.translate(["anything"])
    assert time.monotonic() - started < 5
    process.close()


def test_a_chain_that_never_answers_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apertium_module, "START_SECONDS", 0.5)
    process = ApertiumProcess([[sys.executable, "-c", "import time; time.sleep(60)"]])
    started = time.monotonic()
    with pytest.raises(TranslationError, match="in time"):
        process.translate(["anything"])
    assert time.monotonic() - started < 5
    process.close()


class Scripted(Translator):
    """A translator that answers from a script (the cache is what is under test here)."""

    name = "scripted"
    version = "1"

    def __init__(self, answers: dict[str, str], endpoint: str = "") -> None:
        self.answers = answers
        self.endpoint = endpoint
        self.calls = 0

    def supports(self, source: str, target: str) -> bool:
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls += 1
        return [self.answers[t] for t in texts]

    def describe(self, source: str, target: str) -> str:
        return self.name

    def close(self) -> None:
        pass


def test_bad_answers_are_never_cached(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "cache.sqlite")
    bad = {"a": "", "b": "x" * 1000, "c": "fine", "XNAMEAX dort": "sleeps"}
    CachedTranslator(Scripted(bad), cache).translate(list(bad), "fr", "en")
    good = {"a": "A", "b": "B", "c": "other", "XNAMEAX dort": "XNAMEAX sleeps"}
    second = Scripted(good)
    assert CachedTranslator(second, cache).translate(list(good), "fr", "en") == [
        "A", "B", "fine", "XNAMEAX sleeps",
    ]  # fmt: skip
    assert second.calls == 1


def test_the_cache_is_keyed_by_endpoint(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "cache.sqlite")
    CachedTranslator(Scripted({"a": "from one"}, "http://one/"), cache).translate(["a"], "fr", "en")
    other = CachedTranslator(Scripted({"a": "from two"}, "http://two/"), cache)
    assert other.translate(["a"], "fr", "en") == ["from two"]


@pytest.mark.parametrize("damage", ["corrupt", "read-only", "a folder"])
def test_a_broken_cache_is_set_aside_with_one_warning(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cache.sqlite"
    if damage == "corrupt":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "a folder":
        path.mkdir()
    else:
        TranslationCache(path).put({b"k": "v"})
        for file in tmp_path.iterdir():
            file.chmod(0o444)
        tmp_path.chmod(0o555)
    engine = CachedTranslator(Scripted({"a": "A", "b": "B"}), TranslationCache(path))
    try:
        assert engine.translate(["a"], "fr", "en") == ["A"]
        assert engine.translate(["b"], "fr", "en") == ["B"]
    finally:
        tmp_path.chmod(0o755)
    if damage == "read-only" and engine.problem is None:
        pytest.skip("running as a user who can write read-only files (root)")
    assert engine.problem is not None
    assert sum("set aside" in r.message for r in caplog.records) == 1


def test_warm_starts_every_process_of_the_route_and_changes_no_answer() -> None:
    """`warm` starts, before any request, each process a French translation uses (the chain,
    the way back from the pivot, both analysers), and the answers are those of an engine
    started on first use."""
    texts = ["Le réalisateur a tourné à Paris.", "Agnès Varda filme la mer.", "Il pleut."]
    cold = ApertiumTranslator()
    expected = cold.translate(texts, "fr", "en")
    names = cold.name_readings(["Paris", "Agnès Varda"], "fr", "en")
    cold.close()
    warm = ApertiumTranslator()
    warm.warm("fr", "en")
    started = {key: process for key, process in warm._processes.items() if process.programs()}
    assert ("fr-es", "spa-eng") in started and ("es-fr",) in started
    assert {key[0] for key in started} >= {"analyse"} and len(started) >= 4
    assert all(p.poll() is None for process in started.values() for p in process.programs())
    assert warm.translate(texts, "fr", "en") == expected
    assert warm.name_readings(["Paris", "Agnès Varda"], "fr", "en") == names
    assert set(warm._processes) == set(started)  # nothing left to start on first use
    warm.close()
