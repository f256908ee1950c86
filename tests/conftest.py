"""Shared fixtures. Tests run the real models and the real Apertium engine; `../shared` (dev
data for measurements) is optional and tests that need it skip cleanly without it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from pipeline import Pipeline
from pipeline.engines.translate.apertium import DEFAULT_MODES_DIR, ApertiumTranslator
from pipeline.record import Record
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate
from tests.durations import UNLISTED, seconds_by_file

# Property tests run the same generated cases on every run (CI never fails on a case found by
# chance); `HYPOTHESIS_PROFILE=explore make test` draws new ones, to look for more.
# No deadline: a busy CI machine makes a timing a flaky failure; cost is tested by its own bounds.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Tests that bound a cost by measured time: `make test` runs them after the others, one per
# core, so that a neighbour is another short timing, never an end-to-end run read as a
# quadratic path (each bound is a ratio of two sizes, measured again at its best on a miss).
TIMING_FILES = frozenset({"test_cost_bounds.py", "test_markup_cost.py"})
TIMING_NAMES = ("linear", "fifty_thousand")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in TIMING_FILES or any(w in item.name for w in TIMING_NAMES):
            item.add_marker(pytest.mark.timing)
    # Heaviest files first, each file's tests in their own order (`tests/durations.py`).
    seconds = seconds_by_file()
    place = {item: n for n, item in enumerate(items)}
    items.sort(key=lambda i: (-seconds.get(i.path.name, UNLISTED), str(i.path), place[i]))


ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SHARED = Path(os.environ.get("PIPELINE_SHARED_DIR", ROOT.parent / "shared"))
FRENCH_NOTES = "003_fc4f21d158d52f31"
FILM_PAGE = "000_f5395ad2fd65f4ed"


def needs_pairs(*pairs: str) -> pytest.MarkDecorator:
    """Skip unless the `apertium` program and every named pair's mode are installed: one
    marker for the tests that drive the real engine through given pairs."""
    missing = shutil.which("apertium") is None or not all(
        (DEFAULT_MODES_DIR / f"{pair}.mode").is_file() for pair in pairs
    )
    return pytest.mark.skipif(missing, reason=f"Apertium {' / '.join(pairs)} is not installed")


needs_fr_es = needs_pairs("fr-es")


def translated_french(stages: tuple[Extract, Translate], texts: list[str]) -> list[Record]:
    """French texts through NER then translation (names protected), one record each."""
    extract, translate = stages
    records = [
        Record(id=str(i), doc_id=str(i), source="test", seq=0, text=t, lang="fr")
        for i, t in enumerate(texts)
    ]
    return list(translate(extract(records)))


def translations(
    stage: Translate, texts: Sequence[str], lang: str = "fr", doc: str | None = None
) -> list[str]:
    """Each text's translation through `stage` (each text a document of its own, or all of
    `doc`), asserting every one was translated."""
    records = [
        Record(id=str(i), doc_id=doc or str(i), source="test", seq=i, text=t, lang=lang)
        for i, t in enumerate(texts)
    ]
    out = []
    for record in stage(records):
        assert record.translation is not None, record.meta
        out.append(record.translation.text)
    return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not here (developer/CI data only)")
    return SHARED


@pytest.fixture(scope="module")
def apertium() -> ApertiumTranslator:
    """The real offline engine; its absence is a set-up fault, not a reason to skip."""
    engine = ApertiumTranslator()
    if not engine.supports("fr", "en"):
        pytest.fail("Apertium fr→en is not installed: run scripts/install-system-deps.sh")
    return engine


@pytest.fixture(scope="session")
def translate_stage() -> Translate:
    """One translation stage per test process, with no translation cache: its engines'
    programs start once, not once per test module, and reuse by every test also checks that
    an answer depends on its own text only, never on what the stage translated before."""
    return Translate(cache=None)


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default pipeline run once over the sample corpus; returns the output directory."""
    out = tmp_path_factory.mktemp("seed_run")
    Pipeline().run([RAW], out)
    return out


@pytest.fixture(scope="session")
def seed_corpus(seed_run: Path) -> list[dict[str, Any]]:
    return read_jsonl(seed_run / "corpus.jsonl")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's translation cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
