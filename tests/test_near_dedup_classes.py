"""The classes of near-duplicate failures a hostile pass found (h47), each generated: every
threshold the option accepts works and finds pairs well above it; the step's mark is never
read from the input; dropped lines are in input order for any shard size; invisible format
characters, character references, scripts without spaces and wordless texts compare as a
reader sees them; the report shows ids and differences without letting them rearrange it.
"""

from __future__ import annotations

import html
import json
import random
import sys
import unicodedata
from collections.abc import Callable
from functools import cache
from html.entities import codepoint2name
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, NearDedup, Pipeline
from pipeline.app.options import NearThreshold
from pipeline.app.report_duplicates import BIDI_CONTROLS, differing, duplicate_clusters
from pipeline.minhash import (
    UNSPACED,
    WORD,
    bands_rows,
    candidate_chance,
    normal_text,
    shingles,
)
from pipeline.record import PIPELINE_META, Record
from pipeline.stages.base import SettingError, Stage
from pipeline.stages.near_dedup import HIGHEST_THRESHOLD, LOWEST_THRESHOLD
from tests.test_near_dedup import paragraph, run_in_memory, vocabulary

FEW = settings(max_examples=25, deadline=None)


@cache
def characters(test: Callable[[str], bool]) -> list[str]:
    """Every assigned code point (below U+30000) a property test accepts, for generators."""
    return [c for c in map(chr, range(0x30000)) if unicodedata.category(c) != "Cn" and test(c)]


def invisible(c: str) -> bool:
    return unicodedata.category(c) == "Cf"


def bidi_control(c: str) -> bool:
    return unicodedata.bidirectional(c) in BIDI_CONTROLS


def unspaced_letter(c: str) -> bool:
    return UNSPACED_CHAR.fullmatch(c) is not None and c.isalpha()


def symbol(c: str) -> bool:
    """A symbol or punctuation mark with no word character even in NFKC (not "㈀")."""
    return unicodedata.category(c) in ("So", "Sm", "Po") and not WORD.search(normal_text(c))


UNSPACED_CHAR = regex.compile(UNSPACED)


def marks(out: list[Record]) -> list[object]:
    return [r.meta.get("near_duplicate_of") for r in out]


# -- D9, D7: every threshold the option takes works, and the bands lose few pairs above it ---


@FEW
@given(threshold=st.floats(LOWEST_THRESHOLD, HIGHEST_THRESHOLD), seed=st.integers(0, 999))
@example(threshold=1.0, seed=0)
@example(threshold=0.99, seed=0)
def test_every_threshold_the_option_accepts_runs_and_finds_a_copy(
    threshold: float, seed: int
) -> None:
    option = NearThreshold.__metadata__[0]
    assert (option.min, option.max) == (LOWEST_THRESHOLD, HIGHEST_THRESHOLD)
    step = NearDedup(threshold=threshold)
    step.check()
    assert step.config()["bands"] * step.config()["rows"] <= step.num_perm
    rng = random.Random(seed)
    text = paragraph(rng, vocabulary(rng, 80), 40)
    assert marks(run_in_memory([text, text.upper().replace(".", " !")], threshold=threshold)) == [
        None,
        "r0",
    ]


@pytest.mark.parametrize("threshold", [0.0, 0.04, 1.01, float("nan"), -1.0])
def test_a_threshold_outside_the_options_range_is_refused_by_the_check(threshold: float) -> None:
    with pytest.raises(SettingError):
        NearDedup(threshold=threshold).check()


def test_a_pair_a_tenth_above_any_threshold_is_a_candidate_nearly_always() -> None:
    """The S-curve at threshold + 0.1, for every threshold from 0.05 to 1 in steps of 0.01."""
    for threshold in np.round(np.arange(LOWEST_THRESHOLD, 1.0001, 0.01), 2).tolist():
        bands, rows = bands_rows(threshold, 128)
        above = np.float64(min(1.0, threshold + 0.1))
        assert candidate_chance(above, bands, rows) >= 0.97, (threshold, bands, rows)


