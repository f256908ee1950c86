"""What `pipeline translate -s fr` waits for before its first answer: the Quotations stage's
language-ID models load in a helper thread and are waited for only by a batch that holds a
quoted passage to judge (timings are in bench/translate_speed.py, not here)."""

from __future__ import annotations

import threading

import pytest

from pipeline.record import Record
from pipeline.stages import quotes
from pipeline.stages.quotes import Quotations


def records(*texts: str) -> list[Record]:
    return [
        Record(id=f"r{i}", doc_id=f"r{i}", source="t", seq=i, text=text, lang="fr")
        for i, text in enumerate(texts)
    ]


@pytest.fixture
def stuck_loader(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A detector load that does not finish until the test says so."""
    release = threading.Event()

    def make_detector(name: str) -> object:
        release.wait(30)
        raise RuntimeError("no detector here")

    monkeypatch.setattr(quotes, "make_detector", make_detector)
    return release


def test_a_batch_without_quotations_does_not_wait_for_language_id(
    stuck_loader: threading.Event,
) -> None:
    unquoted = [
        "Une phrase sans guillemets.",
        "Il l'a dit deux fois, puis il est parti.",  # apostrophes are no quotation
        "Le mot « un » seul.",  # too short a passage to be judged
    ]
    stage = Quotations(batch_size=2)
    done = threading.Event()
    out: list[Record] = []

    def run() -> None:
        out.extend(stage(records(*unquoted)))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    finished = done.wait(10)
    stuck_loader.set()
    assert finished, "a batch with nothing to judge waited for the language-ID models"
    assert [r.text for r in out] == unquoted
    assert all(r.error is None and "quotes" not in r.meta for r in out)


def test_a_batch_with_a_passage_waits_and_a_failed_load_fails_its_records_only(
    stuck_loader: threading.Event,
) -> None:
    stage = Quotations()
    texts = ["Sans guillemets ici.", "Il a dit : « je ne suis pas venu pour rien »."]
    stuck_loader.set()
    out = list(stage(records(*texts)))
    assert out[0].error is None
    assert out[1].error is not None and "no detector here" in out[1].error.message
