"""What an engine can do is what it declares (`engines/translate/base.Translator`), never its
name or an attribute probed: the stage and the engine chain read the declarations only."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.base import Translator
from pipeline.engines.translate.chain import EngineChain
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
ENGINE_USERS = [
    PACKAGE / "stages" / "translate.py",
    PACKAGE / "engines" / "translate" / "chain.py",
    PACKAGE / "engines" / "translate" / "cache.py",
    PACKAGE / "engines" / "translate" / "name_guard.py",
    PACKAGE / "engines" / "registry.py",
    PACKAGE / "stages" / "settings.py",
]


class Echo(Translator):
    """An engine that declares what the test draws, and says what it was asked."""

    version = "1"

    def __init__(self, name: str, max_chars: int, analyses_names: bool) -> None:
        self.name = name
        self.max_chars = max_chars
        self.analyses_names = analyses_names
        self.sent: list[str] = []
        self.asked: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return True

    def writes(self, target: str) -> bool:
        return True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.sent += texts
        return list(texts)

    def describe(self, source: str, target: str) -> str:
        return self.name

    def close(self) -> None:
        return None

    def name_readings(
        self, names: Sequence[str], source: str, target: str
    ) -> dict[str, tuple[int, str, str | None]]:
        self.asked += names
        return {}


def probes(path: Path) -> list[str]:
    """`hasattr`/`getattr` calls and comparisons of a `.name` with a literal engine name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            probed = ast.unparse(node.args[0]) if node.args else ""
            if node.func.id in ("hasattr", "getattr") and probed != "self._local":  # a thread's
                found.append(f"{path.name}:{node.lineno} {node.func.id}")
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Attribute)
            and node.left.attr == "name"
            and any(isinstance(c, ast.Constant | ast.Name) for c in node.comparators)
        ):
            found.append(f"{path.name}:{node.lineno} .name compared")
    return found


def test_no_engine_is_probed_or_told_apart_by_its_name() -> None:
    assert all(path.exists() for path in ENGINE_USERS)
    assert [p for path in ENGINE_USERS for p in probes(path)] == []


NAMES = st.sampled_from(["apertium", "offline", "rules", "libre", "x"])


@given(name=NAMES, analyses=st.booleans())
@settings(max_examples=10, deadline=None)
def test_names_are_asked_of_an_engine_that_declares_it_reads_them(
    name: str, analyses: bool
) -> None:
    engine = Echo(name, 1000, analyses)
    record = Record(id="r", doc_id="d", source="s", seq=0, text="Zorv Quill dort.", lang="fr")
    record.entities = [Entity("Zorv Quill", "PERSON", 0, 10, "text")]
    stage = Translate(engine=engine, cache=None, fallback="none")
    (out,) = stage([record])
    assert out.translation is not None
    assert bool(engine.asked) == analyses  # the declaration decides, whatever the name


@given(
    limit=st.integers(5, 40),
    words=st.lists(st.sampled_from(["Un.", "Deux mots.", " "]), max_size=30),
)
@settings(max_examples=25, deadline=None)
def test_the_chain_cuts_texts_to_what_the_engine_takes(limit: int, words: list[str]) -> None:
    text = " ".join(words)
    engine = Echo("x", limit, False)
    (outcome,) = EngineChain([engine], 3).translate([text], "fr", "en")
    assert outcome.text == text and outcome.engine == "x" and outcome.translator is engine
    assert all(len(sent) <= limit for sent in engine.sent)