# -- D10: the step's mark is never read from the input ---------------------------------------


def every_stage() -> list[type[Stage]]:
    import importlib
    import pkgutil

    import pipeline.stages

    for module in pkgutil.walk_packages(pipeline.stages.__path__, "pipeline.stages."):
        importlib.import_module(module.name)
    found, todo = [], [Stage]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def test_every_meta_key_a_stage_writes_is_kept_from_the_input_under_another_name() -> None:
    written = {
        field.removeprefix("meta.")
        for stage in every_stage()
        for field in getattr(stage, "writes", ())
        if isinstance(field, str) and field.startswith("meta.")
    }
    assert "near_duplicate_of" in written
    assert written <= PIPELINE_META, written - PIPELINE_META


@pytest.mark.parametrize("mode", ["mark", "drop"])
def test_an_input_field_named_as_the_mark_is_neither_counted_nor_kept_as_ours(
    tmp_path: Path, mode: str
) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "A first text about one film.", "near_duplicate_of": "ghost"},
        {"id": "b", "text": "Another text on something else.", "duplicate_of": "phantom"},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    Pipeline(stages=[NearDedup(mode)]).run([src], out)
    written = [json.loads(line) for line in (out / "corpus.jsonl").open(encoding="utf-8")]
    assert [w["meta"].get("near_duplicate_of") for w in written] == [None, None]
    assert written[0]["meta"]["input.near_duplicate_of"] == "ghost"
    assert not (out / "dropped.jsonl").read_text()
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["counts"]["near_duplicates"] == {}


