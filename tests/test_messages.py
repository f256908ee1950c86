"""Messages that say what to do, before any model loads, for the CLI and the library alike."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from pipeline import Pipeline, Translate
from pipeline.engines.registry import UnknownEngine, make_translator
from pipeline.record import Record
from pipeline.stages.base import Stage
from tests.conftest import ROOT


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_engine_names_are_case_insensitive() -> None:
    assert Translate(translator="deepL", fallback="Apertium").translator == "deepl"
    assert type(make_translator("APERTIUM")).__name__ == "ApertiumTranslator"


def test_a_mistyped_engine_fails_when_the_pipeline_is_built() -> None:
    """`Stage.check`, called once by `Pipeline` as it is built: before any shard runs."""
    with pytest.raises(UnknownEngine, match="'gogle' is unknown; choose from apertium"):
        Pipeline(stages=[Translate(translator="gogle")], given=("lang", "entities"))
    with pytest.raises(UnknownEngine):
        Translate(fallback="apertum").check()


def test_unknown_language_codes_are_refused_in_one_line() -> None:
    done = cli("detect", "--languages", "en,xx", "hello")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --languages: 'xx' is not an ISO 639 language code (en, fr, de, ...)"
    ]


class Boom(Stage):
    """A user's stage that declares no error code."""

    name = "boom"

    def process(self, batch: Sequence[Record]) -> None:
        for record in batch:
            if "bad" in record.text:
                raise KeyError("no such thing")


def test_a_custom_stage_error_is_reported_with_the_stage_and_its_words() -> None:
    records = [Record(f"r{i}", "d", "<memory>", i, t) for i, t in enumerate(["good", "bad"])]
    out = list(Pipeline(stages=[Boom()])(records))
    assert out[0].error is None
    assert out[1].error is not None and out[1].error.code == "E901"
    assert out[1].error.message == "stage 'boom': KeyError: 'no such thing'"


def test_a_missing_text_field_names_the_columns_and_the_option(tmp_path: Path) -> None:
    table = tmp_path / "reviews.csv"
    table.write_text("id,review\n1,Great film.\n", encoding="utf-8")
    done = cli("run", str(table), "-o", str(tmp_path / "out"), "-q", "--no-report")
    assert done.returncode == 1
    assert "this record has fields 'id', 'review' (--text-field NAME reads another)" in done.stderr
    ok = cli("run", str(table), "-o", str(tmp_path / "out2"), "-q", "--text-field", "review")
    assert ok.returncode == 0


def test_an_unreachable_dask_scheduler_is_one_line_before_any_model_loads(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    done = cli("run", str(ROOT / "data" / "raw"), "-o", str(tmp_path / "out"),
               "--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")  # fmt: skip
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: --scheduler tcp://127.0.0.1:{port}: nothing answers there")


def test_strict_exits_1_when_a_record_failed(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a", "text": "A short English sentence."}\n{"id": "b"}\n')
    loose = cli("run", str(data), "-o", str(tmp_path / "loose"), "-q", "--no-report")
    strict = cli("run", str(data), "-o", str(tmp_path / "strict"), "-q", "--no-report", "--strict")
    assert loose.returncode == 0
    assert strict.returncode == 1 and "--strict: 1 record(s) failed" in strict.stderr
    assert (tmp_path / "strict" / "corpus.jsonl").read_text().count("\n") == 1