# -- D8: dropped lines in input order, whatever pass set them aside and the shard size -------


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Records the reader drops (nothing shows) between exact and near copies the steps drop."""
    rng = random.Random(8)
    words = vocabulary(rng, 100)
    rows: list[dict[str, str]] = []
    for i in range(12):
        text = paragraph(rng, words, 40)
        rows.append({"id": f"o{i}", "text": text})
        if i % 2:
            rows.append({"id": f"x{i}", "text": text})
        if i % 3 == 0:
            rows.append({"id": f"n{i}", "text": "Posted again.\n" + text})
        if i % 4 == 1:
            rows.append({"id": f"z{i}", "text": "\u200b\u2060"})
    src = tmp_path_factory.mktemp("mixed") / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    dropped = [r["id"] for r in rows if r["id"][0] in "xnz"]
    return src, dropped


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shard_bytes=st.sampled_from([1, 300, 900, 2_500, 10**9]))
def test_dropped_lines_are_in_input_order_for_any_shard_size(
    tmp_path_factory: pytest.TempPathFactory, mixed: tuple[Path, list[str]], shard_bytes: int
) -> None:
    src, expected = mixed
    out = tmp_path_factory.mktemp("order") / "out"
    Pipeline(stages=[Dedup("drop"), NearDedup("drop")]).run([src], out, shard_bytes=shard_bytes)
    dropped = [json.loads(line)["id"] for line in (out / "dropped.jsonl").open(encoding="utf-8")]
    assert dropped == expected


# -- D1, D3: what a reader does not see is not compared ---------------------------------------


@FEW
@given(seed=st.integers(0, 10_000), data=st.data())
def test_format_characters_inside_words_change_no_shingle(seed: int, data: st.DataObject) -> None:
    rng = random.Random(seed)
    text = paragraph(rng, vocabulary(rng, 60), 30)
    hidden = st.sampled_from(characters(invisible))
    at = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=1, max_size=12)))
    pieces = [text[i:j] for i, j in zip([0, *at], [*at, len(text)], strict=True)]
    copy = "".join(p + data.draw(hidden) for p in pieces[:-1]) + pieces[-1]
    assert shingles(copy, 3) == shingles(text, 3)


ACCENTED = ["é", "è", "à", "ç", "ô", "’", "'", "«", "»", "&", "\u00a0"]


def reference(char: str, rng: random.Random) -> str:
    """`char` as a character reference: named where HTML names it, decimal or hex."""
    named = codepoint2name.get(ord(char))
    forms = [f"&#{ord(char)};", f"&#x{ord(char):X};"] + ([f"&{named};"] if named else [])
    return rng.choice(forms)


@FEW
@given(seed=st.integers(0, 10_000), share=st.floats(0.2, 1.0))
def test_character_references_compare_as_the_characters(seed: int, share: float) -> None:
    rng = random.Random(seed)
    words = [rng.choice(["l'", "d'", "qu’", ""]) + w + rng.choice([*ACCENTED[:5], ""])
             for w in vocabulary(rng, 60)]  # fmt: skip
    text = " ".join(rng.choice(words) for _ in range(30)) + " « fin » & co"
    escaped = "".join(
        reference(c, rng) if (not c.isascii() or c in "'&") and rng.random() < share else c
        for c in text
    )
    assert html.unescape(escaped) == text
    assert shingles(escaped, 3) == shingles(text, 3)


# -- D13, D14: accents, Turkish and Greek capitals, raw Markdown emphasis ----------------------


def turkish_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@FEW
@given(seed=st.integers(0, 10_000), letters=st.sampled_from(["éèçôâ", "ıişğüö", "άέήίόύώ"]))
def test_accents_stripped_and_capitals_as_each_language_writes_them_compare_equal(
    seed: int, letters: str
) -> None:
    rng = random.Random(seed)
    words = [w + rng.choice(letters) + rng.choice(["", "r"]) for w in vocabulary(rng, 60)]
    if "ά" in letters:  # Greek letters throughout
        greek = str.maketrans("abdeiklmnopqrstuvz", "αβδεικλμνοπκρστυβζ")
        words = [w.translate(greek) for w in words]
    text = paragraph(rng, words, 30)
    for copy in (without_marks(text), turkish_upper(text), without_marks(text.upper())):
        assert shingles(copy, 3) == shingles(text, 3), copy


@FEW
@given(seed=st.integers(0, 10_000), every=st.integers(1, 5))
def test_raw_markdown_underscores_around_words_change_no_shingle(seed: int, every: int) -> None:
    rng = random.Random(seed)
    words = paragraph(rng, vocabulary(rng, 60), 30).split(" ")
    marked = [f"_{w}_" if i % every == 0 else w for i, w in enumerate(words)]
    assert shingles(" ".join(marked), 3) == shingles(" ".join(words), 3)


# -- D2: scripts written without spaces compare character n-grams ---------------------------


@FEW
@given(seed=st.integers(0, 10**6), length=st.integers(40, 150), breaks=st.integers(0, 6))
def test_an_unspaced_script_copy_with_one_character_changed_and_rewrapped_is_found(
    seed: int, length: int, breaks: int
) -> None:
    """Texts of one topic's 30 characters, in any script written without spaces."""
    rng = random.Random(seed)
    pool = characters(unspaced_letter)
    topic = rng.sample(pool, 30)
    text, other = ("".join(rng.choices(topic, k=length)) for _ in range(2))
    at = rng.randrange(length)
    changed = text[:at] + rng.choice(pool) + text[at + 1 :]
    cuts = sorted(rng.sample(range(1, length), breaks))
    wrapped = "\n".join(changed[i:j] for i, j in zip([0, *cuts], [*cuts, length], strict=True))
    assert marks(run_in_memory([text, other, wrapped])) == [None, None, "r0"]


# -- D4: a text without words has its exact copies --------------------------------------------


@FEW
@given(
    pieces=st.lists(
        st.text(st.sampled_from(characters(symbol)),
                min_size=1, max_size=4),
        min_size=1, max_size=5,
    ),
    other=st.sampled_from("★☆♥→✓"),
)  # fmt: skip
def test_a_wordless_text_is_near_its_exact_copies_only(pieces: list[str], other: str) -> None:
    text = " ".join(pieces)
    spaced = "  \n".join(pieces) + " "
    different = text + other + other
    assert marks(run_in_memory([text, different, spaced])) == [None, None, "r0"]


# -- D11: the report shows ids and differences; bidi controls rearrange nothing ---------------


@FEW
@given(data=st.data(), seed=st.integers(0, 1000))
def test_the_report_shows_invisible_differences_and_no_bidi_control(
    data: st.DataObject, seed: int
) -> None:
    controls = characters(bidi_control)
    hidden_ones = st.sampled_from(controls + characters(invisible))
    rng = random.Random(seed)
    words = paragraph(rng, vocabulary(rng, 60), 30).split(" ")
    at = data.draw(st.integers(0, len(words) - 1))
    hidden = data.draw(hidden_ones)
    copy = " ".join([*words[:at], hidden + words[at], *words[at + 1 :]])
    ids = [data.draw(st.sampled_from(controls)).join(["first", ""]), "member" + hidden]
    corpus = [
        {"id": ids[0], "text": " ".join(words), "meta": {}},
        {"id": ids[1], "text": copy, "meta": {"near_duplicate_of": ids[0]}},
    ]
    (cluster,) = duplicate_clusters(lambda: corpus, lambda: [])
    (member,) = cluster["members"]
    shown = [cluster["first"], cluster["text"], member["id"], *(p for _, p in member["parts"])]
    assert not any(unicodedata.bidirectional(c) in BIDI_CONTROLS for s in shown for c in s)
    changed = [piece for differs, piece in member["parts"] if differs]
    assert changed and all(piece.isprintable() for piece in changed), member["parts"]
    assert member["id"].startswith("member\\") and cluster["first"].startswith("first\\")


# -- D12, D15: the highlighting is linear and compares as duplicates do -----------------------


def changed_copy(words: int, changes: int, seed: int) -> tuple[str, str, set[str]]:
    rng = random.Random(seed)
    vocabulary_ = vocabulary(rng, 300)
    base = [rng.choice(vocabulary_) for _ in range(words)]
    copy, new = list(base), set()
    for at in rng.sample(range(words), changes):
        copy[at] = f"changed{at}"
        new.add(copy[at])
    return " ".join(base), " ".join(copy), new


@pytest.mark.parametrize("changes", [1, 3, 400])
def test_the_highlighting_is_linear_in_a_records_length(changes: int) -> None:
    from tests.timing import best_of

    def highlight(words: int) -> Callable[[], object]:
        base, copy, _ = changed_copy(words, changes, 1)
        return lambda: list(differing(base, copy))

    # linear 8x, quadratic 64x; best of 3, a busy machine is not a bug (tests/timing.py)
    small, big = best_of(highlight(2_000), 3), best_of(highlight(16_000), 3)
    assert big < 30 * max(small, 0.005), (small, big)
    base, copy, new = changed_copy(16_000, changes, 2)
    # adjacent changes light up as one piece; a word between two changes may light up too
    lit = {word for differs, piece in differing(base, copy) if differs for word in piece.split()}
    assert lit == new or (changes > 3 and new <= lit)


@FEW
@given(seed=st.integers(0, 10_000), form=st.sampled_from(["NFD", "NFKD"]))
def test_a_copy_in_another_normal_form_or_case_lights_up_nothing(seed: int, form: str) -> None:
    rng = random.Random(seed)
    base = paragraph(
        rng, [w + rng.choice(["é", "ß", "ﬁ", "Å", ""]) for w in vocabulary(rng, 60)], 30
    )
    for copy in (unicodedata.normalize(form, base), base.upper(), base.casefold()):
        assert not [p for d, p in differing(base, copy) if d], copy


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
